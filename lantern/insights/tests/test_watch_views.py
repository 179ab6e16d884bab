"""The observatory's watch pages: home, watched libraries, channels, studies — who may see them, what bad
input says, and that watched libraries never reach readers."""

import contextlib
import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from lantern.core.models import Library, ServiceMode
from lantern.insights import watch
from lantern.insights.models import Channel, Study

from .watch_helpers import change_mode, make_post, make_researcher

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def researcher(db):
    return make_researcher()


@pytest.fixture
def wuhan(researcher):
    return watch.watch_library(name_zh="武汉图书馆", name_en="Wuhan Library", city="武汉", by=researcher)


@pytest.fixture
def feed(wuhan, researcher):
    return watch.add_channel(wuhan, "feed", "News feed", url="https://lib.example.cn/rss.xml", by=researcher)


@pytest.fixture
def study(wuhan, library_a, researcher):
    return watch.create_study(
        title="Reopening 2020",
        owner=researcher,
        starts_on=D(2020, 1, 24),
        until_reopening=True,
        libraries=[wuhan, library_a],
    )


def page(response) -> str:
    return response.content.decode()


# --- who may come in -----------------------------------------------------------------------------
def test_anonymous_people_are_sent_to_sign_in_and_readers_and_staff_are_kept_out(
    client, client_as, reader, librarian_a, wuhan, feed, study
):
    urls = [
        reverse("observatory:home"),
        reverse("observatory:libraries"),
        reverse("observatory:library", args=[wuhan.slug]),
        reverse("observatory:studies"),
        reverse("observatory:study_new"),
        reverse("observatory:study", args=[study.pk]),
        reverse("observatory:study_edit", args=[study.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/" in response["Location"], url
    for user in (reader, librarian_a):
        for url in urls:
            assert client_as(user).get(url).status_code == 403, url
        client_as(user).post(reverse("observatory:libraries"), {"name_zh": "某馆", "level": "municipal"})
        client_as(user).post(reverse("observatory:channel_remove", args=[wuhan.slug, feed.pk]), {"confirm": "yes"})
    assert Library.objects.filter(observed_only=True).count() == 1 and Channel.objects.count() == 1


def test_a_researcher_who_is_not_in_a_study_does_not_find_it(client_as, study):
    outsider = make_researcher("otto@example.org", "Otto")
    assert client_as(outsider).get(reverse("observatory:study", args=[study.pk])).status_code == 404


def test_a_coder_sees_the_study_but_cannot_change_it(client_as, study, wuhan):
    coder = make_researcher("cody@example.org", "Cody")
    study.coders.add(coder)
    response = client_as(coder).get(reverse("observatory:study", args=[study.pk]))
    assert response.status_code == 200 and "Change the study" not in page(response)
    assert client_as(coder).get(reverse("observatory:study_edit", args=[study.pk])).status_code == 403


# --- home ----------------------------------------------------------------------------------------
def test_the_home_page_shows_studies_counts_and_the_parts(client_as, researcher, study, wuhan):
    make_post(wuhan, "闭馆通知", published_on=D(2020, 1, 24))
    response = client_as(researcher).get(reverse("observatory:home"))
    text = page(response)
    assert response.status_code == 200
    assert "Reopening 2020" in text and "1 watched library" in text and "1 announcement" in text
    assert reverse("observatory:libraries") in text and reverse("observatory:studies") in text
    for name in ("ingest", "coding", "codebook", "agreement", "reports"):
        with contextlib.suppress(NoReverseMatch):  # parts built by others appear once they exist
            assert reverse(f"observatory:{name}") in text


# --- watched libraries ---------------------------------------------------------------------------
def test_a_researcher_registers_a_library_and_lands_on_its_page(client_as, researcher):
    response = client_as(researcher).post(
        reverse("observatory:libraries"),
        {"name_zh": "长沙图书馆", "name_en": "", "province": "湖南省", "city": "长沙", "level": "municipal"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("observatory:library", args=["changshatushuguan"])
    assert "长沙图书馆" in page(response) and "is now watched" in page(response)
    assert Library.objects.get(slug="changshatushuguan").observed_only


def test_bad_library_input_is_shown_with_its_message(client_as, researcher, wuhan):
    response = client_as(researcher).post(
        reverse("observatory:libraries"), {"name_zh": "", "name_en": "", "level": "municipal", "website": "lib.cn"}
    )
    assert response.status_code == 422
    assert "in Chinese, in English or both" in page(response)
    response = client_as(researcher).post(
        reverse("observatory:libraries"), {"name_zh": "武汉图书馆", "city": "武汉", "level": "municipal"}
    )
    assert response.status_code == 422 and "already registered, at /wuhan-library/" in page(response)
    assert Library.objects.count() == 1


def test_the_list_shows_channels_and_post_counts_and_searches(client_as, researcher, wuhan, feed):
    watch.watch_library(name_zh="长沙图书馆", city="长沙", by=researcher)
    make_post(wuhan, "一", published_on=D(2020, 1, 24))
    make_post(wuhan, "二", published_on=D(2020, 2, 24))
    text = page(client_as(researcher).get(reverse("observatory:libraries")))
    assert "Wuhan Library" in text and "长沙图书馆" in text and "News feed" in text
    assert "<td>2</td>" in text
    found = page(client_as(researcher).get(reverse("observatory:libraries"), {"q": "武汉"}))
    assert "Wuhan Library" in found and "长沙图书馆" not in found
    assert "No watched library matches" in page(
        client_as(researcher).get(reverse("observatory:libraries"), {"q": "无此馆"})
    )
    odd = client_as(researcher).get(reverse("observatory:libraries"), {"q": "%"})  # punctuation is no search
    assert odd.status_code == 200 and "Wuhan Library" in page(odd)


def test_the_library_page_counts_posts_by_year(client_as, researcher, wuhan):
    make_post(wuhan, "一", published_on=D(2020, 1, 24))
    make_post(wuhan, "二", published_on=D(2020, 2, 24))
    make_post(wuhan, "三", published_on=D(2021, 2, 24))
    make_post(wuhan, "四")
    text = page(client_as(researcher).get(reverse("observatory:library", args=[wuhan.slug])))
    assert "4 announcements in all" in text
    assert "<td>2020</td><td>2</td>" in text and "<td>2021</td><td>1</td>" in text
    assert "<td>No date known</td><td>1</td>" in text


def test_a_watched_library_is_edited_but_a_lantern_library_is_not(client_as, researcher, wuhan, library_a):
    response = client_as(researcher).post(
        reverse("observatory:library_edit", args=[wuhan.slug]),
        {"name_zh": "武汉图书馆", "name_en": "Wuhan Public Library", "city": "武汉", "level": "provincial"},
    )
    assert response.status_code == 302
    wuhan.refresh_from_db()
    assert wuhan.name_en == "Wuhan Public Library"
    assert "Change the details" not in page(client_as(researcher).get(reverse("observatory:library", args=["alpha"])))
    response = client_as(researcher).post(
        reverse("observatory:library_edit", args=["alpha"]), {"name_zh": "改名", "city": "甲市", "level": "municipal"}
    )
    assert response.status_code == 403
    library_a.refresh_from_db()
    assert library_a.name_zh_hans == "甲市图书馆"


# --- channels ------------------------------------------------------------------------------------
def test_a_channel_is_added_and_bad_channels_say_why(client_as, researcher, wuhan):
    url = reverse("observatory:channel_add", args=[wuhan.slug])
    response = client_as(researcher).post(url, {"kind": "wechat", "name": "公众号", "account": ""})
    assert response.status_code == 422 and "WeChat account&#x27;s name or ID" in page(response)
    response = client_as(researcher).post(url, {"kind": "pages", "page_urls": "https://a.cn/1\nnope"})
    assert response.status_code == 422 and "Line 2 is not a full" in page(response)
    assert not Channel.objects.exists()
    response = client_as(researcher).post(url, {"kind": "wechat", "name": "公众号", "account": "whlib"}, follow=True)
    assert "Channel “公众号” added" in page(response) and Channel.objects.get().account == "whlib"


def test_removing_a_channel_asks_first(client_as, researcher, wuhan, feed):
    url = reverse("observatory:channel_remove", args=[wuhan.slug, feed.pk])
    response = client_as(researcher).post(url)
    assert response.status_code == 200 and "Nothing has changed yet" in page(response)
    assert Channel.objects.filter(pk=feed.pk).exists()
    response = client_as(researcher).post(url, {"confirm": "yes"}, follow=True)
    assert "removed; its posts are kept" in page(response) and not Channel.objects.exists()


def test_a_channel_of_another_library_is_not_found(client_as, researcher, wuhan, feed, library_a):
    url = reverse("observatory:channel_remove", args=[library_a.slug, feed.pk])
    assert client_as(researcher).post(url, {"confirm": "yes"}).status_code == 404
    assert (
        client_as(researcher).get(reverse("observatory:channel_remove", args=[wuhan.slug, feed.pk])).status_code == 405
    )
    assert Channel.objects.exists()


# --- studies -------------------------------------------------------------------------------------
def study_post(**changes):
    data = {
        "title": "Spring 2020",
        "description": "",
        "starts_on": "2020-01-24",
        "ends_on": "2020-06-30",
        "double_coding_percent": "20",
        "action": "save",
    }
    return data | changes


def test_a_researcher_creates_a_study(client_as, researcher, wuhan, library_a):
    coder = make_researcher("cody@example.org", "Cody")
    data = study_post(libraries=[wuhan.pk, library_a.pk], coders=[coder.pk])
    response = client_as(researcher).post(reverse("observatory:study_new"), data, follow=True)
    study = Study.objects.get()
    assert response.redirect_chain[-1][0] == reverse("observatory:study", args=[study.pk])
    assert set(study.libraries.all()) == {wuhan, library_a} and list(study.coders.all()) == [coder]
    assert "Sample: 2 libraries" in page(response)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": ""}, "Give an end date, or choose “until each library reopens”."),
        ({"ends_on": "2019-12-31"}, "The end date cannot be before the start date."),
        ({"title": ""}, "Give the study a title."),
        ({"double_coding_percent": "150"}, "less than or equal to 100"),
        ({"starts_on": "24 janvier"}, "Enter a valid date"),
    ],
)
def test_a_bad_study_form_says_why_and_saves_nothing(client_as, researcher, wuhan, changes, message):
    data = study_post(libraries=[wuhan.pk]) | changes
    response = client_as(researcher).post(reverse("observatory:study_new"), data)
    assert response.status_code == 422 and message in page(response).replace("&#x27;", "'")
    assert not Study.objects.exists()


def test_a_study_needs_a_library_and_researchers_as_coders(client_as, researcher, reader, wuhan):
    response = client_as(researcher).post(reverse("observatory:study_new"), study_post())
    assert response.status_code == 422 and "Choose at least one library for the sample." in page(response)
    response = client_as(researcher).post(
        reverse("observatory:study_new"), study_post(libraries=[wuhan.pk], coders=[reader.pk])
    )
    assert response.status_code == 422  # a reader is not even offered
    assert not Study.objects.exists()


def test_the_sample_filter_works_without_javascript_and_keeps_what_was_ticked(client_as, researcher, wuhan, library_a):
    watch.watch_library(name_zh="长沙图书馆", city="长沙", by=researcher)
    data = study_post(title="Typed", libraries=[library_a.pk], library_filter="武汉", action="filter")
    response = client_as(researcher).post(reverse("observatory:study_new"), data)
    text = page(response)
    assert response.status_code == 200 and not Study.objects.exists()
    assert 'value="Typed"' in text
    assert "Wuhan Library" in text and "Alpha City Library" in text and "长沙图书馆" not in text
    assert f'value="{library_a.pk}"' in text and "checked" in text.split(f'value="{library_a.pk}"')[1][:40]


def test_the_owner_edits_a_study(client_as, researcher, study, wuhan):
    url = reverse("observatory:study_edit", args=[study.pk])
    form = page(client_as(researcher).get(url))
    assert 'value="Reopening 2020"' in form
    response = client_as(researcher).post(
        url, study_post(title="Renamed", ends_on="", until_reopening="on", libraries=[wuhan.pk])
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.title == "Renamed" and list(study.libraries.all()) == [wuhan]


def test_the_study_page_shows_each_window_and_its_posts(client_as, researcher, study, wuhan, library_a):
    change_mode(library_a, ServiceMode.CLOSED, D(2020, 1, 23))
    change_mode(library_a, ServiceMode.OPEN, D(2020, 3, 16))
    make_post(wuhan, "闭馆通知", published_on=D(2020, 1, 24))
    make_post(wuhan, "4月8日起恢复开放", published_on=D(2020, 3, 30), reopens_on=D(2020, 4, 8))
    make_post(wuhan, "旧闻", published_on=D(2019, 5, 1))
    response = client_as(researcher).get(reverse("observatory:study", args=[study.pk]))
    text = page(response)
    assert "its status history" in text and "its announcements" in text
    assert "03/16/2020" in text and "04/08/2020" in text
    shown = page(client_as(researcher).get(reverse("observatory:study", args=[study.pk]), {"library": wuhan.slug}))
    assert "闭馆通知" in shown and "4月8日起恢复开放" in shown and "旧闻" not in shown
    missing = client_as(researcher).get(reverse("observatory:study", args=[study.pk]), {"library": "nowhere"})
    assert missing.status_code == 404


# --- readers never meet a watched library --------------------------------------------------------
def test_watched_libraries_are_not_offered_to_readers(client, researcher, wuhan, library_a):
    home = page(client.get("/"))
    assert "甲市图书馆" in home or "Alpha City Library" in home
    assert "Wuhan Library" not in home and "武汉图书馆" not in home
    form = page(client.get(reverse("register")))
    assert f'value="{library_a.pk}"' in form
    assert f'value="{wuhan.pk}"' not in form and "Wuhan Library" not in form
    response = client.post(
        reverse("register"),
        {
            "identifier": "new@example.org",
            "library": wuhan.pk,
            "password1": "s3cret-lantern",
            "password2": "s3cret-lantern",
        },
    )
    assert response.status_code == 400 and "Select a valid choice" in page(response)


def test_a_watched_library_in_a_network_is_not_on_the_home_page(client, researcher, wuhan, network):
    Library.objects.filter(pk=wuhan.pk).update(network=network)
    assert "Wuhan Library" not in page(client.get("/"))


def test_the_pages_read_in_chinese(chinese, client_as, researcher, study, wuhan, feed):
    assert "Reopening 2020" in page(client_as(researcher).get(reverse("observatory:home")))
    for url in (
        reverse("observatory:libraries"),
        reverse("observatory:library", args=[wuhan.slug]),
        reverse("observatory:study_new"),
        reverse("observatory:study", args=[study.pk]),
    ):
        response = client_as(researcher).get(url)
        assert response.status_code == 200, url
        assert "武汉图书馆" in page(response), url
    assert "Reopening 2020" in page(client_as(researcher).get(reverse("observatory:studies")))
