"""The courier webhook: a signed update moves the order once; anything forged, stale, replayed or malformed is
answered 4xx and changes nothing (order status, its history, courier events)."""

import json
import time

import pytest
from django.test import Client

from lantern.catalogue.models import Copy
from lantern.lending.models import Carrier, CourierEvent, Loan, Order, OrderEvent
from lantern.lending.services import carriers

from .carriers_helpers import TRACKING, event, shipped_order, signed_post
from .factories import make_carrier

pytestmark = pytest.mark.django_db


@pytest.fixture
def courier(library_a):
    return make_carrier(library_a, kind=Carrier.Kind.COURIER, name="SF Express", secret="s3cret-for-tests")


@pytest.fixture
def order(reader, library_a, courier):
    return shipped_order(reader, library_a, courier)


@pytest.fixture
def api():
    # CSRF checks on, as for a real outside caller: the webhook must not depend on a cookie or token.
    return Client(enforce_csrf_checks=True)


def snapshot(order):
    return (
        Order.objects.get(pk=order.pk).status,
        OrderEvent.objects.filter(order=order).count(),
        CourierEvent.objects.count(),
        Loan.objects.count(),
    )


def test_a_signed_delivered_update_starts_the_loans(api, order, courier):
    response = signed_post(api, courier, event(note="Left with the reader"))
    assert response.status_code == 200, response.content
    assert response.json() == {"event_id": "evt-1", "order": order.number, "status": "delivered",
                               "order_status": "on_loan"}  # fmt: skip
    order.refresh_from_db()
    assert order.status == Order.Status.ON_LOAN
    assert Loan.objects.filter(order=order, returned_at__isnull=True).count() == 1
    assert order.events.filter(status="delivered", note="Left with the reader").exists()
    stored = CourierEvent.objects.get()
    assert (stored.order, stored.status, stored.payload["note"]) == (order, "delivered", "Left with the reader")


def test_in_transit_only_adds_a_note_to_the_history(api, order, courier):
    before = order.events.count()
    response = signed_post(api, courier, event(status="in_transit", note="At the Wuhan depot"))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    assert order.events.count() == before + 1
    assert order.events.last().note == "At the Wuhan depot"


def test_failed_ends_the_order_with_the_couriers_reason(api, order, courier):
    response = signed_post(api, courier, event(status="failed", note="Nobody at home three times"))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED and order.problem == "Nobody at home three times"


def test_a_replayed_event_is_409_and_changes_nothing(api, order, courier):
    payload = event(status="in_transit")
    assert signed_post(api, courier, payload).status_code == 200
    before = snapshot(order)
    again = signed_post(api, courier, payload)  # the same event, freshly signed: a courier's retry
    assert again.status_code == 409 and again.json()["reason"] == "duplicate"
    assert snapshot(order) == before


def test_a_captured_request_sent_again_is_refused(api, order, courier):
    body = json.dumps(event()).encode()
    timestamp = str(int(time.time()))
    headers = {"X-Lantern-Timestamp": timestamp, "X-Lantern-Signature": carriers.sign(courier.webhook_secret,
                                                                                       timestamp, body)}  # fmt: skip
    assert signed_post(api, courier, None, body=body, headers=headers).status_code == 200
    before = snapshot(order)
    assert signed_post(api, courier, None, body=body, headers=headers).status_code == 409
    assert snapshot(order) == before


def test_the_same_event_id_from_another_courier_is_its_own_event(api, reader, library_a, order, courier):
    other = make_carrier(library_a, kind=Carrier.Kind.COURIER, name="EMS", secret="other-secret")
    other_order = shipped_order(reader, library_a, other, tracking="EMS00001")
    assert signed_post(api, courier, event(status="in_transit")).status_code == 200
    assert signed_post(api, other, event(status="in_transit", tracking="EMS00001")).status_code == 200
    assert CourierEvent.objects.filter(event_id="evt-1").count() == 2
    assert other_order.courier_events.count() == 1


