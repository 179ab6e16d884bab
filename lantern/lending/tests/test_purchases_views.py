"""The "buy for the reader" pages as readers and librarians use them: search the bookstores' titles, ask
with a delivery address, follow and cancel requests; approve, decline and deliver from the staff queue with
the year's budget in view, and upload a bookstore's list. Errors come back on the page, never as a 500."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lantern.catalogue.models import Copy
from lantern.lending.models import BookstoreTitle, Purchase
from lantern.lending.services import purchases as services

from .purchases_helpers import ADDRESS, buying, isbn, make_bookstore, make_title

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def store(library_a):
    buying(library_a)
    return make_bookstore(library_a)


# --- readers -------------------------------------------------------------------------------------
def test_reader_searches_asks_and_sees_the_request(client_as, reader, library_a, store):
    title = make_title(store, "三体", n=1, price="23.00")
    make_title(store, "活着", n=2, authors="余华")
    client = client_as(reader)
    page = client.get("/alpha/buy/", {"q": "三体"}, **EN).content.decode()
    assert "三体" in page and "活着" not in page and "23.00 CNY" in page
    assert "Ask the library to buy this" in page
    form = client.get(f"/alpha/buy/titles/{title.pk}/", **EN)
    assert form.status_code == 200 and "Delivery address" in form.content.decode()
    response = client.post(f"/alpha/buy/titles/{title.pk}/", ADDRESS, follow=True, **EN)
    assert response.redirect_chain[-1][0] == "/alpha/buy/requests/"
    page = response.content.decode()
    assert "has been sent to the library" in page and "Waiting for approval" in page and "三体" in page
    assert Purchase.objects.get().reader == reader


def test_search_by_hyphenated_isbn_finds_the_title(client, library_a, store):
    title = make_title(store, "三体", n=1)
    make_title(store, "活着", n=2)
    hyphenated = f"{title.isbn[:3]}-{title.isbn[3:]}"
    page = client.get("/alpha/buy/", {"q": hyphenated}, **EN).content.decode()
    assert "三体" in page and "活着" not in page
    assert "Sign in to ask the library" in page  # anyone may look; asking needs an account


def test_a_bad_phone_number_is_shown_on_the_form_and_nothing_is_written(client_as, reader, library_a, store):
    title = make_title(store)
    response = client_as(reader).post(f"/alpha/buy/titles/{title.pk}/", {**ADDRESS, "phone": "123"}, **EN)
    assert response.status_code == 422
    assert "not a valid phone number" in response.content.decode()
    assert not Purchase.objects.exists()


def test_an_empty_form_says_what_is_missing(client_as, reader, library_a, store):
    response = client_as(reader).post(f"/alpha/buy/titles/{make_title(store).pk}/", {}, **EN)
    assert response.status_code == 422 and "This field is required" in response.content.decode()
    assert not Purchase.objects.exists()


def test_a_refused_request_is_explained_on_the_form(client_as, reader, library_a, store):
    title = make_title(store, price="150")
    client = client_as(reader)
    assert "up to 100.00 CNY" in client.get(f"/alpha/buy/titles/{title.pk}/", **EN).content.decode()
    response = client.post(f"/alpha/buy/titles/{title.pk}/", ADDRESS, **EN)
    assert response.status_code == 422 and "up to 100.00 CNY" in response.content.decode()
    assert not Purchase.objects.exists()


def test_titles_of_other_libraries_bookstores_are_not_found(client_as, reader, library_a, library_b, store):
    other = make_title(make_bookstore(library_b, "乙书店"))
    assert client_as(reader).post(f"/alpha/buy/titles/{other.pk}/", ADDRESS).status_code == 404
    assert not Purchase.objects.exists()


def test_a_library_that_does_not_buy_says_so(client, library_a, store):
    buying(library_a, purchase_enabled=False)
    make_title(store)
    page = client.get("/alpha/buy/", **EN).content.decode()
    assert "does not buy books for readers" in page and "三体" not in page


def test_reader_cancels_after_ticking_the_confirmation(client_as, reader, library_a, store):
    purchase = services.ask(reader, library_a, make_title(store), **ADDRESS)
    client = client_as(reader)
    unconfirmed = client.post(f"/alpha/buy/requests/{purchase.pk}/cancel/", **EN)
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.content.decode()
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED
    done = client.post(f"/alpha/buy/requests/{purchase.pk}/cancel/", {"confirm": "yes"}, follow=True, **EN)
    assert "cancelled" in done.content.decode()
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.CANCELLED


def test_another_readers_request_is_not_found(client_as, reader, other_reader, library_a, store):
    purchase = services.ask(reader, library_a, make_title(store), **ADDRESS)
    client = client_as(other_reader)
    assert client.post(f"/alpha/buy/requests/{purchase.pk}/cancel/", {"confirm": "yes"}).status_code == 404
    assert "三体" not in client.get("/alpha/buy/requests/", **EN).content.decode()
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED


def test_my_requests_needs_signing_in(client, library_a):
    response = client.get("/alpha/buy/requests/")
    assert response.status_code == 302 and "next=/alpha/buy/requests/" in response.url


def test_pages_render_in_chinese(chinese, client_as, reader, librarian_a, library_a, store):
    title = make_title(store)
    services.ask(reader, library_a, title, **ADDRESS)
    for user, url in (
        (reader, "/alpha/buy/"),
        (reader, f"/alpha/buy/titles/{title.pk}/"),
        (reader, "/alpha/buy/requests/"),
        (librarian_a, "/alpha/staff/purchases/"),
    ):
        page = client_as(user).get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert 'lang="zh-Hans"' in html and "三体" in html and "甲市图书馆" in html


# --- staff ---------------------------------------------------------------------------------------
def test_staff_queue_shows_the_budget_and_approves(client_as, reader, librarian_a, library_a, store):
    buying(library_a, purchase_budget=Decimal("500"))
    purchase = services.ask(reader, library_a, make_title(store, price="45"), **ADDRESS)
    client = client_as(librarian_a)
    page = client.get("/alpha/staff/purchases/", **EN).content.decode()
    assert "Budget this year: 500.00 CNY" in page and "Left: 500.00 CNY" in page and "三体" in page
    response = client.post(f"/alpha/staff/purchases/{purchase.pk}/approve/", follow=True, **EN)
    page = response.content.decode()
    assert "Approved “三体” for Alice" in page and "Left: 455.00 CNY" in page
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.APPROVED


def test_approval_past_the_budget_is_explained_not_a_500(client_as, reader, librarian_a, library_a, store):
    buying(library_a, purchase_budget=Decimal("10"))
    purchase = services.ask(reader, library_a, make_title(store, price="45"), **ADDRESS)
    response = client_as(librarian_a).post(f"/alpha/staff/purchases/{purchase.pk}/approve/", **EN)
    assert response.status_code == 409 and "pass the year&#x27;s budget" in response.content.decode()
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED


def test_declining_without_a_reason_is_refused_on_the_page(client_as, reader, librarian_a, library_a, store):
    purchase = services.ask(reader, library_a, make_title(store), **ADDRESS)
    client = client_as(librarian_a)
    response = client.post(f"/alpha/staff/purchases/{purchase.pk}/decline/", {"reason": ""}, **EN)
    assert response.status_code == 422 and "Give the reader a reason" in response.content.decode()
    done = client.post(f"/alpha/staff/purchases/{purchase.pk}/decline/", {"reason": "已有同类书"}, follow=True, **EN)
    assert "Declined “三体”" in done.content.decode()
    assert Purchase.objects.get(pk=purchase.pk).reason == "已有同类书"


def test_marking_delivered_catalogues_and_lends(client_as, reader, librarian_a, library_a, store):
    purchase = services.approve(services.ask(reader, library_a, make_title(store), **ADDRESS), by=librarian_a)
    response = client_as(librarian_a).post(f"/alpha/staff/purchases/{purchase.pk}/deliver/", follow=True, **EN)
    assert "is catalogued and on loan to Alice" in response.content.decode()
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.DELIVERED
    assert Copy.objects.get(record=purchase.record).status == Copy.Status.ON_LOAN
    reader_page = client_as(reader).get("/alpha/buy/requests/", **EN).content.decode()
    assert "Delivered as a loan" in reader_page and "On loan to you until" in reader_page


def test_staff_pages_are_denied_to_readers_and_other_libraries(client_as, reader, librarian_b, library_a, store):
    purchase = services.ask(reader, library_a, make_title(store), **ADDRESS)
    for user in (reader, librarian_b):
        client = client_as(user)
        assert client.get("/alpha/staff/purchases/").status_code == 403
        assert client.post(f"/alpha/staff/purchases/{purchase.pk}/approve/").status_code == 403
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED


def test_changes_are_post_only(client_as, reader, librarian_a, library_a, store):
    purchase = services.ask(reader, library_a, make_title(store), **ADDRESS)
    assert client_as(librarian_a).get(f"/alpha/staff/purchases/{purchase.pk}/approve/").status_code == 405
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.REQUESTED


def test_staff_upload_a_list_and_see_the_bad_lines(client_as, librarian_a, library_a, store):
    text = (
        "title,authors,publisher,year,isbn,price,in_stock\n"
        f"三体,刘慈欣,重庆出版社,2008,{isbn(21)},23.00,yes\n"
        f"坏行,,,,{isbn(22)},free,yes\n"
    )
    upload = SimpleUploadedFile("titles.csv", text.encode(), content_type="text/csv")
    response = client_as(librarian_a).post(
        "/alpha/staff/purchases/titles/", {"bookstore": store.pk, "file": upload}, **EN
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 titles added and 0 updated" in page and "Line 3:" in page and "“free” is not a price" in page
    assert list(BookstoreTitle.objects.values_list("title", flat=True)) == ["三体"]


def test_upload_with_a_wrong_header_or_no_file_is_explained(client_as, librarian_a, library_a, store):
    client = client_as(librarian_a)
    upload = SimpleUploadedFile("titles.csv", b"name,price\nx,1\n", content_type="text/csv")
    response = client.post("/alpha/staff/purchases/titles/", {"bookstore": store.pk, "file": upload}, **EN)
    assert response.status_code == 422 and "The first line must name the columns" in response.content.decode()
    response = client.post("/alpha/staff/purchases/titles/", {"bookstore": store.pk}, **EN)
    assert response.status_code == 422 and "This field is required" in response.content.decode()
    assert not BookstoreTitle.objects.exists()


def test_upload_for_another_librarys_bookstore_is_refused(client_as, librarian_a, library_a, library_b, store):
    other = make_bookstore(library_b, "乙书店")
    upload = SimpleUploadedFile(
        "t.csv", f"title,authors,publisher,year,isbn,price,in_stock\n三体,,,,{isbn(1)},1,yes\n".encode()
    )
    response = client_as(librarian_a).post("/alpha/staff/purchases/titles/", {"bookstore": other.pk, "file": upload})
    assert response.status_code == 422
    assert not BookstoreTitle.objects.exists()
