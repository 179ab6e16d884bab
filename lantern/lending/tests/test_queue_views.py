"""The staff's fulfilment pages as librarians use them: the queue with each row's next step, the order page
the packing slip's QR code opens, and every step through the page — confirmed with a message, or refused
with one while nothing changes. Readers and other libraries' staff are kept out."""

import pytest
from django.contrib.messages import get_messages

from lantern.catalogue.models import Copy
from lantern.lending.models import Carrier, CourierEvent, Order
from lantern.lending.services import fulfilment, ordering

from .factories import make_carrier, make_copies, make_pickup_slot, make_zone

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def delivery_order(reader, library, *, title="活着", location="Stacks") -> Order:
    copies = make_copies(library, title=title, location=location)
    draft = ordering.check_order(
        reader,
        library,
        record_ids=[copies[0].record_id],
        method="delivery",
        zone=make_zone(library, name=f"Zone {title}"),
        recipient="Alice",
        phone="13800138000",
        address="1 Riverside Road",
        postcode="430000",
    )
    return ordering.place_order(draft)


def pickup_order(reader, library) -> Order:
    copies = make_copies(library, title="Pickup book")
    slot = make_pickup_slot(library, hours_from_now=30)
    return ordering.place_order(
        ordering.check_order(reader, library, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )


def step(client, order, step_name, **data):
    """POST one step from the order page and follow the redirect; (response, messages shown)."""
    url = f"/{order.library.slug}/staff/orders/{order.number}/step/"
    response = client.post(url, {"step": step_name, **data}, follow=True, **EN)
    return response, [str(message) for message in get_messages(response.wsgi_request)]


def status_of(order) -> str:
    return Order.objects.get(pk=order.pk).status


def test_queue_shows_orders_by_status_with_counts_and_next_steps(
    client_as, reader, other_reader, librarian_a, library_a
):
    requested = delivery_order(reader, library_a, title="First")
    picking = pickup_order(other_reader, library_a)
    fulfilment.start_picking(picking, by=librarian_a)
    make_carrier(library_a, name="SF Express")

    response = client_as(librarian_a).get("/alpha/staff/orders/", **EN)

    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Requested", "Being picked", "Packed", "On its way", "Parcels coming back", "Pick list"):
        assert heading in page
    assert requested.number in page and picking.number in page
    assert "Zone First" in page and "Front door" in page  # delivery zone; pickup point
    assert "Start picking" in page and ">Packed</button>" in page
    assert "/alpha/staff/orders/pick-list.pdf" in page
    assert f"/alpha/staff/orders/{requested.number}/slip.pdf" in page
    section = response.context["sections"]
    assert [(s["status"], s["count"]) for s in section] == [
        ("requested", 1),
        ("picking", 1),
        ("packed", 0),
        ("shipped", 0),
    ]


def test_on_screen_pick_list_is_grouped_by_location(client_as, reader, other_reader, librarian_a, library_a):
    delivery_order(reader, library_a, title="Upstairs book", location="2F Stacks")
    delivery_order(other_reader, library_a, title="Ground book", location="1F Hall")
    page = client_as(librarian_a).get("/alpha/staff/orders/", **EN).content.decode()
    pick_list = page[page.index('id="pick-list"') :]
    assert pick_list.index("1F Hall") < pick_list.index("Ground book") < pick_list.index("2F Stacks")
    assert pick_list.index("2F Stacks") < pick_list.index("Upstairs book")


def test_every_step_of_a_delivery_through_the_page(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    carrier = make_carrier(library_a, name="SF Express")
    client = client_as(librarian_a)

    _response, shown = step(client, order, "picking")
    assert status_of(order) == "picking" and shown == [f"Order {order.number} is now “Being picked”."]
    _response, shown = step(client, order, "packed")
    assert status_of(order) == "packed" and "is now “Packed”" in shown[0]
    _response, shown = step(client, order, "shipped", carrier=carrier.pk, tracking_number="SF1234567")
    assert status_of(order) == "shipped" and "is now “On its way”" in shown[0]
    assert Order.objects.get(pk=order.pk).tracking_number == "SF1234567"
    response, shown = step(client, order, "delivered")
    assert status_of(order) == "on_loan" and "is now “On loan”" in shown[0]
    assert response.request["PATH_INFO"] == f"/alpha/staff/orders/{order.number}/"  # back to the order page
    page = response.content.decode()
    assert shown[0] in page
    assert "Bob" in page and "SF1234567" in page  # history names who did it; the carrier's number


def test_a_pickup_order_is_marked_collected_from_the_queue(client_as, reader, librarian_a, library_a):
    order = pickup_order(reader, library_a)
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    client = client_as(librarian_a)
    assert "Collected" in client.get("/alpha/staff/orders/", **EN).content.decode()

    response, shown = step(client, order, "delivered", next="/alpha/staff/orders/")

    assert response.request["PATH_INFO"] == "/alpha/staff/orders/"
    assert status_of(order) == "on_loan" and "is now “On loan”" in shown[0]


def test_an_impossible_step_is_refused_with_its_message_and_changes_nothing(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    response, shown = step(client_as(librarian_a), order, "packed")
    assert response.status_code == 200
    assert shown == [f"Order {order.number} is “Requested”; it cannot become “Packed”."]
    assert status_of(order) == "requested"
    assert 'class="message message-error"' in response.content.decode() and "cannot become" in response.content.decode()
    assert list(Order.objects.get(pk=order.pk).events.values_list("status", flat=True)) == ["requested"]


def test_an_unknown_step_says_so(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    _response, shown = step(client_as(librarian_a), order, "teleport")
    assert shown == ["Unknown step “teleport”."] and status_of(order) == "requested"


def test_shipping_without_a_carrier_or_with_another_librarys_asks_for_one(
    client_as, reader, librarian_a, library_a, library_b
):
    order = delivery_order(reader, library_a)
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    client = client_as(librarian_a)

    _response, shown = step(client, order, "shipped", tracking_number="SF1234567")
    assert shown == ["Choose the carrier that takes the parcel."]
    elsewhere = make_carrier(library_b, name="Beta Post")
    _response, shown = step(client, order, "shipped", carrier=elsewhere.pk, tracking_number="SF1234567")
    assert shown == ["Choose one of this library's active carriers."]
    _response, shown = step(client, order, "shipped", carrier="not-a-number")
    assert shown == ["Choose one of this library's active carriers."]
    _response, shown = step(client, order, "shipped", carrier=make_carrier(library_a).pk)
    assert shown == ["Enter the tracking number of the parcel."]  # the carrier's own rule, from the service
    assert status_of(order) == "packed"
    assert Copy.objects.filter(status="in_transit").count() == 0


def test_failing_needs_a_reason_and_the_parcel_is_received_back(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    for service in (fulfilment.start_picking, fulfilment.pack):
        service(order, by=librarian_a)
    fulfilment.ship(order, carrier=make_carrier(library_a), tracking_number="YT998877", by=librarian_a)
    client = client_as(librarian_a)

    _response, shown = step(client, order, "failed", reason="  ")
    assert shown == ["Say why the order failed; the reader is told."] and status_of(order) == "shipped"

    _response, shown = step(client, order, "failed", reason="Nobody at home three times")
    assert status_of(order) == "failed" and "is now “Failed”" in shown[0]
    queue = client.get("/alpha/staff/orders/", **EN).content.decode()
    returning = queue[queue.index('id="returning"') : queue.index('id="pick-list"')]
    assert order.number in returning and "Nobody at home three times" in returning

    _response, shown = step(client, order, "received_back", next="/alpha/staff/orders/")
    assert shown == [f"Order {order.number}: 1 item is back on the shelf."]
    assert Copy.objects.get().status == "available"
    _response, shown = step(client, order, "received_back")
    assert shown == ["Nothing of this order is on its way back."]


def test_staff_cancel_with_a_reason_until_shipped(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    client = client_as(librarian_a)
    assert "Cancel the order" in client.get(f"/alpha/staff/orders/{order.number}/", **EN).content.decode()

    _response, shown = step(client, order, "cancelled", reason="")
    assert shown == ["Say why the order is cancelled; the reader is told."] and status_of(order) == "packed"
    _response, shown = step(client, order, "cancelled", reason="Damaged copy")
    assert status_of(order) == "cancelled" and "is now “Cancelled”" in shown[0]
    assert Order.objects.get(pk=order.pk).problem == "Damaged copy"
    assert Copy.objects.get().status == "available"

    shipped = delivery_order(reader, library_a, title="Shipped")
    for service in (fulfilment.start_picking, fulfilment.pack):
        service(shipped, by=librarian_a)
    fulfilment.ship(shipped, carrier=make_carrier(library_a, name="Post"), tracking_number="YT1234", by=librarian_a)
    _response, shown = step(client, shipped, "cancelled", reason="Too late")
    assert "can no longer be cancelled" in shown[0] and status_of(shipped) == "shipped"


def test_order_page_shows_contact_items_history_and_courier_updates(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    carrier = make_carrier(library_a, kind="courier", name="Swift Courier")
    CourierEvent.objects.create(carrier=carrier, event_id="evt-42", order=order, status="in_transit")
    page = client_as(librarian_a).get(f"/alpha/staff/orders/{order.number}/", **EN).content.decode()
    for text in ("Alice", "+8613800138000", "1 Riverside Road", "B000000", "Stacks", "I247.5/0", "Requested"):
        assert text in page
    assert "Swift Courier" in page and "evt-42" in page
    assert "Start picking" in page and f"/alpha/staff/orders/{order.number}/slip.pdf" in page


def test_an_erased_address_is_shown_as_erased(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    ordering.cancel_order(order, by=reader)
    Order.objects.filter(pk=order.pk).update(
        recipient="", phone="", address="", postcode="", address_erased_at="2026-03-01T10:00Z"
    )
    page = client_as(librarian_a).get(f"/alpha/staff/orders/{order.number}/", **EN).content.decode()
    assert "Address and phone number erased on 2026-03-01." in page
    assert "Nothing to do: this order has left the queue." in page


def test_readers_are_kept_out_and_anonymous_visitors_asked_to_sign_in(client, client_as, reader, library_a):
    order = delivery_order(reader, library_a)
    anonymous = client.get("/alpha/staff/orders/")
    assert anonymous.status_code == 302 and "next=/alpha/staff/orders/" in anonymous.url
    assert client.post(f"/alpha/staff/orders/{order.number}/step/", {"step": "picking"}).status_code == 302
    as_reader = client_as(reader)
    assert as_reader.get("/alpha/staff/orders/").status_code == 403
    assert as_reader.get(f"/alpha/staff/orders/{order.number}/").status_code == 403
    assert as_reader.post(f"/alpha/staff/orders/{order.number}/step/", {"step": "picking"}).status_code == 403
    assert status_of(order) == "requested"


def test_staff_of_another_library_cannot_see_or_move_the_order(client_as, reader, librarian_b, library_a, library_b):
    order = delivery_order(reader, library_a)
    client = client_as(librarian_b)
    assert client.get(f"/beta/staff/orders/{order.number}/").status_code == 404
    assert client.post(f"/beta/staff/orders/{order.number}/step/", {"step": "picking"}).status_code == 404
    assert client.get(f"/alpha/staff/orders/{order.number}/").status_code == 403
    assert order.number not in client.get("/beta/staff/orders/", **EN).content.decode()
    assert status_of(order) == "requested"


def test_steps_are_post_only_and_next_must_be_local(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    client = client_as(librarian_a)
    assert client.get(f"/alpha/staff/orders/{order.number}/step/").status_code == 405
    response = client.post(
        f"/alpha/staff/orders/{order.number}/step/", {"step": "picking", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == f"/alpha/staff/orders/{order.number}/"


def test_only_active_carriers_are_offered_and_none_says_so(client_as, reader, librarian_a, library_a):
    order = delivery_order(reader, library_a)
    fulfilment.start_picking(order, by=librarian_a)
    fulfilment.pack(order, by=librarian_a)
    client = client_as(librarian_a)
    assert "This library has no active carrier yet." in client.get("/alpha/staff/orders/", **EN).content.decode()

    Carrier.objects.filter(pk=make_carrier(library_a, name="Old Post").pk).update(active=False)
    make_carrier(library_a, name="SF Express")
    page = client.get("/alpha/staff/orders/", **EN).content.decode()
    assert "Hand over to carrier" in page and "SF Express" in page and "Old Post" not in page
