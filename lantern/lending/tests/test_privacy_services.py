"""Privacy in lending: delivery addresses and phone numbers are gone after the library's retention period
(and not before), the reader's data export contains their orders, loans and purchases, and deleting an
account takes their lending data with it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.core import services as core_services
from lantern.core.models import Partner
from lantern.lending.models import BookstoreTitle, Loan, Order, OrderItem, Purchase
from lantern.lending.services import loans, privacy
from lantern.lending.services.common import log_event
from lantern.lending.services.returns import check_in
from lantern.lending.tests import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)
CLOSED = datetime.datetime(2020, 4, 1, 12, 0, tzinfo=TZ)
ADDRESS = {"recipient": "Alice", "phone": "+8613800138000", "address": "1 Bridge Street", "postcode": "430000"}


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def closed_order(library, reader, *, closed_at=CLOSED, status=Order.Status.RETURNED) -> Order:
    return Order.objects.create(
        library=library, reader=reader, method=Order.Method.DELIVERY, status=status, closed_at=closed_at, **ADDRESS
    )


def closed_purchase(library, reader, *, closed_at=CLOSED) -> Purchase:
    store = Partner.objects.create(name="新华书店", kind=Partner.Kind.BOOKSTORE)
    title = BookstoreTitle.objects.create(bookstore=store, title="三体", price=Decimal("23"))
    return Purchase.objects.create(
        library=library,
        reader=reader,
        title=title,
        price=Decimal("23"),
        status=Purchase.Status.DELIVERED,
        closed_at=closed_at,
        **ADDRESS,
    )


def address_of(obj) -> dict:
    obj.refresh_from_db()
    return {field: getattr(obj, field) for field in ADDRESS}


def test_addresses_are_erased_after_30_days_and_not_before(library_a, reader):
    order, purchase = closed_order(library_a, reader), closed_purchase(library_a, reader)
    assert privacy.erase_addresses(CLOSED + days(29)) == 0
    assert address_of(order) == ADDRESS and address_of(purchase) == ADDRESS
    assert privacy.erase_addresses(CLOSED + days(30)) == 2
    assert address_of(order) == dict.fromkeys(ADDRESS, "")
    assert address_of(purchase) == dict.fromkeys(ADDRESS, "")
    assert order.address_erased_at == CLOSED + days(30)
    assert privacy.erase_addresses(CLOSED + days(31)) == 0  # nothing twice
    assert Order.objects.filter(pk=order.pk).exists()  # the order itself stays in the reader's history


def test_each_library_keeps_addresses_as_long_as_its_rule_says(library_a, library_b, reader):
    factories.make_rules(library_b, address_retention_days=7)
    a, b = closed_order(library_a, reader), closed_order(library_b, reader)
    assert privacy.erase_addresses(CLOSED + days(8)) == 1
    assert address_of(a) == ADDRESS and address_of(b)["address"] == ""


def test_open_orders_keep_their_address(library_a, reader):
    order = closed_order(library_a, reader, closed_at=None, status=Order.Status.SHIPPED)
    assert privacy.erase_addresses(CLOSED + days(365)) == 0
    assert address_of(order) == ADDRESS


def test_the_daily_command_erases_and_says_how_many(library_a, reader, capsys):
    order = closed_order(library_a, reader)
    with time_machine.travel(CLOSED + days(31), tick=False):
        call_command("erase_addresses")
    assert "1 delivery addresses erased." in capsys.readouterr().out
    assert address_of(order)["phone"] == ""


def test_the_data_export_contains_orders_loans_and_purchases(library_a, reader):
    (copy,) = factories.make_copies(library_a, 1)
    order = closed_order(library_a, reader, status=Order.Status.ON_LOAN, closed_at=None)
    OrderItem.objects.create(order=order, record=copy.record, copy=copy, holds_copy=False)
    log_event(order, note="delivered to the door", at=CLOSED - days(20))
    Copy.objects.filter(pk=copy.pk).update(status=Copy.Status.IN_TRANSIT)
    loans.lend_copy(reader, copy, now=CLOSED - days(20), order=order)
    closed_purchase(library_a, reader)
    data = core_services.export_personal_data(reader)["lending"]
    (exported,) = data["orders"]
    assert exported["number"] == order.number
    assert exported["delivery_address"]["address"] == "1 Bridge Street"
    assert exported["items"] == [{"title": "活着", "barcode": copy.barcode}]
    assert exported["events"][0]["note"] == "delivered to the door"
    assert data["loans"][0]["title"] == "活着" and data["loans"][0]["order"] == order.number
    assert data["purchases"][0]["title"] == "三体"


def test_an_erased_address_is_exported_as_erased(library_a, reader):
    closed_order(library_a, reader)
    privacy.erase_addresses(CLOSED + days(40))
    (exported,) = core_services.export_personal_data(reader)["lending"]["orders"]
    assert set(exported["delivery_address"]) == {"erased_at"}


def test_the_download_page_includes_lending(client_as, library_a, reader):
    closed_order(library_a, reader)
    response = client_as(reader).get(reverse("export_data"))
    assert response.status_code == 200
    assert b'"lending"' in response.content and b"1 Bridge Street" in response.content


def test_deleting_an_account_deletes_its_orders_and_loans(library_a, reader, other_reader):
    (copy,) = factories.make_copies(library_a, 1)
    loan = loans.lend_copy(reader, copy, now=CLOSED)
    check_in(library_a, copy.barcode, method="door", material="paper", now=CLOSED + days(1))
    closed_order(library_a, reader)
    closed_purchase(library_a, reader)
    kept = closed_order(library_a, other_reader)
    core_services.delete_account(reader)
    assert not Order.objects.filter(reader_id=reader.pk).exists()
    assert not Loan.objects.filter(pk=loan.pk).exists()
    assert not Purchase.objects.filter(reader_id=reader.pk).exists()
    assert Copy.objects.filter(pk=copy.pk).exists()  # the library's copy stays
    assert Order.objects.filter(pk=kept.pk).exists()


def test_an_account_with_books_out_is_not_deleted_until_they_are_back(client_as, library_a, reader):
    (copy,) = factories.make_copies(library_a, 1)
    loans.lend_copy(reader, copy)
    response = client_as(reader).post(reverse("delete_account"), {"confirm": "delete"}, follow=True)
    assert "1 items are on loan" in response.content.decode()
    assert Loan.objects.filter(reader=reader).exists()
    copy.refresh_from_db()
    assert copy.status == "on_loan"

    check_in(library_a, copy.barcode, method="door", material="paper")
    core_services.delete_account(reader)
    assert not Loan.objects.filter(reader_id=reader.pk).exists()
