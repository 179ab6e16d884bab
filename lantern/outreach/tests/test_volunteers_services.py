"""Services of volunteers: applying, approval (with the VOLUNTEER role), declining and leaving; shifts, sign-up
and cancellation; check-in, no-shows and hours; the ServiceRecord of a shift; the personal-data export. Every
refusal says why and writes nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Notice, Role
from lantern.insights.models import ServiceRecord
from lantern.outreach.models import HoursEntry, Shift, ShiftSignup, Volunteer
from lantern.outreach.services import shifts as shift_services
from lantern.outreach.services import volunteers as services

from .volunteers_helpers import APPLICATION, make_shift, make_volunteer

pytestmark = pytest.mark.django_db


def reason(call) -> str:
    with pytest.raises(Refused) as caught:
        call()
    return caught.value.reason


def fields(call) -> set:
    with pytest.raises(ValidationError) as caught:
        call()
    return set(caught.value.message_dict)


# --- applications --------------------------------------------------------------------------------
def test_application_needs_skills_availability_consent_and_a_named_sign_language(library_a, reader):
    bad = {"skills": " ", "availability": "", "signs": True, "languages": "", "consent": False}
    assert fields(lambda: services.apply(library_a, reader, bad)) == {"skills", "availability", "languages", "consent"}
    assert fields(lambda: services.apply(library_a, reader, {**APPLICATION, "skills": "x" * 301})) == {"skills"}
    assert not Volunteer.objects.exists()


def test_one_application_per_library(library_a, library_b, reader):
    services.apply(library_a, reader, APPLICATION)
    assert reason(lambda: services.apply(library_a, reader, APPLICATION)) == "already_applied"
    services.apply(library_b, reader, APPLICATION)  # another library is another application
    assert Volunteer.objects.filter(user=reader).count() == 2


def test_approval_grants_the_role_and_tells_the_person(library_a, reader, librarian_a):
    reader.language = "en"
    reader.save()
    volunteer = services.apply(library_a, reader, {**APPLICATION, "signs": True, "languages": "Chinese Sign Language"})
    services.approve(volunteer, by=librarian_a)
    assert volunteer.status == "approved" and volunteer.decided_by == librarian_a
    assert Role.objects.filter(user=reader, kind=Role.Kind.VOLUNTEER, library=library_a).exists()
    assert Notice.objects.get(recipient=reader).subject == "You are a volunteer"
    assert AuditEntry.objects.filter(action="outreach.volunteer_approved").exists()
    assert reason(lambda: services.approve(volunteer)) == "wrong_status"


def test_decline_needs_a_reason_and_the_person_is_told_in_their_language(library_a, reader, librarian_a):
    volunteer = services.apply(library_a, reader, APPLICATION)
    assert fields(lambda: services.decline(volunteer, "  ", by=librarian_a)) == {"reason"}
    assert fields(lambda: services.decline(volunteer, "x" * 301, by=librarian_a)) == {"reason"}
    services.decline(volunteer, "我们暂时不需要更多志愿者", by=librarian_a)
    notice = Notice.objects.get(recipient=reader)
    assert "我们暂时不需要更多志愿者" in notice.body
    assert volunteer.status == "declined"
    assert reason(lambda: services.mark_left(volunteer)) == "wrong_status"


def test_a_stale_decision_is_refused(library_a, reader):
    volunteer = services.apply(library_a, reader, APPLICATION)
    stale = Volunteer.objects.get(pk=volunteer.pk)
    services.approve(volunteer)
    assert reason(lambda: services.decline(stale, "no")) == "changed"


def test_leaving_revokes_the_role_and_frees_upcoming_places(library_a, librarian_a):
    volunteer = make_volunteer(library_a)
    shift = make_shift(library_a)
    shift_services.sign_up(shift, volunteer.user)
    assert services.mark_left(volunteer, by=librarian_a) == 1
    assert not Role.objects.filter(user=volunteer.user, kind=Role.Kind.VOLUNTEER).exists()
    assert Shift.objects.get(pk=shift.pk).taken == 0
    assert reason(lambda: shift_services.sign_up(shift, volunteer.user)) == "not_approved"
    services.approve(volunteer)  # may come back
    assert Role.objects.filter(user=volunteer.user, kind=Role.Kind.VOLUNTEER).exists()


def test_closed_application_cannot_be_changed(library_a, reader):
    volunteer = services.apply(library_a, reader, APPLICATION)
    services.update_application(volunteer, {**APPLICATION, "skills": "Driving"})
    assert Volunteer.objects.get(pk=volunteer.pk).skills == "Driving"
    services.decline(volunteer, "Not now")
    assert reason(lambda: services.update_application(volunteer, APPLICATION)) == "closed"


# --- shifts --------------------------------------------------------------------------------------
def test_shift_checks_title_times_and_places(library_a):
    now = timezone.now()
    bad = {"title_zh_hans": "", "title_en": " ", "starts_at": now, "ends_at": now, "capacity": 0}
    assert fields(lambda: shift_services.save_shift(library_a, bad)) == {"title_zh_hans", "ends_at", "capacity"}
    long = {"title_en": "Long", "starts_at": now, "ends_at": now + datetime.timedelta(hours=25), "capacity": 2}
    assert fields(lambda: shift_services.save_shift(library_a, long)) == {"ends_at"}
    assert not Shift.objects.exists()


def test_a_shift_records_social_participation_and_is_withdrawn_when_cancelled(library_a, librarian_a):
    shift = make_shift(library_a)
    record = ServiceRecord.objects.get()
    assert record.social and record.social_participation and not record.targeted_groups
    assert record.title_en == "Reading station duty"
    volunteer = make_volunteer(library_a)
    volunteer.user.language = "en"
    volunteer.user.save()
    shift_services.sign_up(shift, volunteer.user)
    assert fields(lambda: shift_services.cancel_shift(shift, "")) == {"reason"}
    assert shift_services.cancel_shift(shift, "The shelter closed", by=librarian_a) == 1
    assert not Shift.objects.exists() and not ServiceRecord.objects.exists()
    notice = Notice.objects.filter(recipient=volunteer.user).latest("pk")
    assert notice.subject == "Shift cancelled: Reading station duty" and "The shelter closed" in notice.body


def test_a_started_shift_cannot_be_cancelled(library_a):
    shift = make_shift(library_a, hours_from_now=-1)
    assert reason(lambda: shift_services.cancel_shift(shift, "late")) == "started"


def test_places_cannot_go_below_those_taken(library_a):
    shift = make_shift(library_a, capacity=2)
    for name in ("Ann", "Ben"):
        shift_services.sign_up(shift, make_volunteer(library_a, name=name).user)
    values = {"title_en": "Duty", "starts_at": shift.starts_at, "ends_at": shift.ends_at, "capacity": 1}
    assert fields(lambda: shift_services.save_shift(library_a, values, shift=shift)) == {"capacity"}
    shift_services.save_shift(library_a, {**values, "capacity": 4}, shift=shift)
    assert Shift.objects.get(pk=shift.pk).places_left == 2


def test_signing_up_refusals(library_a, library_b, reader):
    shift = make_shift(library_a, capacity=1)
    assert reason(lambda: shift_services.sign_up(shift, reader)) == "not_volunteer"
    applied = make_volunteer(library_a, approve=False, name="Apple")
    assert reason(lambda: shift_services.sign_up(shift, applied.user)) == "not_approved"
    volunteer = make_volunteer(library_a)
    shift_services.sign_up(shift, volunteer.user)
    assert reason(lambda: shift_services.sign_up(shift, volunteer.user)) == "already_signed_up"
    other = make_volunteer(library_a, name="Otto")
    with pytest.raises(Refused, match="This shift is full"):
        shift_services.sign_up(shift, other.user)
    started = make_shift(library_a, hours_from_now=-1)
    assert reason(lambda: shift_services.sign_up(started, other.user)) == "started"
    elsewhere = make_volunteer(library_b, user=other.user)
    assert reason(lambda: shift_services.check_signup(shift, elsewhere)) == "other_library"
    assert ShiftSignup.objects.count() == 1


def test_cancelling_until_the_start(library_a):
    volunteer = make_volunteer(library_a)
    shift = make_shift(library_a, hours_from_now=1)
    signup = shift_services.sign_up(shift, volunteer.user)
    shift_services.cancel_signup(signup)
    assert reason(lambda: shift_services.cancel_signup(signup)) == "already_cancelled"
    signup = shift_services.sign_up(shift, volunteer.user)  # may sign up again
    with time_machine.travel(shift.starts_at + datetime.timedelta(minutes=1)):
        assert reason(lambda: shift_services.cancel_signup(signup)) == "started"


# --- check-in and hours --------------------------------------------------------------------------
def test_check_in_records_approved_hours_of_the_shift_length_once(library_a, librarian_a):
    volunteer = make_volunteer(library_a)
    shift = make_shift(library_a, hours_from_now=3, length=3)
    signup = shift_services.sign_up(shift, volunteer.user)
    assert reason(lambda: shift_services.check_in(signup)) == "too_early"
    with time_machine.travel(shift.starts_at - datetime.timedelta(minutes=30)):
        assert reason(lambda: shift_services.mark_no_show(signup)) == "not_started"
        entry = shift_services.check_in(signup, by=librarian_a)
        assert reason(lambda: shift_services.check_in(signup)) == "not_booked"
    assert entry.status == "approved" and entry.hours == Decimal("3.00") and entry.shift == shift
    assert signup.status == "attended" and signup.checked_in_at
    assert shift_services.hours_totals(volunteer)["approved"] == Decimal(3)


def test_no_show_after_the_start(library_a):
    shift = make_shift(library_a, hours_from_now=1)
    signup = shift_services.sign_up(shift, make_volunteer(library_a).user)
    with time_machine.travel(shift.starts_at + datetime.timedelta(minutes=10)):
        assert shift_services.mark_no_show(signup).status == "no_show"
        assert reason(lambda: shift_services.mark_no_show(signup)) == "not_booked"
    assert not HoursEntry.objects.exists()


def test_own_hours_are_checked_and_wait_for_approval(library_a, reader):
    today = timezone.localdate()
    good = {"worked_on": today, "hours": "2.5", "description": "Sorted donated books"}
    assert reason(lambda: shift_services.log_hours(library_a, reader, good)) == "not_volunteer"
    volunteer = make_volunteer(library_a)
    user = volunteer.user
    for bad, field in [
        ({**good, "worked_on": today + datetime.timedelta(days=1)}, "worked_on"),
        ({**good, "worked_on": "yesterday"}, "worked_on"),
        ({**good, "hours": "0"}, "hours"),
        ({**good, "hours": "24.5"}, "hours"),
        ({**good, "hours": "many"}, "hours"),
        ({**good, "hours": "NaN"}, "hours"),
        ({**good, "description": " "}, "description"),
        ({**good, "description": "x" * 301}, "description"),
    ]:
        assert fields(lambda bad=bad: shift_services.log_hours(library_a, user, bad)) == {field}
    entry = shift_services.log_hours(library_a, user, good)
    assert entry.status == "pending" and entry.hours == Decimal("2.50")
    assert shift_services.hours_totals(volunteer)["pending"] == Decimal("2.5")


def test_staff_approve_or_reject_hours_and_the_volunteer_is_told(library_a, librarian_a):
    volunteer = make_volunteer(library_a)
    volunteer.user.language = "en"
    volunteer.user.save()
    values = {"worked_on": timezone.localdate(), "hours": 2, "description": "Delivered books"}
    first = shift_services.log_hours(library_a, volunteer.user, values)
    second = shift_services.log_hours(library_a, volunteer.user, values)
    shift_services.approve_hours(first, by=librarian_a)
    assert reason(lambda: shift_services.approve_hours(first)) == "already_decided"
    assert fields(lambda: shift_services.reject_hours(second, "")) == {"reason"}
    shift_services.reject_hours(second, "Counted twice", by=librarian_a)
    assert reason(lambda: shift_services.reject_hours(second, "again")) == "already_decided"
    subjects = list(Notice.objects.filter(recipient=volunteer.user).values_list("subject", flat=True))
    assert "Your hours are approved" in subjects and "Your hours were not approved" in subjects
    assert "Counted twice" in Notice.objects.filter(recipient=volunteer.user).latest("pk").body
    totals = shift_services.hours_totals(volunteer)
    assert totals == {"approved": Decimal(2), "pending": Decimal(0), "rejected": Decimal(2)}


def test_export_holds_applications_signups_and_hours(library_a):
    volunteer = make_volunteer(library_a, signs=True, languages="Chinese Sign Language")
    shift_services.sign_up(make_shift(library_a), volunteer.user)
    shift_services.log_hours(
        library_a, volunteer.user, {"worked_on": timezone.localdate(), "hours": 1, "description": "Phone calls"}
    )
    data = services.export_volunteer_data(volunteer.user)
    assert data["volunteer_applications"][0]["uses_sign_language"] is True
    assert data["shift_signups"][0]["status"] == "booked"
    assert data["volunteer_hours"][0]["what"] == "Phone calls"
