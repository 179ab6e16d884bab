"""Services for special groups through real requests: the readers' directory and service page (with the
captions track served as text/vtt), and the staff pages with bad input on every form (a clear message,
nothing written, never a 500)."""

import pytest
from django.urls import reverse

from lantern.core.models import AuditEntry
from lantern.outreach.models import AccessibleService, Lesson
from lantern.outreach.services import special as services

from .special_helpers import (
    captions,
    lesson_fields,
    make_video_service,
    not_vtt,
    service_fields,
    stored_files,
    use_own_media_root,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def _form(**overrides) -> dict:
    return {key: value for key, value in service_fields(**overrides).items() if value is not None}


# --- readers ---------------------------------------------------------------------------------------
def test_the_directory_groups_shown_services_by_who_they_serve(client, library_a, librarian_a):
    phone = services.create_service(library_a, by=librarian_a, **service_fields())
    services.publish_service(phone, by=librarian_a)
    make_video_service(library_a, librarian_a)
    services.create_service(library_a, by=librarian_a, **service_fields(title_en="Hidden draft"))

    page = client.get(reverse("outreach:access", args=[library_a.slug])).content.decode()
    assert "Elderly readers" in page and "Deaf and hard-of-hearing readers" in page
    assert "Readers over 60" in page and "Call the library." in page
    assert 'href="tel:027-85886000"' in page
    assert "Hidden draft" not in page


def test_the_directory_says_so_when_there_is_nothing_yet(client, library_a):
    page = client.get(reverse("outreach:access", args=[library_a.slug]))
    assert page.status_code == 200 and "has not listed any service" in page.content.decode()


def test_a_service_page_plays_its_lesson_with_captions_from_the_same_site(client, library_a, librarian_a):
    service = make_video_service(library_a, librarian_a)
    lesson = service.lessons.get()
    page = client.get(reverse("outreach:service", args=[library_a.slug, service.pk]))
    html = page.content.decode()
    track = reverse("outreach:lesson_captions", args=[library_a.slug, service.pk, lesson.pk])
    assert "<video controls" in html and f'src="{track}"' in html
    assert 'kind="captions" srclang="zh-Hans"' in html and " default>" in html
    assert "请正确佩戴口罩。" in html  # the captions as text, for those who cannot play the video
    assert "https://video.example.org" in page["Content-Security-Policy"]

    vtt = client.get(track)
    assert vtt.status_code == 200 and vtt["Content-Type"].startswith("text/vtt")
    assert vtt.content.decode().startswith("WEBVTT")


def test_hidden_services_and_their_captions_are_not_found(client, library_a, library_b, librarian_a):
    service = make_video_service(library_a, librarian_a)
    lesson = service.lessons.get()
    services.unpublish_service(service, by=librarian_a)
    assert client.get(reverse("outreach:service", args=[library_a.slug, service.pk])).status_code == 404
    track = reverse("outreach:lesson_captions", args=[library_a.slug, service.pk, lesson.pk])
    assert client.get(track).status_code == 404
    services.publish_service(service, by=librarian_a)
    other = reverse("outreach:service", args=[library_b.slug, service.pk])
    assert client.get(other).status_code == 404


# --- staff -----------------------------------------------------------------------------------------
def test_readers_and_other_libraries_staff_cannot_open_the_staff_pages(client_as, library_a, reader, librarian_b):
    url = reverse("outreach:staff_access", args=[library_a.slug])
    assert client_as(reader).get(url).status_code == 403
    assert client_as(librarian_b).get(url).status_code == 403


def test_staff_create_a_service_and_see_it_in_their_list(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    response = client.post(reverse("outreach:staff_service_create", args=[library_a.slug]), _form(), follow=True)
    service = AccessibleService.objects.get()
    assert response.redirect_chain[-1][0] == reverse("outreach:staff_service", args=[library_a.slug, service.pk])
    assert "Readers do not see it until you show it" in response.content.decode()
    listing = client.get(reverse("outreach:staff_access", args=[library_a.slug])).content.decode()
    assert "Ordering books by phone" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "magic"}, "Select a valid choice"),
        ({"title_zh": "", "title_en": ""}, "Give the service a name"),
        ({"phone": ""}, "needs the phone number readers call"),
        ({"link": "not a link"}, "starting with https://"),
        ({"audience": ""}, "Choose the group the service is for"),
        ({"title_en": "x" * 500}, "at most 200 characters"),
    ],
)
def test_the_service_form_refuses_bad_input_with_a_message(client_as, library_a, librarian_a, overrides, message):
    url = reverse("outreach:staff_service_create", args=[library_a.slug])
    response = client_as(librarian_a).post(url, _form(**overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert not AccessibleService.objects.exists()


def test_editing_a_service_refuses_bad_input_and_keeps_the_old_text(client_as, library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    url = reverse("outreach:staff_service_edit", args=[library_a.slug, service.pk])
    client = client_as(librarian_a)
    assert "Ordering books by phone" in client.get(url).content.decode()
    response = client.post(url, _form(how_zh="", how_en=""))
    assert response.status_code == 400 and "Say how to use the service" in response.content.decode()
    service.refresh_from_db()
    assert service.how_en == "Call the library."


def test_show_and_hide_ask_first_and_say_what_happened(client_as, library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    client = client_as(librarian_a)
    publish = reverse("outreach:staff_service_publish", args=[library_a.slug, service.pk])
    assert "counted as a social service" in client.get(publish).content.decode()
    assert not AccessibleService.objects.get().published
    done = client.post(publish, follow=True).content.decode()
    assert "is shown to readers" in done and AccessibleService.objects.get().published
    again = client.post(publish)
    assert again.status_code == 400 and "already shown to readers" in again.content.decode()
    unpublish = reverse("outreach:staff_service_unpublish", args=[library_a.slug, service.pk])
    assert "is hidden from readers" in client.post(unpublish, follow=True).content.decode()


def test_an_empty_video_service_cannot_be_shown_and_the_page_says_why(client_as, library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields(kind="sign_language_video"))
    url = reverse("outreach:staff_service_publish", args=[library_a.slug, service.pk])
    response = client_as(librarian_a).post(url)
    assert response.status_code == 400 and "Add at least one video lesson" in response.content.decode()


def test_removing_a_service_needs_the_box_ticked(client_as, library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    url = reverse("outreach:staff_service_remove", args=[library_a.slug, service.pk])
    client = client_as(librarian_a)
    assert "for good" in client.get(url).content.decode()
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert AccessibleService.objects.exists()
    done = client.post(url, {"confirm": "remove"}, follow=True).content.decode()
    assert "are removed" in done and not AccessibleService.objects.exists()


def test_moving_a_service_with_a_bad_direction_says_so(client_as, library_a, librarian_a):
    first = services.create_service(library_a, by=librarian_a, **service_fields(title_en="First"))
    services.create_service(library_a, by=librarian_a, **service_fields(title_en="Second"))
    url = reverse("outreach:staff_service_move", args=[library_a.slug, first.pk])
    client = client_as(librarian_a)
    assert "Choose up or down" in client.post(url, {"direction": "left"}, follow=True).content.decode()
    assert "is moved" in client.post(url, {"direction": "down"}, follow=True).content.decode()
    assert [s.title_en for s in AccessibleService.objects.order_by("position")] == ["Second", "First"]
    assert client.get(url).status_code == 405


def test_a_captions_file_that_is_not_webvtt_is_refused_with_a_clear_message(
    client_as, library_a, librarian_a, media_root
):
    service = services.create_service(library_a, by=librarian_a, **service_fields(kind="sign_language_video"))
    url = reverse("outreach:staff_lesson_create", args=[library_a.slug, service.pk])
    form = {"title_en": "Masks", "video_url": "https://video.example.org/a.mp4", "captions": not_vtt()}
    response = client_as(librarian_a).post(url, form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The captions file is not WebVTT text (it must be UTF-8 and start with “WEBVTT”)." in html
    assert not Lesson.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"captions": None}, "deaf readers need the captions"),
        ({"video_url": "nope"}, "starting with https://"),
        ({"duration_minutes": "-3"}, "whole minutes"),
        ({"title_zh": "", "title_en": ""}, "Give the lesson a title"),
        ({"captions": captions("WEBVTT\n\nno cues here\n")}, "no timed captions"),
    ],
)
def test_the_lesson_form_refuses_bad_input(client_as, library_a, librarian_a, overrides, field_message):
    service = services.create_service(library_a, by=librarian_a, **service_fields(kind="sign_language_video"))
    url = reverse("outreach:staff_lesson_create", args=[library_a.slug, service.pk])
    form = {key: value for key, value in lesson_fields(**overrides).items() if value is not None}
    response = client_as(librarian_a).post(url, form)
    assert response.status_code == 400 and field_message in response.content.decode()
    assert not Lesson.objects.exists()


def test_staff_add_edit_move_and_remove_lessons(client_as, library_a, librarian_a):
    service = make_video_service(library_a, librarian_a, publish=False)
    client = client_as(librarian_a)
    add = reverse("outreach:staff_lesson_create", args=[library_a.slug, service.pk])
    form = {key: value for key, value in lesson_fields(title_en="Hands").items() if value is not None}
    assert "is added" in client.post(add, form, follow=True).content.decode()
    hands = service.lessons.get(title_en="Hands")

    edit = reverse("outreach:staff_lesson_edit", args=[library_a.slug, service.pk, hands.pk])
    response = client.post(edit, {"title_en": "Washing hands", "video_url": "https://video.example.org/b.mp4"})
    assert response.status_code == 302
    hands.refresh_from_db()
    assert hands.title_en == "Washing hands" and hands.captions  # the captions are kept

    move = reverse("outreach:staff_lesson_move", args=[library_a.slug, service.pk, hands.pk])
    assert "is moved" in client.post(move, {"direction": "up"}, follow=True).content.decode()
    assert service.lessons.order_by("position").first() == hands

    remove = reverse("outreach:staff_lesson_remove", args=[library_a.slug, service.pk, hands.pk])
    assert client.post(remove, {}).status_code == 400
    assert "is removed" in client.post(remove, {"confirm": "remove"}, follow=True).content.decode()
    assert service.lessons.count() == 1
    assert AuditEntry.objects.filter(action="outreach.lesson_changed").count() == 1


def test_the_last_lesson_of_a_shown_service_is_kept_and_the_page_says_why(client_as, library_a, librarian_a):
    service = make_video_service(library_a, librarian_a)
    lesson = service.lessons.get()
    url = reverse("outreach:staff_lesson_remove", args=[library_a.slug, service.pk, lesson.pk])
    response = client_as(librarian_a).post(url, {"confirm": "remove"})
    assert response.status_code == 409 and "Hide the service first" in response.content.decode()
    assert Lesson.objects.count() == 1


def test_a_lesson_of_another_service_is_not_found(client_as, library_a, librarian_a):
    one = make_video_service(library_a, librarian_a, publish=False)
    other = services.create_service(library_a, by=librarian_a, **service_fields())
    url = reverse("outreach:staff_lesson_edit", args=[library_a.slug, other.pk, one.lessons.get().pk])
    assert client_as(librarian_a).get(url).status_code == 404
