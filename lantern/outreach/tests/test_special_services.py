"""The rules of services for special groups, one refusal at a time: what a service and a lesson need, when
a service may be shown or hidden, ordering, removal, and the ServiceRecord that follows publishing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry
from lantern.insights.models import ServiceRecord
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


def _record(service):
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(AccessibleService), object_id=str(service.pk)
    ).first()


def _errors(**fields) -> dict:
    with pytest.raises(ValidationError) as caught:
        services.check_service(**service_fields(**fields))
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"kind": "magic"}, "kind", "kind of service"),
        ({"title_zh": "", "title_en": ""}, "title_zh", "name"),
        ({"who_zh": " ", "who_en": ""}, "who_zh", "who the service is for"),
        ({"how_zh": "", "how_en": ""}, "how_zh", "how to use"),
        ({"audience": ""}, "audience", "group"),
        ({"audience": "martians"}, "audience", "group"),
        ({"phone": ""}, "phone", "phone number readers call"),
        ({"phone": "call me"}, "phone", "digits only"),
        ({"link": "javascript:alert(1)"}, "link", "https://"),
        ({"title_en": "x" * 201}, "title_en", "At most 200"),
        ({"who_en": "x" * 301}, "who_en", "At most 300"),
    ],
)
def test_a_service_is_refused_with_a_message_by_field(fields, field, words):
    errors = _errors(**fields)
    assert words in " ".join(errors[field])


def test_a_service_in_one_language_is_enough_and_a_phone_is_only_needed_for_phone_ordering():
    data = services.check_service(**service_fields(kind="large_print", title_en="", who_en="", how_en="", phone=""))
    assert data["title_zh"] == "老年读者电话借书" and data["phone"] == ""


def test_creating_keeps_both_languages_hidden_and_audited(library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    service.refresh_from_db()
    assert (service.title_zh_hans, service.title_en) == ("老年读者电话借书", "Ordering books by phone")
    assert not service.published and _record(service) is None
    assert AuditEntry.objects.filter(action="outreach.service_created", library=library_a).count() == 1


def test_publishing_records_a_social_service_for_a_targeted_group_and_hiding_withdraws_it(library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    services.publish_service(service, by=librarian_a)
    record = _record(service)
    assert record.social and record.targeted_groups and not record.cross_industry
    assert record.title_en == "Ordering books by phone"

    services.update_service(service, by=librarian_a, **service_fields(title_en="Books by phone"))
    assert _record(service).title_en == "Books by phone"

    services.unpublish_service(service, by=librarian_a)
    assert _record(service) is None and not AccessibleService.objects.get().published
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"outreach.service_published", "outreach.service_changed", "outreach.service_unpublished"} <= actions


def test_publishing_twice_or_hiding_a_hidden_service_is_refused(library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields())
    with pytest.raises(Refused) as caught:
        services.unpublish_service(service, by=librarian_a)
    assert caught.value.reason == "not_published"
    services.publish_service(service, by=librarian_a)
    with pytest.raises(Refused) as caught:
        services.publish_service(service, by=librarian_a)
    assert caught.value.reason == "already_published"


def test_video_lessons_cannot_be_shown_without_a_lesson(library_a, librarian_a):
    service = services.create_service(library_a, by=librarian_a, **service_fields(kind="sign_language_video"))
    with pytest.raises(Refused) as caught:
        services.publish_service(service, by=librarian_a)
    assert caught.value.reason == "no_lessons" and _record(service) is None


def test_services_move_up_and_down_and_not_past_the_ends(library_a, librarian_a):
    first = services.create_service(library_a, by=librarian_a, **service_fields(title_en="First"))
    second = services.create_service(library_a, by=librarian_a, **service_fields(title_en="Second"))
    services.move_service(second, "up", by=librarian_a)
    assert [s.title_en for s in AccessibleService.objects.order_by("position")] == ["Second", "First"]
    with pytest.raises(Refused):
        services.move_service(second, "up", by=librarian_a)
    with pytest.raises(Refused) as caught:
        services.move_service(first, "sideways", by=librarian_a)
    assert caught.value.reason == "bad_direction"


def test_a_lesson_needs_a_title_a_web_address_minutes_and_webvtt_captions(library_a, librarian_a, media_root):
    service = services.create_service(library_a, by=librarian_a, **service_fields(kind="sign_language_video"))
    bad = {
        "title_zh": "",
        "title_en": "",
        "video_url": "ftp://example.org/a.mp4",
        "duration_minutes": "ten",
        "captions": not_vtt(),
    }
    with pytest.raises(ValidationError) as caught:
        services.add_lesson(service, by=librarian_a, **lesson_fields(**bad))
    errors = caught.value.message_dict
    assert set(errors) == {"title_zh", "video_url", "duration_minutes", "captions"}
    assert "WebVTT" in errors["captions"][0]
    with pytest.raises(ValidationError) as caught:
        services.add_lesson(service, by=librarian_a, **lesson_fields(captions=None, video_url=""))
    assert "deaf readers need the captions" in caught.value.message_dict["captions"][0]
    assert "video's web address" in caught.value.message_dict["video_url"][0]
    assert not Lesson.objects.exists() and stored_files(media_root) == []


def test_a_lesson_keeps_its_captions_until_replaced_and_the_old_file_goes(
    library_a, librarian_a, media_root, django_capture_on_commit_callbacks
):
    service = make_video_service(library_a, librarian_a, publish=False)
    lesson = service.lessons.get()
    first_file = lesson.captions.name
    with django_capture_on_commit_callbacks(execute=True):
        services.update_lesson(lesson, by=librarian_a, **lesson_fields(title_en="Masks", captions=None))
    lesson.refresh_from_db()
    assert lesson.title_en == "Masks" and lesson.captions.name == first_file
    with django_capture_on_commit_callbacks(execute=True):
        services.update_lesson(
            lesson, by=librarian_a, **lesson_fields(captions=captions("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"))
        )
    lesson.refresh_from_db()
    assert lesson.captions.name != first_file and len(stored_files(media_root)) == 1
    assert lesson.captions.read().decode().startswith("WEBVTT")


def test_the_only_lesson_of_a_shown_video_service_cannot_be_removed(library_a, librarian_a):
    service = make_video_service(library_a, librarian_a)
    with pytest.raises(Refused) as caught:
        services.remove_lesson(service.lessons.get(), by=librarian_a)
    assert caught.value.reason == "last_lesson" and service.lessons.count() == 1


def test_lessons_reorder_and_removing_deletes_the_captions_file(
    library_a, librarian_a, media_root, django_capture_on_commit_callbacks
):
    service = make_video_service(library_a, librarian_a, publish=False)
    second = services.add_lesson(service, by=librarian_a, **lesson_fields(title_en="Hands"))
    services.move_lesson(second, "up", by=librarian_a)
    assert [lesson.title_en for lesson in service.lessons.order_by("position")] == ["Hands", "Lesson 1: masks"]
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_lesson(second, by=librarian_a)
    assert service.lessons.count() == 1 and len(stored_files(media_root)) == 1
    assert AuditEntry.objects.filter(action="outreach.lesson_removed").count() == 1


def test_removing_a_service_removes_lessons_files_and_record(
    library_a, librarian_a, media_root, django_capture_on_commit_callbacks
):
    service = make_video_service(library_a, librarian_a)
    assert _record(service) is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_service(service, by=librarian_a)
    assert not AccessibleService.objects.exists() and not Lesson.objects.exists()
    assert _record(service) is None and stored_files(media_root) == []
    assert AuditEntry.objects.filter(action="outreach.service_removed").count() == 1
