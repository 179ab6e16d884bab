"""The lending admin: every lending model's list loads, staff see only their own library's rows, history is
read-only, and a carrier's webhook secret is never shown."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lantern.core.models import Partner
from lantern.lending.models import (
    BookstoreTitle,
    CourierEvent,
    Loan,
    Order,
    OrderEvent,
    OrderItem,
    PickupPoint,
    PickupSlot,
    Purchase,
    Quarantine,
)
from lantern.lending.services import setup
from lantern.lending.tests.factories import make_carrier, make_copies

pytestmark = pytest.mark.django_db

LENDING_MODELS = [model._meta.model_name for model in apps.get_app_config("lending").get_models()]


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root@example.org", "root@example.org", "pw-long-enough-1")


@pytest.fixture
def one_of_everything(library_a, reader):
    """A row of each lending model, so that every list renders a row and its columns."""
    now = timezone.now()
    setup.set_rules(library_a, loan_days=21)
    zone = setup.add_zone(library_a, "江岸区", "Jiangan", "4300", "5")
    point = setup.add_point(library_a, PickupPoint.Kind.DOOR, "正门", "Front door")
    slot = PickupSlot.objects.create(point=point, starts_at=now, ends_at=now + datetime.timedelta(hours=1), capacity=3)
    carrier = make_carrier(library_a, kind="courier", secret="very-secret-value-123")
    copy = make_copies(library_a, 1)[0]
    order = Order.objects.create(
        library=library_a, reader=reader, method=Order.Method.DELIVERY, zone=zone, address="Secret Road 1"
    )
    OrderItem.objects.create(order=order, record=copy.record, copy=copy)
    OrderEvent.objects.create(order=order, status=order.status, at=now)
    CourierEvent.objects.create(carrier=carrier, event_id="evt-1", order=order, status="in_transit")
    loan = Loan.objects.create(
        library=library_a, reader=reader, copy=copy, issued_at=now, due_on=now.date() + datetime.timedelta(days=21)
    )
    Quarantine.objects.create(
        library=library_a, copy=make_copies(library_a, 1)[0], starts_at=now, ends_at=now + datetime.timedelta(hours=72)
    )
    store = Partner.objects.create(name="Hankou Books", kind=Partner.Kind.BOOKSTORE)
    store.libraries.add(library_a)
    title = BookstoreTitle.objects.create(bookstore=store, title="三体", price="45")
    Purchase.objects.create(library=library_a, reader=reader, title=title, price="45", loan=loan)
    return {"slot": slot, "carrier": carrier, "order": order, "copy": copy}


@pytest.mark.parametrize("model_name", LENDING_MODELS)
def test_every_lending_list_loads_for_a_superuser(client, superuser, one_of_everything, model_name):
    client.force_login(superuser)
    response = client.get(reverse(f"admin:lending_{model_name}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_every_lending_model_is_in_the_admin():
    from django.contrib import admin

    assert {m for m in apps.get_app_config("lending").get_models() if m not in admin.site._registry} == set()


def test_the_webhook_secret_is_not_shown_in_the_list_or_the_form(client, superuser, one_of_everything):
    client.force_login(superuser)
    carrier = one_of_everything["carrier"]
    listing = client.get(reverse("admin:lending_carrier_changelist")).content.decode()
    form = client.get(reverse("admin:lending_carrier_change", args=[carrier.pk])).content.decode()
    assert "SF Express" in listing
    assert "very-secret-value-123" not in listing and "very-secret-value-123" not in form
    assert 'name="webhook_secret"' not in form


def test_history_cannot_be_added_or_changed(client, superuser, one_of_everything):
    client.force_login(superuser)
    event = OrderEvent.objects.get()
    assert client.get(reverse("admin:lending_orderevent_add")).status_code == 403
    page = client.get(reverse("admin:lending_orderevent_change", args=[event.pk])).content.decode()
    assert 'name="note"' not in page  # shown, not editable
    assert client.get(reverse("admin:lending_courierevent_add")).status_code == 403


def test_staff_see_only_their_own_librarys_rows(client, librarian_a, librarian_b, library_b, one_of_everything):
    for user in (librarian_a, librarian_b):
        user.is_staff = True
        user.save()
    client.force_login(librarian_b)
    assert "江岸区" not in client.get(reverse("admin:lending_deliveryzone_changelist")).content.decode()
    slot = one_of_everything["slot"]
    assert client.get(reverse("admin:lending_pickupslot_change", args=[slot.pk])).status_code == 302
    client.force_login(librarian_a)
    assert "Jiangan" in client.get(reverse("admin:lending_deliveryzone_changelist")).content.decode()
    assert client.get(reverse("admin:lending_order_changelist")).status_code == 200


def test_rules_changed_in_the_admin_keep_the_same_bounds(client, superuser, library_a, one_of_everything):
    client.force_login(superuser)
    rules = library_a.lending_rules
    data = {field: getattr(rules, field) for field in setup.RULE_FIELDS}
    data = {key: ("on" if value is True else value) for key, value in data.items() if value is not False}
    data.update(library=library_a.pk, loan_days=999)
    response = client.post(reverse("admin:lending_lendingrules_change", args=[rules.pk]), data)
    assert response.status_code == 200
    assert "A loan lasts between 1 and 365 days." in response.content.decode()
    rules.refresh_from_db()
    assert rules.loan_days == 21
