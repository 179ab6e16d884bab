"""Reading-list services: what a librarian can do to a list, what is refused, and what it records."""

import pytest
from django.core.exceptions import ValidationError

from lantern.catalogue.models import ReadingList, Record
from lantern.catalogue.services import lists as services
from lantern.core.models import AuditEntry
from lantern.insights.models import ServiceRecord


@pytest.fixture
def books(library_a):
    return [
        Record.objects.create(library=library_a, title="红楼梦", authors=["曹雪芹"]),
        Record.objects.create(library=library_a, title="The Plague", authors=["Albert Camus"]),
        Record.objects.create(library=library_a, title="家庭防疫手册"),
    ]


@pytest.fixture
def draft(library_a, librarian_a):
    return services.create_list(
        library_a, by=librarian_a, title_zh="居家读经典", title_en="Classics at home", theme_zh="", theme_en="",
        audience="general", purpose="classics_at_home",
    )  # fmt: skip


def fields(**overrides):
    data = {"title_zh": "", "title_en": "", "theme_zh": "", "theme_en": "", "audience": "general", "purpose": "other"}
    return {**data, **overrides}


def test_a_list_needs_a_title_in_at_least_one_language(library_a, librarian_a):
    with pytest.raises(ValidationError) as caught:
        services.create_list(library_a, by=librarian_a, **fields(title_zh="  "))
    assert "title_zh" in caught.value.message_dict
    assert ReadingList.objects.count() == 0
    only_english = services.create_list(library_a, by=librarian_a, **fields(title_en="Epidemic knowledge"))
    assert only_english.title_en == "Epidemic knowledge" and only_english.title_zh_hans is None


def test_unknown_audience_is_refused(library_a, librarian_a):
    with pytest.raises(ValidationError) as caught:
        services.create_list(library_a, by=librarian_a, **fields(title_zh="书单", audience="aliens"))
    assert "audience" in caught.value.message_dict


def test_entries_keep_their_order_and_move_up_and_down(draft, books, librarian_a):
    first = services.add_record_entry(draft, books[0], note_zh="四大名著之一", by=librarian_a)
    second = services.add_outside_entry(
        draft, title="国家数字图书馆", url="https://www.nlc.cn/", note_en="Free during the closure", by=librarian_a
    )
    third = services.add_record_entry(draft, books[1], by=librarian_a)
    services.move_entry(third, "up", by=librarian_a)
    assert [e.pk for e in draft.entries.order_by("position")] == [first.pk, third.pk, second.pk]
    services.move_entry(first, "up", by=librarian_a)  # already first: nothing moves
    assert [e.pk for e in draft.entries.order_by("position")] == [first.pk, third.pk, second.pk]
    services.remove_entry(third, by=librarian_a)
    assert [e.display_title for e in draft.entries.order_by("position")] == ["红楼梦", "国家数字图书馆"]


def test_a_record_of_another_library_cannot_be_added(draft, library_b, librarian_a):
    elsewhere = Record.objects.create(library=library_b, title="别馆的书")
    with pytest.raises(ValidationError) as caught:
        services.add_record_entry(draft, elsewhere, by=librarian_a)
    assert "record" in caught.value.message_dict
    assert not draft.entries.exists()


def test_the_same_record_is_not_added_twice(draft, books, librarian_a):
    services.add_record_entry(draft, books[0], by=librarian_a)
    with pytest.raises(ValidationError, match="already on this list"):
        services.add_record_entry(draft, books[0], by=librarian_a)
    assert draft.entries.count() == 1


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "ftp://example.org/x", "www.example.org"])
def test_an_outside_entry_needs_a_web_address(draft, librarian_a, url):
    with pytest.raises(ValidationError) as caught:
        services.add_outside_entry(draft, title="Something", url=url, by=librarian_a)
    assert "url" in caught.value.message_dict
    assert not draft.entries.exists()


def test_publishing_records_a_service_and_unpublishing_withdraws_it(draft, books, librarian_a):
    with pytest.raises(ValidationError, match="at least one entry"):
        services.publish_list(draft, by=librarian_a)
    services.add_record_entry(draft, books[0], by=librarian_a)
    services.publish_list(draft, by=librarian_a)
    record = ServiceRecord.objects.get()
    assert record.reading_online and not record.targeted_groups
    assert record.title_zh_hans == "居家读经典" and record.title_en == "Classics at home"
    assert record.link == draft.get_absolute_url()

    services.unpublish_list(draft, by=librarian_a)
    draft.refresh_from_db()
    assert not draft.is_published
    assert draft.entries.count() == 1  # the draft is restored, not emptied
    assert not ServiceRecord.objects.exists()


def test_a_list_for_a_named_group_counts_as_targeted(library_a, books, librarian_a):
    elderly = services.create_list(library_a, by=librarian_a, **fields(title_zh="老年人防疫知识", audience="elderly"))
    services.add_record_entry(elderly, books[2], by=librarian_a)
    services.publish_list(elderly, by=librarian_a)
    record = ServiceRecord.objects.get()
    assert record.reading_online and record.targeted_groups


def test_renaming_a_published_list_renames_its_service_record(draft, books, librarian_a):
    services.add_record_entry(draft, books[0], by=librarian_a)
    services.publish_list(draft, by=librarian_a)
    services.update_list(draft, by=librarian_a, **fields(title_zh="居家读名著", audience="families"))
    record = ServiceRecord.objects.get()
    assert record.title_zh_hans == "居家读名著" and record.targeted_groups


def test_deleting_a_list_removes_its_service_record(draft, books, librarian_a):
    services.add_record_entry(draft, books[0], by=librarian_a)
    services.publish_list(draft, by=librarian_a)
    services.delete_list(draft, by=librarian_a)
    assert not ReadingList.objects.exists()
    assert not ServiceRecord.objects.exists()
    assert Record.objects.count() == 3  # the records stay in the catalogue


def test_every_staff_change_is_audited(draft, books, librarian_a):
    entry = services.add_record_entry(draft, books[0], by=librarian_a)
    services.update_entry_note(entry, note_zh="新的推荐语", note_en="A new note", by=librarian_a)
    services.publish_list(draft, by=librarian_a)
    services.unpublish_list(draft, by=librarian_a)
    services.delete_list(draft, by=librarian_a)
    actions = list(AuditEntry.objects.filter(actor=librarian_a).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "reading_list.created",
        "reading_list.entry_added",
        "reading_list.note_changed",
        "reading_list.published",
        "reading_list.unpublished",
        "reading_list.deleted",
    ]


def test_a_change_to_the_entries_moves_the_lists_last_change(draft, books, librarian_a):
    before = draft.updated_at
    services.add_record_entry(draft, books[0], by=librarian_a)
    draft.refresh_from_db()
    assert draft.updated_at > before
