"""Sample contactless lending at the demo library that is closed (Wuhan): rules, delivery zones, pickup
points and times, carriers, a partner bookstore's titles, orders in every state, loans (one overdue), copies
in quarantine and purchases for readers. Everything goes through the services, so histories and notices are
real. Running it again creates nothing once the library has orders."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.catalogue.models import Copy, Record
from lantern.core.models import Library, Partner
from lantern.core.services import normalize_identifier

from .models import BookstoreTitle, Carrier, DeliveryZone, LendingRules, Order, PickupPoint, PickupSlot
from .services import carriers, fulfilment, loans, ordering, purchases, returns

LIBRARY = "wuhan"
ZONES = [  # zh, en, postcodes, fee
    ("武昌区", "Wuchang District", "4300 4301", "0"),
    ("江汉区", "Jianghan District", "4300", "3"),
    ("汉阳区", "Hanyang District", "4300", "5"),
]
POINTS = [  # kind, zh, en, address, instructions zh, instructions en
    (
        "door",
        "正门无接触取书点",
        "Contactless pickup at the main door",
        "沿江大道 86 号",
        "到达后拨打门口电话，馆员把书放在取书架上。",
        "Call the number at the door; staff put your books on the pickup shelf.",
    ),
    (
        "locker",
        "24 小时智能书柜",
        "24-hour book locker",
        "图书馆东侧停车场",
        "取书码随短信发送。",
        "The locker code comes by text message.",
    ),
]
TITLES = [  # title, authors, publisher, year, isbn, price
    ("人世间", "梁晓声", "中国青年出版社", 2017, "9787515345645", "128.00"),
    ("额尔古纳河右岸", "迟子建", "人民文学出版社", 2019, "9787020147024", "45.00"),
    ("我与地坛", "史铁生", "人民文学出版社", 2019, "9787020158716", "39.00"),
    ("The Plague", "Albert Camus", "Penguin", 2020, "9780241356234", "68.00"),
    ("Station Eleven", "Emily St. John Mandel", "Picador", 2015, "9781447268970", "75.00"),
]
ADDRESS = {
    "recipient": "张读者",
    "phone": "13800138000",
    "address": "武昌区中北路 1 号 3 单元 502",
    "postcode": "430071",
}


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample lending of the closed demo library; return how many orders and purchases were made."""
    library = libraries.get(LIBRARY)
    if library is None or Order.objects.filter(library=library).exists():
        return 0
    now = now or timezone.now()
    users = get_user_model().objects
    readers = [users.filter(username=normalize_identifier(i)[1]).first() for i in ("reader@example.org", "13800138000")]
    staff = users.filter(username="staff.wuhan@example.org").first()
    if None in readers:
        return 0
    with transaction.atomic():
        LendingRules.objects.update_or_create(
            library=library,
            defaults={
                "fee_rule": "zone",
                "max_open_orders": 4,
                "purchase_enabled": True,
                "purchase_budget": Decimal("20000"),
                "purchase_max_price": Decimal("150"),
                "fine_per_day": Decimal("0.10"),
            },
        )
        zones = _zones(library)
        slots = _pickup_slots(library, now)
        courier, manual = _carriers(library, staff)
        made = _orders(library, readers, staff, zones, slots, courier, manual, now)
        made += _purchases(library, readers, staff, now)
    return made


def _zones(library: Library) -> list[DeliveryZone]:
    return [
        DeliveryZone.objects.create(
            library=library, name_zh_hans=zh, name_en=en, postcode_prefixes=codes, fee=Decimal(fee)
        )
        for zh, en, codes, fee in ZONES
    ]


def _pickup_slots(library: Library, now: datetime.datetime) -> list[PickupSlot]:
    slots = []
    today = timezone.localdate(now)
    for kind, zh, en, address, how_zh, how_en in POINTS:
        point = PickupPoint.objects.create(
            library=library,
            kind=kind,
            name_zh_hans=zh,
            name_en=en,
            address=address,
            instructions_zh_hans=how_zh,
            instructions_en=how_en,
        )
        for day in range(1, 6):
            for hour in (10, 15):
                start = timezone.make_aware(
                    datetime.datetime.combine(today + datetime.timedelta(days=day), datetime.time(hour))
                )
                slots.append(
                    PickupSlot.objects.create(
                        point=point, starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=20
                    )
                )
    return slots


