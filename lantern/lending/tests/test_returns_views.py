"""The staff returns page: check-in by scanner with "in quarantine until …", refusals on the page (never a
500), the quarantine board, the bulk extension with its confirmation step, and the check-in API."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.core.models import AuditEntry
from lantern.lending.models import Loan, Quarantine
from lantern.lending.services import loans
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)
NOW = datetime.datetime(2020, 3, 20, 9, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def on_a_friday_in_march():
    with time_machine.travel(NOW, tick=False):
        yield


def lend(library, reader, *, days_ago=10):
    (copy,) = factories.make_copies(library, 1)
    return loans.lend_copy(reader, copy, now=NOW - datetime.timedelta(days=days_ago))


def returns_url(slug="alpha"):
    return reverse("lending:staff_returns", args=[slug])


def extend_url(slug="alpha"):
    return reverse("lending:staff_extend_due_dates", args=[slug])


def scan(barcode, **extra):
    return {"barcode": barcode, "method": "book_drop", "material": "paper", **extra}


def test_a_check_in_says_until_when_the_copy_is_in_quarantine(client_as, librarian_a, library_a, reader):
    loan = lend(library_a, reader)
    response = client_as(librarian_a).post(returns_url(), scan(loan.copy.barcode))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Checked in {loan.copy.barcode}: in quarantine until 2020-03-23 09:30." in page
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.IN_QUARANTINE
    assert "2020-03-23" in page and "09:00" in page  # on the board, in its hour


def test_a_stacked_glossy_return_waits_144_hours(client_as, librarian_a, library_a, reader):
    loan = lend(library_a, reader)
    client_as(librarian_a).post(returns_url(), scan(loan.copy.barcode, material="glossy", stacked="on"))
    assert Quarantine.objects.get().ends_at == NOW + datetime.timedelta(hours=144)


def test_a_bad_barcode_is_shown_and_nothing_changes(client_as, librarian_a, library_a, reader):
    loan = lend(library_a, reader)
    response = client_as(librarian_a).post(returns_url(), scan("B999999"))
    assert response.status_code == 404
    assert "No copy has the barcode B999999 here" in response.content.decode()
    assert Loan.objects.get().returned_at is None and not Quarantine.objects.exists()
    assert Copy.objects.get(pk=loan.copy_id).status == Copy.Status.ON_LOAN


def test_an_empty_form_is_shown_again_with_its_errors(client_as, librarian_a, library_a):
    response = client_as(librarian_a).post(returns_url(), {"barcode": "", "method": "teleport"})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not Quarantine.objects.exists()


def test_staff_of_another_library_cannot_check_in_here(client_as, librarian_b, library_a, reader):
    loan = lend(library_a, reader)
    client = client_as(librarian_b)
    assert client.get(returns_url()).status_code == 403
    assert client.post(returns_url(), scan(loan.copy.barcode)).status_code == 403
    assert Loan.objects.get().returned_at is None


def test_readers_cannot_open_the_returns_page(client_as, reader, library_a):
    assert client_as(reader).get(returns_url()).status_code == 403


# --- bulk extension --------------------------------------------------------------------------------
def test_the_extension_is_previewed_then_done_on_confirmation(client_as, manager_a, library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("1"))
    overdue, current = lend(library_a, reader, days_ago=40), lend(library_a, reader)
    client = client_as(manager_a)
    preview = client.post(extend_url(), {"days": "14", "waive_fines": "on"})
    page = preview.content.decode()
    assert "Confirm the extension" in page and "2 open loans get 14 more days." in page
    assert "1 loan is overdue" in page
    assert Loan.objects.get(pk=current.pk).due_on == current.due_on  # nothing changed yet
    done = client.post(extend_url(), {"days": "14", "waive_fines": "True", "confirm": "1"}, follow=True)
    assert "2 open loans are now due 14 days later. 1 fines waived." in done.content.decode()
    assert Loan.objects.get(pk=current.pk).due_on == current.due_on + datetime.timedelta(days=14)
    assert Loan.objects.get(pk=overdue.pk).due_on == NOW.date() + datetime.timedelta(days=14)
    assert AuditEntry.objects.get(action="lending.due_dates_extended").actor == manager_a


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("abc", "Enter a whole number."),
        ("999", "less than or equal to 366"),
        ("", "This field is required."),
    ],
)
def test_a_bad_number_of_days_is_shown_and_nothing_changes(client_as, manager_a, library_a, reader, days, message):
    loan = lend(library_a, reader)
    response = client_as(manager_a).post(extend_url(), {"days": days, "confirm": "1"})
    assert response.status_code == 422 and message in response.content.decode()
    assert Loan.objects.get().due_on == loan.due_on


def test_only_managers_extend_every_due_date(client_as, librarian_a, library_a, reader):
    loan = lend(library_a, reader)
    assert client_as(librarian_a).post(extend_url(), {"days": "14", "confirm": "1"}).status_code == 403
    assert Loan.objects.get().due_on == loan.due_on


# --- API -------------------------------------------------------------------------------------------
def api_url(slug="alpha"):
    return f"/api/v1/libraries/{slug}/returns"


def test_the_api_checks_a_copy_in(client_as, librarian_a, library_a, reader):
    loan = lend(library_a, reader)
    response = client_as(librarian_a).post(
        api_url(), {"barcode": loan.copy.barcode, "method": "courier", "material": "glossy"}, "application/json"
    )
    assert response.status_code == 201
    until = datetime.datetime.fromisoformat(response.json()["quarantine_until"])
    assert until == NOW + datetime.timedelta(hours=96)
    assert Loan.objects.get().return_method == "courier"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"barcode": "B999999"}, 404),
        ({"barcode": "B000000", "material": "vellum"}, 422),
        ({"method": "door"}, 422),
    ],
)
def test_the_api_refuses_bad_check_ins_with_json(client_as, librarian_a, library_a, reader, payload, status):
    lend(library_a, reader)
    response = client_as(librarian_a).post(api_url(), payload, "application/json")
    assert response.status_code == status and response.json()["detail"]
    assert not Quarantine.objects.exists()


def test_the_api_check_in_is_for_this_librarys_staff(client_as, librarian_b, reader, library_a):
    loan = lend(library_a, reader)
    response = client_as(librarian_b).post(api_url(), {"barcode": loan.copy.barcode}, "application/json")
    assert response.status_code == 403
    assert Loan.objects.get().returned_at is None
