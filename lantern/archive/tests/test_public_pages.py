"""The archive's public pages as a visitor meets them: the archive's home, search (Traditional and Simplified
alike, two-character words, every word required), filters with counts, a collection, an item with its rights,
and what they never show (contact details, a name the contributor kept back, a draft collection)."""

import json
import re

import pytest
from django.urls import reverse

from lantern.archive.models import ArchiveSettings, Item

from .collections_helpers import CONTACT_EMAIL, CONTACT_PHONE, small_archive
from .helpers import accepted_item, collection, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(library_a):
    return small_archive(library_a)


def _page(client, name, *args, **params) -> str:
    response = client.get(reverse(f"archive:{name}", args=["alpha", *args]), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/alpha/archive/items/[^"]+/">([^<]+)</a></h3>', html)


def _jsonld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "the page carries JSON-LD"
    return json.loads(found.group(1))


def test_the_archive_home_shows_collections_with_counts_calls_and_recent_items(client, library_a, archive):
    city = archive["city"]
    city.calls_for_contributions = True
    city.call_text_en = "Send us your letters and photos from 2020."
    city.save()
    html = _page(client, "home")
    assert "Our city in the epidemic" in html
    assert "3 items" in html  # the draft collection's item does not count, nor show
    assert "Draft shelf" not in html and "草稿里的日记" not in html.split("Recently added")[0]
    assert "Send us your letters and photos from 2020." in html
    assert reverse("archive:contribute", args=["alpha"]) + "?call=our-city" in html
    cover = archive["photo"].files.get()
    assert reverse("archive:file", args=["alpha", archive["photo"].reference, cover.position, "thumb"]) in html
    assert "<search>" in html and 'name="q"' in html
    assert set(_titles(html)) >= {"春天会来", "給醫護人員的一封信", "小区门口的志愿者"}


def test_no_call_is_shown_when_the_library_takes_no_contributions(client, library_a, archive):
    archive["city"].calls_for_contributions = True
    archive["city"].call_text_en = "Send us your letters."
    archive["city"].save()
    ArchiveSettings.objects.create(library=library_a, accepts_contributions=False)
    html = _page(client, "home")
    assert "Send us your letters." not in html
    assert reverse("archive:contribute", args=["alpha"]) not in html


def test_an_ended_call_is_not_shown(client, library_a, archive):
    archive["city"].calls_for_contributions = True
    archive["city"].call_text_en = "Send us your letters."
    archive["city"].call_ends_on = "2020-01-01"
    archive["city"].save()
    assert "Send us your letters." not in _page(client, "home")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("紅樓", ["給醫護人員的一封信"]),  # Traditional query, Traditional text
        ("红楼", ["給醫護人員的一封信"]),  # Simplified query finds the Traditional text
        ("醫護", ["給醫護人員的一封信"]),  # a two-character word
        ("医护", ["給醫護人員的一封信"]),
        ("春天", ["春天会来"]),
        ("武汉 春天", ["春天会来"]),  # every word must match
        ("武汉 不存在", []),
        ("武汉", ["春天会来", "給醫護人員的一封信", "小区门口的志愿者"]),
    ],
)
def test_search_folds_chinese_and_needs_every_word(client, archive, query, expected):
    assert sorted(_titles(_page(client, "search", q=query))) == sorted(expected)


def test_titles_that_match_come_first(client, library_a, archive):
    # Newer, but the word is only in its description.
    accepted_item(library_a, archive["city"], files=[], kind="diary", title="封城第一天", description="想起春天。")
    titles = _titles(_page(client, "search", q="春天"))
    assert titles == ["春天会来", "封城第一天"]


