"""Building blocks the purchase tests share: a partner bookstore with titles, and a library that buys."""

from decimal import Decimal

from lantern.catalogue.isbn import _isbn13_check
from lantern.core.models import Partner
from lantern.lending.models import BookstoreTitle, LendingRules

ADDRESS = {"recipient": "Alice Wang", "phone": "13800138000", "address": "武汉市江汉路 1 号", "postcode": "430000"}


def isbn(n: int) -> str:
    """A valid ISBN-13 of the Chinese range: 978-7-…, different for each `n`."""
    core = f"9787{n:08d}"
    return core + _isbn13_check(core)


def make_bookstore(library, name="新华书店") -> Partner:
    bookstore = Partner.objects.create(name=name, kind=Partner.Kind.BOOKSTORE)
    bookstore.libraries.add(library)
    return bookstore


def make_title(bookstore, title="三体", *, n=1, price="45.00", authors="刘慈欣", **extra) -> BookstoreTitle:
    return BookstoreTitle.objects.create(
        bookstore=bookstore,
        title=title,
        authors=authors,
        publisher=extra.pop("publisher", "重庆出版社"),
        year=extra.pop("year", 2008),
        isbn=extra.pop("isbn", isbn(n)),
        price=Decimal(price),
        **extra,
    )


def buying(library, **values) -> LendingRules:
    """The library buys for readers: a budget of 1000, books up to 100, 2 a reader a month (unless told)."""
    defaults = {
        "purchase_enabled": True,
        "purchase_budget": Decimal("1000"),
        "purchase_max_price": Decimal("100"),
        "purchase_per_reader_month": 2,
    }
    rules, _created = LendingRules.objects.update_or_create(library=library, defaults={**defaults, **values})
    return rules
