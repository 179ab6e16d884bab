"""The sample volunteers: what a visitor to the Wuhan demo library sees (volunteers who sign and a librarian
who volunteers, past shifts with hours, an upcoming full shift, hours approved and waiting), loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lantern.core import demo as core_demo
from lantern.core.models import Role
from lantern.insights.models import ServiceRecord
from lantern.outreach import demo_volunteers
from lantern.outreach.models import HoursEntry, Shift, Volunteer

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_demo_volunteers_show_what_a_visitor_expects_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    made = demo_volunteers.load(libraries)
    assert made > 20
    assert Volunteer.objects.filter(is_demo=True).count() == len(demo_volunteers.PEOPLE)
    assert Volunteer.objects.filter(signs=True, status="approved").exists()
    assert Volunteer.objects.filter(status="applied").count() == 1
    sun = get_user_model().objects.get(username="volunteer1@example.org")
    assert sun.check_password(core_demo.DEMO_PASSWORD)
    assert Role.objects.filter(user=sun, kind=Role.Kind.STAFF).exists()
    assert Role.objects.filter(user=sun, kind=Role.Kind.VOLUNTEER).exists()
    assert all(s.title_zh_hans and s.title_en and s.is_demo for s in Shift.objects.all())
    assert ServiceRecord.objects.filter(social=True, social_participation=True).count() == len(demo_volunteers.SHIFTS)
    assert (
        HoursEntry.objects.filter(status="approved").exists() and HoursEntry.objects.filter(status="pending").exists()
    )

    client.force_login(get_user_model().objects.get(username="volunteer5@example.org"))
    shifts = client.get(reverse("outreach:shifts", args=["wuhan"]), **EN).content.decode()
    assert "Delivering books to quarantine hotels (full)" in shifts and "You are signed up." in shifts
    client.force_login(get_user_model().objects.get(username="volunteer2@example.org"))
    shifts = client.get(reverse("outreach:shifts", args=["wuhan"]), **EN).content.decode()
    assert "This shift is full." in shifts
    hours = client.get(reverse("outreach:my_hours", args=["wuhan"]), **EN).content.decode()
    assert "Recording sign-language micro-lessons" in hours and "Approved" in hours
    pdf = client.get(reverse("outreach:certificate", args=["wuhan"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    staff = get_user_model().objects.get(username="staff.wuhan@example.org")
    client.force_login(staff)
    page = client.get(reverse("outreach:staff_volunteers", args=["wuhan"]), **EN).content.decode()
    assert "赵蕾 Zhao Lei" in page and "Hours waiting for approval" in page

    assert demo_volunteers.load(libraries) == 0
    assert Shift.objects.count() == len(demo_volunteers.SHIFTS)
