"""Packing slips and pick lists: real PDFs with the order number, the reader and the items, a QR code that
opens the order's staff page, and the pick list grouped by location; staff only."""

import io

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from weasyprint import HTML

from lantern.catalogue import qr
from lantern.lending import slips
from lantern.lending.models import Order
from lantern.lending.services import fulfilment

from .carriers_helpers import place_delivery, shipped_order

pytestmark = pytest.mark.django_db


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages (what ends up printed)."""
    document = HTML(string=html).render()
    return " ".join(box.text for page in document.pages for box in _boxes(page._page_box) if getattr(box, "text", None))


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def absolute(path: str) -> str:
    return f"http://testserver{path}"


def test_the_packing_slip_is_a_pdf_with_the_order_and_its_items(client_as, librarian_a, reader, library_a):
    order = shipped_order(reader, library_a)
    response = client_as(librarian_a).get(reverse("lending:order_slip", args=[library_a.slug, order.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"

    text = pdf_text(slips.slip_html(order, absolute))
    item = order.items.select_related("copy").get()
    for words in (order.number, "Alpha City Library", "Alice", "武汉市江汉路 1 号", "Home delivery", "活着",
                  item.copy.barcode, "Stacks", item.copy.shelf_mark, "SF Express", "SF1234567890"):  # fmt: skip
        assert words in text, words


def test_the_slips_qr_code_opens_the_orders_staff_page(reader, library_a):
    order = place_delivery(reader, library_a)
    target = slips.staff_order_url(order, absolute)
    assert target == f"http://testserver/alpha/staff/orders/{order.number}/"
    html = slips.slip_html(order, absolute)
    assert qr.svg(target, scale=3, title=f"Packing slip {order.number}") in html
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.png(target))))
    assert [result.text for result in decoded] == [target]


def test_a_pickup_slip_names_the_point_and_slot(reader, library_a):
    from lantern.lending.services import ordering

    from .factories import make_copies, make_pickup_slot

    slot = make_pickup_slot(library_a)
    copies = make_copies(library_a, title="围城")
    order = ordering.place_order(
        ordering.check_order(reader, library_a, record_ids=[copies[0].record_id], method="pickup", slot=slot)
    )
    text = pdf_text(slips.slip_html(order, absolute))
    assert "Front door" in text and "Contactless pickup" in text and "围城" in text
    assert timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M") in text


def test_an_erased_address_is_not_printed(reader, library_a):
    order = place_delivery(reader, library_a)
    Order.objects.filter(pk=order.pk).update(address="", phone="", recipient="", address_erased_at="2026-01-01T00:00Z")
    order.refresh_from_db()
    assert "The address has been erased." in pdf_text(slips.slip_html(order, absolute))


def test_the_slip_is_printed_in_the_active_language(client_as, librarian_a, reader, library_a, chinese):
    order = place_delivery(reader, library_a)
    response = client_as(librarian_a).get(reverse("lending:order_slip", args=[library_a.slug, order.number]))
    assert response.status_code == 200
    html = slips.slip_html(order, absolute)
    assert 'lang="zh-Hans"' in html and "甲市图书馆" in html


def test_the_pick_list_groups_items_by_location_then_shelf_mark(client_as, librarian_a, reader, other_reader,
                                                                 library_a):  # fmt: skip
    hall = place_delivery(reader, library_a, title="边城", location="Hall")
    stacks = place_delivery(other_reader, library_a, title="活着", location="Stacks")
    picking = place_delivery(reader, library_a, title="茶馆", location="Hall")
    fulfilment.start_picking(picking)
    packed = place_delivery(other_reader, library_a, title="家", location="Hall")
    fulfilment.start_picking(packed)
    fulfilment.pack(packed)

    response = client_as(librarian_a).get(reverse("lending:pick_list_pdf", args=[library_a.slug]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    text = pdf_text(slips.pick_list_html(library_a, Order.objects.filter(status__in=["requested", "picking"])))
    assert text.index("Hall") < text.index("Stacks")
    assert text.index(hall.number) < text.index(stacks.number) and picking.number in text
    assert text.index("Hall") < text.index(picking.number) < text.index("Stacks")
    assert packed.number not in text and "家" not in text
    for order in (hall, stacks, picking):
        assert order.items.get().copy.barcode in text


def test_the_pick_list_takes_a_status_or_chosen_orders(client_as, librarian_a, reader, library_a):
    first = place_delivery(reader, library_a, title="边城")
    url = reverse("lending:pick_list_pdf", args=[library_a.slug])
    client = client_as(librarian_a)
    assert client.get(url, {"status": "picking"}).status_code == 200
    assert client.get(url, {"number": first.number}).status_code == 200
    refused = client.get(url, {"status": "shipped"})
    assert refused.status_code == 400 and "requested or being picked" in refused.content.decode()


def test_an_empty_pick_list_says_so(library_a):
    assert "Nothing to pick." in pdf_text(slips.pick_list_html(library_a, Order.objects.all()))


def test_slips_are_for_the_librarys_staff_only(client, client_as, reader, librarian_b, library_a, library_b):
    order = place_delivery(reader, library_a)
    slip = reverse("lending:order_slip", args=[library_a.slug, order.number])
    pick = reverse("lending:pick_list_pdf", args=[library_a.slug])
    assert client.get(slip).status_code == 302  # to sign in
    assert client_as(reader).get(slip).status_code == 403
    assert client_as(reader).get(pick).status_code == 403
    assert client_as(librarian_b).get(slip).status_code == 403
    # Another library's order through one's own library: not found.
    other = client_as(librarian_b).get(reverse("lending:order_slip", args=[library_b.slug, order.number]))
    assert other.status_code == 404
