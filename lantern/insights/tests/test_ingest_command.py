"""`lantern ingest`: files, directories, addresses; the summary line, the problems and the exit code."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern.insights.ingest import service
from lantern.insights.models import Channel, IngestJob, Post

from .ingest_helpers import FILES

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("ingest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_file_prints_its_problems_and_a_summary(library_a, library_b):
    out = run(str(FILES / "posts.csv"), "--library", "alpha")
    assert "line 3 (entry 2): the date “sometime in spring” cannot be read" in out
    assert "line 7 (entry 5): the text is empty" in out
    assert out.strip().endswith("read 5 / new 3 / duplicates 0 / rejected 2")


def test_a_directory_is_one_job_and_a_bad_file_is_named(library_a, library_b, tmp_path):
    for name in ("feed_rss.xml", "wechat_articles.json", "posts.jsonl", "twin_simplified.jsonl"):
        shutil.copy(FILES / name, tmp_path / name)
    (tmp_path / "notes.txt").write_text("not an export of anything\n")
    out = run(str(tmp_path), "--library", "alpha")
    job = IngestJob.objects.get()
    assert job.created == 3 + 3 + 3 and job.duplicates == 2
    assert "notes.txt: This file is not in a format Lantern can take in" in out
    assert "posts.jsonl, line 3 (entry 3): not valid JSON" in out
    assert f"read {job.read} / new 9 / duplicates 2 / rejected {job.rejected}" in out


def test_nothing_readable_exits_with_1(library_a, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text"}\n{"text": ""}\n')
    with pytest.raises(CommandError, match="Nothing could be read") as caught:
        run(str(bad), "--library", "alpha")
    assert caught.value.returncode == 1
    with pytest.raises(CommandError, match="not in a format"):
        (tmp_path / "x.txt").write_text("hello\n")
        run(str(tmp_path / "x.txt"), "--library", "alpha")


def test_unknown_library_file_or_channel(library_a):
    with pytest.raises(CommandError, match="no library “nowhere”"):
        run(str(FILES / "posts.csv"), "--library", "nowhere")
    with pytest.raises(CommandError, match="no file or directory"):
        run("/nonexistent/file.csv", "--library", "alpha")
    with pytest.raises(CommandError, match="no channel 999"):
        run(str(FILES / "posts.csv"), "--channel", "999")


def test_channel_gives_the_library_and_tags_the_posts(library_a):
    channel = Channel.objects.create(library=library_a, kind=Channel.Kind.FEED, name="Site news")
    run(str(FILES / "feed_rss.xml"), "--channel", str(channel.pk))
    assert Post.objects.filter(channel=channel).count() == 3


def test_an_address_is_fetched_with_an_honest_error_offline(library_a, monkeypatch):
    import urllib.error

    def offline(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(service.urllib.request, "urlopen", offline)
    with pytest.raises(CommandError, match=r"cannot be fetched .*offline"):
        run("https://library.example.org/feed.xml", "--library", "alpha")
    assert not IngestJob.objects.exists()


def test_an_address_is_ingested_with_a_size_limit(library_a, monkeypatch, settings):
    body = (FILES / "page_undated.html").read_bytes()

    class Response:
        def __init__(self, data):
            self.data = data

        def read(self, n):
            return self.data[:n]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(service.urllib.request, "urlopen", lambda request, timeout: Response(body))
    out = run("https://gamma.example.org/closed.html", "--library", "alpha")
    assert "new 1" in out
    assert Post.objects.get().url == "https://gamma.example.org/closed.html"  # the page named no address
    settings.LANTERN_INGEST_MAX_BYTES = 100
    with pytest.raises(CommandError, match="larger than the limit"):
        run("https://gamma.example.org/other.html", "--library", "alpha")
