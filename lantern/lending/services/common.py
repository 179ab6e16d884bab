"""What every lending service shares: the library's rules, an order's history, and telling the reader.

Services validate first, then write in one transaction, and raise `Refused` (message in the active
language, a stable `reason`, an HTTP status) instead of writing half of anything.
"""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Card, Library
from lantern.core.services import notify

from ..models import LendingRules, Order, OrderEvent

__all__ = ["Refused", "check_card", "log_event", "order_link", "rules_for", "tell_reader"]


def rules_for(library: Library) -> LendingRules:
    """The library's rules, or the defaults (unsaved) when it has not set any."""
    return LendingRules.objects.filter(library=library).first() or LendingRules(library=library)


def check_card(reader, library: Library) -> None:
    """Borrowing, like at the desk, needs the library's card."""
    if not Card.objects.filter(reader=reader, library=library).exists():
        raise Refused(
            _("Borrowing needs a library card of %(library)s. Ask the library for one, then try again.")
            % {"library": library.name},
            "no_card",
            403,
        )


def log_event(order: Order, *, by=None, note: str = "", at: datetime.datetime | None = None) -> OrderEvent:
    """Keep the order's current status as a step in its history."""
    return OrderEvent.objects.create(order=order, status=order.status, at=at or timezone.now(), by=by, note=note)


def order_link(order: Order) -> str:
    return reverse("lending:order", args=[order.library.slug, order.number])


def tell_reader(order: Order, subject, body="") -> None:
    """A notice about `order` to its reader, in their language, by email and by text message. Call it inside
    the step's transaction: the notice is kept with the step, and sent once the step is committed.

    `subject` and `body` are lazy translations or callables of no arguments (rendered in the reader's
    language, e.g. for %-formatting).
    """
    reader = order.reader
    with translation.override(reader.language or None):
        subject = subject() if callable(subject) else subject
        body = body() if callable(body) else body
        subject = _("Order %(number)s: %(what)s") % {"number": order.number, "what": subject}
        notify(reader, subject, body, link=order_link(order), library=order.library, sms=True)