@pytest.mark.parametrize(
    ("name", "kwargs", "status"),
    [
        ("forged signature", {"headers": {"X-Lantern-Timestamp": "1", "X-Lantern-Signature": "sha256=" + "0" * 64}},
         401),
        ("wrong secret", {"secret": "not-the-secret"}, 401),
        ("no headers", {"headers": {}}, 401),
        ("signature without timestamp", {"headers": {"X-Lantern-Signature": "sha256=abc"}}, 401),
        ("stale timestamp", {"timestamp": -301}, 401),
        ("timestamp from the future", {"timestamp": +400}, 401),
        ("not a number", {"timestamp": "yesterday"}, 401),
        ("not JSON", {"body": b"{not json"}, 400),
        ("a JSON list", {"body": b"[1, 2]"}, 400),
    ],
)  # fmt: skip
def test_bad_requests_are_refused_and_change_nothing(api, order, courier, name, kwargs, status):
    before = snapshot(order)
    if isinstance(kwargs.get("timestamp"), int):  # an offset from now, taken when the test runs
        kwargs = {**kwargs, "timestamp": int(time.time()) + kwargs["timestamp"]}
    response = signed_post(api, courier, event(), **kwargs)
    assert response.status_code == status, name
    assert response.json()["detail"]
    assert snapshot(order) == before


def test_a_body_changed_after_signing_is_refused(api, order, courier):
    before = snapshot(order)
    body = json.dumps(event(status="in_transit")).encode()
    timestamp = str(int(time.time()))
    headers = {"X-Lantern-Timestamp": timestamp,
               "X-Lantern-Signature": carriers.sign(courier.webhook_secret, timestamp, body)}  # fmt: skip
    tampered = body.replace(b"in_transit", b"delivered")
    assert signed_post(api, courier, None, body=tampered, headers=headers).status_code == 401
    assert snapshot(order) == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (event(status="lost"), "status"),
        ({k: v for k, v in event().items() if k != "event_id"}, "event_id"),
        ({k: v for k, v in event().items() if k != "tracking_number"}, "tracking_number"),
        (event(occurred_at="yesterday"), "occurred_at"),
        (event(occurred_at="2026-05-01T10:00:00"), "occurred_at"),  # no offset
        (event(occurred_at="2099-01-01T10:00:00+08:00"), "occurred_at"),
        (event(event_id=12), "event_id"),
        (event(note="x" * 301), "note"),
    ],
)
def test_wrong_fields_are_422_naming_the_field(api, order, courier, payload, field):
    before = snapshot(order)
    response = signed_post(api, courier, payload)
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert snapshot(order) == before


def test_an_unknown_tracking_number_is_404_and_keeps_no_event(api, order, courier):
    before = snapshot(order)
    response = signed_post(api, courier, event(tracking="NOPE0000"))
    assert response.status_code == 404 and response.json()["reason"] == "unknown_order"
    assert snapshot(order) == before


def test_a_courier_cannot_update_an_order_handed_to_another_carrier(api, reader, library_a, order, courier):
    other = make_carrier(library_a, kind=Carrier.Kind.COURIER, name="EMS", secret="other-secret")
    before = snapshot(order)
    assert signed_post(api, other, event(tracking=TRACKING)).status_code == 404
    assert snapshot(order) == before


def test_unknown_inactive_or_non_courier_carriers_are_404(api, library_a, order, courier):
    manual = make_carrier(library_a, kind=Carrier.Kind.MANUAL, name="Post", secret="manual-secret")
    before = snapshot(order)
    assert signed_post(api, manual, event()).status_code == 404
    carriers.set_active(courier, False)
    assert signed_post(api, courier, event()).status_code == 404
    courier.pk = 999_999
    assert signed_post(api, courier, event()).status_code == 404
    assert snapshot(order) == before


def test_after_rotation_the_old_secret_is_refused(api, order, courier):
    old = courier.webhook_secret
    carriers.rotate_secret(courier)
    assert signed_post(api, courier, event(), secret=old).status_code == 401
    assert signed_post(api, courier, event()).status_code == 200


def test_an_update_the_order_cannot_take_is_409_and_keeps_no_event(api, order, courier):
    assert signed_post(api, courier, event(event_id="evt-1")).status_code == 200
    before = snapshot(order)
    response = signed_post(api, courier, event(event_id="evt-2", status="failed"))
    assert response.status_code == 409 and response.json()["detail"]
    response = signed_post(api, courier, event(event_id="evt-3", status="in_transit"))
    assert response.status_code == 409 and response.json()["reason"] == "not_shipped"
    assert snapshot(order) == before
    assert Copy.objects.filter(status=Copy.Status.ON_LOAN).count() == 1


def test_the_webhook_is_in_the_api_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/lending/couriers/{carrier_id}/events" in schema["paths"]
