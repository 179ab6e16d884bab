"""Reading-list pages: what readers see, what staff can do without JavaScript, and who may do it."""

import json
import re

import pytest
from django.urls import reverse

from lantern.catalogue.models import EResource, Isbn, ReadingList, Record
from lantern.catalogue.services import lists as services
from lantern.insights.models import ServiceRecord


@pytest.fixture
def books(library_a):
    dream = Record.objects.create(library=library_a, title="红楼梦", authors=["曹雪芹"], year=1982, language="chi")
    Isbn.objects.create(record=dream, value="9787020002207")
    plague = Record.objects.create(library=library_a, title="The Plague", authors=["Albert Camus"], language="eng",
                                   format="ebook")  # fmt: skip
    EResource.objects.create(
        record=plague, library=library_a, platform="超星", url="https://ebooks.example.org/plague",
        access_note_zh_hans="闭馆期间免费", access_note_en="Free during the closure",
    )  # fmt: skip
    return [dream, plague]


@pytest.fixture
def published_list(library_a, librarian_a, books):
    reading_list = services.create_list(
        library_a, by=librarian_a, title_zh="居家读经典", title_en="Classics at home",
        theme_zh="闭馆不闭学", theme_en="The library is closed, reading is not", audience="families",
        purpose="classics_at_home",
    )  # fmt: skip
    services.add_record_entry(reading_list, books[0], note_zh="四大名著之一", note_en="One of the four classics",
                              by=librarian_a)  # fmt: skip
    services.add_record_entry(reading_list, books[1], note_en="</script><b>Read</b> it now", by=librarian_a)
    services.add_outside_entry(
        reading_list, title="国家数字图书馆", url="https://www.nlc.cn/", note_zh="免费数据库", by=librarian_a
    )
    services.publish_list(reading_list, by=librarian_a)
    return reading_list


def editor_url(reading_list, name="staff_list_editor", *extra):
    return reverse(f"catalogue:{name}", args=[reading_list.library.slug, reading_list.pk, *extra])


# --- public pages --------------------------------------------------------------------------------
def test_readers_see_published_lists_and_filter_by_audience(client, published_list, library_a, librarian_a, chinese):
    draft = services.create_list(library_a, by=librarian_a, title_zh="草稿书单", title_en="", theme_zh="",
                                 theme_en="", audience="elderly", purpose="other")  # fmt: skip
    page = client.get("/alpha/lists/", headers={"accept-language": "zh-hans"}).content.decode()
    assert "居家读经典" in page and draft.title not in page
    families = client.get("/alpha/lists/?audience=families").content.decode()
    assert "居家读经典" in families
    elderly = client.get("/alpha/lists/?audience=elderly").content.decode()
    assert "居家读经典" not in elderly


