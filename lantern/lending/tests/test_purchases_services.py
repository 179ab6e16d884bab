"""Buy for the reader, as services: what a reader may choose and ask for (and every reason for no, with
nothing written), approval within the year's budget, declining with a reason, cancelling, delivery that
catalogues the book and lends it, and importing a bookstore's list from CSV."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.catalogue import search
from lantern.catalogue.models import Copy, Isbn, Record
from lantern.core.models import AuditEntry, Notice, Partner
from lantern.insights.models import ServiceRecord
from lantern.lending.models import BookstoreTitle, Loan, Purchase
from lantern.lending.services import bookstore_titles
from lantern.lending.services import purchases as services

from .purchases_helpers import ADDRESS, buying, isbn, make_bookstore, make_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(library_a):
    buying(library_a)
    return make_bookstore(library_a)


def ask(reader, library, title, **changes):
    return services.ask(reader, library, title, **{**ADDRESS, **changes})


# --- choosing ------------------------------------------------------------------------------------
def test_offered_titles_are_the_in_stock_titles_of_the_librarys_own_bookstores(library_a, library_b, store):
    mine = make_title(store, "三体", n=1)
    make_title(store, "已售完", n=2, in_stock=False)
    make_title(make_bookstore(library_b, "乙书店"), "别馆的书", n=3)
    publisher = Partner.objects.create(name="出版社", kind=Partner.Kind.PUBLISHER)
    publisher.libraries.add(library_a)
    make_title(publisher, "不是书店", n=4)
    assert list(bookstore_titles.offered_titles(library_a)) == [mine]


def test_readers_find_titles_by_title_author_or_isbn_with_or_without_hyphens(library_a, store):
    three_body = make_title(store, "三体", n=1, authors="刘慈欣")
    make_title(store, "活着", n=2, authors="余华")
    digits = three_body.isbn
    hyphenated = f"{digits[:3]}-{digits[3]}-{digits[4:8]}-{digits[8:12]}-{digits[12]}"
    isbn10 = "7" + digits[4:12]
    isbn10 += "X" if (c := (11 - sum((10 - i) * int(d) for i, d in enumerate(isbn10)) % 11) % 11) == 10 else str(c)
    for query in ("三体", "刘慈欣", digits, hyphenated, isbn10, digits[-6:]):
        assert list(bookstore_titles.offered_titles(library_a, query)) == [three_body], query
    assert not bookstore_titles.offered_titles(library_a, "不存在").exists()


# --- asking --------------------------------------------------------------------------------------
def test_asking_creates_a_request_and_tells_the_reader_by_notice_and_text(library_a, other_reader, store, sms_outbox):
    title = make_title(store, price="39.50")
    purchase = ask(other_reader, library_a, title, phone="138-0013-8000")
    assert purchase.status == Purchase.Status.REQUESTED and purchase.price == Decimal("39.50")
    assert purchase.phone == "+8613800138000"  # stored as core stores phone numbers
    notice = Notice.objects.get(recipient=other_reader)
    assert "三体" in notice.body and notice.link == "/alpha/buy/requests/"
    assert len(sms_outbox) == 1
    assert AuditEntry.objects.filter(action="purchases.asked", object_id=str(purchase.pk)).exists()


def test_notices_are_in_the_readers_own_language(library_a, reader, store):
    reader.language = "zh-hans"
    reader.save()
    ask(reader, library_a, make_title(store))
    # The library's name as a Chinese reader knows it (the .po translations come from the lead at the end).
    assert "甲市图书馆" in Notice.objects.get(recipient=reader).body
    assert "Alpha City Library" not in Notice.objects.get(recipient=reader).body


def _refusal(reader, library, title, **changes):
    before = (Purchase.objects.count(), Notice.objects.count(), AuditEntry.objects.count())
    with pytest.raises(services.Refused) as refused:
        ask(reader, library, title, **changes)
    assert (Purchase.objects.count(), Notice.objects.count(), AuditEntry.objects.count()) == before
    return refused.value


def test_refused_when_the_library_does_not_buy_for_readers(library_a, reader, store):
    buying(library_a, purchase_enabled=False)
    exc = _refusal(reader, library_a, make_title(store))
    assert exc.reason == "not_offered" and "does not buy books for readers" in str(exc)


def test_refused_for_a_title_of_another_librarys_bookstore(library_a, library_b, reader, store):
    other = make_title(make_bookstore(library_b, "乙书店"))
    exc = _refusal(reader, library_a, other)
    assert exc.reason == "other_bookstore" and "not from a bookstore that works with this library" in str(exc)


def test_refused_when_the_bookstore_has_run_out(library_a, reader, store):
    exc = _refusal(reader, library_a, make_title(store, in_stock=False))
    assert exc.reason == "out_of_stock" and "run out" in str(exc)


def test_refused_when_the_book_costs_more_than_the_library_pays(library_a, reader, store):
    exc = _refusal(reader, library_a, make_title(store, price="100.01"))
    assert exc.reason == "too_expensive"
    assert "100.01 CNY" in str(exc) and "up to 100.00 CNY" in str(exc)


def test_refused_when_the_library_already_has_the_isbn(library_a, reader, store):
    title = make_title(store)
    record = Record.objects.create(library=library_a, title="三体（旧版）")
    Isbn.objects.create(record=record, value=title.isbn)
    exc = _refusal(reader, library_a, title)
    assert exc.reason == "already_held" and "Order it or borrow it instead" in str(exc)


def test_refused_when_the_reader_already_asked_for_it(library_a, reader, store):
    title = make_title(store)
    ask(reader, library_a, title)
    exc = _refusal(reader, library_a, title)
    assert exc.reason == "already_asked" and "already asked for this book" in str(exc)


def test_monthly_limit_counts_live_requests_but_not_declined_or_cancelled(library_a, reader, librarian_a, store):
    buying(library_a, purchase_per_reader_month=2)
    declined = ask(reader, library_a, make_title(store, "一", n=1))
    services.decline(declined, "书店缺货", by=librarian_a)
    cancelled = ask(reader, library_a, make_title(store, "二", n=2))
    services.cancel(cancelled, by_reader=reader)
    ask(reader, library_a, make_title(store, "三", n=3))
    ask(reader, library_a, make_title(store, "四", n=4))
    exc = _refusal(reader, library_a, make_title(store, "五", n=5))
    assert exc.reason == "limit" and "2 books a month" in str(exc)


def test_last_months_requests_do_not_count(library_a, reader, store):
    buying(library_a, purchase_per_reader_month=1)
    ask(reader, library_a, make_title(store, "一", n=1))
    next_month = timezone.now() + datetime.timedelta(days=32)
    assert ask(reader, library_a, make_title(store, "二", n=2), now=next_month).pk


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("phone", {"phone": "12345"}, "not a valid phone number"),
        ("phone", {"phone": ""}, "Give a phone number"),
        ("recipient", {"recipient": "  "}, "Say who receives the book"),
        ("address", {"address": ""}, "Give the address"),
        ("postcode", {"postcode": "4300<0>"}, "is not a postcode"),
    ],
)
def test_bad_delivery_details_are_refused_by_field(library_a, reader, store, field, changes, message):
    with pytest.raises(ValidationError) as invalid:
        ask(reader, library_a, make_title(store), **changes)
    assert message in " ".join(invalid.value.message_dict[field])
    assert not Purchase.objects.exists() and not Notice.objects.exists()


# --- staff decisions -----------------------------------------------------------------------------
def test_approval_stays_within_the_years_budget(library_a, reader, other_reader, librarian_a, store, sms_outbox):
    buying(library_a, purchase_budget=Decimal("80"))
    first = ask(reader, library_a, make_title(store, "一", n=1, price="50"))
    second = ask(other_reader, library_a, make_title(store, "二", n=2, price="40"))
    services.approve(first, by=librarian_a)
    assert Purchase.objects.get(pk=first.pk).status == Purchase.Status.APPROVED
    with pytest.raises(services.Refused) as refused:
        services.approve(second, by=librarian_a)
    assert refused.value.reason == "over_budget"
    assert "50.00 of 80.00 CNY is spent or approved" in str(refused.value)
    assert Purchase.objects.get(pk=second.pk).status == Purchase.Status.REQUESTED
    assert services.budget_used(library_a) == Decimal("50")


def test_last_years_purchases_do_not_use_this_years_budget(library_a, reader, other_reader, librarian_a, store):
    buying(library_a, purchase_budget=Decimal("60"))
    now = timezone.now()
    last_year = now.replace(year=now.year - 1)
    services.approve(ask(reader, library_a, make_title(store, "一", n=1, price="50")), by=librarian_a, now=last_year)
    second = ask(other_reader, library_a, make_title(store, "二", n=2, price="50"))
    assert services.approve(second, by=librarian_a, now=now).status == Purchase.Status.APPROVED


def test_approving_twice_is_refused(library_a, reader, librarian_a, store):
    purchase = ask(reader, library_a, make_title(store))
    services.approve(purchase, by=librarian_a)
    with pytest.raises(services.Refused) as refused:
        services.approve(Purchase.objects.get(pk=purchase.pk), by=librarian_a)
    assert refused.value.reason == "wrong_status"


def test_a_stale_page_cannot_approve_what_was_cancelled_meanwhile(library_a, reader, librarian_a, store):
    purchase = ask(reader, library_a, make_title(store))
    services.cancel(Purchase.objects.get(pk=purchase.pk), by_reader=reader)
    with pytest.raises(services.Refused) as refused:
        services.approve(purchase, by=librarian_a)  # still says "requested" in memory
    assert refused.value.reason == "changed"
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.CANCELLED


def test_declining_needs_a_reason_and_sends_it_to_the_reader(library_a, reader, librarian_a, store):
    purchase = ask(reader, library_a, make_title(store))
    with pytest.raises(services.Refused, match="Give the reader a reason"):
        services.decline(purchase, "   ", by=librarian_a)
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED
    services.decline(purchase, "The bookstore cannot get it any more.", by=librarian_a)
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.DECLINED and purchase.closed_at
    assert "cannot get it any more" in Notice.objects.filter(recipient=reader).latest("pk").body


def test_readers_cancel_only_their_own_request_and_only_while_it_waits(
    library_a, reader, other_reader, librarian_a, store
):
    purchase = ask(reader, library_a, make_title(store))
    with pytest.raises(services.Refused):
        services.cancel(purchase, by_reader=other_reader)
    services.approve(purchase, by=librarian_a)
    with pytest.raises(services.Refused) as refused:
        services.cancel(purchase, by_reader=reader)
    assert "Approved" in str(refused.value)
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.APPROVED


# --- delivery ------------------------------------------------------------------------------------
def test_delivery_catalogues_the_book_lends_it_and_counts_the_service(library_a, reader, librarian_a, store):
    reader.language = "en"  # notices come in the reader's language; this test reads English
    reader.save(update_fields=["language"])
    title = make_title(store, "黑暗森林", n=7, authors="刘慈欣；姚海军", publisher="重庆出版社", year=2008)
    purchase = ask(reader, library_a, title)
    with pytest.raises(services.Refused):
        services.deliver(purchase, by=librarian_a)  # not approved yet
    services.approve(purchase, by=librarian_a)
    services.deliver(purchase, by=librarian_a)

    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.DELIVERED and purchase.closed_at
    record = purchase.record
    assert (record.title, record.authors, record.publisher, record.year) == (
        "黑暗森林",
        ["刘慈欣", "姚海军"],
        "重庆出版社",
        2008,
    )
    assert record.isbns == [title.isbn]
    found = search.search("黑暗森林", filters=search.Filters(libraries=[library_a.pk]))
    assert [r.pk for r in found.records] == [record.pk]
    copy = Copy.objects.get(record=record)
    assert copy.location == "Purchased for readers" and copy.status == Copy.Status.ON_LOAN
    loan = Loan.objects.get(copy=copy)
    assert purchase.loan == loan and loan.reader == reader and loan.returned_at is None
    service = ServiceRecord.objects.get(object_id=str(purchase.pk))
    assert service.reading_offline and service.cross_industry and service.library == library_a
    assert "delivered" in Notice.objects.filter(recipient=reader).latest("pk").subject


def test_delivery_adds_a_copy_to_a_record_catalogued_meanwhile_without_rewriting_it(
    library_a, reader, librarian_a, store
):
    title = make_title(store, "三体")
    purchase = services.approve(ask(reader, library_a, title), by=librarian_a)
    record = Record.objects.create(library=library_a, title="三体：地球往事", summary="编目员写的摘要")
    Isbn.objects.create(record=record, value=title.isbn)
    services.deliver(purchase, by=librarian_a)
    record.refresh_from_db()
    assert record.title == "三体：地球往事" and record.summary == "编目员写的摘要"
    assert Record.objects.filter(library=library_a).count() == 1
    assert Copy.objects.get(record=record).status == Copy.Status.ON_LOAN


# --- bookstore lists -----------------------------------------------------------------------------
CSV_HEADER = "title,authors,publisher,year,isbn,price,in_stock\n"


def test_import_reports_bad_rows_by_line_and_imports_the_good_ones(library_a, store):
    good, hyphenated = isbn(11), isbn(12)
    text = (
        CSV_HEADER
        + f"三体,刘慈欣,重庆出版社,2008,{good},23.00,yes\n"
        + f"活着,余华,作家出版社,2012,{hyphenated[:3]}-{hyphenated[3:]},20,是\n"
        + ",无名,,,9787000000000,abc,maybe\n"
        + f"重复,某人,,,{good},10,1\n"
    )
    summary = bookstore_titles.import_titles(store, io.BytesIO(text.encode()))
    assert (summary.created, summary.updated) == (2, 0)
    assert [line for line, _problem in summary.errors] == [4, 5]
    problems = dict(summary.errors)
    assert "title is empty" in problems[4] and "not a valid ISBN" in problems[4] and "not a price" in problems[4]
    assert "already on line 2" in problems[5]
    assert set(BookstoreTitle.objects.values_list("isbn", flat=True)) == {good, hyphenated}


def test_uploading_again_updates_titles_by_isbn(library_a, store):
    bookstore_titles.import_titles(
        store, io.BytesIO((CSV_HEADER + f"三体,刘慈欣,,2008,{isbn(11)},23.00,yes\n").encode())
    )
    again = CSV_HEADER + f"三体（典藏版）,刘慈欣,,2008,{isbn(11)},58.00,no\n"
    summary = bookstore_titles.import_titles(store, io.BytesIO(again.encode("gb18030")))  # as saved by Chinese Excel
    assert (summary.created, summary.updated, summary.errors) == (0, 1, [])
    title = BookstoreTitle.objects.get()
    assert (title.title, title.price, title.in_stock) == ("三体（典藏版）", Decimal("58.00"), False)


def test_import_without_the_right_header_changes_nothing(library_a, store):
    with pytest.raises(services.Refused, match="missing: price, in_stock"):
        bookstore_titles.import_titles(
            store, io.BytesIO(f"title,authors,publisher,year,isbn\n三体,,,,{isbn(1)}\n".encode())
        )
    assert not BookstoreTitle.objects.exists()
