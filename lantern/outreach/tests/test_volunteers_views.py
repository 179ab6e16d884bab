"""Pages of volunteers: applying and its status, shifts with sign-up and cancellation (after a confirmation),
"My hours"; the staff's applications, volunteer list and filter, shifts, check-in and hours. Bad input on every
form answers with the form and a message, writes nothing, and never a 500; other libraries' staff get 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.models import Notice
from lantern.outreach.models import HoursEntry, Shift, ShiftSignup, Volunteer
from lantern.outreach.services import shifts as shift_services
from lantern.outreach.services import volunteers as services

from .volunteers_helpers import APPLICATION, make_shift, make_volunteer

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"outreach:{name}", args=["alpha", *args])


def test_apply_then_see_the_status(client, client_as, library_a, reader):
    page = client.get(url("volunteer")).content.decode()
    assert "Sign in to volunteer" in page
    client_as(reader)
    bad = client.post(url("volunteer"), {"skills": "", "availability": "", "signs": "on"})
    assert bad.status_code == 422 and "nothing was saved" in bad.content.decode()
    assert not Volunteer.objects.exists()
    answer = client.post(url("volunteer"), {**APPLICATION, "signs": "on", "languages": "Chinese Sign Language"})
    assert answer.status_code == 302
    page = client.get(url("volunteer")).content.decode()
    assert "Applied" in page and "Chinese Sign Language" in page and "Uses sign language" in page
    again = client.post(url("volunteer"), APPLICATION)
    assert again.status_code == 409 and "already applied" in again.content.decode()


def test_shifts_only_for_approved_volunteers(client, client_as, library_a, reader):
    make_shift(library_a)
    client_as(reader)
    refused = client.get(url("shifts"))
    assert refused.status_code == 403 and "Apply first" in refused.content.decode()
    services.apply(library_a, reader, APPLICATION)
    assert client.get(url("shifts")).status_code == 403


def test_sign_up_full_and_cancel_after_confirmation(client, client_as, library_a):
    shift = make_shift(library_a, capacity=1)
    volunteer, other = make_volunteer(library_a), make_volunteer(library_a, name="Otto")
    client_as(volunteer.user)
    assert "Places left: 1 of 1" in client.get(url("shifts")).content.decode()
    assert client.post(url("shift_sign_up", shift.pk)).status_code == 302
    assert "You are signed up." in client.get(url("shifts")).content.decode()
    client_as(other.user)
    assert "This shift is full." in client.get(url("shifts")).content.decode()
    full = client.post(url("shift_sign_up", shift.pk))
    assert full.status_code == 409 and "This shift is full." in full.content.decode()
    assert client.post(url("shift_sign_up", 999999)).status_code == 404
    not_mine = client.get(url("shift_cancel_signup", shift.pk))
    assert not_mine.status_code == 409
    client_as(volunteer.user)
    confirm = client.get(url("shift_cancel_signup", shift.pk))
    assert confirm.status_code == 200 and "Keep my place" in confirm.content.decode()
    assert ShiftSignup.objects.get().status == "booked"
    assert client.post(url("shift_cancel_signup", shift.pk)).status_code == 302
    assert Shift.objects.get().taken == 0


def test_my_hours_log_and_bad_input(client, client_as, library_a, reader):
    client_as(reader)
    assert client.get(url("my_hours")).status_code == 403
    volunteer = make_volunteer(library_a)
    client_as(volunteer.user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for bad in [
        {"worked_on": tomorrow, "hours": "2", "description": "x"},
        {"worked_on": "soon", "hours": "2", "description": "x"},
        {"worked_on": timezone.localdate(), "hours": "0", "description": "x"},
        {"worked_on": timezone.localdate(), "hours": "25", "description": "x"},
        {"worked_on": timezone.localdate(), "hours": "abc", "description": "x"},
        {"worked_on": timezone.localdate(), "hours": "2", "description": ""},
    ]:
        answer = client.post(url("my_hours"), bad)
        assert answer.status_code == 422 and "nothing was saved" in answer.content.decode(), bad
    assert not HoursEntry.objects.exists()
    ok = client.post(url("my_hours"), {"worked_on": timezone.localdate(), "hours": "1.5", "description": "Calls"})
    assert ok.status_code == 302
    page = client.get(url("my_hours")).content.decode()
    assert "Waiting for approval" in page and "1.50" in page


def test_staff_approve_decline_and_left(client, client_as, library_a, librarian_a, reader, other_reader):
    applied = services.apply(library_a, reader, APPLICATION)
    signer = services.apply(library_a, other_reader, {**APPLICATION, "signs": True, "languages": "CSL"})
    client_as(librarian_a)
    page = client.get(url("staff_volunteers")).content.decode()
    assert "Alice" in page and "Olga" in page
    assert client.post(url("staff_volunteer_approve", signer.pk)).status_code == 302
    empty = client.post(url("staff_volunteer_decline", applied.pk), {"reason": ""})
    assert empty.status_code == 422 and Volunteer.objects.get(pk=applied.pk).status == "applied"
    assert client.post(url("staff_volunteer_decline", applied.pk), {"reason": "No shifts now"}).status_code == 302
    assert Volunteer.objects.get(pk=applied.pk).status == "declined"
    assert Notice.objects.filter(recipient=reader).exists()
    again = client.post(url("staff_volunteer_decline", applied.pk), {"reason": "twice"})
    assert again.status_code == 409
    signing = client.get(url("staff_volunteers"), {"signs": "on", "skill": "Reading"}).content.decode()
    assert "Olga" in signing
    assert "Olga" not in client.get(url("staff_volunteers"), {"skill": "welding"}).content.decode()
    assert "Mark as left" in client.get(url("staff_volunteer_left", signer.pk)).content.decode()
    assert client.post(url("staff_volunteer_left", signer.pk)).status_code == 302
    assert Volunteer.objects.get(pk=signer.pk).status == "left"


def test_other_staff_and_readers_are_kept_out(client, client_as, library_a, librarian_b, reader):
    volunteer = make_volunteer(library_a)
    shift = make_shift(library_a)
    client_as(librarian_b)
    assert client.get(url("staff_volunteers")).status_code in (403, 404)
    client_as(reader)
    assert client.get(url("staff_shifts")).status_code in (403, 404)
    assert client.post(url("staff_volunteer_approve", volunteer.pk)).status_code in (403, 404)
    assert client.get(url("staff_shift", shift.pk)).status_code in (403, 404)


def test_staff_shift_form_check_in_and_cancel(client, client_as, library_a, librarian_a):
    client_as(librarian_a)
    assert client.get(url("staff_shift_new")).status_code == 200
    start = timezone.localtime() + datetime.timedelta(days=2)
    good = {
        "title_zh_hans": "送书上门",
        "title_en": "Book delivery",
        "place": "Front desk",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "3",
    }
    for bad in [
        {**good, "title_zh_hans": "", "title_en": ""},
        {**good, "ends_at": good["starts_at"]},
        {**good, "capacity": "0"},
        {**good, "capacity": "many"},
        {**good, "starts_at": "later"},
    ]:
        answer = client.post(url("staff_shift_new"), bad)
        assert answer.status_code == 422 and "nothing was saved" in answer.content.decode(), bad
    assert not Shift.objects.exists()
    assert client.post(url("staff_shift_new"), good).status_code == 302
    shift = Shift.objects.get()
    assert shift.title_en == "Book delivery" and shift.capacity == 3
    assert client.get(url("staff_shift_edit", shift.pk)).status_code == 200
    volunteer = make_volunteer(library_a)
    shift_services.sign_up(shift, volunteer.user)
    fewer = client.post(url("staff_shift_edit", shift.pk), {**good, "capacity": "0"})
    assert fewer.status_code == 422
    signup = ShiftSignup.objects.get()
    early = client.post(url("staff_check_in", shift.pk, signup.pk))
    assert early.status_code == 409 and "Check-in opens an hour before" in early.content.decode()
    assert client.post(url("staff_check_in", shift.pk, 999999)).status_code == 404
    confirm = client.get(url("staff_shift_cancel", shift.pk))
    assert confirm.status_code == 200 and "Keep the shift" in confirm.content.decode()
    assert client.post(url("staff_shift_cancel", shift.pk), {"reason": ""}).status_code == 422
    assert Shift.objects.exists()
    assert client.post(url("staff_shift_cancel", shift.pk), {"reason": "Rain"}).status_code == 302
    assert not Shift.objects.exists()


def test_staff_check_in_and_hours_decisions(client, client_as, library_a, librarian_a):
    volunteer = make_volunteer(library_a)
    shift = make_shift(library_a, hours_from_now=0.5)
    signup = shift_services.sign_up(shift, volunteer.user)
    client_as(librarian_a)
    assert client.post(url("staff_check_in", shift.pk, signup.pk)).status_code == 302
    assert HoursEntry.objects.get().status == "approved"
    again = client.post(url("staff_check_in", shift.pk, signup.pk))
    assert again.status_code == 409
    values = {"worked_on": timezone.localdate(), "hours": 3, "description": "Sorting"}
    entry = shift_services.log_hours(library_a, volunteer.user, values)
    assert "Sorting" in client.get(url("staff_volunteers")).content.decode()
    assert client.post(url("staff_hours_reject", entry.pk), {"reason": ""}).status_code == 422
    assert client.post(url("staff_hours_approve", entry.pk)).status_code == 302
    assert client.post(url("staff_hours_approve", entry.pk)).status_code == 409
    assert client.post(url("staff_hours_reject", entry.pk), {"reason": "x"}).status_code == 409


def test_anonymous_person_is_sent_to_sign_in(client, library_a):
    assert client.post(url("volunteer"), APPLICATION).status_code == 302
    assert client.get(url("shifts")).status_code == 302
    assert client.get(url("my_hours")).status_code == 302
    assert make_user("x@example.org", "X")  # nobody was created by the requests
    assert not Volunteer.objects.exists()
