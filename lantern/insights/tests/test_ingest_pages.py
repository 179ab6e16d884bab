"""The upload page, a job's page, the posts list and one post: who may see them, bad files, escaping."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantern.insights.models import IngestJob, Post

from .ingest_helpers import content, ingest, make_researcher, make_watched

pytestmark = pytest.mark.django_db


def upload(client, name, data=None, **fields):
    file = SimpleUploadedFile(name, content(name) if data is None else data)
    return client.post(reverse("observatory:ingest"), {"file": file, **fields})


def test_anonymous_visitors_sign_in_and_readers_are_refused(client, client_as, reader):
    response = client.get(reverse("observatory:ingest"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client_as(reader).get(reverse("observatory:ingest")).status_code == 403
    assert client_as(reader).get(reverse("observatory:posts")).status_code == 403


def test_a_researcher_uploads_a_feed_and_sees_the_counts(client_as):
    watched = make_watched()
    client = client_as(make_researcher())
    page = client.get(reverse("observatory:ingest"))
    assert page.status_code == 200 and "Gamma Public Library" in page.content.decode()
    response = upload(client, "feed_rss.xml", library=watched.pk)
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("observatory:ingest_job", args=[job.pk])
    html = client.get(response["Location"]).content.decode()
    assert "entry 4 has neither a title nor any text" in html
    assert (job.read, job.created, job.rejected) == (4, 3, 1)
    assert job.started_by is not None


def test_a_bad_file_is_a_message_not_a_500(client_as):
    watched = make_watched()
    client = client_as(make_researcher())
    response = upload(client, "notes.txt", data=b"\x00\x01 nothing here", library=watched.pk)
    assert response.status_code == 400
    assert "not in a format Lantern can take in" in response.content.decode()
    response = upload(client, "posts.csv", library=watched.pk, format="rss")
    assert response.status_code == 400 and "not in the format" in response.content.decode()
    response = upload(client, "empty.csv", data=b"", library=watched.pk)
    assert response.status_code == 400 and "The file is empty." in response.content.decode()
    assert not IngestJob.objects.exists()


def test_the_upload_size_is_limited(client_as, settings):
    settings.LANTERN_INGEST_MAX_BYTES = 100
    watched = make_watched()
    response = upload(client_as(make_researcher()), "feed_rss.xml", library=watched.pk)
    assert response.status_code == 400 and "files up to 100" in response.content.decode()


def test_staff_ingest_only_into_their_own_library(client_as, librarian_a, library_a, library_b):
    client = client_as(librarian_a)
    page = client.get(reverse("observatory:ingest")).content.decode()
    assert "Alpha City Library" in page and "Beta City Library" not in page
    assert upload(client, "feed_atom.xml", library=library_b.pk).status_code == 400
    assert upload(client, "feed_atom.xml", library=library_a.pk).status_code == 302
    # A CSV row naming another library is refused for this person; the other rows come in.
    job = ingest("posts.csv", library_a, allowed_libraries={library_a.pk})
    assert "you may not add posts to the library “beta”" in [p["message"] for p in job.problems]
    other = ingest("feed_rss.xml", library_b)
    assert client.get(reverse("observatory:ingest_job", args=[other.pk])).status_code == 403
    beta_post = Post.objects.filter(library=library_b).first()
    assert client.get(reverse("observatory:post", args=[beta_post.pk])).status_code == 404


def test_the_posts_list_filters(client_as, library_a):
    ingest("posts.jsonl", library_a)
    ingest("feed_atom.xml", library_a)
    client = client_as(make_researcher())
    url = reverse("observatory:posts")
    html = client.get(url).content.decode()
    assert "Free e-books during the closure" in html and "Library to reopen on June 8" in html
    html = client.get(url, {"language": "zh"}).content.decode()
    assert "图书馆暂停开放公告" in html and "Free e-books" not in html
    html = client.get(url, {"published_from": "2020-05-01", "published_until": "2020-05-31"}).content.decode()
    assert "Curbside pickup starts" in html and "Library to reopen" not in html
    html = client.get(url, {"code": "emergency"}).content.decode()
    assert "图书馆暂停开放公告" in html
    assert client.get(url, {"published_from": "not a date"}).status_code == 200


def test_one_post_shows_dates_suggestion_and_the_original_escaped(client_as, library_a):
    ingest("posts.jsonl", library_a)
    post = Post.objects.get(url="https://alpha-library.example.cn/news/j4.html")
    html = client_as(make_researcher()).get(reverse("observatory:post", args=[post.pk])).content.decode()
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Script test" in html
    assert "from: The imported file" in html
    assert "Emergency management" in html and "%" in html


def test_an_undated_post_says_so(client_as, library_a):
    ingest("page_undated.html", library_a)
    post = Post.objects.get()
    html = client_as(make_researcher()).get(reverse("observatory:post", args=[post.pk])).content.decode()
    assert "Unknown: the source gave no date." in html
