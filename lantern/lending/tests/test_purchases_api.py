"""The "buy for the reader" API as a mini-program uses it: the titles on offer, asking with a token (201, or
a 4xx with a clear detail and nothing written), my requests, and cancelling."""

import pytest

from lantern.core.services import create_api_token
from lantern.lending.models import Purchase
from lantern.lending.services import purchases as services

from .purchases_helpers import ADDRESS, buying, make_bookstore, make_title

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def store(library_a):
    buying(library_a)
    return make_bookstore(library_a)


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


def test_titles_on_offer_are_listed_and_searchable(client, library_a, store):
    three_body = make_title(store, "三体", n=1, price="23.5")
    make_title(store, "活着", n=2)
    make_title(store, "缺货", n=3, in_stock=False)
    answer = client.get("/api/v1/libraries/alpha/purchase-titles").json()
    assert [t["title"] for t in answer] == ["三体", "活着"]
    found = client.get("/api/v1/libraries/alpha/purchase-titles", {"q": three_body.isbn}).json()
    assert [(t["id"], t["price"], t["bookstore"]) for t in found] == [(three_body.pk, "23.50", "新华书店")]
    assert client.get("/api/v1/libraries/nowhere/purchase-titles").status_code == 404


def test_asking_answers_201_then_409_for_the_same_book(client, reader, library_a, store):
    title = make_title(store)
    body = {"title_id": title.pk, **ADDRESS}
    created = client.post("/api/v1/libraries/alpha/purchases", body, content_type="application/json", **bearer(reader))
    assert created.status_code == 201
    assert created.json()["status"] == "requested" and created.json()["title"]["title"] == "三体"
    again = client.post("/api/v1/libraries/alpha/purchases", body, content_type="application/json", **bearer(reader))
    assert again.status_code == 409
    assert again.json()["reason"] == "already_asked" and "already asked" in again.json()["detail"]
    assert Purchase.objects.count() == 1


def test_bad_input_is_422_with_the_field_and_writes_nothing(client, reader, library_a, store):
    title = make_title(store)
    url, auth = "/api/v1/libraries/alpha/purchases", bearer(reader)
    bad_phone = client.post(
        url, {"title_id": title.pk, **ADDRESS, "phone": "1"}, content_type="application/json", **auth
    )
    assert bad_phone.status_code == 422 and "not a valid phone number" in bad_phone.json()["errors"]["phone"][0]
    missing = client.post(url, {"title_id": title.pk}, content_type="application/json", **auth)
    assert missing.status_code == 422 and missing.json()["detail"]
    broken = client.post(url, "{not json", content_type="application/json", **auth)
    assert broken.status_code in (400, 422)
    unknown = client.post(url, {"title_id": 999999, **ADDRESS}, content_type="application/json", **auth)
    assert unknown.status_code == 404
    assert not Purchase.objects.exists()


def test_asking_needs_a_signed_in_reader(client, library_a, store):
    title = make_title(store)
    answer = client.post(
        "/api/v1/libraries/alpha/purchases", {"title_id": title.pk, **ADDRESS}, content_type="application/json", **EN
    )
    assert answer.status_code == 401 and answer.json()["detail"]
    assert client.get("/api/v1/purchases").status_code == 401
    assert not Purchase.objects.exists()


def test_my_purchases_lists_only_mine_and_cancels(client, reader, other_reader, library_a, store):
    mine = services.ask(reader, library_a, make_title(store, "一", n=1), **ADDRESS)
    theirs = services.ask(other_reader, library_a, make_title(store, "二", n=2), **ADDRESS)
    auth = bearer(reader)
    assert [p["id"] for p in client.get("/api/v1/purchases", **auth).json()] == [mine.pk]
    assert client.post(f"/api/v1/purchases/{theirs.pk}/cancel", **auth).status_code == 404
    cancelled = client.post(f"/api/v1/purchases/{mine.pk}/cancel", **auth)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(f"/api/v1/purchases/{mine.pk}/cancel", **auth)
    assert again.status_code == 409 and again.json()["detail"]
    assert Purchase.objects.get(pk=theirs.pk).status == Purchase.Status.REQUESTED
