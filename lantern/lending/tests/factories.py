"""Small builders for lending tests: print records with copies, delivery zones, pickup slots, carriers."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lantern.catalogue.models import Copy, Record
from lantern.core.models import Partner

from ..models import Carrier, DeliveryZone, LendingRules, PickupPoint, PickupSlot


def make_copies(library, n=1, *, title="活着", location="Stacks", record=None) -> list[Copy]:
    """`n` available copies of one print record (made when not given)."""
    record = record or Record.objects.create(library=library, title=title, authors=["余华"], year=1993)
    start = Copy.objects.filter(library=library).count()
    return [
        Copy.objects.create(
            record=record, library=library, barcode=f"B{start + n_:06d}", location=location, shelf_mark=f"I247.5/{n_}"
        )
        for n_ in range(n)
    ]


def make_rules(library, **values) -> LendingRules:
    rules, _ = LendingRules.objects.update_or_create(library=library, defaults=values)
    return rules


def make_zone(library, *, name="City centre", fee="0", postcodes="") -> DeliveryZone:
    return DeliveryZone.objects.create(
        library=library, name_en=name, name_zh_hans=name, fee=Decimal(fee), postcode_prefixes=postcodes
    )


def make_pickup_slot(library, *, hours_from_now=24, capacity=5, point=None) -> PickupSlot:
    point = point or PickupPoint.objects.filter(library=library).first()
    if point is None:
        point = PickupPoint.objects.create(library=library, name_en="Front door", name_zh_hans="正门")
    starts_at = (timezone.now() + datetime.timedelta(hours=hours_from_now)).replace(second=0, microsecond=0)
    return PickupSlot.objects.create(
        point=point, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1), capacity=capacity
    )


def make_carrier(library, *, kind=Carrier.Kind.MANUAL, name="SF Express", secret="") -> Carrier:
    partner = None
    if kind != Carrier.Kind.MANUAL:
        partner_kind = Partner.Kind.BOOKSTORE if kind == Carrier.Kind.BOOKSTORE else Partner.Kind.COURIER
        partner = Partner.objects.create(name=name, kind=partner_kind)
        partner.libraries.add(library)
    return Carrier.objects.create(
        library=library, kind=kind, name=name, partner=partner, webhook_secret=secret or Carrier.new_secret()
    )
