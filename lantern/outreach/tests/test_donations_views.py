"""Donation pages: staff record donations (with line rows) and gifts, see where a gift's books went, delete
after a confirmation; bad input on every form gets a clear message and writes nothing; staff of another
library are refused; the public thank-you page never shows contact details or names of donors who did not
consent; the receipt check confirms a receipt without personal data."""

import datetime

import pytest
from django.urls import reverse

from lantern.core.models import Partner
from lantern.outreach.models import IncomingDonation, OutgoingDonation, Station

from .test_donations_services import DAY, make_donation, make_gift

pytestmark = pytest.mark.django_db


def donation_post(**changes) -> dict:
    data = {
        "recipient": "雷神山医院",
        "recipient_kind": "hospital",
        "recipient_partner": "",
        "station": "",
        "given_on": "2020-02-20",
        "note": "",
        "lines-TOTAL_FORMS": "6",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "6",
        "lines-0-description": "图书",
        "lines-0-quantity": "40",
        "lines-0-from_incoming": "",
    }
    data.update(changes)
    return data


def gift_post(**changes) -> dict:
    data = {
        "kind": "money",
        "donor_name": "王芳",
        "donor_kind": "person",
        "donor_email": "wang@example.org",
        "donor_phone": "13800000000",
        "may_name": "on",
        "description": "支持抗疫阅读",
        "quantity": "",
        "amount": "500",
        "currency": "CNY",
        "received_on": "2020-02-12",
    }
    data.update(changes)
    return data


def test_staff_record_a_donation_with_lines_from_a_gift(client_as, librarian_a, library_a):
    gift = make_gift(library_a, quantity=60)
    client = client_as(librarian_a)
    page = client.get(reverse("outreach:staff_donation_new", args=["alpha"]))
    assert page.status_code == 200 and "Line 6" in page.content.decode()
    data = donation_post(**{"lines-1-description": "绘本", "lines-1-quantity": "25", "lines-1-from_incoming": gift.pk})
    response = client.post(reverse("outreach:staff_donation_new", args=["alpha"]), data, follow=True)
    donation = OutgoingDonation.objects.get()
    assert donation.number == "ALPHA-2020-0001" and donation.lines.count() == 2
    text = response.content.decode()
    assert "recorded with receipt number ALPHA-2020-0001" in text and "65" in text
    gift_page = client.get(reverse("outreach:staff_gift", args=["alpha", gift.number])).content.decode()
    assert "Where the books went" in gift_page and "雷神山医院" in gift_page and "35 books left" in gift_page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_on": "not a date"}, "Enter a valid date"),
        ({"recipient_kind": "moon"}, "Select a valid choice"),
        ({"recipient": "", "recipient_partner": ""}, "Say who receives the donation"),
        ({"lines-0-description": "", "lines-0-quantity": ""}, "Add at least one line"),
        ({"lines-0-quantity": "-3"}, "greater than or equal to 1"),
        ({"lines-0-quantity": ""}, "Say how many"),
        ({"lines-0-description": ""}, "Say what the items are"),
        ({"lines-0-from_incoming": "99999"}, "Select a valid choice"),
        ({"lines-TOTAL_FORMS": "x"}, "ManagementForm data is missing"),
        ({"given_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()}, "cannot be in the future"),
    ],
)
def test_bad_donation_input_is_explained_and_nothing_written(client_as, librarian_a, library_a, changes, message):
    response = client_as(librarian_a).post(
        reverse("outreach:staff_donation_new", args=["alpha"]), donation_post(**changes)
    )
    assert response.status_code in (409, 422)
    assert message in response.content.decode()
    assert not OutgoingDonation.objects.exists()


def test_passing_on_more_books_than_given_is_refused_on_the_form(client_as, librarian_a, library_a):
    gift = make_gift(library_a, quantity=10)
    response = client_as(librarian_a).post(
        reverse("outreach:staff_donation_new", args=["alpha"]),
        donation_post(**{"lines-0-quantity": "11", "lines-0-from_incoming": gift.pk}),
    )
    assert response.status_code == 409
    assert "brought 10 books and 10 are left" in response.content.decode()
    assert not OutgoingDonation.objects.exists()


