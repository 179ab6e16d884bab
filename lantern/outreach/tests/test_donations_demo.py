"""The sample donations: what a visitor and a librarian of the Wuhan demo library see (a thank-you page
naming the press and Chen Jing but not Mr Zhou, receipts that verify, the publisher's books passed on to the
hospital and the community), loaded once."""

import pytest
from django.urls import reverse

from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord
from lantern.outreach import demo_donations
from lantern.outreach.models import IncomingDonation, OutgoingDonation
from lantern.outreach.services import donations as services

pytestmark = pytest.mark.django_db


def test_demo_donations_show_what_a_visitor_expects_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    made = demo_donations.load(libraries)
    assert made == 3 + 2 + 4  # three gifts, two donations of two lines each
    assert IncomingDonation.objects.filter(is_demo=True).count() == 3
    assert OutgoingDonation.objects.filter(is_demo=True).count() == 2

    thanks = client.get(reverse("outreach:donation_thanks", args=["wuhan"]), HTTP_ACCEPT_LANGUAGE="en")
    text = thanks.content.decode()
    assert "Changjiang Children" in text and "陈静 Chen Jing" in text and "Anonymous donor" in text
    assert "Mr Zhou" not in text and "@example.org" not in text
    assert "2,000.00 CNY" in text and "Books: 300 in 1 gift" in text

    press = IncomingDonation.objects.get(kind="books", is_demo=True)
    assert services.books_left(press) == 300 - 120 - 60
    hospital = OutgoingDonation.objects.get(recipient_kind="hospital")
    assert hospital.recipient_partner is not None and "Shelter Hospital" in hospital.recipient
    check = client.get(reverse("outreach:receipt_check", args=["wuhan", hospital.number]), HTTP_ACCEPT_LANGUAGE="en")
    assert "is genuine" in check.content.decode() and "200" in check.content.decode()
    record = ServiceRecord.objects.get(object_id=str(hospital.pk), content_type__model="outgoingdonation")
    assert record.targeted_groups and record.cross_industry and record.reading_offline
    assert ServiceRecord.objects.filter(social_participation=True, library=libraries["wuhan"]).count() == 3

    assert demo_donations.load(libraries) == 0
    assert OutgoingDonation.objects.count() == 2 and IncomingDonation.objects.count() == 3