def _carriers(library: Library, staff) -> tuple[Carrier, Carrier]:
    partner = Partner.objects.filter(kind=Partner.Kind.COURIER, is_demo=True).first()
    if partner:
        partner.libraries.add(library)
    courier = carriers.create_carrier(library, Carrier.Kind.COURIER, "城市快递 City Courier", partner, by=staff)
    manual = carriers.create_carrier(library, Carrier.Kind.MANUAL, "邮政 EMS", by=staff)
    return courier, manual


def _shelf(library: Library, count: int) -> list[Record]:
    """Records with a copy on the shelf, one per order."""
    ids = (
        Copy.objects.filter(library=library, status=Copy.Status.AVAILABLE, record__format="print_book")
        .order_by("record_id")
        .values_list("record_id", flat=True)
        .distinct()[:count]
    )
    return list(Record.objects.filter(pk__in=list(ids)).order_by("pk"))


def _orders(library, readers, staff, zones, slots, courier, manual, now) -> int:
    records = _shelf(library, 12)
    if len(records) < 12:
        return 0
    reader, phone_reader = readers

    def order(who, items, **how):
        values = {"method": "delivery", "zone": zones[0], **ADDRESS} if "slot" not in how else {"method": "pickup"}
        values.update(how)
        return ordering.place_order(
            ordering.check_order(who, library, record_ids=[r.pk for r in items], now=now, **values)
        )

    # Closed and done first, so that the open ones fit the limit of open orders.
    returned = order(reader, records[0:2])
    for step in (fulfilment.start_picking, fulfilment.pack):
        step(returned, by=staff)
    fulfilment.ship(returned, carrier=manual, tracking_number="EMS1002003004", by=staff)
    fulfilment.deliver(returned, by=staff)
    for item in returned.items.select_related("copy"):
        returns.check_in(library, item.copy.barcode, method="book_drop", material="paper", by=staff)

    on_loan = order(phone_reader, records[2:4], slot=slots[0])
    for step in (fulfilment.start_picking, fulfilment.pack, fulfilment.deliver):
        step(on_loan, by=staff)

    cancelled = order(reader, records[4:5], zone=zones[1])
    ordering.cancel_order(cancelled, by=reader)
    failed = order(phone_reader, records[5:6], zone=zones[2])
    fulfilment.start_picking(failed, by=staff)
    fulfilment.fail(failed, "地址不存在 · The address does not exist", by=staff)

    order(reader, records[6:8])  # requested
    picking = order(reader, records[8:9], slot=slots[2])
    fulfilment.start_picking(picking, by=staff)
    packed = order(phone_reader, records[9:10], slot=slots[3])
    for step in (fulfilment.start_picking, fulfilment.pack):
        step(packed, by=staff)
    shipped = order(reader, records[10:11], zone=zones[1])
    for step in (fulfilment.start_picking, fulfilment.pack):
        step(shipped, by=staff)
    fulfilment.ship(shipped, carrier=courier, tracking_number="CC20200214001", by=staff)

    # A loan from before the closure, now overdue (fines are waived when due dates are extended).
    overdue_copy = Copy.objects.filter(record=records[11], status=Copy.Status.AVAILABLE).first()
    loans.lend_copy(phone_reader, overdue_copy, now=now - datetime.timedelta(days=40))
    return 9


def _purchases(library, readers, staff, now) -> int:
    bookstore = Partner.objects.filter(kind=Partner.Kind.BOOKSTORE, is_demo=True, libraries=library).first()
    if bookstore is None:
        return 0
    titles = [
        BookstoreTitle.objects.get_or_create(
            bookstore=bookstore,
            isbn=isbn,
            defaults={
                "title": title,
                "authors": authors,
                "publisher": publisher,
                "year": year,
                "price": Decimal(price),
            },
        )[0]
        for title, authors, publisher, year, isbn, price in TITLES
    ]
    reader, phone_reader = readers
    asked = [
        purchases.ask(reader, library, titles[0], **ADDRESS, now=now),
        purchases.ask(reader, library, titles[1], **ADDRESS, now=now),
        purchases.ask(phone_reader, library, titles[3], **ADDRESS, now=now),
    ]
    purchases.approve(asked[1], by=staff, now=now)
    purchases.approve(asked[2], by=staff, now=now)
    purchases.deliver(asked[2], by=staff, now=now)
    return len(asked)
