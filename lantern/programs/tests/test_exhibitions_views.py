"""The exhibition pages through real requests: the staff editor and its upload form (refusals that keep
what was typed), partner contacts who may edit their exhibition and nothing else, the reading view and
the files behind it."""

import pytest
from django.urls import reverse

from lantern.core.models import AuditEntry
from lantern.programs.models import Exhibition, Item, Section, Status
from lantern.programs.services import exhibitions as services

from .exhibitions_helpers import (
    WINDOWS_PROGRAM,
    jpeg_with_gps,
    make_curator,
    make_exhibition,
    make_museum,
    pixel_bomb,
    png,
    stored_files,
    upload,
    use_own_media_root,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def _item_form(caption="信的正面", **extra):
    return {"kind": "image", "caption_zh": caption, "caption_en": "The letter", "alt_zh": "一封信", **extra}


# --- the staff editor ----------------------------------------------------------------------------
def test_staff_create_an_exhibition_with_a_section_and_an_image(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    museum = make_museum(library_a)
    response = client.post(
        reverse("programs:exhibition_create", args=["alpha"]),
        {"title_zh": "家书", "title_en": "Letters home", "audience": "elderly", "partners": [museum.pk]},
    )
    exhibition = Exhibition.objects.get()
    assert response.url == reverse("programs:exhibition_editor", args=["alpha", exhibition.pk])
    assert list(exhibition.partners.all()) == [museum]
    client.post(reverse("programs:exhibition_section_create", args=["alpha", exhibition.pk]), {"title_zh": "一"})
    section = Section.objects.get()
    response = client.post(
        reverse("programs:exhibition_item_create", args=["alpha", exhibition.pk, section.pk]),
        _item_form(image=upload("photo.jpg", jpeg_with_gps(), "image/jpeg")),
        follow=True,
    )
    assert "is added" in response.content.decode()
    item = Item.objects.get()
    assert item.image.name.endswith(".jpg") and item.thumbnail
    assert AuditEntry.objects.filter(action="exhibition.item_added", actor=librarian_a).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", WINDOWS_PROGRAM, "This file is not an image (it looks like a Windows program)."),
        ("huge.png", png() + b"\x00" * (15 * 1024 * 1024 + 1), "The file is too large"),
        ("small.png", pixel_bomb(), "more pixels than the limit of 40 megapixels"),
    ],
    ids=["renamed-program", "oversized", "pixel-bomb"],
)
def test_a_bad_upload_is_refused_with_a_clear_message_and_keeps_what_was_typed(
    client_as, librarian_a, library_a, media_root, name, data, message
):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    section = exhibition.sections.get()
    response = client_as(librarian_a).post(
        reverse("programs:exhibition_item_create", args=["alpha", exhibition.pk, section.pk]),
        _item_form(caption="我打的说明文字", image=upload(name, data, "image/jpeg")),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="我打的说明文字"' in page
    assert not Item.objects.exists()
    assert stored_files(media_root) == []


def test_an_image_item_without_alt_text_is_refused(client_as, librarian_a, library_a):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    section = exhibition.sections.get()
    response = client_as(librarian_a).post(
        reverse("programs:exhibition_item_create", args=["alpha", exhibition.pk, section.pk]),
        _item_form(alt_zh="", image=upload("a.png", png())),
    )
    assert response.status_code == 400
    assert "Describe the image for readers who cannot see it" in response.content.decode()
    assert not Item.objects.exists()


def test_publish_and_unpublish_go_through_a_confirmation(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    exhibition = make_exhibition(library_a, librarian_a)
    url = reverse("programs:exhibition_publish", args=["alpha", exhibition.pk])
    assert "It is counted as an online reading-promotion service" in client.get(url).content.decode()
    exhibition.refresh_from_db()
    assert exhibition.status == Status.DRAFT
    response = client.post(url, follow=True)
    assert "readers can visit it now" in response.content.decode()
    client.post(reverse("programs:exhibition_unpublish", args=["alpha", exhibition.pk]))
    exhibition.refresh_from_db()
    assert exhibition.status == Status.DRAFT


def test_publishing_an_empty_exhibition_says_why(client_as, librarian_a, library_a):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    response = client_as(librarian_a).post(reverse("programs:exhibition_publish", args=["alpha", exhibition.pk]))
    assert response.status_code == 400
    assert "Add at least one item before publishing" in response.content.decode()


def test_removing_a_section_needs_the_box_ticked(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    exhibition = make_exhibition(library_a, librarian_a)
    section = exhibition.sections.get()
    url = reverse("programs:exhibition_section_remove", args=["alpha", exhibition.pk, section.pk])
    assert "and its 1 item for good" in client.get(url).content.decode()
    assert client.post(url).status_code == 400
    assert Section.objects.exists()
    response = client.post(url, {"confirm": "remove"}, follow=True)
    assert "and its items are removed" in response.content.decode()
    assert not Section.objects.exists()


def test_removing_an_item_and_moving_with_a_bad_direction(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    exhibition = make_exhibition(library_a, librarian_a)
    item = Item.objects.get()
    response = client.post(
        reverse("programs:exhibition_item_move", args=["alpha", exhibition.pk, item.pk]),
        {"direction": "x"},
        follow=True,
    )
    assert "Choose up or down." in response.content.decode()
    client.post(
        reverse("programs:exhibition_item_remove", args=["alpha", exhibition.pk, item.pk]), {"confirm": "remove"}
    )
    assert not Item.objects.exists()


def test_staff_of_another_library_cannot_open_the_editor(client_as, librarian_b, librarian_a, library_a):
    exhibition = make_exhibition(library_a, librarian_a)
    client = client_as(librarian_b)
    assert client.get(reverse("programs:exhibition_editor", args=["alpha", exhibition.pk])).status_code == 403
    assert client.get(reverse("programs:staff_exhibitions", args=["alpha"])).status_code == 403


# --- partner contacts ----------------------------------------------------------------------------
@pytest.fixture
def museum_setup(library_a, librarian_a):
    museum = make_museum(library_a)
    curator = make_curator(museum)
    theirs = make_exhibition(library_a, librarian_a, partners=[museum], title_en="Theirs")
    other = make_exhibition(library_a, librarian_a, title_en="Not theirs")
    return curator, theirs, other


def test_a_partner_contact_edits_their_exhibition_from_their_page(client_as, museum_setup):
    curator, theirs, _other = museum_setup
    client = client_as(curator)
    page = client.get(reverse("programs:partner_exhibitions", args=["alpha"])).content.decode()
    assert "Theirs" in page and "Not theirs" not in page
    editor = client.get(reverse("programs:exhibition_editor", args=["alpha", theirs.pk])).content.decode()
    assert "The library's staff publish the exhibition." in editor
    response = client.post(
        reverse("programs:exhibition_details", args=["alpha", theirs.pk]),
        {"title_zh": "家书", "title_en": "Theirs, revised"},
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_en == "Theirs, revised"
    section = theirs.sections.get()
    client.post(
        reverse("programs:exhibition_item_create", args=["alpha", theirs.pk, section.pk]),
        _item_form(image=upload("b.png", png())),
    )
    assert AuditEntry.objects.filter(action="exhibition.item_added", actor=curator).exists()


def test_a_partner_contact_cannot_edit_another_exhibition(client_as, museum_setup):
    curator, theirs, other = museum_setup
    client = client_as(curator)
    section = other.sections.get()
    item = Item.objects.get(section=section)
    for name, args in [
        ("exhibition_editor", [other.pk]),
        ("exhibition_details", [other.pk]),
        ("exhibition_section_create", [other.pk]),
        ("exhibition_section_edit", [other.pk, section.pk]),
        ("exhibition_item_create", [other.pk, section.pk]),
        ("exhibition_item_edit", [other.pk, item.pk]),
        ("exhibition_item_remove", [other.pk, item.pk]),
    ]:
        url = reverse(f"programs:{name}", args=["alpha", *args])
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"title_zh": "改了", "confirm": "remove"}).status_code == 403, name
    other.refresh_from_db()
    assert other.title_zh_hans == "家书" and Item.objects.filter(section=section).exists()
    # Nor can they reach it through a section of their own exhibition.
    url = reverse("programs:exhibition_item_edit", args=["alpha", theirs.pk, item.pk])
    assert client.get(url).status_code == 404


def test_a_partner_contact_reaches_no_staff_page(client_as, museum_setup):
    curator, theirs, _other = museum_setup
    client = client_as(curator)
    for url in [
        reverse("programs:staff_exhibitions", args=["alpha"]),
        reverse("programs:exhibition_create", args=["alpha"]),
        reverse("programs:exhibition_publish", args=["alpha", theirs.pk]),
        reverse("programs:exhibition_unpublish", args=["alpha", theirs.pk]),
        reverse("programs:exhibition_delete", args=["alpha", theirs.pk]),
        reverse("catalogue:staff_lists", args=["alpha"]),
        reverse("staff_home", args=["alpha"]),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("programs:exhibition_publish", args=["alpha", theirs.pk])).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Status.DRAFT


def test_a_reader_has_no_partner_page(client_as, reader):
    assert client_as(reader).get(reverse("programs:partner_exhibitions", args=["alpha"])).status_code == 403


# --- the reading view ----------------------------------------------------------------------------
def test_a_published_exhibition_reads_with_contents_figures_and_alt_text(client, library_a, librarian_a):
    museum = make_museum(library_a)
    exhibition = make_exhibition(library_a, librarian_a, partners=[museum])
    section = exhibition.sections.get()
    services.add_item(section, by=librarian_a, kind="video", video_url="https://v.example.org/a.mp4", caption_en="Film")
    services.publish_exhibition(exhibition, by=librarian_a)
    listing = client.get(reverse("programs:exhibitions", args=["alpha"])).content.decode()
    assert "Letters home" in listing
    page = client.get(reverse("programs:exhibition", args=["alpha", exhibition.pk])).content.decode()
    assert 'aria-labelledby="toc-heading"' in page and f'href="#section-{section.pk}"' in page
    assert 'alt="A handwritten letter"' in page and "<figcaption>" in page
    assert "Credit: Test Museum" in page and "Rights: CC BY 4.0" in page
    assert "Curated with Test Museum" in page
    assert "<video" in page and "Watch the video" in page
    csp = client.get(reverse("programs:exhibition", args=["alpha", exhibition.pk]))["Content-Security-Policy"]
    assert "media-src 'self' https://v.example.org" in csp


def test_an_item_page_links_to_the_previous_and_next_item(client, library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    section = exhibition.sections.get()
    first = Item.objects.get()
    second = services.add_item(
        section, by=librarian_a, kind="video", video_url="https://v.example.org/a", caption_en="Film"
    )
    services.publish_exhibition(exhibition, by=librarian_a)
    page = client.get(reverse("programs:exhibition_item", args=["alpha", exhibition.pk, first.pk])).content.decode()
    assert reverse("programs:exhibition_item", args=["alpha", exhibition.pk, second.pk]) in page
    assert "Next item" in page and "Previous item" not in page and "Item 1 of 2" in page
    page = client.get(reverse("programs:exhibition_item", args=["alpha", exhibition.pk, second.pk])).content.decode()
    assert "Previous item" in page and "Next item" not in page


def test_a_draft_and_its_files_are_hidden_from_readers(client, client_as, reader, library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    item = Item.objects.get()
    urls = [
        reverse("programs:exhibition", args=["alpha", exhibition.pk]),
        reverse("programs:exhibition_item", args=["alpha", exhibition.pk, item.pk]),
        reverse("programs:exhibition_file", args=["alpha", exhibition.pk, item.pk, "image"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client_as(reader).get(url).status_code == 404
    staff = client_as(librarian_a).get(urls[2])
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-store"


def test_a_published_image_is_served_with_its_type_and_cache_headers(client, library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    services.publish_exhibition(exhibition, by=librarian_a)
    item = Item.objects.get()
    response = client.get(reverse("programs:exhibition_file", args=["alpha", exhibition.pk, item.pk, "thumbnail"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    bad = reverse("programs:exhibition_file", args=["alpha", exhibition.pk, item.pk, "original"])
    assert client.get(bad).status_code == 404


def test_an_exhibition_of_another_library_is_not_found_under_this_one(client, library_a, library_b, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    services.publish_exhibition(exhibition, by=librarian_a)
    assert client.get(reverse("programs:exhibition", args=["beta", exhibition.pk])).status_code == 404


def test_the_exhibition_and_section_forms_refuse_a_missing_title(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    response = client.post(reverse("programs:exhibition_create", args=["alpha"]), {"title_zh": " "})
    assert response.status_code == 400
    assert "Give the exhibition a title" in response.content.decode()
    assert not Exhibition.objects.exists()
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    response = client.post(
        reverse("programs:exhibition_section_create", args=["alpha", exhibition.pk]), {"text_en": "Kept text"}
    )
    assert response.status_code == 400
    assert "Give the section a title" in response.content.decode() and "Kept text" in response.content.decode()
    assert exhibition.sections.count() == 1


def test_editing_an_item_without_a_new_file_keeps_its_image(client_as, librarian_a, library_a):
    exhibition = make_exhibition(library_a, librarian_a)
    item = Item.objects.get()
    image_name = item.image.name
    client = client_as(librarian_a)
    url = reverse("programs:exhibition_item_edit", args=["alpha", exhibition.pk, item.pk])
    assert 'value="A handwritten letter"' in client.get(url).content.decode()
    response = client.post(url, _item_form(caption="新的说明", alt_en="A handwritten letter"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.caption_zh_hans == "新的说明" and item.image.name == image_name
