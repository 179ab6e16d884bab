"""Building blocks the reservation tests share: a zone and slots at a library, relative to now."""

import datetime

from django.utils import timezone

from lantern.emergency.models import Slot, Zone


def make_zone(library, name="阅览室", name_en="Reading room", capacity=20, **extra) -> Zone:
    return Zone.objects.create(library=library, name_zh_hans=name, name_en=name_en, default_capacity=capacity, **extra)


def make_slot(library, *, zone=None, hours_from_now=2, length_hours=2, capacity=3) -> Slot:
    zone = zone or Zone.objects.filter(library=library).first() or make_zone(library)
    starts_at = (timezone.now() + datetime.timedelta(hours=hours_from_now)).replace(second=0, microsecond=0)
    return Slot.objects.create(
        library=library,
        zone=zone,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=length_hours),
        capacity=capacity,
    )
