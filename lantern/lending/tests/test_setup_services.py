"""Setting up lending: rules within bounds, delivery zones, pickup points, and pickup slots in bulk whose
capacity never falls below the orders booked."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from lantern.core.models import AuditEntry, Partner
from lantern.lending.models import DeliveryZone, LendingRules, Order, PickupPoint, PickupSlot
from lantern.lending.services import ordering, pickup_times, setup
from lantern.lending.services.common import Refused, rules_for

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


def refusal(call, *args, **kwargs) -> dict:
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value.message_dict


def door(library, **extra) -> PickupPoint:
    return setup.add_point(library, PickupPoint.Kind.DOOR, "正门", "Front door", **extra)


# --- rules ---------------------------------------------------------------------------------------
def test_a_manager_sets_the_rules_and_it_is_audited(library_a, manager_a):
    rules = setup.set_rules(
        library_a, by=manager_a, loan_days=21, max_items_per_order=8, currency="eur", fee_rule="flat", flat_fee="5"
    )
    assert (rules.loan_days, rules.max_items_per_order, rules.currency, rules.flat_fee) == (21, 8, "EUR", Decimal("5"))
    assert rules_for(library_a).loan_days == 21
    entry = AuditEntry.objects.get(action="lending.rules_changed")
    assert entry.actor == manager_a and "loan_days: 30 → 21" in entry.summary


def test_unchanged_rules_write_no_audit_entry(library_a, manager_a):
    setup.set_rules(library_a, by=manager_a, loan_days=21)
    setup.set_rules(library_a, by=manager_a, loan_days=21)
    assert AuditEntry.objects.filter(action="lending.rules_changed").count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"max_items_per_order": 0}, "max_items_per_order", "Allow between 1 and 50 items per order."),
        ({"max_items_per_order": 51}, "max_items_per_order", "Allow between 1 and 50 items per order."),
        ({"loan_days": 366}, "loan_days", "A loan lasts between 1 and 365 days."),
        ({"loan_days": "soon"}, "loan_days", "Give a whole number."),
        ({"address_retention_days": 0}, "address_retention_days", "Keep addresses between 1 and 365 days"),
        ({"address_retention_days": 400}, "address_retention_days", "Keep addresses between 1 and 365 days"),
        ({"currency": "yuan"}, "currency", "three-letter currency code"),
        ({"fee_rule": "weight"}, "fee_rule", "Choose how delivery is charged"),
        ({"fine_per_day": "-1"}, "fine_per_day", "The fine per day is between 0 and 100."),
        ({"fine_per_day": "0.005"}, "fine_per_day", "at most two decimal places"),
        ({"fee_rule": "flat", "flat_fee": "0"}, "flat_fee", "Give the flat fee, or choose free delivery."),
        ({"purchase_enabled": True}, "purchase_budget", "Give a yearly budget"),
        (
            {"purchase_enabled": True, "purchase_budget": "50", "purchase_max_price": "80"},
            "purchase_max_price",
            "cannot be more than the budget",
        ),
    ],
)
def test_rules_out_of_bounds_are_refused_by_field_and_nothing_is_written(library_a, manager_a, values, field, message):
    errors = refusal(setup.set_rules, library_a, by=manager_a, **values)
    assert message in errors[field][0]
    assert not LendingRules.objects.exists()
    assert not AuditEntry.objects.filter(action="lending.rules_changed").exists()


def test_one_bad_rule_keeps_the_good_ones_unwritten_too(library_a, manager_a):
    setup.set_rules(library_a, by=manager_a, loan_days=21)
    errors = refusal(setup.set_rules, library_a, by=manager_a, loan_days=14, max_renewals=99)
    assert set(errors) == {"max_renewals"}
    assert LendingRules.objects.get().loan_days == 21


def test_an_unknown_rule_is_a_programming_error(library_a):
    with pytest.raises(TypeError):
        setup.set_rules(library_a, quarantine_hours=72)


# --- zones ---------------------------------------------------------------------------------------
def test_a_zone_with_postcodes_and_a_fee_is_added(library_a, librarian_a):
    zone = setup.add_zone(library_a, "江岸区", "", "430010, 43001", "6.5", by=librarian_a)
    assert zone.postcode_prefixes == "430010 43001" and zone.fee == Decimal("6.50") and zone.active
    assert zone.accepts_postcode("430012") and not zone.accepts_postcode("100000")
    assert AuditEntry.objects.filter(action="lending.zone_added", object_id=str(zone.pk)).exists()


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("", "", "", "0"), "name_zh", "Give a name in Chinese or in English."),
        (("江岸区", "", "4300-10", "0"), "postcode_prefixes", "“4300-10” is not a postcode"),
        (("江岸区", "", "", "-2"), "fee", "The delivery fee is between 0 and 1000."),
        (("江岸区", "", "", "lots"), "fee", "Give an amount"),
        (("江岸区", "", " ".join(["123456"] * 60), "0"), "postcode_prefixes", "Too many postcodes"),
    ],
)
def test_bad_zones_are_refused_and_not_written(library_a, args, field, message):
    errors = refusal(setup.add_zone, library_a, *args)
    assert message in errors[field][0]
    assert not DeliveryZone.objects.exists()


def test_two_zones_cannot_share_a_name(library_a):
    setup.add_zone(library_a, "江岸区", "Jiang'an")
    assert "already has a zone" in refusal(setup.add_zone, library_a, "", "jiang'an")["name_en"][0]
    assert DeliveryZone.objects.count() == 1


def test_a_zone_is_updated_and_may_keep_its_own_name(library_a, librarian_a):
    zone = setup.add_zone(library_a, "江岸区", "Jiang'an", "4300", "5")
    setup.update_zone(zone, "江岸区", "Jiang'an district", "4300 4301", "8", by=librarian_a)
    zone.refresh_from_db()
    assert (zone.name_en, zone.postcode_prefixes, zone.fee) == ("Jiang'an district", "4300 4301", Decimal("8.00"))


def test_a_deactivated_zone_is_no_longer_offered_but_its_open_orders_keep_it(library_a, librarian_a, reader):
    zone = setup.add_zone(library_a, "江岸区", "Jiang'an")
    order = Order.objects.create(library=library_a, reader=reader, method=Order.Method.DELIVERY, zone=zone)
    assert list(ordering.active_zones(library_a)) == [zone]
    setup.set_zone_active(zone, False, by=librarian_a)
    assert list(ordering.active_zones(library_a)) == []
    assert Order.Method.DELIVERY not in ordering.methods_offered(library_a)
    order.refresh_from_db()
    assert order.zone == zone and order.status == Order.Status.REQUESTED
    assert setup.open_orders_in_zone(zone) == 1
    setup.set_zone_active(zone, True, by=librarian_a)
    assert list(ordering.active_zones(library_a)) == [zone]


# --- pickup points -------------------------------------------------------------------------------
def test_a_door_point_is_added_in_both_languages(library_a, librarian_a):
    point = setup.add_point(library_a, "door", "正门", "Front door", "", "按门铃", "Ring the bell", by=librarian_a)
    assert (point.name_zh_hans, point.name_en, point.instructions_en) == ("正门", "Front door", "Ring the bell")
    assert AuditEntry.objects.filter(action="lending.point_added").exists()


def test_a_bookstore_point_needs_a_partner_bookstore_of_the_library(library_a, library_b):
    theirs = Partner.objects.create(name="Other Books", kind=Partner.Kind.BOOKSTORE)
    theirs.libraries.add(library_b)
    ours = Partner.objects.create(name="Hankou Books", kind=Partner.Kind.BOOKSTORE)
    ours.libraries.add(library_a)
    assert (
        "Choose the partner bookstore."
        in refusal(setup.add_point, library_a, "bookstore", "书店", "", "汉口路1号")["partner"]
    )
    assert (
        "partner of this library"
        in refusal(setup.add_point, library_a, "bookstore", "书店", "", "汉口路1号", partner=theirs)["partner"][0]
    )
    assert "Give the address" in refusal(setup.add_point, library_a, "locker", "柜子", "")["address"][0]
    assert "Choose the kind" in refusal(setup.add_point, library_a, "drone", "无人机")["kind"][0]
    assert not PickupPoint.objects.exists()
    point = setup.add_point(library_a, "bookstore", "书店", "", "汉口路1号", partner=ours)
    assert point.partner == ours


def test_a_switched_off_point_offers_no_slots(library_a):
    point = door(library_a)
    with time_machine.travel(NOW, tick=False):
        pickup_times.create_slots(
            point,
            first_day=datetime.date(2030, 3, 5),
            last_day=datetime.date(2030, 3, 5),
            times="10:00-12:00",
            capacity=3,
        )
        setup.set_rules(library_a, hold_days=7)
        assert ordering.bookable_slots(library_a).count() == 1
        setup.set_point_active(point, False)
        assert ordering.bookable_slots(library_a).count() == 0


# --- slots ---------------------------------------------------------------------------------------
def test_parse_times_reads_commas_chinese_dashes_and_lines():
    assert pickup_times.parse_times("10:00-12:00, 15:00–17:00\n18:00至19:30") == [
        (datetime.time(10), datetime.time(12)),
        (datetime.time(15), datetime.time(17)),
        (datetime.time(18), datetime.time(19, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give at least one time range"),
        ("10-12", "“10-12” is not a time range"),
        ("25:00-26:00", "is not a time range"),
        ("12:00-10:00", "ends before it starts"),
        ("10:00-12:00, 11:00-13:00", "10:00-12:00 and 11:00-13:00 overlap."),
    ],
)
def test_bad_time_ranges_are_refused(text, message):
    with pytest.raises(Refused) as caught:
        pickup_times.parse_times(text)
    assert message in caught.value.message_dict["times"][0]


@time_machine.travel(NOW, tick=False)
def test_slots_are_created_in_bulk_and_duplicates_are_skipped(library_a, librarian_a):
    point = door(library_a)
    first, last = datetime.date(2030, 3, 5), datetime.date(2030, 3, 7)
    created, skipped = pickup_times.create_slots(
        point, first_day=first, last_day=last, times="10:00-12:00, 15:00-17:00", capacity=4, by=librarian_a
    )
    assert (created, skipped) == (6, 0)
    slot = PickupSlot.objects.order_by("starts_at").first()
    assert timezone.localtime(slot.starts_at).time() == datetime.time(10) and slot.capacity == 4
    PickupSlot.objects.filter(pk=slot.pk).update(booked=2)
    created, skipped = pickup_times.create_slots(
        point, first_day=first, last_day=datetime.date(2030, 3, 8), times="10:00-12:00, 15:00-17:00", capacity=9
    )
    assert (created, skipped) == (2, 6)
    slot.refresh_from_db()
    assert (slot.capacity, slot.booked) == (4, 2)  # the existing slot and its orders are untouched
    assert AuditEntry.objects.filter(action="lending.slots_created").count() == 2


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"first_day": datetime.date(2030, 3, 3)}, "first_day", "The first day has passed"),
        ({"last_day": datetime.date(2030, 3, 4)}, "last_day", "The last day is before the first day."),
        ({"last_day": datetime.date(2030, 5, 30)}, "last_day", "Create at most 60 days at once."),
        ({"capacity": 0}, "capacity", "at least one order"),
        ({"capacity": 501}, "capacity", "between 0 and 500 orders"),
        ({"first_day": datetime.date(2030, 3, 4), "times": "08:00-10:00"}, "times", "has already begun"),
        ({"times": "noon"}, "times", "is not a time range"),
    ],
)
def test_bad_slot_requests_are_refused_and_nothing_is_created(library_a, kwargs, field, message):
    point = door(library_a)
    args = {
        "first_day": datetime.date(2030, 3, 5),
        "last_day": datetime.date(2030, 3, 6),
        "times": "10:00-12:00",
        "capacity": 3,
        **kwargs,
    }
    errors = refusal(pickup_times.create_slots, point, **args)
    assert message in errors[field][0]
    assert not PickupSlot.objects.exists()


def _slot(library, *, booked=0, capacity=5) -> PickupSlot:
    point = PickupPoint.objects.filter(library=library).first() or door(library)
    starts_at = timezone.now() + datetime.timedelta(days=1)
    return PickupSlot.objects.create(
        point=point,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        capacity=capacity,
        booked=booked,
    )


def test_capacity_never_falls_below_the_orders_booked(library_a, librarian_a):
    slot = _slot(library_a, booked=3)
    errors = refusal(pickup_times.change_slot_capacity, slot, 2, by=librarian_a)
    assert errors["capacity"] == ["3 orders are booked in this slot; it cannot hold fewer."]
    slot.refresh_from_db()
    assert (slot.capacity, slot.booked) == (5, 3)
    pickup_times.change_slot_capacity(slot, 3, by=librarian_a)
    slot.refresh_from_db()
    assert slot.capacity == 3
    assert AuditEntry.objects.filter(action="lending.slot_capacity_changed").count() == 1


def test_capacity_guard_reads_the_booked_count_in_the_database_not_the_stale_object(library_a):
    slot = _slot(library_a, booked=0)
    PickupSlot.objects.filter(pk=slot.pk).update(booked=4)  # orders booked after the page was loaded
    assert "4 orders are booked" in refusal(pickup_times.change_slot_capacity, slot, 1)["capacity"][0]


def test_a_slot_nobody_booked_is_deleted_but_a_booked_one_is_kept(library_a, librarian_a, reader):
    empty, booked = _slot(library_a), _slot(library_a, booked=1)
    pickup_times.delete_slot(empty, by=librarian_a)
    assert not PickupSlot.objects.filter(pk=empty.pk).exists()
    assert "1 order is booked" in refusal(pickup_times.delete_slot, booked)["capacity"][0]
    assert PickupSlot.objects.filter(pk=booked.pk).exists()


def test_a_slot_that_past_orders_refer_to_is_kept_unchanged(library_a, reader):
    slot = _slot(library_a)
    Order.objects.create(
        library=library_a, reader=reader, method=Order.Method.PICKUP, pickup_slot=slot, status=Order.Status.CANCELLED
    )
    with pytest.raises(Refused, match="Past orders refer to this slot"):
        pickup_times.delete_slot(slot)
    slot.refresh_from_db()
    assert slot.capacity == 5  # closing it was rolled back with the refusal
