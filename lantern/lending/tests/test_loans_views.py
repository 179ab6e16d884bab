"""The reader's "My loans" page and the loans API: due dates, fines so far, renewing with a confirmation,
refusals shown on the page (never a 500), and nobody sees or renews another reader's loans."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.lending.models import Loan
from lantern.lending.services import loans
from lantern.lending.services.returns import check_in
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)
LENT = datetime.datetime(2020, 3, 2, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def in_march_2020():
    with time_machine.travel(LENT + datetime.timedelta(days=3), tick=False):
        yield


def lend(library, reader, *, at=LENT, title="活着"):
    (copy,) = factories.make_copies(library, 1, title=title)
    return loans.lend_copy(reader, copy, now=at)


def loans_url(slug="alpha"):
    return reverse("lending:loans", args=[slug])


def renew_url(loan):
    return reverse("lending:renew_loan", args=[loan.library.slug, loan.pk])


def test_my_loans_shows_due_dates_renewals_and_history(client_as, library_a, reader):
    factories.make_rules(library_a, loan_days=30, max_renewals=2)
    lend(library_a, reader, title="活着")
    returned = lend(library_a, reader, title="围城")
    check_in(library_a, returned.copy.barcode, method="door", material="paper", now=LENT + datetime.timedelta(days=1))
    page = client_as(reader).get(loans_url()).content.decode()
    assert "My loans" in page and "活着" in page and "2020-04-01" in page and "0 / 2" in page
    assert "Returned" in page and "围城" in page and "At the door" in page
    assert renew_url(Loan.objects.get(returned_at__isnull=True)) in page


def test_my_loans_needs_signing_in(client, library_a):
    response = client.get(loans_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_overdue_loan_shows_its_fine_and_why_it_cannot_be_renewed(client_as, library_a, reader):
    factories.make_rules(library_a, loan_days=30, fine_per_day=Decimal("0.50"))
    lend(library_a, reader, at=LENT - datetime.timedelta(days=40))
    page = client_as(reader).get(loans_url()).content.decode()
    assert "Overdue" in page and "6.50 CNY" in page  # 13 days late
    assert "cannot be renewed online" in page


def test_renewing_confirms_the_new_due_date(client_as, library_a, reader):
    factories.make_rules(library_a, loan_days=30)
    loan = lend(library_a, reader)
    response = client_as(reader).post(renew_url(loan), follow=True)
    assert "Renewed: 活着 is now due on 2020-05-01." in response.content.decode()
    assert Loan.objects.get().renewals == 1


def test_renewing_past_the_limit_shows_the_reason_and_changes_nothing(client_as, library_a, reader):
    factories.make_rules(library_a, max_renewals=0)
    loan = lend(library_a, reader)
    response = client_as(reader).post(renew_url(loan))
    assert response.status_code == 409
    assert "the most the library allows" in response.content.decode()
    assert Loan.objects.get().renewals == 0 and Loan.objects.get().due_on == loan.due_on


def test_nobody_renews_another_readers_loan(client_as, library_a, reader, other_reader):
    loan = lend(library_a, reader)
    client = client_as(other_reader)
    assert client.post(renew_url(loan)).status_code == 404
    assert "活着" not in client.get(loans_url()).content.decode()
    assert Loan.objects.get().renewals == 0


def test_renewing_is_post_only(client_as, library_a, reader):
    loan = lend(library_a, reader)
    assert client_as(reader).get(renew_url(loan)).status_code == 405


# --- API -------------------------------------------------------------------------------------------
def test_the_api_lists_my_open_loans(client_as, library_a, library_b, reader, other_reader):
    lend(library_a, reader)
    lend(library_b, reader, title="围城")
    lend(library_a, other_reader, title="边城")
    data = client_as(reader).get("/api/v1/loans").json()
    assert sorted(item["title"] for item in data) == sorted(["活着", "围城"])
    assert data[0]["due_on"] == "2020-04-01" and data[0]["renewals_allowed"] == 2


def test_the_api_renews_and_refuses_with_json(client_as, library_a, reader, other_reader):
    factories.make_rules(library_a, max_renewals=1)
    loan = lend(library_a, reader)
    client = client_as(reader)
    first = client.post(f"/api/v1/loans/{loan.pk}/renew")
    assert first.status_code == 200 and first.json()["renewals"] == 1
    second = client.post(f"/api/v1/loans/{loan.pk}/renew")
    assert second.status_code == 409 and second.json()["reason"] == "renewal_limit"
    assert client_as(other_reader).post(f"/api/v1/loans/{loan.pk}/renew").status_code == 404


def test_the_api_needs_signing_in(client):
    response = client.get("/api/v1/loans")
    assert response.status_code == 401 and "detail" in json.loads(response.content)
