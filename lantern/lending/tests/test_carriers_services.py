"""Carriers as services: what each kind needs at hand-over, and adding, switching and re-keying carriers."""

import pytest
from django.core.exceptions import ValidationError

from lantern.core.models import AuditEntry, Partner
from lantern.lending.models import Carrier, Order
from lantern.lending.services import carriers, fulfilment
from lantern.lending.services.common import Refused

from .carriers_helpers import place_delivery
from .factories import make_carrier

pytestmark = pytest.mark.django_db


@pytest.fixture
def packed(reader, library_a):
    order = place_delivery(reader, library_a)
    fulfilment.start_picking(order)
    fulfilment.pack(order)
    return order


def test_every_kind_has_one_behaviour():
    assert set(carriers.KINDS) == set(Carrier.Kind.values)


def test_staff_typed_tracking_numbers_are_trimmed_and_checked(packed, library_a):
    manual = make_carrier(library_a, kind=Carrier.Kind.MANUAL, name="China Post")
    assert carriers.hand_over(packed, manual, "  EMS-123456  ") == "EMS-123456"
    for bad in ("", "   ", "abc", "x" * 65, "SF 1234", "SF/1234", "顺丰1234"):
        with pytest.raises(Refused):
            carriers.hand_over(packed, manual, bad)


def test_a_bookstore_needs_no_tracking_number(packed, library_a):
    bookstore = make_carrier(library_a, kind=Carrier.Kind.BOOKSTORE, name="新华书店")
    assert carriers.hand_over(packed, bookstore, "") == ""
    assert carriers.hand_over(packed, bookstore, "XH-2026-17") == "XH-2026-17"


def test_a_courier_needs_a_tracking_number(packed, library_a):
    courier = make_carrier(library_a, kind=Carrier.Kind.COURIER)
    with pytest.raises(Refused, match="tracking number"):
        carriers.hand_over(packed, courier, "")
    assert carriers.hand_over(packed, courier, "SF1234567890") == "SF1234567890"


def test_an_inactive_carrier_or_one_of_another_library_takes_nothing(packed, library_a, library_b):
    mine = make_carrier(library_a, kind=Carrier.Kind.MANUAL, name="Post")
    theirs = make_carrier(library_b, kind=Carrier.Kind.MANUAL, name="Post B")
    with pytest.raises(Refused) as refused:
        carriers.hand_over(packed, theirs, "EMS-123456")
    assert refused.value.reason == "carrier_other_library"
    carriers.set_active(mine, False)
    with pytest.raises(Refused) as refused:
        carriers.hand_over(packed, mine, "EMS-123456")
    assert refused.value.reason == "carrier_inactive"


def test_shipping_goes_through_hand_over(packed, library_a):
    courier = make_carrier(library_a, kind=Carrier.Kind.COURIER)
    with pytest.raises(ValidationError):
        fulfilment.ship(packed, carrier=courier, tracking_number="")
    assert Order.objects.get(pk=packed.pk).status == Order.Status.PACKED
    fulfilment.ship(packed, carrier=courier, tracking_number=" SF-99887766 ")
    packed.refresh_from_db()
    assert (packed.status, packed.tracking_number, packed.carrier) == ("shipped", "SF-99887766", courier)


def test_creating_a_courier_gives_it_a_secret_and_is_audited(library_a, manager_a):
    courier = carriers.create_carrier(library_a, Carrier.Kind.COURIER, "  SF Express ", by=manager_a)
    assert courier.name == "SF Express" and courier.active and len(courier.webhook_secret) >= 40
    manual = carriers.create_carrier(library_a, Carrier.Kind.MANUAL, "China Post", by=manager_a)
    assert manual.webhook_secret == ""
    entry = AuditEntry.objects.get(action="lending.carrier_created", object_id=str(courier.pk))
    assert entry.actor == manager_a and entry.library == library_a


def test_a_bookstore_carrier_needs_a_partner_bookstore_of_the_library(library_a, library_b):
    with pytest.raises(Refused, match="bookstore"):
        carriers.create_carrier(library_a, Carrier.Kind.BOOKSTORE, "新华书店")
    elsewhere = Partner.objects.create(name="别处书店", kind=Partner.Kind.BOOKSTORE)
    elsewhere.libraries.add(library_b)
    with pytest.raises(Refused, match="does not work with this library"):
        carriers.create_carrier(library_a, Carrier.Kind.BOOKSTORE, "别处书店", partner=elsewhere)
    ours = Partner.objects.create(name="新华书店", kind=Partner.Kind.BOOKSTORE)
    ours.libraries.add(library_a)
    assert carriers.create_carrier(library_a, Carrier.Kind.BOOKSTORE, "新华书店", partner=ours).partner == ours


@pytest.mark.parametrize(("kind", "name"), [("drone", "Sky"), ("manual", ""), ("manual", "   "), ("manual", "x" * 101)])
def test_bad_carriers_are_refused_and_nothing_is_written(library_a, kind, name):
    with pytest.raises(Refused):
        carriers.create_carrier(library_a, kind, name)
    assert not Carrier.objects.exists() and not AuditEntry.objects.filter(action__startswith="lending.").exists()


def test_two_carriers_of_one_name_are_refused(library_a, library_b):
    carriers.create_carrier(library_a, Carrier.Kind.MANUAL, "China Post")
    with pytest.raises(Refused):
        carriers.create_carrier(library_a, Carrier.Kind.MANUAL, "china post")
    carriers.create_carrier(library_b, Carrier.Kind.MANUAL, "China Post")  # another library may


def test_rotating_replaces_the_secret_and_keeps_it_out_of_the_audit_log(library_a, manager_a):
    courier = carriers.create_carrier(library_a, Carrier.Kind.COURIER, "SF Express")
    old = courier.webhook_secret
    carriers.rotate_secret(courier, by=manager_a)
    stored = Carrier.objects.get(pk=courier.pk).webhook_secret
    assert stored == courier.webhook_secret and stored != old
    entry = AuditEntry.objects.get(action="lending.carrier_secret_rotated")
    assert stored not in entry.summary and old not in entry.summary


def test_only_couriers_have_secrets_to_rotate(library_a):
    manual = carriers.create_carrier(library_a, Carrier.Kind.MANUAL, "China Post")
    with pytest.raises(Refused):
        carriers.rotate_secret(manual)
    assert Carrier.objects.get(pk=manual.pk).webhook_secret == ""


def test_switching_on_and_off_is_audited_once_per_change(library_a, librarian_a):
    carrier = carriers.create_carrier(library_a, Carrier.Kind.MANUAL, "China Post")
    carriers.set_active(carrier, False, by=librarian_a)
    carriers.set_active(carrier, False, by=librarian_a)
    assert not Carrier.objects.get(pk=carrier.pk).active
    assert AuditEntry.objects.filter(action="lending.carrier_deactivated").count() == 1
    carriers.set_active(carrier, True, by=librarian_a)
    assert Carrier.objects.get(pk=carrier.pk).active
