"""The reading-group API as a mini-program uses it: published groups, one group (session links only for
members), the board, joining and posting with a token; bad input answers a clear 4xx and writes nothing."""

import pytest

from lantern.core.services import create_api_token
from lantern.programs.models import Membership, Post

from .groups_helpers import make_group, make_session

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BASE = "/api/v1/libraries/alpha/groups"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


@pytest.fixture
def group(library_a, librarian_a):
    group = make_group(library_a, librarian_a, premoderated=True)
    make_session(group, librarian_a)
    return group


def test_published_groups_and_one_group_with_sessions(client, library_a, librarian_a, group):
    make_group(library_a, librarian_a, publish=False, name_en="Draft")
    listed = client.get(BASE, **EN).json()
    assert [g["id"] for g in listed] == [group.pk]
    assert listed[0]["record_title"] == "活着" and listed[0]["hosts"][0]["name"] == "Bob"
    detail = client.get(f"{BASE}/{group.pk}", **EN).json()
    assert detail["is_member"] is False and detail["sessions"][0]["online_link"] is None
    assert client.get(f"{BASE}/999999", **EN).status_code == 404
    assert client.get("/api/v1/libraries/nowhere/groups", **EN).status_code == 404


def test_join_then_the_link_shows_and_joining_twice_is_409(client, reader, group):
    auth = bearer(reader)
    joined = client.post(f"{BASE}/{group.pk}/members", **auth)
    assert joined.status_code == 201 and joined.json()["group"] == group.pk
    again = client.post(f"{BASE}/{group.pk}/members", **auth)
    assert again.status_code == 409 and again.json()["reason"] == "already_member"
    detail = client.get(f"{BASE}/{group.pk}", **auth).json()
    assert detail["is_member"] and detail["sessions"][0]["online_link"] == "https://meeting.example.org/123"
    assert Membership.objects.count() == 1


def test_posting_is_cleaned_and_waits_under_pre_moderation(client, reader, group):
    auth = bearer(reader)
    client.post(f"{BASE}/{group.pk}/members", **auth)
    body = {"body": "好书<script>alert(1)</script><img src=x onerror=alert(1)>"}
    created = client.post(f"{BASE}/{group.pk}/posts", body, content_type="application/json", **auth)
    assert created.status_code == 201
    assert created.json()["status"] == "pending" and created.json()["body"] == "<p>好书</p>"
    assert client.get(f"{BASE}/{group.pk}/posts", **EN).json() == []


def test_bad_posts_answer_4xx_and_write_nothing(client, reader, other_reader, group):
    url = f"{BASE}/{group.pk}/posts"
    anonymous = client.post(url, {"body": "hi"}, content_type="application/json", **EN)
    assert anonymous.status_code == 401
    stranger = client.post(url, {"body": "hi"}, content_type="application/json", **bearer(other_reader))
    assert stranger.status_code == 403 and stranger.json()["reason"] == "not_member"
    auth = bearer(reader)
    client.post(f"{BASE}/{group.pk}/members", **auth)
    empty = client.post(url, {"body": "<p> </p>"}, content_type="application/json", **auth)
    assert empty.status_code == 422 and "Your post is empty" in empty.json()["detail"]
    long = client.post(url, {"body": "x" * 6000}, content_type="application/json", **auth)
    assert long.status_code == 422 and "it has 6000" in long.json()["detail"]
    missing = client.post(url, {}, content_type="application/json", **auth)
    assert missing.status_code == 422
    broken = client.post(url, "{not json", content_type="application/json", **auth)
    assert broken.status_code in (400, 422)
    assert not Post.objects.exists()


def test_visible_posts_are_listed_newest_first(client, librarian_a, group):
    from lantern.programs.services import groups_board as board

    board.post_to_board(group, librarian_a, "First")
    board.post_to_board(group, librarian_a, "Second")
    posts = client.get(f"{BASE}/{group.pk}/posts", **EN).json()
    assert [p["body"] for p in posts] == ["<p>Second</p>", "<p>First</p>"]
