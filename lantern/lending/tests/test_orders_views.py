"""A reader's ordering pages: the form, the quote to confirm, the order page, changing and cancelling, and the
ways in from a record, search results and a reading list."""

import pytest

from lantern.catalogue.models import Copy
from lantern.lending.models import Order
from lantern.lending.services import ordering

from .factories import make_copies, make_pickup_slot, make_rules, make_zone

pytestmark = pytest.mark.django_db

ADDRESS = {"recipient": "Alice", "phone": "13800138000", "address": "1 Riverside Road", "postcode": "430070"}


@pytest.fixture
def shelf(library_a):
    make_rules(library_a, fee_rule="zone", delivery_days=3)
    return {"copies": make_copies(library_a, 2), "zone": make_zone(library_a, name="Wuchang", fee="4.00")}


def form_data(shelf, **extra):
    data = {"records": [shelf["copies"][0].record_id], "method": "delivery", "zone": shelf["zone"].pk, **ADDRESS}
    data.update(extra)
    return data


def test_the_form_lists_the_items_and_the_quote_comes_before_anything_is_written(client_as, reader, library_a, shelf):
    client = client_as(reader)
    url = f"/alpha/orders/new/?records={shelf['copies'][0].record_id}"
    page = client.get(url).content.decode()
    assert "活着" in page and "2 copies on the shelf" in page and "Wuchang (fee 4.00)" in page

    quote = client.post("/alpha/orders/new/", form_data(shelf)).content.decode()
    assert "Confirm your order" in quote and "4.00 CNY" in quote and "Confirm the order" in quote
    assert Order.objects.count() == 0

    placed = client.post("/alpha/orders/new/", {**form_data(shelf), "confirm": "1"}, follow=True)
    order = Order.objects.get()
    assert placed.redirect_chain[-1][0] == f"/alpha/orders/{order.number}/"
    assert f"Order {order.number} is placed" in placed.content.decode()
    assert order.fee == 4 and order.reader == reader


def test_bad_input_is_shown_on_the_form_and_writes_nothing(client_as, reader, library_a, shelf):
    response = client_as(reader).post(
        "/alpha/orders/new/", form_data(shelf, phone="123", address="", confirm="1"), follow=True
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Give the delivery address." in page and "phone" in page.lower()
    assert 'value="Alice"' in page and 'value="430070"' in page  # what was typed stays in the form
    assert Order.objects.count() == 0 and not Copy.objects.exclude(status="available").exists()


def test_an_unknown_method_or_no_items_is_refused_clearly(client_as, reader, library_a, shelf):
    client = client_as(reader)
    response = client.post("/alpha/orders/new/", form_data(shelf, method="drone"))
    assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
    response = client.get("/alpha/orders/new/")
    assert "Nothing to order" in response.content.decode()


def test_the_last_copy_taken_meanwhile_is_explained_on_the_form(client_as, reader, other_reader, library_a, shelf):
    record_id = shelf["copies"][0].record_id
    for _ in range(2):
        draft = ordering.check_order(
            other_reader, library_a, record_ids=[record_id], method="delivery", zone=shelf["zone"], **ADDRESS
        )
        make_rules(library_a, max_open_orders=5)
        ordering.place_order(draft)
    response = client_as(reader).post("/alpha/orders/new/", {**form_data(shelf), "confirm": "1"})
    assert response.status_code == 422 and "no copy is left" in response.content.decode()


def test_someone_elses_order_is_not_found(client_as, reader, other_reader, library_a, shelf):
    draft = ordering.check_order(
        reader, library_a, record_ids=[shelf["copies"][0].record_id], method="delivery", zone=shelf["zone"], **ADDRESS
    )
    order = ordering.place_order(draft)
    client = client_as(other_reader)
    for path in ("", "change/", "cancel/"):
        assert client.get(f"/alpha/orders/{order.number}/{path}").status_code == 404
    assert client.post(f"/alpha/orders/{order.number}/cancel/").status_code == 404
    order.refresh_from_db()
    assert order.status == "requested"


def test_the_reader_switches_to_pickup_then_cancels_after_confirming(client_as, reader, library_a, shelf):
    slot = make_pickup_slot(library_a, hours_from_now=26)
    client = client_as(reader)
    client.post("/alpha/orders/new/", {**form_data(shelf), "confirm": "1"})
    order = Order.objects.get()
    page = client.post(f"/alpha/orders/{order.number}/change/", {"method": "pickup", "slot": slot.pk}, follow=True)
    assert "Your order is changed." in page.content.decode()
    order.refresh_from_db()
    assert order.method == "pickup" and order.address == ""

    confirm = client.get(f"/alpha/orders/{order.number}/cancel/").content.decode()
    assert "go back on the shelf" in confirm
    done = client.post(f"/alpha/orders/{order.number}/cancel/", follow=True).content.decode()
    order.refresh_from_db()
    assert order.status == "cancelled" and "is cancelled" in done


def test_signed_out_readers_are_sent_to_sign_in(client, library_a, shelf):
    response = client.get(f"/alpha/orders/new/?records={shelf['copies'][0].record_id}")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_ways_in_from_the_record_page_and_search_results(client, library_a, shelf):
    record_id = shelf["copies"][0].record_id
    page = client.get(f"/alpha/catalogue/records/{record_id}/").content.decode()
    assert "Order for delivery or pickup" in page and f'name="records" value="{record_id}"' in page
    Copy.objects.update(status="on_loan")
    page = client.get(f"/alpha/catalogue/records/{record_id}/").content.decode()
    assert "Order for delivery or pickup" not in page
