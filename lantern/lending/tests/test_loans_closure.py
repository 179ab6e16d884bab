"""Lending's closure step: closing a library with "Extend due dates and waive fines" ticked moves every open
loan on by the days staff choose (30 unless they change it), says so on the confirmation and result pages,
and is kept in the closure run."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.core.models import ServiceMode
from lantern.emergency.models import ClosureRun
from lantern.emergency.services import closure
from lantern.lending.closure_step import DEFAULT_DAYS
from lantern.lending.models import Loan
from lantern.lending.services import loans
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
CLOSING = datetime.datetime(2020, 1, 24, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def in_january_2020():
    with time_machine.travel(CLOSING, tick=False):
        yield


def lend_some(library, reader, n=2, *, days_ago=0):
    at = CLOSING - datetime.timedelta(days=days_ago)
    return [loans.lend_copy(reader, copy, now=at) for copy in factories.make_copies(library, n)]


def test_the_step_is_offered_with_the_other_closure_steps():
    assert "extend_due_dates" in closure.STEP_CODES
    assert closure.action_label("extend_due_dates") == "Extend due dates and waive fines"


def test_run_closure_extends_every_open_loan_and_waives_fines(library_a, library_b, manager_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0.5"))
    current = lend_some(library_a, reader)
    (overdue,) = lend_some(library_a, reader, 1, days_ago=45)
    (elsewhere,) = lend_some(library_b, reader, 1)
    plan = closure.check_closure(library_a, ServiceMode.CLOSED, steps=["extend_due_dates"], by=manager_a)
    preview = {line["action"]: line["summary"] for line in closure.preview_closure(plan)}
    assert preview["extend_due_dates"] == "3 open loans get 30 more days; fines are waived."
    run = closure.run_closure(plan)
    result = next(r for r in run.results if r["action"] == "extend_due_dates")
    assert result["ok"] and result["summary"] == "3 open loans are due 30 days later; 1 fines waived."
    for loan in current:
        assert Loan.objects.get(pk=loan.pk).due_on == loan.due_on + datetime.timedelta(days=DEFAULT_DAYS)
    assert Loan.objects.get(pk=overdue.pk).due_on == CLOSING.date() + datetime.timedelta(days=DEFAULT_DAYS)
    assert Loan.objects.get(pk=elsewhere.pk).due_on == elsewhere.due_on


def test_a_plan_may_carry_its_own_number_of_days(library_a, manager_a, reader):
    (loan,) = lend_some(library_a, reader, 1)
    plan = closure.check_closure(
        library_a, ServiceMode.CLOSED, steps=["extend_due_dates"], options={"extend_days": 14}, by=manager_a
    )
    closure.run_closure(plan)
    assert Loan.objects.get().due_on == loan.due_on + datetime.timedelta(days=14)


def test_unticked_the_step_changes_no_loan(library_a, manager_a, reader):
    (loan,) = lend_some(library_a, reader, 1)
    closure.run_closure(closure.check_closure(library_a, ServiceMode.CLOSED, steps=[], by=manager_a))
    assert Loan.objects.get().due_on == loan.due_on


def test_the_closure_pages_show_the_step(client_as, library_a, manager_a, reader):
    lend_some(library_a, reader)
    client = client_as(manager_a)
    url = reverse("emergency:staff_status", args=["alpha"])
    form_page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Extend due dates and waive fines" in form_page
    data = {"mode": "closed", "step_extend_due_dates": "on"}
    confirm = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 open loans get 30 more days; fines are waived." in confirm
    assert not ClosureRun.objects.exists()
    done = client.post(url, {**data, "confirm": "1"}, HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert "2 open loans are due 30 days later; 0 fines waived." in done


def test_staff_choose_the_number_of_days_on_the_closure_form(client_as, library_a, manager_a, reader):
    (loan,) = lend_some(library_a, reader, 1)
    client = client_as(manager_a)
    url = reverse("emergency:staff_status", args=["alpha"])
    assert "Days to extend loans and holds by" in client.get(url).content.decode()
    data = {"mode": "closed", "step_extend_due_dates": "on", "option_extend_days": "14"}
    confirm = client.post(url, data).content.decode()
    assert "1 open loan gets 14 more days; fines are waived." in confirm
    client.post(url, {**data, "confirm": "1"})
    assert Loan.objects.get().due_on == loan.due_on + datetime.timedelta(days=14)


@pytest.mark.parametrize("days", ["0", "181", "two weeks"])
def test_a_number_of_days_out_of_bounds_is_refused_and_changes_nothing(client_as, library_a, manager_a, reader, days):
    (loan,) = lend_some(library_a, reader, 1)
    url = reverse("emergency:staff_status", args=["alpha"])
    data = {"mode": "closed", "step_extend_due_dates": "on", "option_extend_days": days, "confirm": "1"}
    response = client_as(manager_a).post(url, data)
    assert response.status_code == 400
    assert "Days to extend loans and holds by" in response.content.decode()
    assert response.context["form"].errors["option_extend_days"]
    assert not ClosureRun.objects.exists()
    assert Loan.objects.get().due_on == loan.due_on


def test_check_closure_bounds_the_days_given_in_code(library_a, manager_a):
    with pytest.raises(ValidationError) as refused:
        closure.check_closure(library_a, ServiceMode.CLOSED, options={"extend_days": 999}, by=manager_a)
    assert "from 1 to 180" in refused.value.message_dict["option_extend_days"][0]


def test_pause_holds_keeps_pickup_orders_longer(library_a, manager_a, reader):
    from lantern.lending.services import ordering

    slot = factories.make_pickup_slot(library_a, hours_from_now=30)
    copy = factories.make_copies(library_a)[0]
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copy.record_id], method="pickup", slot=slot)
    )
    held = order.hold_until
    plan = closure.check_closure(library_a, ServiceMode.CLOSED, steps=["pause_holds"], by=manager_a)
    preview = {line["action"]: line["summary"] for line in closure.preview_closure(plan)}
    assert preview["pause_holds"] == "1 pickup order keeps its items 30 days longer."
    closure.run_closure(plan)
    order.refresh_from_db()
    assert order.hold_until == held + datetime.timedelta(days=DEFAULT_DAYS)
