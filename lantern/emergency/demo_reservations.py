"""Sample timed-entry reservations: zones and a week of slots at the demo library that reopened by
appointment (Chengdu), with a few bookings by the demo readers. Running it again creates only what is missing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library
from lantern.core.services import normalize_identifier

from .models import Booking, ReservationRules, Zone
from .services import reservations as services

LIBRARY = "chengdu"
ZONES = [
    ("阅览室", "Reading room", 40),
    ("外借大厅", "Lending hall", 60),
    ("少儿阅读区", "Children's reading area", 15),
]
TIMES = [(datetime.time(9), datetime.time(11)), (datetime.time(13, 30), datetime.time(15, 30))]
DAYS = 7
READERS = ["reader@example.org", "13800138000"]


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create what is missing; return how many rows (rules, zones, slots, bookings) were created."""
    library = libraries.get(LIBRARY)
    if library is None:
        return 0
    now = now or timezone.now()
    created = 0
    with transaction.atomic():
        _rules, made = ReservationRules.objects.get_or_create(
            library=library, defaults={"per_reader_per_day": 1, "days_ahead": DAYS, "no_show_minutes": 15}
        )
        created += made
        zones = []
        for zh, en, capacity in ZONES:
            zone, made = Zone.objects.get_or_create(
                library=library, name_zh_hans=zh, defaults={"name_en": en, "default_capacity": capacity}
            )
            zones.append(zone)
            created += made
        today = timezone.localtime(now).date()
        days = [today + datetime.timedelta(days=n) for n in range(1, DAYS + 1)]
        new, _existing = services.create_slots(library, zones=zones, days=days, times=TIMES, now=now)
        created += new
        created += _book_for_demo_readers(library, zones[0], now)
    return created


def _book_for_demo_readers(library: Library, zone: Zone, now: datetime.datetime) -> int:
    users = get_user_model().objects
    made = 0
    slots = list(zone.slots.upcoming(now)[:2])
    for identifier, slot in zip(READERS, slots, strict=False):
        reader = users.filter(username=normalize_identifier(identifier)[1]).first()
        if reader is None or Booking.objects.filter(reader=reader, slot__library=library).exists():
            continue
        try:
            services.book(reader, slot, now=now)
        except services.Refused:  # the library is not taking visits: no sample bookings then
            continue
        made += 1
    return made