def test_list_page_shows_notes_links_access_and_escaped_json_ld(client, published_list, books):
    response = client.get(published_list.get_absolute_url(), headers={"accept-language": "en"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Classics at home" in page and "One of the four classics" in page
    assert f'href="{books[0].get_absolute_url()}"' in page
    assert 'href="https://www.nlc.cn/"' in page
    assert "Free during the closure" in page  # the e-resource's access note
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', page, re.S)
    assert match and match.group(1)
    assert "</script><b>" not in match.group(2)  # the note cannot end the script element
    data = json.loads(match.group(2))
    assert data["@type"] == "ItemList" and data["numberOfItems"] == 3
    assert data["itemListElement"][0]["item"]["isbn"] == "9787020002207"
    assert data["itemListElement"][1]["item"]["description"] == "</script><b>Read</b> it now"
    assert data["itemListElement"][2]["item"]["url"] == "https://www.nlc.cn/"
    assert data["url"] == f"http://testserver{published_list.get_absolute_url()}"


def test_list_page_is_in_the_readers_language(client, published_list):
    page = client.get(published_list.get_absolute_url(), headers={"accept-language": "zh-hans"}).content.decode()
    assert "<h1>居家读经典</h1>" in page and "四大名著之一" in page


def test_a_draft_is_hidden_from_readers_but_staff_can_preview(client, client_as, published_list, librarian_a, reader):
    services.unpublish_list(published_list, by=librarian_a)
    url = published_list.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(reverse("catalogue:reading_list_qr_png", args=["alpha", published_list.pk])).status_code == 404
    assert client_as(reader).get(url).status_code == 404
    preview = client_as(librarian_a).get(url, headers={"accept-language": "en"})
    assert preview.status_code == 200 and "Preview" in preview.content.decode()
    draft_qr = client_as(librarian_a).get(reverse("catalogue:reading_list_qr_png", args=["alpha", published_list.pk]))
    assert draft_qr.status_code == 200 and "private" in draft_qr["Cache-Control"]  # not kept in shared caches


def test_a_list_of_another_library_is_not_found_under_this_one(client, published_list, library_b):
    assert client.get(f"/beta/lists/{published_list.pk}/").status_code == 404


# --- staff pages ---------------------------------------------------------------------------------
def test_only_staff_of_the_library_reach_the_staff_pages(client, client_as, published_list, librarian_b, reader):
    url = reverse("catalogue:staff_lists", args=["alpha"])
    assert client.get(url).status_code == 302  # to sign in
    assert client_as(reader).get(url).status_code == 403
    assert client_as(librarian_b).get(url).status_code == 403
    other = client_as(librarian_b)
    assert other.post(editor_url(published_list, "staff_list_delete"), {"confirm": "delete"}).status_code == 403
    assert ReadingList.objects.filter(pk=published_list.pk).exists()


def test_a_coordinator_of_the_network_can_manage_lists(client_as, coordinator, published_list):
    assert client_as(coordinator).get(editor_url(published_list)).status_code == 200


def test_librarian_creates_a_list_adds_entries_and_publishes_it(client_as, librarian_a, books):
    client = client_as(librarian_a)
    headers = {"accept-language": "en"}
    response = client.post(
        "/alpha/staff/lists/new/",
        {"title_zh": "防疫知识", "title_en": "", "theme_zh": "", "theme_en": "", "audience": "elderly",
         "purpose": "epidemic_knowledge"},
        headers=headers,
    )  # fmt: skip
    reading_list = ReadingList.objects.get()
    assert response.status_code == 302 and response["Location"] == editor_url(reading_list)

    found = client.get(editor_url(reading_list), {"q": "978-7-02-000220-7"}, headers=headers).content.decode()
    assert "红楼梦" in found  # found by hyphenated ISBN
    found = client.get(editor_url(reading_list), {"q": "plague"}, headers=headers).content.decode()
    assert "The Plague" in found

    response = client.post(editor_url(reading_list, "staff_list_add_record"), {"record-record": books[1].pk},
                           headers=headers, follow=True)  # fmt: skip
    assert "is added to the list" in response.content.decode()
    client.post(editor_url(reading_list, "staff_list_add_outside"),
                {"outside-title": "WHO advice", "outside-url": "https://www.who.int/", "outside-note_zh": "",
                 "outside-note_en": "Plain advice"}, headers=headers)  # fmt: skip
    assert [e.display_title for e in reading_list.entries.order_by("position")] == ["The Plague", "WHO advice"]

    confirm = client.get(editor_url(reading_list, "staff_list_publish"), headers=headers)
    assert "Publish the list" in confirm.content.decode()
    assert not ServiceRecord.objects.exists()  # looking at the confirmation changes nothing
    done = client.post(editor_url(reading_list, "staff_list_publish"), headers=headers, follow=True)
    assert "readers can see it now" in done.content.decode()
    assert ServiceRecord.objects.get().targeted_groups


def test_bad_input_on_the_staff_forms_is_explained_and_changes_nothing(client_as, librarian_a, published_list):
    client = client_as(librarian_a)
    headers = {"accept-language": "en"}
    response = client.post("/alpha/staff/lists/new/", {"title_zh": "", "title_en": "", "audience": "general",
                                                      "purpose": "other"}, headers=headers)  # fmt: skip
    assert response.status_code == 400
    assert "Give the list a title" in response.content.decode()
    count = published_list.entries.count()
    response = client.post(editor_url(published_list, "staff_list_add_outside"),
                           {"outside-title": "Bad", "outside-url": "javascript:alert(1)"}, headers=headers)  # fmt: skip
    assert response.status_code == 400
    assert "is not a web address" in response.content.decode()
    response = client.post(editor_url(published_list, "staff_list_add_record"), {"record-record": "999999"},
                           headers=headers)  # fmt: skip
    assert response.status_code == 400
    assert "Choose a record from this library" in response.content.decode()
    assert published_list.entries.count() == count
    assert ReadingList.objects.count() == 1


def test_chinese_messages_for_a_chinese_librarian(client_as, librarian_a):
    response = client_as(librarian_a).post("/alpha/staff/lists/new/", {"audience": "general", "purpose": "other"},
                                           headers={"accept-language": "zh-hans"})  # fmt: skip
    assert response.status_code == 400
    assert '<html lang="zh-Hans">' in response.content.decode()


def test_entries_move_get_notes_and_are_removed_from_the_editor(client_as, librarian_a, published_list):
    client = client_as(librarian_a)
    first, second, third = published_list.entries.order_by("position")
    client.post(editor_url(published_list, "staff_entry_move", third.pk), {"direction": "up"})
    assert list(published_list.entries.order_by("position").values_list("pk", flat=True)) == [
        first.pk, third.pk, second.pk,
    ]  # fmt: skip
    client.post(editor_url(published_list, "staff_entry_note", first.pk),
                {f"entry-{first.pk}-note_zh": "必读", f"entry-{first.pk}-note_en": "A must"})  # fmt: skip
    first.refresh_from_db()
    assert first.note_zh_hans == "必读" and first.note_en == "A must"
    client.post(editor_url(published_list, "staff_entry_remove", second.pk))
    assert published_list.entries.count() == 2
    page = client.get(published_list.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert ">The Plague</a>" not in page and "A must" in page


def test_unpublish_restores_the_draft_and_delete_asks_first(client_as, librarian_a, published_list):
    client = client_as(librarian_a)
    headers = {"accept-language": "en"}
    done = client.post(editor_url(published_list, "staff_list_unpublish"), headers=headers, follow=True)
    assert "draft again" in done.content.decode()
    published_list.refresh_from_db()
    assert not published_list.is_published and published_list.entries.count() == 3
    response = client.post(editor_url(published_list, "staff_list_delete"), {}, headers=headers)
    assert response.status_code == 400 and "Tick the box" in response.content.decode()
    assert ReadingList.objects.filter(pk=published_list.pk).exists()
    response = client.post(editor_url(published_list, "staff_list_delete"), {"confirm": "delete"}, headers=headers)
    assert response.status_code == 302
    assert not ReadingList.objects.exists()


def test_staff_index_shows_each_lists_state(client_as, librarian_a, published_list, library_a):
    services.create_list(library_a, by=librarian_a, title_zh="", title_en="Reading therapy", theme_zh="",
                         theme_en="", audience="medical_staff", purpose="reading_therapy")  # fmt: skip
    page = client_as(librarian_a).get("/alpha/staff/lists/", headers={"accept-language": "en"}).content.decode()
    assert "Reading therapy" in page and "Draft" in page and "Published" in page
