"""Events' pages: readers list, read, register, join the waiting list and cancel; staff write, publish, cancel
and read the registrations. Every form's bad input gets a clear message and writes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.models import AuditEntry, Partner
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Event, Registration
from lantern.programs.services import events as services

from .events_helpers import make_event

pytestmark = pytest.mark.django_db
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello, readers.\n"


def event_url(event, name="programs:event"):
    return reverse(name, args=[event.library.slug, event.pk])


def form_data(**changes):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    data = {
        "title_zh_hans": "作家见面会",
        "title_en": "Meet the writer",
        "description_zh_hans": "与作家聊聊新书。",
        "description_en": "A talk about the new book.",
        "mode": "hybrid",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Lecture hall, 2nd floor",
        "online_link": "https://meet.example.org/writer",
        "capacity": "30",
        "audience": "",
        "recording_url": "",
    }
    data.update(changes)
    return data


# --- readers -------------------------------------------------------------------------------------
def test_events_page_lists_upcoming_then_past_with_recordings_and_filters(client, library_a):
    make_event(library_a, title_en="Online story time")
    make_event(library_a, title_en="Book club on site", mode="onsite")
    past = make_event(library_a, title_en="Old talk", recording_url="https://video.example.org/old.mp4")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-1),
    )
    make_event(library_a, title_en="Secret draft", publish=False)
    page = client.get(reverse("programs:events", args=["alpha"])).content.decode()
    assert page.index("Online story time") < page.index("Old talk")
    assert "Watch the recording" in page and "Secret draft" not in page
    assert 'type="text/calendar"' in page
    onsite = client.get(reverse("programs:events", args=["alpha"]), {"mode": "onsite"}).content.decode()
    assert "Book club on site" in onsite and "Online story time" not in onsite
    bad = client.get(reverse("programs:events", args=["alpha"]), {"mode": "<script>"})
    assert bad.status_code == 200 and "Online story time" in bad.content.decode()


def test_event_page_shows_time_zone_seats_and_hides_the_link_until_registered(client_as, client, library_a, reader):
    event = make_event(library_a, capacity=5)
    page = client.get(event_url(event)).content.decode()
    assert "Asia/Shanghai" in page and "5 / 5" in page
    assert "meet.example.org" not in page and "Sign in to register" in page
    client = client_as(reader)
    response = client.post(event_url(event, "programs:event_register"), follow=True)
    page = response.content.decode()
    assert "Your seat is confirmed." in page and "https://meet.example.org/talk" in page and "4 / 5" in page


def test_a_full_event_offers_the_waiting_list_and_a_second_registration_is_refused(client_as, library_a, reader):
    event = make_event(library_a, capacity=1)
    services.register(event, make_user("first@example.org", "First"))
    client = client_as(reader)
    assert "Join the waiting list" in client.get(event_url(event)).content.decode()
    page = client.post(event_url(event, "programs:event_register"), follow=True).content.decode()
    assert "you are on the waiting list" in page and "number 1 on the waiting list" in page
    assert "meet.example.org" not in page
    again = client.post(event_url(event, "programs:event_register"))
    assert again.status_code == 409 and "You are already registered" in again.content.decode()
    assert Registration.objects.filter(reader=reader).count() == 1


def test_registering_needs_sign_in_but_no_card(client_as, client, library_a):
    event = make_event(library_a)
    response = client.post(event_url(event, "programs:event_register"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    visitor = make_user("visitor@example.org", "Visitor")  # no library card
    client_as(visitor).post(event_url(event, "programs:event_register"))
    assert Registration.objects.get().reader == visitor


def test_registration_after_the_start_says_why(client_as, library_a, reader):
    event = make_event(library_a)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    response = client_as(reader).post(event_url(event, "programs:event_register"))
    assert response.status_code == 409 and "Registration closed when the event started." in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_asks_first_then_passes_the_seat(client_as, library_a, reader):
    event = make_event(library_a, capacity=1)
    services.register(event, reader)
    waiting = make_user("w@example.org", "Waiting", language="en")
    services.register(event, waiting)
    client = client_as(reader)
    confirm = client.get(event_url(event, "programs:event_cancel_registration"))
    assert "Your seat goes to the first reader on the waiting list" in confirm.content.decode()
    assert Registration.objects.get(reader=reader).status == "confirmed"
    page = client.post(event_url(event, "programs:event_cancel_registration"), follow=True).content.decode()
    assert "Your registration is cancelled." in page
    assert Registration.objects.get(reader=waiting).status == "confirmed"
    again = client.post(event_url(event, "programs:event_cancel_registration"))
    assert again.status_code == 409 and "You are not registered for this event." in again.content.decode()


def test_my_events_lists_the_readers_registrations(client_as, library_a, reader):
    services.register(make_event(library_a, title_en="Poetry night"), reader)
    page = client_as(reader).get(reverse("programs:my_events", args=["alpha"])).content.decode()
    assert "Poetry night" in page and "Confirmed" in page


def test_drafts_are_not_found_by_readers(client, library_a):
    event = make_event(library_a, publish=False)
    assert client.get(event_url(event)).status_code == 404
    assert client.get(reverse("programs:event", args=["alpha", 99999])).status_code == 404


def test_captions_are_served_as_webvtt_with_a_track(client, library_a, librarian_a):
    event = make_event(library_a, recording_url="https://video.example.org/talk.mp4")
    services.save_event(
        library_a, {f: getattr(event, f) for f in services.EDITABLE}, event=event, captions=VTT, by=librarian_a
    )
    page = client.get(event_url(event)).content.decode()
    assert '<track kind="captions"' in page and "<video" in page
    vtt = client.get(event_url(event, "programs:event_captions"))
    assert vtt["Content-Type"].startswith("text/vtt") and vtt.content.startswith(b"WEBVTT")


# --- staff ---------------------------------------------------------------------------------------
def test_staff_create_publish_and_the_record_is_counted(client_as, library_a, librarian_a):
    museum = Partner.objects.create(name="City Museum", kind="museum")
    museum.libraries.add(library_a)
    client = client_as(librarian_a)
    upload = SimpleUploadedFile("talk.vtt", VTT, content_type="text/vtt")
    response = client.post(
        reverse("programs:staff_event_new", args=["alpha"]),
        {**form_data(), "partners": [museum.pk], "audience": "elderly", "captions": upload},
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event_url(event, "programs:staff_event")
    assert event.title_en == "Meet the writer" and event.title_zh_hans == "作家见面会"
    assert timezone.localtime(event.starts_at).tzname() == "CST" and event.captions.name.endswith(".vtt")
    client.post(event_url(event, "programs:staff_event_publish"))
    record = ServiceRecord.objects.get()
    assert record.cross_industry and record.targeted_groups and record.reading_online and record.reading_offline
    listing = client.get(reverse("programs:staff_events", args=["alpha"])).content.decode()
    assert "Meet the writer" in listing and "Upcoming" in listing
    assert AuditEntry.objects.filter(action="programs.event_published", library=library_a).exists()


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"title_zh_hans": "", "title_en": ""}, "Give the event a title"),
        ({"place": ""}, "Say where the event takes place."),
        ({"online_link": ""}, "Give the link readers use to join online."),
        ({"online_link": "not a link"}, "Enter a valid URL."),
        ({"starts_at": "yesterday"}, "Enter a valid date/time."),
        ({"mode": "moon"}, "Select a valid choice."),
        ({"capacity": "-3"}, "Ensure this value is greater than or equal to 1."),
        ({"audience": "aliens"}, "Select a valid choice."),
    ],
)
def test_bad_event_forms_say_why_and_save_nothing(client_as, library_a, librarian_a, changes, field_message):
    response = client_as(librarian_a).post(reverse("programs:staff_event_new", args=["alpha"]), form_data(**changes))
    assert response.status_code == 422
    assert field_message in response.content.decode()
    assert not Event.objects.exists()


def test_an_end_before_the_start_and_a_foreign_partner_are_refused(client_as, library_a, librarian_a):
    stranger = Partner.objects.create(name="Elsewhere", kind="museum")
    data = form_data()
    data["ends_at"] = data["starts_at"]
    response = client_as(librarian_a).post(
        reverse("programs:staff_event_new", args=["alpha"]), {**data, "partners": [stranger.pk]}
    )
    page = response.content.decode()
    assert response.status_code == 422 and "The event must end after it starts." in page
    assert "Select a valid choice" in page and not Event.objects.exists()


def test_a_bad_captions_file_is_refused(client_as, library_a, librarian_a):
    upload = SimpleUploadedFile("talk.vtt", b"MZ\x90\x00 not captions", content_type="text/vtt")
    response = client_as(librarian_a).post(
        reverse("programs:staff_event_new", args=["alpha"]), {**form_data(), "captions": upload}
    )
    assert response.status_code == 422 and "The captions file is not WebVTT text" in response.content.decode()
    assert not Event.objects.exists()


def test_lowering_capacity_below_seats_taken_is_refused(client_as, library_a, librarian_a, reader, other_reader):
    event = make_event(library_a, capacity=5, mode="hybrid")
    services.register(event, reader)
    services.register(event, other_reader)
    client = client_as(librarian_a)
    data = form_data(capacity="1", starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"))
    data["ends_at"] = timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M")
    response = client.post(event_url(event, "programs:staff_event_edit"), data)
    assert response.status_code == 422
    assert "2 readers already hold a seat; the capacity cannot be lower than that." in response.content.decode()
    assert Event.objects.get().capacity == 5


def test_staff_cancel_with_a_confirmation_page_and_a_reason(client_as, library_a, librarian_a, reader):
    event = make_event(library_a)
    services.register(event, reader)
    client = client_as(librarian_a)
    confirm = client.get(event_url(event, "programs:staff_event_cancel")).content.decode()
    assert "1 registered or waiting reader is told" in confirm
    empty = client.post(event_url(event, "programs:staff_event_cancel"), {"reason": ""})
    assert empty.status_code == 422 and "This field is required." in empty.content.decode()
    assert Event.objects.get().status == "published"
    done = client.post(event_url(event, "programs:staff_event_cancel"), {"reason": "Speaker ill"}, follow=True)
    assert "The event is cancelled; 1 readers were told." in done.content.decode()
    assert Event.objects.get().status == "cancelled" and not ServiceRecord.objects.exists()
    assert reader.notices.count() == 1


def test_the_registrations_list_shows_confirmed_waiting_and_cancelled(client_as, library_a, librarian_a):
    event = make_event(library_a, capacity=1)
    people = [make_user(f"p{i}@example.org", f"Person {i}") for i in range(3)]
    for person in people:
        services.register(event, person)
    services.cancel_registration(Registration.objects.get(reader=people[2]), by=people[2])
    page = client_as(librarian_a).get(event_url(event, "programs:staff_event")).content.decode()
    assert "1 confirmed, 1 waiting, 1 cancelled." in page
    assert page.index("Person 0") < page.index("Person 1") < page.index("Person 2")


def test_unpublish_with_readers_says_why(client_as, library_a, librarian_a, reader):
    event = make_event(library_a)
    services.register(event, reader)
    response = client_as(librarian_a).post(event_url(event, "programs:staff_event_unpublish"))
    assert response.status_code == 409 and "Cancel it instead" in response.content.decode()


def test_staff_pages_belong_to_their_library(client_as, library_a, librarian_b, reader):
    event = make_event(library_a)
    assert client_as(librarian_b).get(reverse("programs:staff_events", args=["alpha"])).status_code == 403
    assert client_as(librarian_b).post(event_url(event, "programs:staff_event_publish")).status_code == 403
    assert client_as(reader).get(event_url(event, "programs:staff_event_edit")).status_code == 403


def test_the_home_page_links_the_events_and_the_calendar(client, library_a):
    page = client.get(reverse("library_home", args=["alpha"])).content.decode()
    assert reverse("programs:events", args=["alpha"]) in page
    assert 'type="text/calendar"' in page and reverse("programs:calendar", args=["alpha"]) in page


def test_a_cohosted_event_shows_on_the_cohosts_page_and_feed(client_as, client, library_a, library_b, librarian_a):
    client_as(librarian_a).post(
        reverse("programs:staff_event_new", args=["alpha"]),
        {**form_data(title_en="Joint talk"), "cohosts": [library_b.pk]},
    )
    event = Event.objects.get()
    services.publish_event(event, by=librarian_a)
    client.logout()
    page = client.get(reverse("programs:events", args=["beta"])).content.decode()
    assert "Joint talk" in page and event_url(event) in page
    assert b"Joint talk" in client.get(reverse("programs:calendar", args=["beta"])).content
    assert "Beta City Library" in client.get(event_url(event)).content.decode()


def test_staff_may_replace_and_remove_captions(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    upload = SimpleUploadedFile("talk.vtt", VTT, content_type="text/vtt")
    client.post(reverse("programs:staff_event_new", args=["alpha"]), {**form_data(), "captions": upload})
    event = Event.objects.get()
    edit = client.get(event_url(event, "programs:staff_event_edit")).content.decode()
    assert "Remove the current captions" in edit and 'value="Meet the writer"' in edit
    assert f'value="{timezone.localtime(event.starts_at):%Y-%m-%dT%H:%M}"' in edit  # local time, as typed
    response = client.post(event_url(event, "programs:staff_event_edit"), {**form_data(), "remove_captions": "on"})
    assert response.status_code == 302
    assert not Event.objects.get().captions
