"""Loans: lending a copy to one reader at a time, renewing online within the library's rules, the bulk
extension with fines waived when a library closes, overdue notices at most once a week, fines at return."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.core.models import AuditEntry, Notice
from lantern.lending.models import Loan, Order, OrderItem
from lantern.lending.services import loans
from lantern.lending.services.common import Refused
from lantern.lending.services.returns import check_in
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)
MONDAY = datetime.datetime(2020, 3, 2, 10, 0, tzinfo=TZ)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def lend(library, reader, *, at=MONDAY, n=1):
    return [loans.lend_copy(reader, copy, now=at) for copy in factories.make_copies(library, n)]


# --- lending ---------------------------------------------------------------------------------------
def test_a_lent_copy_is_on_loan_and_due_after_the_loan_period(library_a, reader):
    factories.make_rules(library_a, loan_days=21)
    (loan,) = lend(library_a, reader)
    assert loan.due_on == datetime.date(2020, 3, 23)
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.ON_LOAN


def test_a_copy_on_loan_cannot_be_lent_to_a_second_reader(library_a, reader, other_reader):
    (loan,) = lend(library_a, reader)
    with pytest.raises(Refused) as refused:
        loans.lend_copy(other_reader, loan.copy, now=MONDAY)
    assert refused.value.reason == "not_lendable"
    assert list(Loan.objects.values_list("reader", flat=True)) == [reader.pk]


def test_the_open_loan_constraint_holds_when_the_status_is_wrong(library_a, reader, other_reader):
    (loan,) = lend(library_a, reader)
    Copy.objects.filter(pk=loan.copy_id).update(status=Copy.Status.AVAILABLE)  # an inconsistent status
    with pytest.raises(Refused) as refused:
        loans.lend_copy(other_reader, loan.copy, now=MONDAY)
    assert refused.value.reason == "already_on_loan"
    assert Loan.objects.count() == 1


def test_start_loans_lends_every_item_of_an_order_and_frees_the_holds(library_a, reader):
    copies = factories.make_copies(library_a, 2)
    Copy.objects.filter(pk__in=[c.pk for c in copies]).update(status=Copy.Status.IN_TRANSIT)
    order = Order.objects.create(library=library_a, reader=reader, method=Order.Method.DELIVERY)
    for copy in copies:
        OrderItem.objects.create(order=order, record=copy.record, copy=copy)
    new_loans = loans.start_loans(order, now=MONDAY)
    assert len(new_loans) == 2 and {loan.order_id for loan in new_loans} == {order.pk}
    assert not OrderItem.objects.filter(holds_copy=True).exists()
    assert set(Copy.objects.values_list("status", flat=True)) == {Copy.Status.ON_LOAN}


# --- renewing --------------------------------------------------------------------------------------
def test_renewing_adds_the_loan_period_to_the_due_date(library_a, reader):
    factories.make_rules(library_a, loan_days=30, max_renewals=2)
    (loan,) = lend(library_a, reader)
    loan = loans.renew(loan, now=MONDAY + days(10))
    assert loan.due_on == datetime.date(2020, 4, 1) + days(30)
    assert loan.renewals == 1


def test_renewing_an_overdue_loan_without_fines_counts_from_today(library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0"))
    (loan,) = lend(library_a, reader)
    loan = loans.renew(loan, now=MONDAY + days(40))
    assert loan.due_on == (MONDAY + days(40)).date() + days(30)


def test_renewals_stop_at_the_librarys_limit(library_a, reader):
    factories.make_rules(library_a, max_renewals=2)
    (loan,) = lend(library_a, reader)
    loans.renew(loan, now=MONDAY)
    loans.renew(loan, now=MONDAY)
    due = Loan.objects.get().due_on
    with pytest.raises(Refused) as refused:
        loans.renew(loan, now=MONDAY)
    assert refused.value.reason == "renewal_limit"
    assert "renewed 2 times" in str(refused.value)
    assert Loan.objects.get().due_on == due and Loan.objects.get().renewals == 2


def test_an_overdue_loan_is_not_renewed_online_where_fines_are_charged(library_a, reader):
    factories.make_rules(library_a, fine_per_day=Decimal("0.50"))
    (loan,) = lend(library_a, reader)
    with pytest.raises(Refused) as refused:
        loans.renew(loan, now=MONDAY + days(31))
    assert refused.value.reason == "overdue"
    assert Loan.objects.get().renewals == 0


def test_a_returned_loan_cannot_be_renewed(library_a, reader):
    (loan,) = lend(library_a, reader)
    check_in(library_a, loan.copy.barcode, method="door", material="paper", now=MONDAY + days(1))
    loan.refresh_from_db()
    with pytest.raises(Refused) as refused:
        loans.renew(loan, now=MONDAY + days(2))
    assert refused.value.reason == "returned"


def test_a_renewal_from_a_stale_page_is_refused_not_counted_twice(library_a, reader):
    factories.make_rules(library_a, max_renewals=5)
    (loan,) = lend(library_a, reader)
    stale = Loan.objects.get(pk=loan.pk)
    loans.renew(loan, now=MONDAY)
    with pytest.raises(Refused) as refused:
        loans.renew(stale, now=MONDAY)
    assert refused.value.reason == "changed"
    assert Loan.objects.get().renewals == 1


# --- fines -----------------------------------------------------------------------------------------
def test_a_late_return_is_fined_per_overdue_day(library_a, reader):
    reader.language = "en"  # notices come in the reader's language; this test reads English
    reader.save(update_fields=["language"])
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0.20"))
    (loan,) = lend(library_a, reader)
    check_in(library_a, loan.copy.barcode, method="book_drop", material="paper", now=MONDAY + days(35))
    loan.refresh_from_db()
    assert loan.fine == Decimal("1.00")  # 5 days late
    assert "fine for the overdue days is 1.00" in Notice.objects.get(recipient=reader).body


def test_a_return_on_time_costs_nothing(library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0.20"))
    (loan,) = lend(library_a, reader)
    check_in(library_a, loan.copy.barcode, method="book_drop", material="paper", now=MONDAY + days(30))
    loan.refresh_from_db()
    assert loan.fine == Decimal("0")


# --- the bulk extension ----------------------------------------------------------------------------
def test_extending_due_dates_moves_every_open_loan_and_forgives_overdue_days(library_a, library_b, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0.50"))
    overdue, current = lend(library_a, reader, at=MONDAY - days(40)), lend(library_a, reader)
    (elsewhere,) = lend(library_b, reader)
    today = MONDAY + days(1)
    extended, waived = loans.extend_due_dates(library_a, 30, now=today)
    assert (extended, waived) == (2, 1)
    overdue[0].refresh_from_db()
    current[0].refresh_from_db()
    elsewhere.refresh_from_db()
    assert overdue[0].due_on == today.date() + days(30)  # counted from today: no fine for the closure
    assert current[0].due_on == datetime.date(2020, 4, 1) + days(30)
    assert elsewhere.due_on == datetime.date(2020, 4, 1)  # another library's loans stay as they were
    check_in(library_a, overdue[0].copy.barcode, method="door", material="paper", now=today + days(5))
    overdue[0].refresh_from_db()
    assert overdue[0].fine == 0
    entry = AuditEntry.objects.get(action="lending.due_dates_extended")
    assert entry.library == library_a and "2 open loans +30 days" in entry.summary


def test_extending_waives_fines_already_recorded(library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("1"))
    (loan,) = lend(library_a, reader)
    check_in(library_a, loan.copy.barcode, method="door", material="paper", now=MONDAY + days(33))
    extended, waived = loans.extend_due_dates(library_a, 14, now=MONDAY + days(34))
    loan.refresh_from_db()
    assert (extended, waived) == (0, 1)
    assert loan.fine == 3 and loan.fine_waived
    assert loans.fine_so_far(loan) == 0


def test_extending_without_waiving_only_shifts_the_due_dates(library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("1"))
    (loan,) = lend(library_a, reader, at=MONDAY - days(40))
    extended, waived = loans.extend_due_dates(library_a, 5, waive_fines=False, now=MONDAY)
    loan.refresh_from_db()
    assert (extended, waived) == (1, 0)
    assert loan.due_on == (MONDAY - days(40)).date() + days(35)


@pytest.mark.parametrize("bad", [0, -3, 400])
def test_an_extension_outside_1_to_366_days_changes_nothing(library_a, reader, bad):
    (loan,) = lend(library_a, reader)
    with pytest.raises(Refused):
        loans.extend_due_dates(library_a, bad, now=MONDAY)
    assert Loan.objects.get().due_on == loan.due_on
    assert not AuditEntry.objects.filter(action="lending.due_dates_extended").exists()


# --- overdue notices -------------------------------------------------------------------------------
def test_an_overdue_reader_is_told_once_a_week_by_notice_and_text(library_a, other_reader, sms_outbox):
    other_reader.language = "en"  # notices come in the reader's language; this test reads English
    other_reader.save(update_fields=["language"])
    factories.make_rules(library_a, loan_days=30)
    (loan,) = lend(library_a, other_reader)
    due = loan.due_on
    assert loans.send_overdue_notices(due) == 0  # due today is not overdue yet
    assert loans.send_overdue_notices(due + days(1)) == 1
    assert loans.send_overdue_notices(due + days(2)) == 0
    assert loans.send_overdue_notices(due + days(7)) == 0
    assert loans.send_overdue_notices(due + days(8)) == 1
    notices = Notice.objects.filter(recipient=other_reader)
    assert notices.count() == 2
    assert notices.first().subject == "Overdue: 活着"
    assert [phone for phone, _text in sms_outbox] == [other_reader.phone, other_reader.phone]


def test_overdue_notices_speak_the_readers_language(library_a, reader, other_reader):
    reader.language = "zh-hans"
    reader.save()
    other_reader.language = "en"
    other_reader.save()
    lend(library_a, reader)
    lend(library_a, other_reader)
    assert loans.send_overdue_notices(datetime.date(2020, 5, 1)) == 2
    assert "甲市图书馆" in Notice.objects.get(recipient=reader).body
    assert "Alpha City Library" in Notice.objects.get(recipient=other_reader).body


def test_returned_loans_get_no_overdue_notice(library_a, reader):
    (loan,) = lend(library_a, reader)
    check_in(library_a, loan.copy.barcode, method="door", material="paper", now=MONDAY + days(40))
    Notice.objects.all().delete()
    assert loans.send_overdue_notices(datetime.date(2020, 5, 1)) == 0
    assert not Notice.objects.exists()
