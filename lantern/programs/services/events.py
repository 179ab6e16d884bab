"""Events: staff write, publish, unpublish and cancel them; readers register (a seat or the waiting list) and
cancel; reminders go out the day before; a closure cancels or moves on-site events.

Seats are never double-booked: a seat is taken by one conditional UPDATE (`seats_taken < capacity`), and a
freed seat passes to the first waiting reader by a conditional UPDATE on that registration's status, so
however many readers register or cancel at once, each seat has one holder and each promotion happens once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Event, Registration, Status

LIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
# Which statuses staff may move an event to from each status.
TRANSITIONS = {
    Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
    Status.PUBLISHED: {Status.DRAFT, Status.CANCELLED},
    Status.CANCELLED: set(),
}
REMINDER_WINDOW = datetime.timedelta(hours=24)
CLOSURE_DAYS = 30


# --- writing events (staff) ----------------------------------------------------------------------
def check_event(library: Library, values: dict, *, event: Event | None = None, partners=(), cohosts=()) -> None:
    """Raise ValidationError by field for what a form cannot see alone: place and link by mode, end after
    start, capacity not below the seats already taken, partners of this library, co-hosts of its network."""
    errors: dict[str, list] = {}
    if not (values.get("title_zh_hans", "").strip() or values.get("title_en", "").strip()):
        errors["title_zh_hans"] = [_("Give the event a title, in Chinese, English or both.")]
    mode = values.get("mode")
    if mode in (Event.Mode.ONSITE, Event.Mode.HYBRID) and not values.get("place", "").strip():
        errors["place"] = [_("Say where the event takes place.")]
    if mode in (Event.Mode.ONLINE, Event.Mode.HYBRID) and not values.get("online_link", "").strip():
        errors["online_link"] = [_("Give the link readers use to join online.")]
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The event must end after it starts.")]
    capacity = values.get("capacity")
    if event is not None and capacity is not None and capacity < event.seats_taken:
        errors["capacity"] = [
            _("%(taken)d readers already hold a seat; the capacity cannot be lower than that.")
            % {"taken": event.seats_taken}
        ]
    if any(partner not in library.partners.all() for partner in partners):
        errors["partners"] = [_("Choose partners of this library.")]
    if any(other == library or other.network_id != library.network_id or not other.network_id for other in cohosts):
        errors["cohosts"] = [_("Co-hosts must be other libraries of the same network.")]
    if errors:
        raise ValidationError(errors)


EDITABLE = [
    "title_zh_hans",
    "title_en",
    "description_zh_hans",
    "description_en",
    "mode",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "audience",
    "recording_url",
]


def save_event(
    library: Library,
    values: dict,
    *,
    event: Event | None = None,
    partners=(),
    cohosts=(),
    captions: bytes | None = None,
    remove_captions: bool = False,
    by=None,
) -> Event:
    """Create or change an event; a published one keeps its ServiceRecord up to date. The capacity is
    changed only while the seats already taken fit (checked by the UPDATE itself, not by a stale read)."""
    if event is not None and event.status == Status.CANCELLED:
        raise Refused(_("A cancelled event cannot be changed."), "wrong_status", 409)
    check_event(library, values, event=event, partners=partners, cohosts=cohosts)
    created = event is None
    event = event or Event(library=library)
    for field in EDITABLE:
        setattr(event, field, values.get(field) or ("" if field not in ("starts_at", "ends_at") else None))
    with transaction.atomic():
        if created:
            event.capacity = values.get("capacity")
            event.save()
        else:
            event.save(update_fields=EDITABLE)
            _set_capacity(event, values.get("capacity"))
        event.partners.set(partners)
        event.cohosts.set(cohosts)
        if remove_captions and event.captions:
            event.captions.delete(save=False)
            Event.objects.filter(pk=event.pk).update(captions="")
        if captions is not None:
            event.captions.save(f"event-{event.pk}.vtt", ContentFile(captions), save=False)
            Event.objects.filter(pk=event.pk).update(captions=event.captions.name)
        _fill_from_waiting_list(event)
        if event.status == Status.PUBLISHED:
            _record(event)
        record_audit(by, "programs.event_created" if created else "programs.event_changed", event, library=library)
    return event


def _set_capacity(event: Event, capacity: int | None) -> None:
    if capacity == event.capacity:
        return
    allowed = Q() if capacity is None else Q(seats_taken__lte=capacity)
    if not Event.objects.filter(allowed, pk=event.pk).update(capacity=capacity):
        event.refresh_from_db(fields=["seats_taken"])
        raise ValidationError(
            {
                "capacity": [
                    _("%(taken)d readers already hold a seat; the capacity cannot be lower than that.")
                    % {"taken": event.seats_taken}
                ]
            }
        )
    event.capacity = capacity


def _record(event: Event) -> None:
    categories = {
        Event.Mode.ONLINE: [Category.READING_ONLINE],
        Event.Mode.ONSITE: [Category.READING_OFFLINE],
        Event.Mode.HYBRID: [Category.READING_ONLINE, Category.READING_OFFLINE],
    }[event.mode]
    features = []
    if event.partners.exists():
        features.append(Feature.CROSS_INDUSTRY)
    if event.audience:
        features.append(Feature.TARGETED_GROUPS)
    record_service(
        library=event.library,
        date=timezone.localtime(event.starts_at).date(),
        categories=categories,
        features=features,
        title_zh=event.title_zh_hans or "",
        title_en=event.title_en or "",
        source_object=event,
        link=event.get_absolute_url(),
    )


def _move(event: Event, to: str) -> None:
    if to not in TRANSITIONS[event.status]:
        raise Refused(
            _("This event is “%(status)s”; it cannot become “%(to)s”.")
            % {"status": event.get_status_display(), "to": Status(to).label},
            "wrong_status",
            409,
        )


def publish_event(event: Event, *, by=None) -> Event:
    """Show the event to readers and count it as a service (reading online / offline by its mode)."""
    _move(event, Status.PUBLISHED)
    with transaction.atomic():
        event.status, event.published_at = Status.PUBLISHED, timezone.now()
        event.save(update_fields=["status", "published_at"])
        _record(event)
        record_audit(by, "programs.event_published", event, library=event.library)
    return event


def unpublish_event(event: Event, *, by=None) -> Event:
    """Back to a draft (no longer shown nor counted); refused once readers have registered, who must be told."""
    _move(event, Status.DRAFT)
    if event.registrations.filter(status__in=LIVE).exists():
        raise Refused(
            _("Readers have registered for this event. Cancel it instead, so that they are told."), "has_readers", 409
        )
    with transaction.atomic():
        event.status = Status.DRAFT
        event.save(update_fields=["status"])
        withdraw_service(event)
        record_audit(by, "programs.event_unpublished", event, library=event.library)
    return event


def cancel_event(event: Event, reason: str, *, by=None) -> int:
    """Cancel the event, withdraw its ServiceRecord and tell every registered and waiting reader in their own
    language; returns how many were told."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the event is cancelled; readers are told.")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Keep the reason under 300 characters.")]})
    _move(event, Status.CANCELLED)
    with transaction.atomic():
        if (
            not Event.objects.filter(pk=event.pk)
            .exclude(status=Status.CANCELLED)
            .update(status=Status.CANCELLED, cancelled_at=timezone.now(), cancel_reason=reason)
        ):
            raise Refused(_("This event has already been cancelled."), "wrong_status", 409)
        event.refresh_from_db()
        withdraw_service(event)
        told = _tell_registered(
            event,
            gettext_lazy("Cancelled: %(title)s"),
            gettext_lazy("“%(title)s” on %(when)s has been cancelled. Reason: %(reason)s"),
        )
        record_audit(by, "programs.event_cancelled", event, library=event.library, summary=reason)
    return told


