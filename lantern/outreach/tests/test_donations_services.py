"""Donation services: numbers in sequence, gifts checked (money needs an amount, books a quantity), books
never passed on beyond what a gift brought, deleting, and the ServiceRecords each records.

The helpers `gift_values`, `make_gift` and `make_donation` are used by the other donation tests."""

import datetime
import decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Partner
from lantern.insights.models import ServiceRecord
from lantern.outreach.models import DonationLine, IncomingDonation, OutgoingDonation, Station
from lantern.outreach.services import donations as services

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 2, 10)


def gift_values(**changes) -> dict:
    values = {
        "kind": "books",
        "donor_name": "长江出版社",
        "donor_kind": "company",
        "donor_email": "gifts@publisher.example.org",
        "donor_phone": "027-5555",
        "may_name": True,
        "description": "儿童绘本",
        "quantity": 100,
        "amount": None,
        "currency": "",
        "received_on": DAY,
    }
    values.update(changes)
    return values


def make_gift(library, by=None, **changes) -> IncomingDonation:
    return services.save_gift(library, gift_values(**changes), by=by)


def donation_values(**changes) -> dict:
    values = {
        "recipient": "方舱医院",
        "recipient_kind": "hospital",
        "recipient_partner": None,
        "station": None,
        "given_on": DAY + datetime.timedelta(days=5),
        "note": "",
    }
    values.update(changes)
    return values


def make_donation(library, lines=None, by=None, **changes) -> OutgoingDonation:
    lines = lines or [{"description": "图书", "quantity": 20}]
    return services.record_donation(library, donation_values(**changes), lines, by=by)


def record_of(obj) -> ServiceRecord | None:
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).first()


# --- numbers -------------------------------------------------------------------------------------
def test_receipt_numbers_run_in_sequence_per_library_and_year(library_a, library_b):
    first = make_donation(library_a)
    second = make_donation(library_a)
    other_library = make_donation(library_b)
    next_year = make_donation(library_a, given_on=datetime.date(2021, 1, 5))
    assert (first.number, second.number) == ("ALPHA-2020-0001", "ALPHA-2020-0002")
    assert other_library.number == "BETA-2020-0001"
    assert next_year.number == "ALPHA-2021-0001"


def test_acknowledgement_numbers_are_their_own_sequence(library_a):
    make_donation(library_a)
    assert make_gift(library_a).number == "ALPHA-2020-A0001"
    assert make_gift(library_a).number == "ALPHA-2020-A0002"


# --- gifts ---------------------------------------------------------------------------------------
def test_money_without_an_amount_is_refused_and_nothing_written(library_a):
    for amount in (None, decimal.Decimal("0"), decimal.Decimal("-5")):
        with pytest.raises(ValidationError) as caught:
            make_gift(library_a, kind="money", amount=amount, currency="CNY", quantity=None)
        assert "amount above zero" in caught.value.message_dict["amount"][0]
    assert not IncomingDonation.objects.exists()


def test_books_without_a_quantity_are_refused(library_a):
    with pytest.raises(ValidationError) as caught:
        make_gift(library_a, quantity=None)
    assert "how many books" in caught.value.message_dict["quantity"][0]


def test_other_bad_gifts_are_refused_by_field(library_a):
    bad = {
        "kind": {"kind": "jewels"},
        "donor_kind": {"donor_kind": "alien"},
        "donor_name": {"donor_name": "  "},
        "description": {"description": ""},
        "donor_email": {"donor_email": "not-an-email"},
        "currency": {"kind": "money", "amount": decimal.Decimal("10"), "currency": "元元"},
        "amount": {"kind": "supplies", "amount": decimal.Decimal("10"), "quantity": 5},
        "received_on": {"received_on": timezone.localdate() + datetime.timedelta(days=2)},
    }
    for field, changes in bad.items():
        with pytest.raises(ValidationError) as caught:
            make_gift(library_a, **changes)
        assert field in caught.value.message_dict, field
    assert not IncomingDonation.objects.exists()


def test_money_keeps_its_amount_and_drops_a_quantity(library_a):
    gift = make_gift(library_a, kind="money", amount=decimal.Decimal("5000"), currency="usd", quantity=3)
    assert (gift.amount, gift.currency, gift.quantity) == (decimal.Decimal("5000"), "USD", None)
    assert services.gift_size(gift) == "5,000.00 USD"


