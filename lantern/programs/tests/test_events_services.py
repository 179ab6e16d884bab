"""Events' services: publishing counts a ServiceRecord, seats and the waiting list, promotion once, cancelling
by staff tells everyone, capacity cannot drop below the seats taken, reminders once, personal data."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Notice, Partner
from lantern.core.services import export_personal_data
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Event, Registration
from lantern.programs.services import events as services

from .events_helpers import make_event

pytestmark = pytest.mark.django_db


def readers(n, language="en"):
    return [make_user(f"r{i}@example.org", f"Reader {i}", language=language) for i in range(n)]


def test_publishing_records_a_service_by_mode_partners_and_audience(library_a, librarian_a):
    museum = Partner.objects.create(name="Museum", kind="museum")
    museum.libraries.add(library_a)
    event = make_event(library_a, mode="hybrid", audience="children", publish=False, by=librarian_a)
    event.partners.add(museum)
    services.publish_event(event, by=librarian_a)
    record = ServiceRecord.objects.get()
    assert record.reading_online and record.reading_offline
    assert record.cross_industry and record.targeted_groups
    assert record.title_zh_hans == "线上讲座" and record.title_en == "Online talk"
    assert record.date == timezone.localtime(event.starts_at).date()
    services.unpublish_event(event, by=librarian_a)
    assert not ServiceRecord.objects.exists()
    assert set(AuditEntry.objects.filter(action__startswith="programs").values_list("action", flat=True)) == {
        "programs.event_created",
        "programs.event_published",
        "programs.event_unpublished",
    }


def test_an_onsite_event_without_partners_is_offline_reading_only(library_a):
    make_event(library_a, mode="onsite")
    record = ServiceRecord.objects.get()
    assert record.reading_offline and not record.reading_online
    assert not record.cross_industry and not record.targeted_groups


def test_seats_then_waiting_list_then_promotion_with_a_text(library_a, sms_outbox):
    event = make_event(library_a, capacity=2)
    a, b, c, d = readers(4)
    d.phone = "+8613700137000"
    d.save()
    assert [services.register(event, r).status for r in (a, b, c, d)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    event.refresh_from_db()
    assert event.seats_taken == 2 and event.seats_left == 0
    c_registration = Registration.objects.get(reader=c, status="waiting")
    services.cancel_registration(c_registration, by=c)  # c leaves the line: d is next
    promoted = services.cancel_registration(Registration.objects.get(reader=a, status="confirmed"), by=a)
    assert promoted.reader == d and promoted.status == "confirmed" and promoted.promoted_at
    event.refresh_from_db()
    assert event.seats_taken == 2
    assert Notice.objects.filter(recipient=d, subject="A seat is yours: Online talk").count() == 1
    assert sms_outbox and sms_outbox[-1][0] == "+8613700137000"
    services.cancel_registration(Registration.objects.get(reader=b, status="confirmed"), by=b)
    event.refresh_from_db()
    assert event.seats_taken == 1  # nobody waiting: the seat is free again


def test_a_reader_cannot_register_twice(library_a, reader):
    event = make_event(library_a)
    services.register(event, reader)
    with pytest.raises(Refused) as refusal:
        services.register(event, reader)
    assert refusal.value.reason == "already_registered"
    assert str(refusal.value) == "You are already registered for this event."
    assert Registration.objects.count() == 1


def test_registration_closes_when_the_event_starts(library_a, reader):
    event = make_event(library_a)
    with time_machine.travel(event.starts_at + datetime.timedelta(minutes=1)), pytest.raises(Refused) as refusal:
        services.register(event, reader)
    assert refusal.value.reason == "started"
    assert not Registration.objects.exists()


def test_drafts_and_cancelled_events_take_no_registration(library_a, reader, librarian_a):
    draft = make_event(library_a, publish=False)
    with pytest.raises(Refused, match="not open for registration"):
        services.register(draft, reader)
    event = make_event(library_a)
    services.cancel_event(event, "Speaker ill", by=librarian_a)
    with pytest.raises(Refused, match="cancelled"):
        services.register(event, reader)


def test_staff_cancelling_tells_everyone_in_their_language(library_a, librarian_a):
    event = make_event(library_a, capacity=1)
    english, chinese = make_user("e@example.org", "E", language="en"), make_user("z@example.org", "Z")
    services.register(event, english)
    services.register(event, chinese)  # waiting
    with pytest.raises(ValidationError):
        services.cancel_event(event, "  ", by=librarian_a)
    assert services.cancel_event(event, "The speaker is ill", by=librarian_a) == 2
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "The speaker is ill"
    assert not ServiceRecord.objects.exists()
    assert Notice.objects.get(recipient=english).subject == "Cancelled: Online talk"
    notice = Notice.objects.get(recipient=chinese)
    assert "线上讲座" in notice.subject and "The speaker is ill" in notice.body
    assert AuditEntry.objects.filter(action="programs.event_cancelled").exists()
    with pytest.raises(Refused):
        services.cancel_event(event, "again", by=librarian_a)


def test_unpublishing_is_refused_once_readers_registered(library_a, reader, librarian_a):
    event = make_event(library_a)
    services.register(event, reader)
    with pytest.raises(Refused, match="Cancel it instead"):
        services.unpublish_event(event, by=librarian_a)
    assert Event.objects.get().status == "published"


def test_capacity_cannot_drop_below_seats_taken_and_more_seats_serve_the_waiting(library_a, librarian_a):
    event = make_event(library_a, capacity=2)
    a, b, c = readers(3)
    for r in (a, b, c):
        services.register(event, r)
    values = {f: getattr(event, f) for f in services.EDITABLE}
    with pytest.raises(ValidationError) as error:
        services.save_event(library_a, {**values, "capacity": 1}, event=event, by=librarian_a)
    assert error.value.message_dict["capacity"] == [
        "2 readers already hold a seat; the capacity cannot be lower than that."
    ]
    assert Event.objects.get().capacity == 2
    services.save_event(library_a, {**values, "capacity": 3}, event=event, by=librarian_a)
    assert Registration.objects.get(reader=c).status == "confirmed"
    assert Event.objects.get().seats_taken == 3


def test_the_form_rules_for_place_link_times_and_cohosts(library_a, library_b):
    start = timezone.now() + datetime.timedelta(days=1)
    values = {"title_en": "", "title_zh_hans": "", "mode": "hybrid", "starts_at": start, "ends_at": start}
    with pytest.raises(ValidationError) as error:
        services.save_event(library_a, values, cohosts=[library_a])
    assert set(error.value.message_dict) == {"title_zh_hans", "place", "online_link", "ends_at", "cohosts"}
    assert not Event.objects.exists()


def test_reminders_go_once_with_the_link(library_a, reader):
    reader.language = "en"
    reader.save()
    soon = make_event(library_a, hours_from_now=5)
    make_event(library_a, hours_from_now=48)
    services.register(soon, reader)
    assert services.send_reminders() == 1
    notice = Notice.objects.get(recipient=reader)
    assert notice.subject == "Reminder: Online talk"
    assert "Join online: https://meet.example.org/talk" in notice.body
    assert services.send_reminders() == 0
    assert Registration.objects.get().reminded_at is not None


def test_the_reminders_command_prints_its_count(library_a, reader, capsys):
    services.register(make_event(library_a, hours_from_now=2, mode="onsite"), reader)
    call_command("event_reminders")
    assert capsys.readouterr().out.strip() == "1 event reminders sent."
    assert Notice.objects.filter(recipient=reader).count() == 1


def test_a_readers_data_export_holds_their_registrations(library_a, reader):
    services.register(make_event(library_a), reader)
    data = export_personal_data(reader)
    assert data["events"]["registrations"][0]["status"] == "confirmed"
    assert data["events"]["registrations"][0]["library"] == "alpha"
