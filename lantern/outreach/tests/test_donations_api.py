"""The donations API: staff list donations given and gifts received (never contact details), anyone checks a
receipt; bad filters, unknown receipts, strangers and staff of another library are refused."""

import decimal

import pytest

from lantern.core.services import create_api_token

from .test_donations_services import make_donation, make_gift

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'kiosk')[1]}", **EN}


def test_staff_list_donations_given_with_their_lines(client, librarian_a, library_a):
    gift = make_gift(library_a, quantity=40)
    make_donation(
        library_a,
        lines=[
            {"description": "绘本", "quantity": 15, "from_incoming": gift.pk},
            {"description": "杂志", "quantity": 5},
        ],
    )
    answer = client.get("/api/v1/libraries/alpha/donations/given", **bearer(librarian_a))
    assert answer.status_code == 200
    [donation] = answer.json()
    assert donation["number"] == "ALPHA-2020-0001" and donation["total_quantity"] == 20
    assert donation["lines"][0] == {"description": "绘本", "quantity": 15, "from_gift": gift.number}
    assert client.get("/api/v1/libraries/alpha/donations/given?year=2021", **bearer(librarian_a)).json() == []


def test_staff_list_gifts_received_without_contact_details(client, librarian_a, library_a):
    gift = make_gift(library_a, quantity=40, donor_email="secret@example.org", donor_phone="13912345678")
    make_gift(library_a, kind="money", amount=decimal.Decimal("88.8"), currency="CNY", quantity=None)
    make_donation(library_a, lines=[{"description": "绘本", "quantity": 15, "from_incoming": gift.pk}])
    answer = client.get("/api/v1/libraries/alpha/donations/received?kind=books", **bearer(librarian_a))
    assert answer.status_code == 200
    [books] = answer.json()
    assert (books["books_passed_on"], books["books_left"]) == (15, 25)
    assert "secret@example.org" not in answer.content.decode() and "13912345678" not in answer.content.decode()
    money = client.get("/api/v1/libraries/alpha/donations/received?kind=money", **bearer(librarian_a)).json()
    assert money[0]["amount"] == "88.80" and money[0]["books_left"] == 0


def test_bad_filters_are_refused(client, librarian_a, library_a):
    auth = bearer(librarian_a)
    for url in (
        "/api/v1/libraries/alpha/donations/received?kind=jewels",
        "/api/v1/libraries/alpha/donations/received?year=99999",
        "/api/v1/libraries/alpha/donations/given?year=12",
    ):
        answer = client.get(url, **auth)
        assert answer.status_code == 422 and answer.json()["reason"] == "bad_filter", url
    assert client.get("/api/v1/libraries/alpha/donations/given?year=abc", **auth).status_code == 422


def test_strangers_and_other_libraries_staff_are_refused(client, librarian_b, reader, library_a):
    make_donation(library_a)
    for path in ("given", "received"):
        url = f"/api/v1/libraries/alpha/donations/{path}"
        assert client.get(url, **EN).status_code == 401
        assert client.get(url, **bearer(librarian_b)).status_code == 403
        assert client.get(url, **bearer(reader)).status_code == 403
    assert client.get("/api/v1/libraries/nowhere/donations/given", **bearer(librarian_b)).status_code == 404


def test_anyone_checks_a_receipt_without_names(client, library_a, library_b):
    donation = make_donation(library_a, recipient="张三", recipient_kind="community")
    answer = client.get(f"/api/v1/libraries/alpha/donations/receipts/{donation.number.lower()}", **EN)
    assert answer.status_code == 200
    assert answer.json() == {
        "number": donation.number,
        "library": "alpha",
        "given_on": "2020-02-15",
        "recipient_kind": "community",
        "recipient_kind_label": "Community",
        "total_quantity": 20,
    }
    assert "张三" not in answer.content.decode()
    unknown = client.get("/api/v1/libraries/beta/donations/receipts/" + donation.number, **EN)
    assert unknown.status_code == 404 and unknown.json()["reason"] == "no_receipt"
    assert client.get("/api/v1/libraries/alpha/donations/receipts/" + "X" * 300, **EN).status_code == 404
