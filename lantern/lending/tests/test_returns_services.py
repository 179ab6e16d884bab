"""Returns and quarantine: a check-in closes the loan and sets the copy aside for the REALM hours (or the
library's own), a bad scan changes nothing and says why, the order closes with its last return, and the
copy goes back on the shelf by itself when its time is up."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.core.models import Notice
from lantern.emergency.models import QuarantineRule
from lantern.lending.models import Loan, Order, OrderEvent, OrderItem, Quarantine
from lantern.lending.services import loans, returns
from lantern.lending.services.common import Refused
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)
LENT = datetime.datetime(2020, 3, 2, 10, 0, tzinfo=TZ)
BACK = datetime.datetime(2020, 3, 20, 9, 30, tzinfo=TZ)


def hours(n: int) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


def lent_copy(library, reader, **kwargs):
    (copy,) = factories.make_copies(library, 1, **kwargs)
    return loans.lend_copy(reader, copy, now=LENT)


def check_in(library, barcode, **kwargs):
    kwargs = {"method": "book_drop", "material": "paper", "now": BACK, **kwargs}
    return returns.check_in(library, barcode, **kwargs)


# --- quarantine hours ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("material", "stacked", "expected"),
    [
        ("paper", False, 72),
        ("glossy", False, 96),
        ("board_book", False, 96),
        ("plastic", False, 96),
        ("paper", True, 144),
    ],
)
def test_a_return_waits_the_realm_hours_for_its_material(library_a, reader, material, stacked, expected):
    loan = lent_copy(library_a, reader)
    quarantine = check_in(library_a, loan.copy.barcode, material=material, stacked=stacked)
    assert quarantine.ends_at == BACK + hours(expected)
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.IN_QUARANTINE
    loan.refresh_from_db()
    assert loan.returned_at == BACK and loan.return_method == "book_drop"


def test_the_librarys_own_hours_win_and_stacked_takes_the_longer(library_a, reader):
    QuarantineRule.objects.create(library=library_a, material="glossy", hours=200)
    QuarantineRule.objects.create(library=library_a, material="paper", hours=24)
    glossy, paper = lent_copy(library_a, reader), lent_copy(library_a, reader)
    assert check_in(library_a, glossy.copy.barcode, material="glossy", stacked=True).ends_at == BACK + hours(200)
    assert check_in(library_a, paper.copy.barcode, material="paper").ends_at == BACK + hours(24)


def test_the_reader_is_told_their_return_arrived(library_a, other_reader, sms_outbox):
    other_reader.language = "en"  # notices come in the reader's language; this test reads English
    other_reader.save(update_fields=["language"])
    loan = lent_copy(library_a, other_reader)
    check_in(library_a, loan.copy.barcode)
    notice = Notice.objects.get(recipient=other_reader)
    assert notice.subject == "Return received: 活着"
    assert sms_outbox == [(other_reader.phone, "Return received: 活着")]


# --- bad scans -------------------------------------------------------------------------------------
def nothing_changed(loan):
    loan.refresh_from_db()
    return (
        loan.returned_at is None
        and Copy.objects.get(pk=loan.copy_id).status == Copy.Status.ON_LOAN
        and not Quarantine.objects.exists()
        and not Notice.objects.exists()
    )


@pytest.mark.parametrize(
    ("barcode", "reason", "message"),
    [
        ("NOPE-123", "unknown_barcode", "No copy has the barcode NOPE-123 here"),
        ("  ", "invalid", "Scan or type the copy's barcode."),
        ("X" * 65, "invalid", "too long"),
    ],
)
def test_a_bad_barcode_is_refused_with_a_message_and_changes_nothing(library_a, reader, barcode, reason, message):
    loan = lent_copy(library_a, reader)
    with pytest.raises(Refused) as refused:
        check_in(library_a, barcode)
    assert refused.value.reason == reason and message in str(refused.value)
    assert nothing_changed(loan)


def test_another_librarys_copy_is_sent_back_there(library_a, library_b, reader):
    loan = lent_copy(library_b, reader)
    with pytest.raises(Refused) as refused:
        check_in(library_a, loan.copy.barcode)
    assert refused.value.reason == "other_library"
    assert "belongs to Beta City Library" in str(refused.value)
    assert nothing_changed(loan)


def test_a_copy_not_on_loan_is_not_checked_in(library_a):
    (copy,) = factories.make_copies(library_a, 1)
    with pytest.raises(Refused) as refused:
        check_in(library_a, copy.barcode)
    assert refused.value.reason == "not_on_loan" and "it is: Available" in str(refused.value)
    assert not Quarantine.objects.exists()


def test_scanning_the_same_copy_twice_checks_it_in_once(library_a, reader):
    loan = lent_copy(library_a, reader)
    check_in(library_a, loan.copy.barcode)
    with pytest.raises(Refused) as refused:
        check_in(library_a, loan.copy.barcode, now=BACK + hours(1))
    assert refused.value.reason == "not_on_loan"
    assert Quarantine.objects.count() == 1 and Loan.objects.get().returned_at == BACK


@pytest.mark.parametrize(("field", "value"), [("method", "by_pigeon"), ("material", "vellum")])
def test_an_unknown_method_or_material_changes_nothing(library_a, reader, field, value):
    loan = lent_copy(library_a, reader)
    with pytest.raises(Refused):
        check_in(library_a, loan.copy.barcode, **{field: value})
    assert nothing_changed(loan)


# --- the order closes with its last return ---------------------------------------------------------
def test_the_order_is_returned_when_its_last_loan_comes_back(library_a, reader, librarian_a):
    copies = factories.make_copies(library_a, 2)
    Copy.objects.filter(pk__in=[c.pk for c in copies]).update(status=Copy.Status.IN_TRANSIT)
    order = Order.objects.create(library=library_a, reader=reader, method=Order.Method.DELIVERY, status="on_loan")
    for copy in copies:
        OrderItem.objects.create(order=order, record=copy.record, copy=copy)
    loans.start_loans(order, now=LENT)
    check_in(library_a, copies[0].barcode, by=librarian_a)
    order.refresh_from_db()
    assert order.status == Order.Status.ON_LOAN and order.closed_at is None
    check_in(library_a, copies[1].barcode, by=librarian_a, now=BACK + hours(2))
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED and order.closed_at == BACK + hours(2)
    event = OrderEvent.objects.get(order=order)
    assert event.status == Order.Status.RETURNED and event.by == librarian_a
    # The reader hears of each return on the order's thread.
    subjects = list(Notice.objects.filter(recipient=reader).values_list("subject", flat=True))
    assert len(subjects) == 2 and all(order.number in s for s in subjects)


# --- release ---------------------------------------------------------------------------------------
def test_copies_go_back_on_the_shelf_when_their_time_is_up(library_a, reader):
    paper, glossy = lent_copy(library_a, reader), lent_copy(library_a, reader)
    check_in(library_a, paper.copy.barcode, material="paper")
    check_in(library_a, glossy.copy.barcode, material="glossy")
    assert returns.release_quarantine(BACK + hours(71)) == 0
    assert returns.release_quarantine(BACK + hours(72)) == 1
    assert Copy.objects.get(pk=paper.copy_id).status == Copy.Status.AVAILABLE
    assert Copy.objects.get(pk=glossy.copy_id).status == Copy.Status.IN_QUARANTINE
    assert Quarantine.objects.get(copy=paper.copy).released_at == BACK + hours(72)
    assert returns.release_quarantine(BACK + hours(72)) == 0  # a second run releases nothing again


def test_a_copy_marked_lost_meanwhile_stays_lost(library_a, reader):
    loan = lent_copy(library_a, reader)
    check_in(library_a, loan.copy.barcode)
    Copy.objects.filter(pk=loan.copy_id).update(status=Copy.Status.LOST)
    assert returns.release_quarantine(BACK + hours(100)) == 1
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.LOST


def test_the_release_command_says_what_it_did(library_a, reader, capsys):
    loan = lent_copy(library_a, reader)
    check_in(library_a, loan.copy.barcode)
    with time_machine.travel(BACK + hours(73), tick=False):
        call_command("release_quarantine")
    assert "1 copies released from quarantine." in capsys.readouterr().out
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.AVAILABLE


def test_the_board_groups_what_is_due_out_by_day_and_hour(library_a, library_b, reader):
    first, second, third = (lent_copy(library_a, reader) for _ in range(3))
    check_in(library_a, first.copy.barcode, material="paper")
    check_in(library_a, second.copy.barcode, material="paper", now=BACK + datetime.timedelta(minutes=10))
    check_in(library_a, third.copy.barcode, material="glossy")
    elsewhere = lent_copy(library_b, reader)
    check_in(library_b, elsewhere.copy.barcode)
    board = returns.quarantine_board(library_a, BACK + hours(1))
    assert board["count"] == 3 and board["ready"] == []
    (day_one, day_two) = board["days"]
    assert day_one[0] == datetime.date(2020, 3, 23)
    (hour, items) = day_one[1][0]
    assert hour.hour == 9 and [q.copy_id for q in items] == [first.copy_id, second.copy_id]
    assert day_two[0] == datetime.date(2020, 3, 24)
    later = returns.quarantine_board(library_a, BACK + hours(80))
    assert [q.copy_id for q in later["ready"]] == [first.copy_id, second.copy_id]