def test_facets_count_what_each_choice_would_give(client, library_a, archive):
    html = _page(client, "search")
    assert re.search(r'kind=letter">Letter</a> <span class="muted">\(1\)', html)
    assert re.search(r'kind=photo">Photo</a> <span class="muted">\(1\)', html)
    assert re.search(r'year=2020">2020</a> <span class="muted">\(2\)', html)
    assert re.search(r'year=2021">2021</a> <span class="muted">\(1\)', html)
    assert re.search(r">武汉市江岸区</a> <span class=\"muted\">\(2\)", html)
    assert re.search(r'collection=our-city">Our city in the epidemic</a> <span class="muted">\(3\)', html)
    assert "Draft shelf" not in html

    chosen = _page(client, "search", year="2020")
    assert sorted(_titles(chosen)) == sorted(["給醫護人員的一封信", "小区门口的志愿者"])
    # The year facet still offers 2021 with its own count; the kind facet counts within 2020.
    assert re.search(r"year=2021\">2021</a> <span class=\"muted\">\(1\)", chosen)
    assert "poem_story" not in chosen.split("Narrow the results")[1]
    # The chosen filter can be removed.
    assert 'href="?">Year: 2020' in chosen


def test_filters_combine_with_words(client, archive):
    html = _page(client, "search", q="武汉", kind="poem_story", place="武汉市江岸区", collection="our-city")
    assert _titles(html) == ["春天会来"]
    assert "Words: 武汉" in html and "Kind: Poem or story" in html and "Place: 武汉市江岸区" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"year": "xyz"},
        {"year": "２０２０"},
        {"year": "99999999999999999999"},
        {"kind": "<script>"},
        {"collection": "no-such-thing"},
        {"collection": "draft-shelf"},
        {"place": "x" * 5000},
        {"q": "%_\\'\"" * 200},
    ],
)
def test_bad_parameters_never_break_the_search(client, archive, params):
    for name, args in (("search", []), ("collection", ["our-city"])):
        response = client.get(reverse(f"archive:{name}", args=["alpha", *args]), params)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</head>")[1]


def test_a_bad_year_says_it_was_left_out(client, archive):
    html = _page(client, "search", year="xyz")
    assert "“xyz” is not a year; showing every year." in html
    assert len(_titles(html)) == 4


def test_results_come_twenty_to_a_page(client, library_a, archive):
    for n in range(20):
        accepted_item(library_a, files=[], kind="diary", title=f"日记 {n}", description="居家。")
    first = _page(client, "search")
    assert len(_titles(first)) == 20 and "Page 1 of 2" in first
    second = _page(client, "search", page="2")
    assert len(_titles(second)) == 4


def test_a_collection_page_lists_its_items_with_a_search_within(client, library_a, archive):
    accepted_item(library_a, files=[], kind="diary", title="别处的日记", description="春天")
    html = _page(client, "collection", "our-city")
    assert "<h1>Our city in the epidemic</h1>" in html
    assert "Letters, diaries, photos and passes" in html
    assert len(_titles(html)) == 3
    assert _titles(_page(client, "collection", "our-city", q="春天")) == ["春天会来"]
    data = _jsonld(html)
    assert data["@type"] == "CollectionPage" and data["mainEntity"]["@type"] == "ItemList"
    assert data["mainEntity"]["numberOfItems"] == 3
    assert len(data["mainEntity"]["itemListElement"]) == 3


def test_a_draft_or_unknown_collection_is_not_found(client, archive):
    assert client.get(reverse("archive:collection", args=["alpha", "draft-shelf"])).status_code == 404
    assert client.get(reverse("archive:collection", args=["alpha", "nothing"])).status_code == 404
    assert client.get(reverse("archive:collection", args=["beta", "our-city"])).status_code == 404


def test_an_item_page_shows_its_description_and_rights(client, archive):
    letter = archive["letter"]
    html = _page(client, "item", letter.reference)
    assert "<h1" in html and "給醫護人員的一封信" in html
    # Line breaks kept.
    assert "親愛的醫生：<br>謝謝你們。</p>\n\n<p>紅樓裡的燈一直亮著。" in html
    assert "李华" in html and "2020-03-08" in html and "武汉市武昌区" in html
    assert "Licence: CC BY 4.0." in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert reverse("archive:collection", args=["alpha", "our-city"]) in html
    assert reverse("archive:takedown", args=["alpha", letter.reference]) in html
    data = _jsonld(html)
    assert data["@type"] == "Article"
    assert data["name"] == "給醫護人員的一封信" and data["creator"] == {"@type": "Person", "name": "李华"}
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["isPartOf"][0]["name"] == "Our city in the epidemic"
    assert data["dateCreated"] == "2020-03-08" and data["contentLocation"]["name"] == "武汉市武昌区"
    assert "contributor" not in data