def test_a_public_gift_records_social_participation_and_a_company_cross_industry(library_a, librarian_a):
    person = make_gift(library_a, kind="money", amount=decimal.Decimal("200"), currency="CNY", donor_kind="person")
    company = make_gift(library_a, by=librarian_a)
    record = record_of(person)
    assert record.social and record.social_participation and not record.cross_industry
    assert not record.reading_offline
    assert record_of(company).cross_industry
    # Record titles never name a donor.
    assert "长江" not in record_of(company).title_zh_hans + record_of(company).title_en
    assert AuditEntry.objects.filter(action="outreach.gift_recorded", object_id=str(company.pk)).exists()


def test_a_gift_cannot_be_corrected_below_the_books_passed_on(library_a):
    gift = make_gift(library_a, quantity=30)
    make_donation(library_a, lines=[{"description": "绘本", "quantity": 20, "from_incoming": gift.pk}])
    with pytest.raises(ValidationError) as caught:
        services.save_gift(library_a, gift_values(quantity=10), gift=gift)
    assert "20 books" in caught.value.message_dict["quantity"][0]
    with pytest.raises(ValidationError) as caught:
        services.save_gift(library_a, gift_values(kind="supplies"), gift=gift)
    assert "kind" in caught.value.message_dict
    corrected = services.save_gift(library_a, gift_values(quantity=25, may_name=False), gift=gift)
    assert (corrected.number, corrected.quantity, corrected.may_name) == (gift.number, 25, False)


def test_a_gift_whose_books_were_passed_on_cannot_be_deleted(library_a):
    gift = make_gift(library_a, quantity=30)
    make_donation(library_a, lines=[{"description": "绘本", "quantity": 5, "from_incoming": gift.pk}])
    with pytest.raises(Refused) as caught:
        services.delete_gift(gift)
    assert caught.value.reason == "passed_on"
    assert IncomingDonation.objects.filter(pk=gift.pk).exists()


def test_deleting_a_gift_withdraws_its_record(library_a, librarian_a):
    gift = make_gift(library_a)
    services.delete_gift(gift, by=librarian_a)
    assert not IncomingDonation.objects.exists()
    assert not ServiceRecord.objects.exists()
    assert AuditEntry.objects.filter(action="outreach.gift_deleted").exists()


# --- outgoing ------------------------------------------------------------------------------------
def test_books_passed_on_are_counted_and_never_more_than_given(library_a):
    gift = make_gift(library_a, quantity=50)
    make_donation(library_a, lines=[{"description": "绘本", "quantity": 30, "from_incoming": gift.pk}])
    assert services.books_left(gift) == 20
    with pytest.raises(Refused) as caught:
        make_donation(
            library_a,
            lines=[
                {"description": "绘本", "quantity": 15, "from_incoming": gift.pk},
                {"description": "绘本（二）", "quantity": 10, "from_incoming": gift},
            ],
        )
    assert caught.value.reason == "more_than_given"
    assert "50 books and 20 are left" in str(caught.value)
    assert OutgoingDonation.objects.count() == 1 and DonationLine.objects.count() == 1
    make_donation(library_a, lines=[{"description": "绘本", "quantity": 20, "from_incoming": gift.pk}])
    assert services.books_left(gift) == 0


def test_only_a_gift_of_books_of_this_library_can_be_passed_on(library_a, library_b):
    money = make_gift(library_a, kind="money", amount=decimal.Decimal("10"), currency="CNY")
    elsewhere = make_gift(library_b)
    for gift in (money, elsewhere):
        with pytest.raises(Refused) as caught:
            make_donation(library_a, lines=[{"description": "书", "quantity": 1, "from_incoming": gift.pk}])
        assert caught.value.reason == "not_a_book_gift"
    late = make_gift(library_a, received_on=DAY + datetime.timedelta(days=20))
    with pytest.raises(Refused) as caught:
        make_donation(library_a, lines=[{"description": "书", "quantity": 1, "from_incoming": late.pk}])
    assert caught.value.reason == "gift_not_yet_received"
    assert not OutgoingDonation.objects.exists()