def test_staff_record_a_gift_and_correct_it(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    response = client.post(reverse("outreach:staff_gift_new", args=["alpha"]), gift_post(), follow=True)
    gift = IncomingDonation.objects.get()
    assert gift.number == "ALPHA-2020-A0001" and gift.amount == 500
    assert "The gift ALPHA-2020-A0001 is saved" in response.content.decode()
    edit = reverse("outreach:staff_gift_edit", args=["alpha", gift.number])
    assert "王芳" in client.get(edit).content.decode()
    client.post(edit, gift_post(may_name=""))
    gift.refresh_from_db()
    assert not gift.may_name and gift.number == "ALPHA-2020-A0001"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": ""}, "amount above zero"),
        ({"amount": "0"}, "amount above zero"),
        ({"amount": "abc"}, "Enter a number"),
        ({"kind": "books", "amount": "", "quantity": ""}, "how many books"),
        ({"kind": "books", "quantity": "5"}, "only for gifts of money"),
        ({"donor_email": "nope"}, "Enter a valid email address"),
        ({"donor_name": ""}, "This field is required"),
        ({"currency": "12"}, "three letters"),
        ({"received_on": "2020-13-45"}, "Enter a valid date"),
        ({"kind": "jewels"}, "Select a valid choice"),
    ],
)
def test_bad_gift_input_is_explained_and_nothing_written(client_as, librarian_a, library_a, changes, message):
    response = client_as(librarian_a).post(reverse("outreach:staff_gift_new", args=["alpha"]), gift_post(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not IncomingDonation.objects.exists()


def test_deleting_asks_first_then_deletes(client_as, librarian_a, library_a):
    donation = make_donation(library_a)
    client = client_as(librarian_a)
    url = reverse("outreach:staff_donation_delete", args=["alpha", donation.number])
    confirm = client.get(url).content.decode()
    assert "This cannot be undone" in confirm and OutgoingDonation.objects.exists()
    response = client.post(url, follow=True)
    assert "no longer verifies" in response.content.decode()
    assert not OutgoingDonation.objects.exists()
    check = client.get(reverse("outreach:receipt_check", args=["alpha", donation.number]))
    assert check.status_code == 404 and "has no receipt numbered" in check.content.decode()


def test_a_gift_with_books_passed_on_is_not_deleted(client_as, librarian_a, library_a):
    gift = make_gift(library_a, quantity=10)
    make_donation(library_a, lines=[{"description": "书", "quantity": 3, "from_incoming": gift.pk}])
    client = client_as(librarian_a)
    url = reverse("outreach:staff_gift_delete", args=["alpha", gift.number])
    assert "This cannot be undone" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 409 and "delete those donations first" in response.content.decode()
    assert IncomingDonation.objects.exists()
    other = make_gift(library_a)
    client.post(reverse("outreach:staff_gift_delete", args=["alpha", other.number]))
    assert not IncomingDonation.objects.filter(pk=other.pk).exists()


def test_staff_of_another_library_and_readers_are_refused(client_as, librarian_b, reader, library_a, client):
    donation, gift = make_donation(library_a), make_gift(library_a)
    urls = [
        reverse("outreach:staff_donations", args=["alpha"]),
        reverse("outreach:staff_donation_new", args=["alpha"]),
        reverse("outreach:staff_donation", args=["alpha", donation.number]),
        reverse("outreach:staff_receipt_pdf", args=["alpha", donation.number]),
        reverse("outreach:staff_donation_delete", args=["alpha", donation.number]),
        reverse("outreach:staff_gift_new", args=["alpha"]),
        reverse("outreach:staff_gift", args=["alpha", gift.number]),
        reverse("outreach:staff_gift_edit", args=["alpha", gift.number]),
        reverse("outreach:staff_letter_pdf", args=["alpha", gift.number]),
        reverse("outreach:staff_gift_delete", args=["alpha", gift.number]),
    ]
    for user in (librarian_b, reader):
        signed_in = client_as(user)
        for url in urls:
            assert signed_in.get(url).status_code == 403, url
        assert signed_in.post(urls[4]).status_code == 403
    assert OutgoingDonation.objects.exists() and IncomingDonation.objects.exists()
    # A number of another library is not found through this library's address.
    assert (
        client_as(librarian_b).get(reverse("outreach:staff_donation", args=["beta", donation.number])).status_code
        == 404
    )


def test_the_thank_you_page_never_shows_contact_details_or_unconsenting_names(client, library_a):
    make_gift(
        library_a, donor_name="长江出版社", may_name=True, donor_email="press@example.org", donor_phone="027-88887777"
    )
    make_gift(
        library_a, kind="supplies", donor_name="李秘密", donor_kind="person", may_name=False, quantity=300,
        donor_email="li@example.org", donor_phone="13912345678", description="口罩",
    )  # fmt: skip
    page = client.get(reverse("outreach:donation_thanks", args=["alpha"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "长江出版社" in text and "Anonymous donor" in text
    for secret in ("李秘密", "li@example.org", "13912345678", "press@example.org", "027-88887777"):
        assert secret not in text
    assert "Books: 100 in 1 gift" in text and "Supplies: 300 items in 1 gift" in text


def test_the_receipt_check_confirms_without_personal_data(client, library_a, library_b):
    donation = make_donation(library_a, recipient="张三家属", recipient_kind="quarantine", note="给张三")
    page = client.get(reverse("outreach:receipt_check", args=["alpha", donation.number.lower()]))
    text = page.content.decode()
    assert page.status_code == 200 and "is genuine" in text
    assert donation.number in text and "2020-02-15" in text and "Quarantine hotel or site" in text and "20" in text
    assert "张三" not in text
    wrong = client.get(reverse("outreach:receipt_check", args=["beta", donation.number]))
    assert wrong.status_code == 404 and "has no receipt numbered" in wrong.content.decode()
    junk = client.get("/alpha/donations/receipts/%3Cscript%3E/")
    assert junk.status_code == 404 and "<script>" not in junk.content.decode()


def test_a_bad_paper_language_is_explained(client_as, librarian_a, library_a):
    donation = make_donation(library_a)
    url = reverse("outreach:staff_receipt_pdf", args=["alpha", donation.number])
    response = client_as(librarian_a).get(url, {"language": "fr"})
    assert response.status_code == 400 and "Choose Chinese or English" in response.content.decode()


def test_the_staff_list_shows_both_ways(client_as, librarian_a, library_a):
    make_donation(library_a, recipient="江汉社区", recipient_kind="community")
    make_gift(library_a, donor_name="李秘密", may_name=False, received_on=DAY)
    text = client_as(librarian_a).get(reverse("outreach:staff_donations", args=["alpha"])).content.decode()
    assert "江汉社区" in text and "李秘密" in text and "not named publicly" in text


def test_a_donation_to_a_station_and_partner_of_this_library_only(client_as, librarian_a, library_a, library_b):
    hospital = Partner.objects.create(name="第一医院", kind="hospital")
    hospital.libraries.add(library_a)
    mine = Station.objects.create(
        library=library_a, name="方舱阅读点", site="hospital", address="x", contact_name="y", opens_on=DAY, token="a1"
    )
    theirs = Station.objects.create(
        library=library_b, name="B", site="hospital", address="x", contact_name="y", opens_on=DAY, token="b1"
    )
    client = client_as(librarian_a)
    url = reverse("outreach:staff_donation_new", args=["alpha"])
    refused = client.post(url, donation_post(recipient="", station=theirs.pk))
    assert refused.status_code == 422 and "Select a valid choice" in refused.content.decode()
    assert not OutgoingDonation.objects.exists()
    client.post(url, donation_post(recipient="", recipient_partner=hospital.pk, station=mine.pk))
    donation = OutgoingDonation.objects.get()
    assert (donation.recipient, donation.station, donation.recipient_partner) == ("第一医院", mine, hospital)


def test_bad_input_when_correcting_a_gift_changes_nothing(client_as, librarian_a, library_a):
    gift = make_gift(library_a, quantity=30)
    make_donation(library_a, lines=[{"description": "书", "quantity": 20, "from_incoming": gift.pk}])
    edit = reverse("outreach:staff_gift_edit", args=["alpha", gift.number])
    response = client_as(librarian_a).post(edit, gift_post(kind="books", amount="", quantity="5"))
    assert response.status_code == 422 and "20 books of this gift were already passed on" in response.content.decode()
    gift.refresh_from_db()
    assert gift.quantity == 30 and gift.donor_name == "长江出版社"