def test_a_photo_page_shows_the_web_image_with_alt_text_and_photograph_json_ld(client, archive):
    item = archive["photo"]
    image = item.files.get()
    html = _page(client, "item", item.reference)
    web = reverse("archive:file", args=["alpha", item.reference, image.position, "web"])
    thumb = reverse("archive:file", args=["alpha", item.reference, image.position, "thumb"])
    assert f'src="{web}"' in html and f"{thumb} 480w" in html
    assert 'alt="小区门口的志愿者"' in html
    assert reverse("archive:file", args=["alpha", item.reference, image.position, "original"]) not in html
    data = _jsonld(html)
    assert data["@type"] == "Photograph"
    assert data["image"] == [f"http://testserver{web}"] and data["inLanguage"] == "zh"


def test_a_caption_is_the_alt_text_when_staff_wrote_one(client, archive):
    image = archive["photo"].files.get()
    image.caption = "两位志愿者在小区门口给居民测体温"
    image.save()
    assert 'alt="两位志愿者在小区门口给居民测体温"' in _page(client, "item", archive["photo"].reference)


def test_a_poem_sent_as_text_is_shown_and_linked(client, archive):
    poem = archive["poem"]
    html = _page(client, "item", poem.reference)
    assert "春天会来<br>樱花会开" in html
    assert reverse("archive:file", args=["alpha", poem.reference, 0, "original"]) in html
    assert _jsonld(html)["@type"] == "CreativeWork"


def test_the_contributors_name_shows_only_when_they_allowed_it(client, archive):
    poem = _page(client, "item", archive["poem"].reference)
    assert "Contributed by" in poem and "张小雨" in poem
    assert _jsonld(poem)["contributor"] == {"@type": "Person", "name": "张小雨"}
    letter = _page(client, "item", archive["letter"].reference)
    assert "李华的妈妈" not in letter and "Contributed by" not in letter


def test_contact_details_are_never_on_a_public_page(client, archive):
    pages = [
        _page(client, "home"),
        _page(client, "search"),
        _page(client, "search", q="武汉"),
        _page(client, "collection", "our-city"),
        *(_page(client, "item", archive[key].reference) for key in ("photo", "letter", "poem")),
    ]
    for html in pages:
        assert CONTACT_EMAIL not in html and CONTACT_PHONE not in html
        assert "李华的妈妈" not in html


def test_a_social_post_links_its_source_without_passing_trust(client, library_a, archive):
    post = accepted_item(
        library_a,
        archive["city"],
        files=[photo("screenshot.png")],
        kind="social_post",
        title="微博上的求助",
        source_link="https://weibo.example.org/post/123",
    )
    html = _page(client, "item", post.reference)
    assert '<a href="https://weibo.example.org/post/123" rel="nofollow noopener">' in html
    assert _jsonld(html)["@type"] == "ImageObject"


def test_a_hidden_file_is_not_shown_on_the_item_page(client, library_a, archive):
    item = accepted_item(library_a, archive["city"], files=[photo("a.jpg"), photo("b.jpg", colour=(0, 0, 200))])
    item.files.filter(position=1).update(hidden=True)
    html = _page(client, "item", item.reference)
    assert reverse("archive:file", args=["alpha", item.reference, 0, "web"]) in html
    assert reverse("archive:file", args=["alpha", item.reference, 1, "web"]) not in html
    assert len(_jsonld(html)["image"]) == 1


def test_an_item_of_another_library_is_not_found_under_this_one(client, library_a, library_b):
    other = accepted_item(library_b, collection(library_b))
    assert client.get(reverse("archive:item", args=["alpha", other.reference])).status_code == 404
    assert client.get(reverse("archive:item", args=["beta", other.reference])).status_code == 200


def test_pages_read_in_chinese_too(client, archive):
    response = client.get(
        reverse("archive:collection", args=["alpha", "our-city"]), headers={"accept-language": "zh-hans"}
    )
    html = response.content.decode()
    assert "<h1>我们城市的抗疫记忆</h1>" in html and 'lang="zh-Hans"' in html


def test_an_item_kind_label_is_shown(client, archive):
    html = _page(client, "item", archive["poem"].reference)
    assert str(Item.Kind.POEM_STORY.label) in html
