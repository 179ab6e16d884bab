"""Watched libraries, channels, studies and their windows: the services, their checks and their rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Library, ServiceMode
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
    return watch.watch_library(
        name_zh="武汉图书馆", name_en="Wuhan Library", province="湖北省", city="武汉", level="municipal", by=researcher
    )


def study_values(library, **changes):
    values = {
        "title": "Reopening 2020",
        "starts_on": D(2020, 1, 24),
        "ends_on": D(2020, 6, 30),
        "until_reopening": False,
        "double_coding_percent": 20,
        "libraries": [library],
        "coders": [],
    }
    return values | changes


# --- watched libraries ---------------------------------------------------------------------------
def test_a_watched_library_is_observed_only_with_a_slug_from_its_english_name(wuhan):
    assert wuhan.observed_only and wuhan.slug == "wuhan-library"
    assert wuhan.name_zh_hans == "武汉图书馆" and wuhan.name_en == "Wuhan Library"
    assert AuditEntry.objects.filter(action="watch.library_added", object_id=str(wuhan.pk)).exists()


def test_a_chinese_only_name_gets_a_pinyin_slug(researcher):
    library = watch.watch_library(name_zh="长沙图书馆", city="长沙", by=researcher)
    assert library.slug == "changshatushuguan"
    assert library.name == "长沙图书馆"


def test_two_libraries_of_one_name_in_different_cities_get_different_slugs(researcher):
    first = watch.watch_library(name_zh="市图书馆", city="甲市", by=researcher)
    second = watch.watch_library(name_zh="市图书馆", city="乙市", by=researcher)
    assert (first.slug, second.slug) == ("shitushuguan", "shitushuguan-2")


def test_a_slug_never_takes_a_path_the_site_uses(researcher):
    assert watch.watch_library(name_en="Observatory", city="X", by=researcher).slug == "observatory-2"
    assert watch.watch_library(name_en="Admin", city="X", by=researcher).slug == "admin-2"


def test_a_name_of_symbols_only_still_gets_a_slug(researcher):
    assert watch.watch_library(name_en="???", city="X", by=researcher).slug == "library"


def test_the_same_library_in_the_same_city_is_refused(wuhan, researcher):
    with pytest.raises(Refused, match="already registered, at /wuhan-library/") as caught:
        watch.watch_library(name_zh="武汉图书馆", city="武汉", by=researcher)
    assert caught.value.reason == "library_exists"
    with pytest.raises(Refused):
        watch.watch_library(name_en="wuhan library", city="武汉", by=researcher)
    assert Library.objects.count() == 1


def test_a_lantern_library_of_the_same_name_is_refused_too(library_a, researcher):
    with pytest.raises(Refused, match="/alpha/"):
        watch.watch_library(name_zh="甲市图书馆", city="甲市", by=researcher)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name_zh": " ", "name_en": ""}, "name_zh", "in Chinese, in English or both"),
        ({"name_zh": "某馆", "level": "national"}, "level", "level from the list"),
        ({"name_zh": "某馆", "website": "www.lib.cn"}, "website", "starting with http:// or https://"),
        ({"name_zh": "某馆", "website": "ftp://lib.cn"}, "website", "starting with http:// or https://"),
        ({"name_zh": "馆" * 201}, "name_zh", "At most 200"),
    ],
)
def test_bad_library_details_are_refused_with_a_message_and_nothing_written(researcher, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        watch.watch_library(**fields, by=researcher)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Library.objects.exists() and not AuditEntry.objects.filter(action__startswith="watch.").exists()


def test_a_watched_library_can_be_renamed_but_keeps_its_slug(wuhan, researcher):
    watch.update_watched_library(
        wuhan, name_zh="武汉图书馆", name_en="Wuhan Public Library", city="武汉", level="provincial", by=researcher
    )
    wuhan.refresh_from_db()
    assert wuhan.name_en == "Wuhan Public Library" and wuhan.slug == "wuhan-library" and wuhan.level == "provincial"


def test_renaming_onto_another_library_is_refused(wuhan, researcher):
    other = watch.watch_library(name_zh="汉口图书馆", city="武汉", by=researcher)
    with pytest.raises(Refused):
        watch.update_watched_library(other, name_zh="武汉图书馆", city="武汉", by=researcher)
    other.refresh_from_db()
    assert other.name_zh_hans == "汉口图书馆"


def test_a_lantern_library_is_not_edited_here(library_a, researcher):
    with pytest.raises(Refused) as caught:
        watch.update_watched_library(library_a, name_zh="改名", city="甲市", by=researcher)
    assert caught.value.status == 403
    library_a.refresh_from_db()
    assert library_a.name_zh_hans == "甲市图书馆"


# --- channels ------------------------------------------------------------------------------------
def test_each_kind_of_channel_is_added(wuhan, researcher):
    feed = watch.add_channel(wuhan, "feed", "News", url="https://lib.example.cn/rss.xml", by=researcher)
    pages = watch.add_channel(
        wuhan, "pages", "", page_urls="https://lib.example.cn/a.html\n\n https://lib.example.cn/b.html ", by=researcher
    )
    wechat = watch.add_channel(wuhan, "wechat", "公众号", account="whlib1985", by=researcher)
    assert feed.url.endswith("rss.xml")
    assert pages.page_urls.splitlines() == ["https://lib.example.cn/a.html", "https://lib.example.cn/b.html"]
    assert pages.name == "Web pages"  # named by its kind when left empty
    assert wechat.account == "whlib1985"
    assert AuditEntry.objects.filter(action="watch.channel_added").count() == 3


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("feed", {}, "url", "A feed needs its address"),
        ("feed", {"url": "lib.example.cn/rss"}, "url", "starting with http:// or https://"),
        ("pages", {"page_urls": "\n \n"}, "page_urls", "at least one page address"),
        (
            "pages",
            {"page_urls": "https://ok.cn/a\nnot an address\nhttps://ok.cn/b\nftp://x.cn"},
            "page_urls",
            "Line 2, 4",
        ),
        ("wechat", {"account": "  "}, "account", "WeChat account's name or ID"),
        ("other", {}, "url", "an address or an account name"),
        ("fax", {}, "kind", "kind of channel from the list"),
    ],
)
def test_a_channel_without_what_its_kind_needs_is_refused(wuhan, researcher, kind, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        watch.add_channel(wuhan, kind, "X", **fields, by=researcher)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Channel.objects.exists()


def test_the_same_feed_or_account_is_not_registered_twice(wuhan, researcher):
    watch.add_channel(wuhan, "feed", "News", url="https://lib.example.cn/rss.xml", by=researcher)
    watch.add_channel(wuhan, "wechat", "WeChat", account="whlib", by=researcher)
    with pytest.raises(Refused, match="already registered"):
        watch.add_channel(wuhan, "feed", "Again", url="https://lib.example.cn/rss.xml", by=researcher)
    with pytest.raises(Refused):
        watch.add_channel(wuhan, "wechat", "Again", account="WHLIB", by=researcher)
    assert Channel.objects.count() == 2


def test_removing_a_channel_keeps_its_posts(wuhan, researcher):
    channel = watch.add_channel(wuhan, "wechat", "WeChat", account="whlib", by=researcher)
    post = make_post(wuhan, "闭馆通知", published_on=D(2020, 1, 24))
    post.channel = channel
    post.save()
    watch.remove_channel(channel, by=researcher)
    post.refresh_from_db()
    assert post.channel is None and not Channel.objects.exists()
    assert AuditEntry.objects.filter(action="watch.channel_removed").exists()


# --- studies -------------------------------------------------------------------------------------
def test_a_study_is_created_with_its_sample_and_coders(wuhan, library_a, researcher):
    coder = make_researcher("cody@example.org", "Cody")
    study = watch.create_study(**study_values(wuhan, libraries=[wuhan, library_a], coders=[coder]), owner=researcher)
    assert set(study.libraries.all()) == {wuhan, library_a}  # Lantern's own libraries may be sampled too
    assert list(study.coders.all()) == [coder]
    assert AuditEntry.objects.filter(action="study.created", object_id=str(study.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "Give the study a title"),
        ({"ends_on": None, "until_reopening": False}, "ends_on", "until each library reopens"),
        ({"ends_on": D(2020, 1, 1)}, "ends_on", "cannot be before the start"),
        ({"starts_on": None}, "starts_on", "the study starts from"),
        ({"libraries": []}, "libraries", "at least one library"),
        ({"double_coding_percent": 101}, "double_coding_percent", "between 0 and 100"),
        ({"double_coding_percent": -5}, "double_coding_percent", "between 0 and 100"),
    ],
)
def test_a_bad_study_is_refused_with_a_message_and_nothing_written(wuhan, researcher, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        watch.create_study(**study_values(wuhan, **changes), owner=researcher)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Study.objects.exists()


def test_coders_must_be_researchers(wuhan, researcher, reader):
    with pytest.raises(ValidationError) as caught:
        watch.create_study(**study_values(wuhan, coders=[reader]), owner=researcher)
    assert "Only researchers can code" in caught.value.message_dict["coders"][0]
    assert not Study.objects.exists()


def test_only_researchers_run_studies(wuhan, reader):
    with pytest.raises(Refused):
        watch.create_study(**study_values(wuhan), owner=reader)


def test_only_the_owner_changes_a_study(wuhan, library_a, researcher):
    study = watch.create_study(**study_values(wuhan), owner=researcher)
    other = make_researcher("otto@example.org", "Otto")
    with pytest.raises(Refused):
        watch.update_study(study, **study_values(wuhan, title="Hijacked"), by=other)
    with pytest.raises(Refused):
        watch.add_libraries(study, [library_a], by=other)
    watch.update_study(study, **study_values(wuhan, title="Renamed", ends_on=D(2020, 12, 31)), by=researcher)
    study.refresh_from_db()
    assert study.title == "Renamed" and study.ends_on == D(2020, 12, 31)
    assert watch.add_libraries(study, [library_a, wuhan], by=researcher) == 1
    assert study.libraries.count() == 2


# --- windows -------------------------------------------------------------------------------------
def test_a_fixed_window_ends_on_the_end_date(wuhan, researcher):
    study = watch.create_study(**study_values(wuhan), owner=researcher)
    assert watch.study_window(study, wuhan) == (D(2020, 1, 24), D(2020, 6, 30))


def test_until_reopening_takes_the_reopening_from_the_status_history(library_a, researcher):
    change_mode(library_a, ServiceMode.OPEN, D(2019, 1, 1))
    change_mode(library_a, ServiceMode.CLOSED, D(2020, 1, 23))
    change_mode(library_a, ServiceMode.CONTACTLESS, D(2020, 2, 10))  # still closed to visitors
    change_mode(library_a, ServiceMode.APPOINTMENT, D(2020, 3, 16))
    change_mode(library_a, ServiceMode.OPEN, D(2020, 5, 1))
    make_post(library_a, "将于6月1日开馆", published_on=D(2020, 3, 1), reopens_on=D(2020, 6, 1))
    study = watch.create_study(**study_values(library_a, ends_on=None, until_reopening=True), owner=researcher)
    assert watch.study_window(study, library_a) == (D(2020, 1, 24), D(2020, 3, 16))
    assert watch.window_of(study, library_a).source == "status"


def test_a_change_between_two_open_modes_is_not_a_reopening(library_a, researcher):
    change_mode(library_a, ServiceMode.OPEN, D(2019, 1, 1))
    change_mode(library_a, ServiceMode.APPOINTMENT, D(2020, 2, 1))
    study = watch.create_study(**study_values(library_a, ends_on=None, until_reopening=True), owner=researcher)
    assert watch.study_window(study, library_a) == (D(2020, 1, 24), None)


def test_until_reopening_falls_back_on_the_latest_reopening_date_in_posts(wuhan, researcher):
    make_post(wuhan, "3月2日起恢复开放", published_on=D(2020, 2, 20), reopens_on=D(2020, 3, 2))
    make_post(wuhan, "推迟至4月8日开放", published_on=D(2020, 2, 28), reopens_on=D(2020, 4, 8))
    make_post(wuhan, "2019年春节开放", published_on=D(2019, 1, 30), reopens_on=D(2019, 2, 10))  # before the start
    study = watch.create_study(**study_values(wuhan, ends_on=None, until_reopening=True), owner=researcher)
    assert watch.study_window(study, wuhan) == (D(2020, 1, 24), D(2020, 4, 8))
    assert watch.window_of(study, wuhan).source == "posts"


def test_a_library_with_no_reopening_known_has_an_open_ended_window(wuhan, researcher):
    make_post(wuhan, "闭馆通知", published_on=D(2020, 1, 24))
    study = watch.create_study(**study_values(wuhan, ends_on=None, until_reopening=True), owner=researcher)
    assert watch.study_window(study, wuhan) == (D(2020, 1, 24), None)


def test_an_end_date_caps_until_reopening(wuhan, researcher):
    make_post(wuhan, "推迟至9月开放", published_on=D(2020, 2, 28), reopens_on=D(2020, 9, 1))
    study = watch.create_study(**study_values(wuhan, ends_on=D(2020, 6, 30), until_reopening=True), owner=researcher)
    assert watch.study_window(study, wuhan) == (D(2020, 1, 24), D(2020, 6, 30))


def test_all_windows_at_once_agree_with_one_at_a_time(wuhan, library_a, researcher):
    change_mode(library_a, ServiceMode.CLOSED, D(2020, 1, 23))
    change_mode(library_a, ServiceMode.OPEN, D(2020, 3, 16))
    make_post(wuhan, "4月8日开放", published_on=D(2020, 2, 28), reopens_on=D(2020, 4, 8))
    study = watch.create_study(
        **study_values(wuhan, libraries=[wuhan, library_a], ends_on=None, until_reopening=True), owner=researcher
    )
    windows = watch.study_windows(study)
    for library in (wuhan, library_a):
        assert (windows[library.pk].start, windows[library.pk].end) == watch.study_window(study, library)


def test_posts_in_a_window_are_the_dated_posts_within_it(wuhan, researcher):
    make_post(wuhan, "before", published_on=D(2020, 1, 1))
    inside = make_post(wuhan, "inside", published_on=D(2020, 2, 1))
    make_post(wuhan, "after", published_on=D(2020, 7, 1))
    make_post(wuhan, "undated")
    study = watch.create_study(**study_values(wuhan), owner=researcher)
    assert list(watch.posts_in_window(watch.window_of(study, wuhan), wuhan)) == [inside]