def _tell_registered(event: Event, subject, body) -> int:
    """One notice to each reader with a live registration, rendered in their language by `notify`."""
    registrations = event.registrations.filter(status__in=LIVE).select_related("reader").order_by("pk")
    count = 0
    for registration in registrations:
        notify(
            registration.reader,
            _Lazy(subject, event),
            _Lazy(body, event),
            link=event.get_absolute_url(),
            library=event.library,
        )
        count += 1
    return count


class _Lazy:
    """A message rendered when `notify` turns it into text, i.e. in the recipient's language."""

    def __init__(self, template, event: Event):
        self.template, self.event = template, event

    def __str__(self) -> str:
        language = translation.get_language()
        title = (self.event.title_en if language == "en" else self.event.title_zh_hans) or self.event.title
        return str(self.template) % {
            "title": title,
            "when": when(self.event),
            "reason": self.event.cancel_reason,
            "link": self.event.online_link,
            "place": self.event.place,
        }


def when(event: Event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({timezone.get_current_timezone_name()})"


# --- registering (readers) -----------------------------------------------------------------------
def check_registration(event: Event, reader) -> None:
    """Refuse (with why) a registration that cannot be taken: not open, started, or already registered."""
    if event.status == Status.CANCELLED:
        raise Refused(_("This event has been cancelled."), "cancelled", 409)
    if event.status != Status.PUBLISHED:
        raise Refused(_("This event is not open for registration."), "not_published", 409)
    if event.starts_at <= timezone.now():
        raise Refused(_("Registration closed when the event started."), "started", 409)
    if event.registrations.filter(reader=reader, status__in=LIVE).exists():
        raise Refused(_("You are already registered for this event."), "already_registered", 409)


def register(event: Event, reader) -> Registration:
    """A seat for the reader if one is left (confirmed), else a place on the waiting list (waiting).

    The seat is taken by one conditional UPDATE in the same transaction as the registration, so the last seat
    goes to exactly one reader; a second live registration of the same reader is refused by the database.
    """
    if not getattr(reader, "is_authenticated", False):
        raise Refused(_("Sign in to register."), "sign_in", 401)
    check_registration(event, reader)
    try:
        with transaction.atomic():
            took = _take_seat(event)
            if not took:
                event.refresh_from_db()
                check_registration(event, reader)  # cancelled or started meanwhile: say so; else it is full
            status = Registration.Status.CONFIRMED if took else Registration.Status.WAITING
            registration = Registration.objects.create(event=event, reader=reader, status=status)
            # Read back inside the transaction: once it has committed, nothing may fail and make a client retry.
            event.refresh_from_db(fields=["seats_taken"])
    except IntegrityError:
        raise Refused(_("You are already registered for this event."), "already_registered", 409) from None
    return registration


def _take_seat(event: Event) -> bool:
    """One seat, if one is left and registration is open: the condition is in the UPDATE itself."""
    return bool(
        Event.objects.filter(Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")))
        .filter(pk=event.pk, status=Status.PUBLISHED, starts_at__gt=timezone.now())
        .update(seats_taken=F("seats_taken") + 1)
    )


def cancel_registration(registration: Registration, *, by=None) -> Registration | None:
    """Cancel a reader's registration; a freed seat passes, in the same transaction, to the first waiting
    reader (who is told, by notice and text message). Returns the promoted registration, if any."""
    event = registration.event
    if event.status == Status.PUBLISHED and event.starts_at <= timezone.now():
        raise Refused(_("The event has started; the registration can no longer be cancelled."), "started", 409)
    now = timezone.now()
    with transaction.atomic():
        freed = None
        # A waiting reader may be promoted while cancelling: try both statuses, a few times.
        for _attempt in range(3):
            for status in LIVE:
                if Registration.objects.filter(pk=registration.pk, status=status).update(
                    status=Registration.Status.CANCELLED, cancelled_at=now
                ):
                    freed = status == Registration.Status.CONFIRMED
                    break
            if freed is not None:
                break
        if freed is None:
            raise Refused(_("This registration is already cancelled."), "already_cancelled", 409)
        promoted = _pass_seat(event) if freed else None
        if by is not None and by != registration.reader:
            record_audit(by, "programs.registration_cancelled", registration, library=event.library)
        registration.refresh_from_db()
        event.refresh_from_db(fields=["seats_taken"])
    return promoted


def _pass_seat(event: Event) -> Registration | None:
    """Give a freed seat to the first waiting reader (once: a conditional UPDATE on that registration's
    status; if they cancelled meanwhile, the next); with nobody waiting, the seat is free again."""
    if event.status == Status.PUBLISHED:
        waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("pk")
        for pk in waiting.values_list("pk", flat=True)[:100]:
            if Registration.objects.filter(pk=pk, status=Registration.Status.WAITING).update(
                status=Registration.Status.CONFIRMED, promoted_at=timezone.now()
            ):
                promoted = Registration.objects.select_related("reader", "event__library").get(pk=pk)
                _tell_promoted(promoted)
                return promoted
    Event.objects.filter(pk=event.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    return None


def _tell_promoted(registration: Registration) -> None:
    event = registration.event
    notify(
        registration.reader,
        _Lazy(gettext_lazy("A seat is yours: %(title)s"), event),
        _Lazy(gettext_lazy("A seat came free and is now yours: “%(title)s”, %(when)s."), event),
        link=event.get_absolute_url(),
        library=event.library,
        sms=True,
    )


def _fill_from_waiting_list(event: Event) -> int:
    """After staff add seats (or remove the limit), the waiting readers take them, first come first."""
    promoted = 0
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("pk")
    for pk in waiting.values_list("pk", flat=True):
        took = (
            Event.objects.filter(Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")))
            .filter(pk=event.pk)
            .update(seats_taken=F("seats_taken") + 1)
        )
        if not took:
            break
        if Registration.objects.filter(pk=pk, status=Registration.Status.WAITING).update(
            status=Registration.Status.CONFIRMED, promoted_at=timezone.now()
        ):
            _tell_promoted(Registration.objects.select_related("reader", "event__library").get(pk=pk))
            promoted += 1
        else:
            Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") - 1)
    event.refresh_from_db(fields=["seats_taken"])
    return promoted


# --- reminders -----------------------------------------------------------------------------------
def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind every confirmed reader of a published event starting within the next 24 hours, once per
    registration (marked by a conditional UPDATE of `reminded_at`, so two runs never remind twice); online
    events carry their link. Returns how many reminders were sent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_WINDOW,
    ).select_related("reader", "event__library")
    sent = 0
    for registration in due.iterator(chunk_size=500):
        event = registration.event
        with transaction.atomic():
            if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            body = gettext_lazy("“%(title)s” starts %(when)s.")
            if event.mode in (Event.Mode.ONLINE, Event.Mode.HYBRID) and event.online_link:
                body = gettext_lazy("“%(title)s” starts %(when)s. Join online: %(link)s")
            elif event.place:
                body = gettext_lazy("“%(title)s” starts %(when)s at %(place)s.")
            notify(
                registration.reader,
                _Lazy(gettext_lazy("Reminder: %(title)s"), event),
                _Lazy(body, event),
                link=event.get_absolute_url(),
                library=event.library,
            )
            Event.objects.filter(pk=event.pk).update(reminder_sent_at=now)
            sent += 1
    return sent


# --- closing the library -------------------------------------------------------------------------
def events_hit_by_closure(library: Library, since: datetime.datetime, until: datetime.date | None):
    """The library's published on-site and hybrid events from `since` until the day before `until` (the
    expected reopening), or the next 30 days when none is given."""
    if until is not None:
        end = timezone.make_aware(datetime.datetime.combine(until, datetime.time.min))
    else:
        end = since + datetime.timedelta(days=CLOSURE_DAYS)
    return Event.objects.filter(
        library=library,
        status=Status.PUBLISHED,
        mode__in=[Event.Mode.ONSITE, Event.Mode.HYBRID],
        starts_at__gte=since,
        starts_at__lt=end,
    ).order_by("starts_at", "pk")


def move_online(event: Event, *, by=None) -> int:
    """A hybrid event becomes online only (its place is kept for the record); everyone registered is told."""
    if event.mode != Event.Mode.HYBRID:
        raise Refused(_("Only an event held both on site and online can move online."), "not_hybrid", 409)
    with transaction.atomic():
        event.mode = Event.Mode.ONLINE
        event.save(update_fields=["mode"])
        _record(event)
        told = _tell_registered(
            event,
            gettext_lazy("Now online only: %(title)s"),
            gettext_lazy("The library is closed, so “%(title)s” on %(when)s takes place online only."),
        )
        record_audit(by, "programs.event_moved_online", event, library=event.library)
    return told


# --- personal data -------------------------------------------------------------------------------
def export_event_data(user) -> dict:
    """The reader's registrations, for their data download."""
    registrations = Registration.objects.filter(reader=user).select_related("event__library").order_by("pk")
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "library": registration.event.library.slug,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
                "promoted_at": registration.promoted_at.isoformat() if registration.promoted_at else None,
                "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
                "reminded_at": registration.reminded_at.isoformat() if registration.reminded_at else None,
            }
            for registration in registrations
        ]
    }
