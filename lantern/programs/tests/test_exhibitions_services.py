"""The exhibition services: what publishing counts, what an item needs, who may edit, and that a refused
change writes nothing (no row, no file, no audit entry)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Exhibition, Item, Status
from lantern.programs.services import exhibitions as services

from .exhibitions_helpers import (
    PDF,
    WINDOWS_PROGRAM,
    make_curator,
    make_exhibition,
    make_museum,
    png,
    stored_files,
    upload,
    use_own_media_root,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def _record(exhibition):
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(exhibition), object_id=str(exhibition.pk)
    ).first()


def test_publishing_with_a_museum_and_an_audience_records_the_service(library_a, librarian_a):
    museum = make_museum(library_a)
    exhibition = make_exhibition(library_a, librarian_a, partners=[museum], audience="children")
    services.publish_exhibition(exhibition, by=librarian_a)
    record = _record(exhibition)
    assert record.reading_online and record.cross_industry and record.targeted_groups
    assert not record.reading_offline
    assert exhibition.status == Status.PUBLISHED
    assert AuditEntry.objects.filter(action="exhibition.published", object_id=str(exhibition.pk)).exists()


def test_an_exhibition_of_the_library_alone_is_not_cross_industry(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    services.publish_exhibition(exhibition, by=librarian_a)
    record = _record(exhibition)
    assert record.reading_online and not record.cross_industry and not record.targeted_groups


def test_unpublishing_withdraws_the_record_and_keeps_the_content(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    services.publish_exhibition(exhibition, by=librarian_a)
    services.unpublish_exhibition(exhibition, by=librarian_a)
    assert _record(exhibition) is None
    assert exhibition.status == Status.DRAFT
    assert Item.objects.filter(section__exhibition=exhibition).count() == 1


def test_an_empty_exhibition_cannot_be_published(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    with pytest.raises(Refused) as refused:
        services.publish_exhibition(exhibition, by=librarian_a)
    assert refused.value.reason == "empty"
    assert _record(exhibition) is None


def test_an_exhibition_needs_a_title(library_a, librarian_a):
    with pytest.raises(ValidationError) as refused:
        services.create_exhibition(library_a, by=librarian_a, title_zh=" ", title_en="")
    assert "title_zh" in refused.value.message_dict
    assert not Exhibition.objects.exists()


def test_only_the_librarys_partners_can_co_curate(library_a, library_b, librarian_a):
    stranger = make_museum(library_b)
    with pytest.raises(ValidationError) as refused:
        services.create_exhibition(library_a, by=librarian_a, title_zh="展", title_en="", partners=[stranger])
    assert "partners" in refused.value.message_dict


def test_an_image_without_alt_text_is_refused_and_nothing_is_written(library_a, librarian_a, media_root):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    section = exhibition.sections.get()
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.add_item(section, by=librarian_a, kind="image", image=upload("a.png", png()), caption_en="A letter")
    assert "Describe the image" in refused.value.message_dict["alt_zh"][0]
    assert not Item.objects.exists()
    assert stored_files(media_root) == []
    assert AuditEntry.objects.count() == audit_before


def test_alt_text_in_one_language_is_enough_and_the_page_falls_back_to_it(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    item = services.add_item(
        exhibition.sections.get(),
        by=librarian_a,
        kind="image",
        image=upload("a.png", png()),
        caption_zh="信",
        alt_zh="一封手写的信",
    )
    with translation.override("en"):
        assert Item.objects.get(pk=item.pk).alt_text == "一封手写的信"


def test_a_document_must_be_a_pdf_and_a_video_needs_a_web_address(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a, with_image=False)
    section = exhibition.sections.get()
    with pytest.raises(ValidationError) as refused:
        services.add_item(
            section, by=librarian_a, kind="document", document=upload("a.pdf", WINDOWS_PROGRAM), caption_en="Doc"
        )
    assert "Windows program" in refused.value.message_dict["document"][0]
    with pytest.raises(ValidationError) as refused:
        services.add_item(section, by=librarian_a, kind="video", video_url="javascript:alert(1)", caption_en="Film")
    assert "video_url" in refused.value.message_dict
    document = services.add_item(
        section, by=librarian_a, kind="document", document=upload("a.pdf", PDF), caption_en="Doc"
    )
    assert document.document.read() == PDF


def test_items_and_sections_are_reordered(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    first = exhibition.sections.get()
    second = services.add_section(exhibition, by=librarian_a, title_zh="第二部分", title_en="")
    services.move_section(second, "up", by=librarian_a)
    assert list(exhibition.sections.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    other = services.add_item(
        first, by=librarian_a, kind="video", video_url="https://v.example.org/a.mp4", caption_en="Film"
    )
    services.move_item(other, "up", by=librarian_a)
    assert list(first.items.order_by("position").values_list("caption_en", flat=True)) == ["Film", "A letter"]
    with pytest.raises(Refused):
        services.move_item(other, "sideways", by=librarian_a)


def test_replacing_an_image_deletes_the_old_files_and_removing_deletes_the_rest(
    library_a,
    librarian_a,
    media_root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        exhibition = make_exhibition(library_a, librarian_a)
    item = Item.objects.get(section__exhibition=exhibition)
    assert len(stored_files(media_root)) == 2  # web size and thumbnail; the upload itself is not kept
    with django_capture_on_commit_callbacks(execute=True):
        services.update_item(
            item, by=librarian_a, kind="image", image=upload("b.png", png(colour=(0, 0, 255))),
            caption_en="A letter", alt_en="A letter",
        )  # fmt: skip
    assert len(stored_files(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_section(exhibition.sections.get(), by=librarian_a)
    assert stored_files(media_root) == []
    assert AuditEntry.objects.filter(action="exhibition.section_removed").exists()


def test_a_partner_contact_may_edit_only_the_exhibitions_of_their_partner(library_a, librarian_a):
    museum = make_museum(library_a)
    curator = make_curator(museum)
    theirs = make_exhibition(library_a, librarian_a, partners=[museum])
    other = make_exhibition(library_a, librarian_a, title_en="Other")
    assert services.can_edit(curator, theirs)
    assert not services.can_edit(curator, other)
    assert list(services.partner_contact_exhibitions(curator)) == [theirs]
    assert services.can_edit(librarian_a, other)


def test_a_partner_contacts_edit_is_in_the_audit_log(library_a, librarian_a):
    museum = make_museum(library_a)
    curator = make_curator(museum)
    exhibition = make_exhibition(library_a, librarian_a, partners=[museum])
    services.update_exhibition(exhibition, by=curator, title_zh="家书（新）", title_en="Letters home")
    entry = AuditEntry.objects.filter(action="exhibition.updated").get()
    assert entry.actor == curator and entry.library == library_a
    assert list(exhibition.partners.all()) == [museum]  # their form has no partners: left as they were
