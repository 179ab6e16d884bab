"""The reading-list editor with htmx: adding, moving, removing and annotating entries answer the entries region
and a status line (no page, no flash message left for later); bad input changes nothing and says why."""

import html
import re

import pytest

from lantern.catalogue.models import ReadingListEntry

from .test_lists_views import books, editor_url, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them

HTMX = {"HX-Request": "true", "accept-language": "en"}


@pytest.fixture
def staff(client_as, librarian_a):
    return client_as(librarian_a)


def entry_titles(body: str) -> list[str]:
    return re.findall(r'<li id="entry-\d+">\s*<h3>([^<]+)</h3>', body)


def status(body: str) -> str:
    found = re.search(r'<p id="list-status" hx-swap-oob="innerHTML">(.*?)</p>', body, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""


def test_moving_an_entry_answers_the_entries_in_their_new_order(staff, published_list):
    first, second, third = published_list.entries.order_by("position")
    response = staff.post(editor_url(published_list, "staff_entry_move", third.pk), {"direction": "up"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert entry_titles(body) == [first.display_title, third.display_title, second.display_title]
    assert status(body) == f"“{third.display_title}” is now number 2 of 3."
    # The button pressed keeps the focus.
    assert re.search(rf'id="entry-{third.pk}-up"[^>]* autofocus', body)
    assert list(published_list.entries.order_by("position").values_list("pk", flat=True)) == [
        first.pk, third.pk, second.pk,
    ]  # fmt: skip


def test_an_entry_moved_to_the_top_gives_the_focus_to_its_other_button(staff, published_list):
    _first, second, _third = published_list.entries.order_by("position")
    body = staff.post(
        editor_url(published_list, "staff_entry_move", second.pk), {"direction": "up"}, headers=HTMX
    ).content.decode()
    assert f'id="entry-{second.pk}-up"' not in body
    assert re.search(rf'id="entry-{second.pk}-down"[^>]* autofocus', body)


def test_removing_an_entry_answers_the_entries_without_it(staff, published_list):
    _first, second, _third = published_list.entries.order_by("position")
    body = staff.post(editor_url(published_list, "staff_entry_remove", second.pk), headers=HTMX).content.decode()
    assert second.display_title not in entry_titles(body) and len(entry_titles(body)) == 2
    assert status(body) == f"“{second.display_title}” is removed from the list."
    assert ">2 entries</h2>" in body
    assert not ReadingListEntry.objects.filter(pk=second.pk).exists()
    # The message was said in place: the next page does not repeat it.
    assert "is removed from the list" not in staff.get(editor_url(published_list), headers=HTMX).content.decode()
    assert "is removed from the list" not in staff.get(editor_url(published_list)).content.decode()


def test_adding_a_record_answers_the_entries_and_marks_it_found(staff, published_list, library_a):
    from lantern.catalogue.models import Record

    camus = Record.objects.create(library=library_a, title="La Peste", authors=["Albert Camus"])
    body = staff.post(
        editor_url(published_list, "staff_list_add_record"), {"record-record": camus.pk}, headers=HTMX
    ).content.decode()
    assert entry_titles(body)[-1] == "La Peste"
    assert status(body) == "“La Peste” is added to the list."
    assert f'<span id="found-{camus.pk}" class="found-action" hx-swap-oob="true">' in body
    assert "On the list" in body
    again = staff.post(editor_url(published_list, "staff_list_add_record"), {"record-record": camus.pk}, headers=HTMX)
    assert again.status_code == 400 and status(again.content.decode()) == "“La Peste” is already on this list."
    assert published_list.entries.filter(record=camus).count() == 1


def test_a_record_of_another_library_is_refused_in_place(staff, published_list, library_b):
    from lantern.catalogue.models import Record

    elsewhere = Record.objects.create(library=library_b, title="紅樓夢")
    response = staff.post(
        editor_url(published_list, "staff_list_add_record"), {"record-record": elsewhere.pk}, headers=HTMX
    )
    assert response.status_code == 400
    assert status(response.content.decode()) == "Choose a record from this library's catalogue."
    assert published_list.entries.count() == 3


def test_a_bad_outside_entry_comes_back_with_its_messages_and_adds_nothing(staff, published_list):
    data = {"outside-title": "WHO advice", "outside-url": "not a web address"}
    response = staff.post(editor_url(published_list, "staff_list_add_outside"), data, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert '<form id="add-outside-form"' in body and 'hx-swap-oob="true"' in body
    assert "is not a web address" in body and 'value="WHO advice"' in body
    assert status(body) == "The e-resource is not added: please correct the form."
    assert published_list.entries.count() == 3


def test_a_good_outside_entry_is_added_and_the_form_emptied(staff, published_list):
    data = {"outside-title": "WHO advice", "outside-url": "https://www.who.int/"}
    body = staff.post(editor_url(published_list, "staff_list_add_outside"), data, headers=HTMX).content.decode()
    assert entry_titles(body)[-1] == "WHO advice"
    form = body[body.index('<form id="add-outside-form"') :]
    assert 'value="WHO advice"' not in form and "is not a web address" not in form


def test_saving_a_note_answers_the_entries_with_it(staff, published_list):
    first = published_list.entries.order_by("position").first()
    data = {f"entry-{first.pk}-note_zh": "必读", f"entry-{first.pk}-note_en": "A must"}
    body = staff.post(editor_url(published_list, "staff_entry_note", first.pk), data, headers=HTMX).content.decode()
    assert "A must</textarea>" in body and status(body) == f"The note on “{first.display_title}” is saved."
    first.refresh_from_db()
    assert first.note_en == "A must"


def test_a_bad_move_is_refused_in_place(staff, published_list):
    first = published_list.entries.order_by("position").first()
    response = staff.post(
        editor_url(published_list, "staff_entry_move", first.pk), {"direction": "sideways"}, headers=HTMX
    )
    assert response.status_code == 400 and status(response.content.decode()) == "An entry moves up or down."


def test_the_editor_page_offers_htmx_and_plain_forms(staff, published_list):
    body = staff.get(editor_url(published_list), headers={"accept-language": "en"}).content.decode()
    move = editor_url(published_list, "staff_entry_move", published_list.entries.last().pk)
    assert f'<form method="post" action="{move}" hx-post="{move}">' in body
    assert 'id="list-entries" aria-labelledby="entries-heading" hx-target="#list-entries"' in body


def test_another_librarian_cannot_change_the_list_by_htmx(client_as, librarian_b, published_list):
    _first, second, _third = published_list.entries.order_by("position")
    response = client_as(librarian_b).post(editor_url(published_list, "staff_entry_remove", second.pk), headers=HTMX)
    assert response.status_code in (403, 404)
    assert published_list.entries.count() == 3