def test_bad_lines_are_refused(library_a):
    cases = {
        "no_lines": [],
        "bad_line": [{"description": "", "quantity": 3}],
    }
    for reason, lines in cases.items():
        with pytest.raises(Refused) as caught:
            services.record_donation(library_a, donation_values(), lines)
        assert caught.value.reason == reason
    for quantity in (0, -1, "3", None):
        with pytest.raises(Refused) as caught:
            services.record_donation(library_a, donation_values(), [{"description": "书", "quantity": quantity}])
        assert "Line 1" in str(caught.value)
    assert not OutgoingDonation.objects.exists()


def test_bad_donations_are_refused_by_field(library_a, library_b):
    foreign_partner = Partner.objects.create(name="Elsewhere", kind="hospital")
    foreign_partner.libraries.add(library_b)
    station = Station.objects.create(
        library=library_b, name="B", site="hospital", address="x", contact_name="y", opens_on=DAY, token="t-b"
    )
    bad = {
        "recipient": {"recipient": ""},
        "recipient_kind": {"recipient_kind": "moon"},
        "recipient_partner": {"recipient_partner": foreign_partner},
        "station": {"station": station},
        "given_on": {"given_on": timezone.localdate() + datetime.timedelta(days=1)},
        "note": {"note": "x" * 501},
    }
    for field, changes in bad.items():
        with pytest.raises(ValidationError) as caught:
            make_donation(library_a, **changes)
        assert field in caught.value.message_dict, field
    assert not OutgoingDonation.objects.exists()


def test_a_donation_to_a_hospital_partner_is_targeted_and_cross_industry(library_a, librarian_a):
    hospital = Partner.objects.create(name="武汉市第一医院", kind="hospital")
    hospital.libraries.add(library_a)
    donation = make_donation(library_a, by=librarian_a, recipient="", recipient_partner=hospital)
    assert donation.recipient == "武汉市第一医院"
    record = record_of(donation)
    assert record.reading_offline and record.social and record.cross_industry and record.targeted_groups
    assert record.link.endswith(f"/alpha/donations/receipts/{donation.number}/")
    assert AuditEntry.objects.filter(action="outreach.donation_recorded").exists()


def test_a_donation_to_a_community_without_partner_is_neither(library_a):
    record = record_of(make_donation(library_a, recipient="江汉社区", recipient_kind="community"))
    assert record.reading_offline and record.social
    assert not record.cross_industry and not record.targeted_groups


def test_a_donation_to_a_hosted_quarantine_station_is_both(library_a):
    host = Partner.objects.create(name="Hotel", kind="company")
    station = Station.objects.create(
        library=library_a, name="隔离酒店阅读点", site="quarantine_hotel", address="x", contact_name="y",
        opens_on=DAY, token="t-a", host=host,
    )  # fmt: skip
    record = record_of(make_donation(library_a, recipient="", recipient_kind="other", station=station))
    assert record.cross_industry and record.targeted_groups


def test_deleting_a_donation_frees_its_books_and_withdraws_its_record(library_a, librarian_a):
    gift = make_gift(library_a, quantity=10)
    donation = make_donation(library_a, lines=[{"description": "书", "quantity": 10, "from_incoming": gift.pk}])
    assert services.books_left(gift) == 0
    services.delete_donation(donation, by=librarian_a)
    assert services.books_left(gift) == 10
    assert record_of(gift) is not None and ServiceRecord.objects.count() == 1
    assert AuditEntry.objects.filter(action="outreach.donation_deleted", summary=donation.number).exists()


def test_the_public_list_names_only_consenting_donors(library_a):
    make_gift(library_a, donor_name="王芳", donor_kind="person", may_name=True)
    make_gift(library_a, donor_name="李秘密", donor_kind="person", may_name=False)
    make_gift(library_a, kind="money", amount=decimal.Decimal("100.50"), currency="CNY", quantity=None)
    rows = services.public_gifts(library_a)
    donors = [row["donor"] for row in rows]
    assert "王芳" in donors and "李秘密" not in donors and "Anonymous donor" in donors
    assert not any("@" in str(value) for row in rows for value in row.values())
    totals = services.gift_totals(library_a)
    assert (totals["books_gifts"], totals["books"], totals["money_gifts"]) == (2, 200, 1)
    assert totals["money"] == [{"currency": "CNY", "total": decimal.Decimal("100.50")}]
