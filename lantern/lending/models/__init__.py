"""What `lending` keeps, one module per part: rules, zones, pickup points and slots (`rules`); orders, their
items, history, carriers and courier events (`orders`); loans and quarantine (`loans`); purchases for readers
(`purchases`). Everything is importable from `lantern.lending.models`, as Django and the migrations expect.

Two guards keep a copy with exactly one order or loan at a time, on SQLite and PostgreSQL alike: the
conditional update of `Copy.status` in the services, and partial unique constraints here.
"""

from .loans import Loan, LoanQuerySet, Quarantine
from .orders import (
    ORDER_NUMBER_ALPHABET,
    AddressFields,
    Carrier,
    CourierEvent,
    Order,
    OrderEvent,
    OrderItem,
    new_order_number,
)
from .purchases import BookstoreTitle, Purchase
from .rules import MONEY, DeliveryZone, FeeRule, LendingRules, PickupPoint, PickupSlot, PickupSlotQuerySet

__all__ = [
    "MONEY",
    "ORDER_NUMBER_ALPHABET",
    "AddressFields",
    "BookstoreTitle",
    "Carrier",
    "CourierEvent",
    "DeliveryZone",
    "FeeRule",
    "LendingRules",
    "Loan",
    "LoanQuerySet",
    "Order",
    "OrderEvent",
    "OrderItem",
    "PickupPoint",
    "PickupSlot",
    "PickupSlotQuerySet",
    "Purchase",
    "Quarantine",
    "new_order_number",
]
