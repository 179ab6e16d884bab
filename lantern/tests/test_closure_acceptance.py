"""Issue 9's acceptance, across the families that add closure steps: a manager closes a library in one
confirmed step on the status page, and loans are extended, on-site events are cancelled (their readers told),
the banner says so on every page, and the closure shows on the network's timeline."""

import datetime

import pytest
from django.urls import reverse

from lantern.core.models import Notice
from lantern.lending.models import Loan
from lantern.lending.services import loans
from lantern.lending.tests import factories
from lantern.programs.models import Event, Registration, Status
from lantern.programs.services import events
from lantern.programs.tests.events_helpers import make_event

pytestmark = pytest.mark.django_db


def test_one_confirmed_step_extends_loans_cancels_events_and_shows_in_the_banner(
    client_as, client, library_a, manager_a, reader, other_reader
):
    (loan,) = [loans.lend_copy(reader, copy) for copy in factories.make_copies(library_a, 1)]
    talk = make_event(library_a, mode=Event.Mode.ONSITE, hours_from_now=48, capacity=20)
    both = make_event(library_a, mode=Event.Mode.HYBRID, hours_from_now=72)
    events.register(talk, other_reader)
    events.register(both, reader)
    other_reader.language = reader.language = "en"
    other_reader.save()
    reader.save()

    staff = client_as(manager_a)
    url = reverse("emergency:staff_status", args=[library_a.slug])
    form = {
        "mode": "closed",
        "message_en": "Closed for the epidemic; online services continue.",
        "step_extend_due_dates": "on",
        "option_extend_days": "21",
        "step_cancel_onsite_events": "on",
        "step_notify_readers": "on",
    }
    confirm = staff.post(url, form).content.decode()
    assert "Cancel or move on-site events" in confirm
    assert Event.objects.get(pk=talk.pk).status == Status.PUBLISHED  # nothing happens before confirming
    result = staff.post(url, {**form, "confirm": "1"}, follow=True)
    assert result.status_code == 200

    assert Loan.objects.get(pk=loan.pk).due_on == loan.due_on + datetime.timedelta(days=21)
    assert Event.objects.get(pk=talk.pk).status == Status.CANCELLED
    assert Event.objects.get(pk=both.pk).mode == Event.Mode.ONLINE  # hybrid events move online
    assert Registration.objects.get(event=talk, reader=other_reader).status  # kept, for the record
    told = Notice.objects.filter(recipient=other_reader).values_list("subject", flat=True)
    assert any(talk.title_en in subject for subject in told)
    assert Notice.objects.filter(recipient=reader).exists()

    home = client.get(reverse("library_home", args=[library_a.slug])).content.decode()
    assert "Closed" in home and "Closed for the epidemic; online services continue." in home
    board = client.get(reverse("network:board", args=[library_a.network.slug])).content.decode()
    assert "Alpha City Library · Closed:" in board
