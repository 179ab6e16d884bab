"""The lending settings page: managers change the rules, other staff read them; staff add zones, pickup points
and pickup times; bad input comes back beside its field with nothing written; outsiders are kept out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.lending.models import DeliveryZone, LendingRules, PickupPoint, PickupSlot
from lantern.lending.services import ordering, pickup_times, setup
from lantern.lending.services.common import rules_for

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"lending:{name}", args=[library.slug, *args])


def rules_data(**changes) -> dict:
    data = {
        "delivery_enabled": "on",
        "pickup_enabled": "on",
        "fee_rule": "free",
        "flat_fee": "0",
        "currency": "CNY",
        "max_items_per_order": "5",
        "max_open_orders": "2",
        "delivery_days": "3",
        "hold_days": "7",
        "loan_days": "30",
        "max_renewals": "2",
        "fine_per_day": "0",
        "address_retention_days": "30",
        "purchase_budget": "0",
        "purchase_max_price": "100",
        "purchase_per_reader_month": "2",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def test_a_manager_saves_the_rules(client_as, manager_a, library_a):
    response = client_as(manager_a).post(url("setup_rules", library_a), rules_data(loan_days="21"), follow=True)
    assert "Lending rules saved." in response.content.decode()
    assert rules_for(library_a).loan_days == 21


def test_a_manager_sees_the_rules_form_and_the_link_to_quarantine_settings(client_as, manager_a, library_a):
    page = client_as(manager_a).get(url("setup", library_a)).content.decode()
    assert 'name="loan_days"' in page
    assert reverse("emergency:quarantine", args=[library_a.slug]) in page


def test_staff_read_the_rules_but_cannot_change_them(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    page = client.get(url("setup", library_a)).content.decode()
    assert "Only a manager of the library can change these rules." in page
    assert 'name="loan_days"' not in page
    assert client.post(url("setup_rules", library_a), rules_data(loan_days="21")).status_code == 403
    assert not LendingRules.objects.exists()


def test_readers_and_other_libraries_staff_are_kept_out(client, client_as, reader, librarian_b, library_a):
    zone = setup.add_zone(library_a, "江岸区")
    assert client.get(url("setup", library_a)).status_code == 302
    assert client_as(reader).get(url("setup", library_a)).status_code == 403
    outsider = client_as(librarian_b)
    assert outsider.get(url("setup", library_a)).status_code == 403
    assert outsider.post(url("setup_zone_add", library_a), {"name_zh": "X", "fee": "0"}).status_code == 403
    assert outsider.post(url("setup_zone_active", library_a, zone.pk), {"active": "0"}).status_code == 403
    assert DeliveryZone.objects.count() == 1 and DeliveryZone.objects.get().active


def test_another_librarys_slot_is_not_found(client_as, librarian_b, library_a, library_b):
    point = setup.add_point(library_a, "door", "正门")
    pickup_times.create_slots(point, first_day=tomorrow(), last_day=tomorrow(), times="10:00-12:00", capacity=2)
    slot = PickupSlot.objects.get()
    response = client_as(librarian_b).post(url("setup_slot_delete", library_b, slot.pk))
    assert response.status_code == 404
    assert PickupSlot.objects.exists()


def test_changes_are_post_only(client_as, manager_a, library_a):
    assert client_as(manager_a).get(url("setup_rules", library_a)).status_code == 405


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_items_per_order": "80"}, "Allow between 1 and 50 items per order."),
        ({"address_retention_days": "0"}, "Keep addresses between 1 and 365 days after an order closes."),
        ({"currency": "RM"}, "Give the three-letter currency code, such as CNY."),
        ({"loan_days": "abc"}, "Enter a whole number."),
        ({"fee_rule": "flat", "flat_fee": "0"}, "Give the flat fee, or choose free delivery."),
    ],
)
def test_bad_rules_come_back_beside_their_field(client_as, manager_a, library_a, changes, message):
    response = client_as(manager_a).post(url("setup_rules", library_a), rules_data(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not LendingRules.objects.exists()


def test_staff_add_a_zone_and_stop_offering_it(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    data = {"name_zh": "江岸区", "name_en": "Jiangan", "postcode_prefixes": "4300 4301", "fee": "6"}
    response = client.post(url("setup_zone_add", library_a), data, follow=True)
    assert "Delivery zone “Jiangan” added." in response.content.decode()
    zone = DeliveryZone.objects.get()
    response = client.post(url("setup_zone_active", library_a, zone.pk), {"active": "0"}, follow=True)
    assert "no longer offered to readers" in response.content.decode()
    assert not ordering.active_zones(library_a).exists()
    client.post(url("setup_zone_active", library_a, zone.pk), {"active": "1"})
    assert ordering.active_zones(library_a).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name_zh": "", "name_en": "", "fee": "0"}, "name_zh", "Give a name in Chinese or in English."),
        ({"name_zh": "江岸区", "postcode_prefixes": "43-00", "fee": "0"}, "postcode_prefixes", "is not a postcode"),
        ({"name_zh": "江岸区", "fee": "-1"}, "fee", "The delivery fee is between 0 and 1000."),
        ({"name_zh": "江岸区", "fee": ""}, "fee", "This field is required."),
    ],
)
def test_bad_zones_come_back_with_a_message(client_as, librarian_a, library_a, data, field, message):
    response = client_as(librarian_a).post(url("setup_zone_add", library_a), data)
    assert response.status_code == 422
    form = response.context["zone_form"]
    assert any(message in error for error in form.errors[field])
    assert not DeliveryZone.objects.exists()


def test_a_zone_is_edited_on_its_page(client_as, librarian_a, library_a):
    zone = setup.add_zone(library_a, "江岸区", "Jiang'an", "4300", "5")
    client = client_as(librarian_a)
    assert client.get(url("setup_zone", library_a, zone.pk)).status_code == 200
    response = client.post(url("setup_zone", library_a, zone.pk), {"name_zh": "江岸区", "postcode_prefixes": "x!"})
    assert response.status_code == 422
    response = client.post(
        url("setup_zone", library_a, zone.pk), {"name_zh": "江岸区", "name_en": "", "postcode_prefixes": "", "fee": "9"}
    )
    assert response.status_code == 302
    zone.refresh_from_db()
    assert str(zone.fee) == "9.00" and zone.postcode_prefixes == ""


def test_staff_add_a_pickup_point_and_bad_input_is_refused(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    response = client.post(url("setup_point_add", library_a), {"kind": "locker", "name_zh": "柜子", "address": ""})
    assert response.status_code == 422
    assert "Give the address, so that readers find it." in response.content.decode()
    assert not PickupPoint.objects.exists()
    data = {"kind": "door", "name_zh": "正门", "name_en": "Front door", "instructions_en": "Ring the bell"}
    response = client.post(url("setup_point_add", library_a), data, follow=True)
    assert "Pickup point “Front door” added." in response.content.decode()
    point = PickupPoint.objects.get()
    client.post(url("setup_point_active", library_a, point.pk), {"active": "0"})
    point.refresh_from_db()
    assert not point.active


def test_staff_create_pickup_times_in_bulk_and_repeats_are_skipped(client_as, librarian_a, library_a):
    point = setup.add_point(library_a, "door", "正门", "Front door")
    day = tomorrow()
    data = {
        "point": point.pk,
        "first_day": day.isoformat(),
        "last_day": (day + datetime.timedelta(days=1)).isoformat(),
        "times": "10:00-12:00, 15:00-17:00",
        "capacity": "6",
    }
    client = client_as(librarian_a)
    response = client.post(url("setup_slots_add", library_a), data, follow=True)
    assert "4 pickup times created; 0 existed already and were kept." in response.content.decode()
    response = client.post(url("setup_slots_add", library_a), data, follow=True)
    assert "0 pickup times created; 4 existed already and were kept." in response.content.decode()
    page = response.content.decode()
    assert "0 / 6" in page and "Front door" in page
    assert PickupSlot.objects.count() == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"times": "morning"}, "is not a time range like 10:00-12:00"),
        ({"capacity": "0"}, "A new slot takes at least one order."),
        ({"last_day": "2000-01-01"}, "The last day is before the first day."),
        ({"first_day": "not a day"}, "Enter a valid date."),
    ],
)
def test_bad_pickup_time_requests_come_back_with_a_message(client_as, librarian_a, library_a, changes, message):
    point = setup.add_point(library_a, "door", "正门")
    day = tomorrow().isoformat()
    data = {"point": point.pk, "first_day": day, "last_day": day, "times": "10:00-12:00", "capacity": "6", **changes}
    response = client_as(librarian_a).post(url("setup_slots_add", library_a), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not PickupSlot.objects.exists()


def booked_slot(library, booked):
    point = setup.add_point(library, "door", "正门")
    pickup_times.create_slots(point, first_day=tomorrow(), last_day=tomorrow(), times="10:00-12:00", capacity=5)
    PickupSlot.objects.update(booked=booked)
    return PickupSlot.objects.get()


def test_capacity_below_the_orders_booked_is_refused_on_the_page(client_as, librarian_a, library_a):
    slot = booked_slot(library_a, 3)
    client = client_as(librarian_a)
    response = client.post(url("setup_slot_capacity", library_a, slot.pk), {"capacity": "2"})
    assert response.status_code == 409
    assert "3 orders are booked in this slot; it cannot hold fewer." in response.content.decode()
    slot.refresh_from_db()
    assert slot.capacity == 5
    response = client.post(url("setup_slot_capacity", library_a, slot.pk), {"capacity": "lots"})
    assert response.status_code == 422
    response = client.post(url("setup_slot_capacity", library_a, slot.pk), {"capacity": "8"}, follow=True)
    assert "now takes 8 orders" in response.content.decode()


def test_a_booked_slot_cannot_be_removed_but_an_empty_one_can(client_as, librarian_a, library_a):
    slot = booked_slot(library_a, 1)
    client = client_as(librarian_a)
    response = client.post(url("setup_slot_delete", library_a, slot.pk))
    assert response.status_code == 409
    assert "1 order is booked in this slot" in response.content.decode()
    PickupSlot.objects.update(booked=0)
    response = client.post(url("setup_slot_delete", library_a, slot.pk), follow=True)
    assert "removed." in response.content.decode()
    assert not PickupSlot.objects.exists()


def test_the_page_shows_zone_names_in_chinese_for_chinese_readers(client_as, manager_a, library_a, chinese):
    setup.add_zone(library_a, "江岸区", "Jiangan")
    response = client_as(manager_a).get(url("setup", library_a), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "江岸区" in response.content.decode()
