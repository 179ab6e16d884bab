"""Ordering and fulfilment as services: quotes, limits, holds, the reader's changes, each staff step and the
refusal of impossible steps."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.insights.models import ServiceRecord
from lantern.lending.models import Order, OrderEvent, OrderItem, PickupSlot
from lantern.lending.services import fulfilment, ordering
from lantern.lending.services.common import Refused

from .factories import make_carrier, make_copies, make_pickup_slot, make_rules, make_zone

pytestmark = pytest.mark.django_db


def delivery(reader, library, copies, **extra):
    values = {
        "record_ids": [copies[0].record_id],
        "method": "delivery",
        "zone": extra.pop("zone", None) or make_zone(library, fee="5"),
        "recipient": "Alice",
        "phone": "13800138000",
        "address": "1 Riverside Road",
        "postcode": "430000",
    }
    values.update(extra)
    return ordering.check_order(reader, library, **values)


def test_a_delivery_order_takes_one_copy_and_quotes_the_fee_and_date(reader, library_a, sms_outbox):
    make_rules(library_a, fee_rule="zone", delivery_days=2)
    copies = make_copies(library_a, 2)
    draft = delivery(reader, library_a, copies)
    assert draft.fee == Decimal("5")
    assert draft.expected_on == timezone.localdate() + datetime.timedelta(days=2)

    order = ordering.place_order(draft)

    assert order.status == "requested" and order.phone == "+8613800138000"
    statuses = sorted(Copy.objects.filter(record=copies[0].record).values_list("status", flat=True))
    assert statuses == ["available", "requested"]
    assert reader.notices.filter(subject__contains=order.number).exists()
    assert OrderEvent.objects.filter(order=order, status="requested").count() == 1


def test_a_reader_without_a_card_here_is_told_to_get_one(library_b, librarian_b, reader):
    copies = make_copies(library_b)
    with pytest.raises(Refused, match="needs a library card") as refusal:
        delivery(reader, library_b, copies)
    assert refusal.value.reason == "no_card"


def test_flat_and_free_fees(reader, library_a):
    copies = make_copies(library_a)
    make_rules(library_a, fee_rule="flat", flat_fee=Decimal("3.50"))
    assert delivery(reader, library_a, copies).fee == Decimal("3.50")
    make_rules(library_a, fee_rule="free")
    assert delivery(reader, library_a, copies).fee == 0


def test_bad_delivery_details_are_reported_by_field_and_nothing_is_written(reader, library_a):
    copies = make_copies(library_a)
    zone = make_zone(library_a, postcodes="4300")
    with pytest.raises(ValidationError) as error:
        delivery(reader, library_a, copies, zone=zone, recipient="", address=" ", phone="12", postcode="100000")
    assert set(error.value.message_dict) == {"recipient", "address", "phone", "postcode"}
    assert Order.objects.count() == 0 and Copy.objects.filter(status="available").count() == 1


def test_limits_on_items_and_open_orders(reader, library_a):
    make_rules(library_a, max_items_per_order=1, max_open_orders=1)
    first, second = make_copies(library_a, title="A")[0], make_copies(library_a, title="B")[0]
    with pytest.raises(Refused, match="at most 1 items") as refusal:
        delivery(reader, library_a, [first], record_ids=[first.record_id, second.record_id])
    assert refusal.value.reason == "too_many_items"
    ordering.place_order(delivery(reader, library_a, [first]))
    with pytest.raises(Refused) as refusal:
        delivery(reader, library_a, [second])
    assert refusal.value.reason == "too_many_orders"


def test_the_last_copy_goes_to_one_reader_and_the_next_is_told_why(reader, other_reader, library_a):
    copies = make_copies(library_a, 1)
    first, second = delivery(reader, library_a, copies), delivery(other_reader, library_a, copies)
    ordering.place_order(first)
    with pytest.raises(Refused, match="no copy is left"):
        ordering.place_order(second)
    assert Order.objects.count() == 1


def test_an_order_is_all_or_nothing(reader, other_reader, library_a):
    free, taken = make_copies(library_a, title="Free")[0], make_copies(library_a, title="Taken")[0]
    ordering.place_order(delivery(other_reader, library_a, [taken]))
    with pytest.raises(Refused):
        ordering.place_order(delivery(reader, library_a, [free], record_ids=[free.record_id, taken.record_id]))
    free.refresh_from_db()
    assert free.status == "available" and Order.objects.filter(reader=reader).count() == 0


def test_a_pickup_slot_holds_the_items_and_must_end_before_the_hold_expires(reader, library_a):
    make_rules(library_a, hold_days=2)
    copies = make_copies(library_a)
    too_late = make_pickup_slot(library_a, hours_from_now=24 * 3)
    assert too_late not in ordering.bookable_slots(library_a)
    with pytest.raises(ValidationError, match="held for 2 days"):
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=too_late)

    slot = make_pickup_slot(library_a, hours_from_now=30, capacity=1)
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    slot.refresh_from_db()
    assert slot.booked == 1 and order.fee == 0
    assert order.hold_until >= slot.ends_at


def test_the_reader_changes_method_and_slot_until_packed(reader, library_a, librarian_a):
    copies = make_copies(library_a)
    slot = make_pickup_slot(library_a, hours_from_now=30)
    order = ordering.place_order(delivery(reader, library_a, copies))
    ordering.change_order(order, method="pickup", slot=slot, by=reader)
    slot.refresh_from_db()
    assert order.method == "pickup" and order.address == "" and slot.booked == 1

    later = make_pickup_slot(library_a, hours_from_now=40)
    ordering.change_order(order, method="pickup", slot=later, by=reader)
    slot.refresh_from_db()
    later.refresh_from_db()
    assert (slot.booked, later.booked, order.pickup_slot_id) == (0, 1, later.pk)

    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    with pytest.raises(Refused, match="can no longer be changed"):
        ordering.change_order(order, method="pickup", slot=slot, by=reader)
    with pytest.raises(Refused, match="can no longer be cancelled"):
        ordering.cancel_order(order, by=reader)


def test_cancelling_puts_the_copies_back_and_frees_the_slot(reader, library_a):
    copies = make_copies(library_a)
    slot = make_pickup_slot(library_a, hours_from_now=30)
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    ordering.cancel_order(order, by=reader)
    copies[0].refresh_from_db()
    assert order.status == "cancelled" and copies[0].status == "available"
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0
    assert not OrderItem.objects.filter(holds_copy=True).exists()


def test_delivery_loop_to_loan_with_service_record(reader, library_a, librarian_a, sms_outbox):
    copies = make_copies(library_a)
    courier = make_carrier(library_a, kind="courier")
    order = ordering.place_order(delivery(reader, library_a, copies))
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    fulfilment.ship(order, carrier=courier, tracking_number="SF1234567", by=librarian_a)
    copies[0].refresh_from_db()
    assert copies[0].status == "in_transit"

    fulfilment.deliver(order, by=librarian_a)

    copies[0].refresh_from_db()
    assert order.status == "on_loan" and copies[0].status == "on_loan"
    assert order.loans.get().due_on > timezone.localdate()
    steps = list(order.events.values_list("status", flat=True))
    assert steps == ["requested", "picking", "packed", "shipped", "delivered", "on_loan"]
    record = ServiceRecord.objects.get(library=library_a)
    assert record.reading_offline and record.cross_industry
    assert any(order.number in text for _phone, text in sms_outbox) is False  # reader has no phone
    assert reader.notices.count() == 3  # received, on its way, delivered


def test_impossible_steps_are_refused_with_both_states_named(reader, library_a, librarian_a):
    order = ordering.place_order(delivery(reader, library_a, make_copies(library_a)))
    with pytest.raises(Refused, match="“Requested”; it cannot become “Packed”"):
        fulfilment.pack(order, by=librarian_a)
    with pytest.raises(Refused, match="Ship a delivery order"):
        fulfilment.start_picking(order, by=librarian_a)
        fulfilment.pack(order, by=librarian_a)
        fulfilment.deliver(order, by=librarian_a)
    assert Order.objects.get(pk=order.pk).status == "packed"


def test_a_pickup_order_is_collected_and_texted_to_a_phone_reader(other_reader, library_a, librarian_a, sms_outbox):
    other_reader.language = "en"  # notices come in the reader's language; this test reads English
    other_reader.save(update_fields=["language"])
    slot = make_pickup_slot(library_a, hours_from_now=30)
    copies = make_copies(library_a)
    order = ordering.place_order(
        ordering.check_order(other_reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    fulfilment.deliver(order, by=librarian_a)
    assert order.status == "on_loan"
    assert [phone for phone, _text in sms_outbox] == ["+8613900139000"] * 3
    assert "ready for pickup" in sms_outbox[1][1]


def test_a_failed_delivery_keeps_shipped_copies_in_transit_until_received_back(reader, library_a, librarian_a):
    copies = make_copies(library_a)
    order = ordering.place_order(delivery(reader, library_a, copies))
    for step in (fulfilment.start_picking, fulfilment.pack):
        step(order, by=librarian_a)
    fulfilment.ship(order, carrier=make_carrier(library_a), tracking_number="YT998877", by=librarian_a)
    with pytest.raises(Refused, match="Say why"):
        fulfilment.fail(order, " ")
    fulfilment.fail(order, "Nobody at home three times")
    copies[0].refresh_from_db()
    assert order.status == "failed" and copies[0].status == "in_transit"
    assert fulfilment.receive_back(order, by=librarian_a) == 1
    copies[0].refresh_from_db()
    assert copies[0].status == "available"


def test_uncollected_pickup_orders_expire_after_the_hold(reader, library_a):
    make_rules(library_a, hold_days=2)
    slot = make_pickup_slot(library_a, hours_from_now=30)
    copies = make_copies(library_a)
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    assert fulfilment.expire_holds(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert fulfilment.expire_holds(now=order.hold_until + datetime.timedelta(minutes=1)) == 1
    order.refresh_from_db()
    copies[0].refresh_from_db()
    assert order.status == "failed" and copies[0].status == "available"


def test_pick_list_groups_by_location_and_shelf_mark(reader, other_reader, library_a):
    upstairs = make_copies(library_a, title="Upstairs", location="2F Stacks")
    downstairs = make_copies(library_a, title="Downstairs", location="1F Stacks")
    ordering.place_order(delivery(reader, library_a, upstairs))
    ordering.place_order(delivery(other_reader, library_a, downstairs, zone=make_zone(library_a, name="East")))
    groups = fulfilment.pick_list(library_a)
    assert [location for location, _items in groups] == ["1F Stacks", "2F Stacks"]


def test_the_expire_holds_command_says_what_it_did(reader, library_a):
    from io import StringIO

    from django.core.management import call_command

    make_rules(library_a, hold_days=2)
    slot = make_pickup_slot(library_a, hours_from_now=30)
    copies = make_copies(library_a)
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    Order.objects.filter(pk=order.pk).update(hold_until=timezone.now() - datetime.timedelta(minutes=1))
    out = StringIO()
    call_command("expire_holds", stdout=out)
    assert out.getvalue().strip() == "1 uncollected pickup orders expired."
    assert Order.objects.get(pk=order.pk).status == "failed"
