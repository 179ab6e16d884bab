"""Takedown requests end to end: the public form exists only for public items, refuses bad input without
keeping anything, is rate-limited, and gives a reference with what happens next; staff hide the item while
they look, then uphold (the item is withdrawn) or reject with their reasons; the requester is emailed at each
step; staff of another library are refused."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lantern.archive.models import Item, Takedown
from lantern.archive.services import takedown as services
from lantern.archive.services.common import public_items
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry

from .helpers import accepted_item, submitted_item
from .moderate_helpers import clear_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    clear_counts()
    yield
    clear_counts()


def form_url(item) -> str:
    return reverse("archive:takedown", args=[item.library.slug, item.reference])


def staff_url(takedown) -> str:
    return reverse("archive:staff_takedown", args=[takedown.item.library.slug, takedown.reference])


def request_post(**changes) -> dict:
    data = {
        "name": "李华",
        "email": "lihua@example.org",
        "relation": "depicted",
        "reason": "第三张照片里能看到我的脸和门牌号。",
    }
    data.update(changes)
    return data


@pytest.fixture
def public_item(library_a, city):
    return accepted_item(library_a, city, files=[])


def text_of(response) -> str:
    return response.content.decode()


# --- the public form ------------------------------------------------------------------------------
def test_anyone_asks_for_a_public_item_to_come_down_and_gets_a_reference(client, public_item):
    page = text_of(client.get(form_url(public_item)))
    assert public_item.title in page and "How the item concerns you" in page
    response = client.post(form_url(public_item), request_post())
    takedown = Takedown.objects.get()
    assert response.status_code == 200 and takedown.reference.startswith("T-")
    assert takedown.reference in text_of(response) and "What happens next" in text_of(response)
    assert takedown.status == Takedown.Status.RECEIVED and takedown.item == public_item
    [receipt] = mail.outbox
    assert receipt.to == ["lihua@example.org"] and takedown.reference in receipt.subject


def test_items_not_in_public_have_no_takedown_form(client, library_a, city):
    waiting = submitted_item(library_a, files=[])
    kept = accepted_item(library_a, city, files=[], licence="preserve_only")
    hidden = accepted_item(library_a, city, files=[])
    Item.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    withdrawn = accepted_item(library_a, city, files=[])
    Item.objects.filter(pk=withdrawn.pk).update(status=Item.Status.WITHDRAWN)
    for item in (waiting, kept, hidden, withdrawn):
        assert client.get(form_url(item)).status_code == 404
        assert client.post(form_url(item), request_post()).status_code == 404
    assert client.get(reverse("archive:takedown", args=["beta", accepted_item(library_a).reference])).status_code == 404
    assert not Takedown.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"relation": "neighbour"}, "Select a valid choice"),
        ({"reason": "   "}, "This field is required"),
        ({"reason": "x" * 5001}, "at most 5000 characters"),
    ],
)
def test_a_bad_request_says_why_keeps_what_was_typed_and_keeps_nothing(client, public_item, changes, message):
    response = client.post(form_url(public_item), request_post(**changes))
    assert response.status_code == 400 and message in text_of(response)
    if "name" not in changes:
        assert "李华" in text_of(response)
    assert not Takedown.objects.exists() and not mail.outbox


def test_requests_are_limited_per_connection(client, public_item):
    for _n in range(services.REQUESTS_PER_HOUR):
        assert client.post(form_url(public_item), request_post()).status_code == 200
    response = client.post(form_url(public_item), request_post())
    assert response.status_code == 429 and "Too many requests" in text_of(response)
    assert Takedown.objects.count() == services.REQUESTS_PER_HOUR


# --- the staff's workflow -------------------------------------------------------------------------
def make_request(item) -> Takedown:
    return services.request_takedown(item, request_post())


def test_hide_then_uphold_withdraws_the_item_and_tells_the_requester(client_as, public_item, librarian_a):
    takedown = make_request(public_item)
    client = client_as(librarian_a)
    listing = text_of(client.get(reverse("archive:staff_takedowns", args=["alpha"])))
    assert takedown.reference in listing and "1 request is waiting" in listing
    page = text_of(client.get(staff_url(takedown)))
    assert "lihua@example.org" in page and "第三张照片里能看到我的脸和门牌号。" in page
    response = client.post(staff_url(takedown), {"decision": "hide", "note": ""}, follow=True)
    assert "hidden from the public while you look" in text_of(response)
    public_item.refresh_from_db()
    assert public_item.hidden_at and public_item.status == Item.Status.ACCEPTED
    assert not public_items().filter(pk=public_item.pk).exists()
    assert client.get(form_url(public_item)).status_code == 404
    assert "hidden meanwhile" in mail.outbox[-1].subject
    response = client.post(
        staff_url(takedown), {"decision": "uphold", "note": "We agree; it is withdrawn."}, follow=True
    )
    assert "The request is upheld" in text_of(response)
    takedown.refresh_from_db()
    public_item.refresh_from_db()
    assert takedown.status == Takedown.Status.UPHELD and takedown.decided_by == librarian_a and takedown.decided_at
    assert public_item.status == Item.Status.WITHDRAWN and public_item.withdrawn_at and public_item.hidden_at is None
    email = mail.outbox[-1]
    assert email.to == ["lihua@example.org"] and "withdrawn" in email.subject
    assert "We agree; it is withdrawn." in email.body
    codes = AuditEntry.objects.filter(action__startswith="archive.").values_list("action", flat=True)
    assert list(codes.order_by("pk")) == ["archive.takedown_hidden", "archive.takedown_upheld"]


def test_reject_needs_reasons_and_shows_the_item_again(client_as, public_item, librarian_a):
    takedown = make_request(public_item)
    services.hide_while_looking(takedown, by=librarian_a)
    client = client_as(librarian_a)
    response = client.post(staff_url(takedown), {"decision": "reject", "note": " "})
    assert response.status_code == 400 and "Write your reasons" in text_of(response)
    assert Takedown.objects.get().status == Takedown.Status.HIDDEN
    note = "The photo was taken in a public street and shows no face."
    response = client.post(staff_url(takedown), {"decision": "reject", "note": note}, follow=True)
    assert "The request is rejected" in text_of(response)
    public_item.refresh_from_db()
    assert public_item.hidden_at is None and public_items().filter(pk=public_item.pk).exists()
    assert Takedown.objects.get().status == Takedown.Status.REJECTED
    assert note in mail.outbox[-1].body and "stays" in mail.outbox[-1].subject
    response = client.post(staff_url(takedown), {"decision": "uphold", "note": ""})
    assert response.status_code == 409 and "already decided" in text_of(response)


def test_another_request_still_hiding_keeps_the_item_hidden(public_item, librarian_a):
    first, second = make_request(public_item), make_request(public_item)
    services.hide_while_looking(first, by=librarian_a)
    services.hide_while_looking(second, by=librarian_a)
    services.reject_takedown(first, "Not you in the photo.", by=librarian_a)
    public_item.refresh_from_db()
    assert public_item.hidden_at is not None
    services.reject_takedown(second, "Not you either.", by=librarian_a)
    public_item.refresh_from_db()
    assert public_item.hidden_at is None


def test_decisions_in_the_wrong_state_are_refused(public_item, librarian_a):
    takedown = make_request(public_item)
    services.hide_while_looking(takedown, by=librarian_a)
    with pytest.raises(Refused, match="already hidden"):
        services.hide_while_looking(takedown, by=librarian_a)
    services.uphold_takedown(takedown, by=librarian_a)
    for decide in (
        lambda: services.hide_while_looking(takedown, by=librarian_a),
        lambda: services.uphold_takedown(takedown, by=librarian_a),
        lambda: services.reject_takedown(takedown, "No", by=librarian_a),
    ):
        with pytest.raises(Refused, match="already decided"):
            decide()


def test_a_bad_decision_changes_nothing(client_as, public_item, librarian_a):
    takedown = make_request(public_item)
    response = client_as(librarian_a).post(staff_url(takedown), {"decision": "delete"})
    assert response.status_code == 400 and "Select a valid choice" in text_of(response)
    takedown.refresh_from_db()
    public_item.refresh_from_db()
    assert takedown.status == Takedown.Status.RECEIVED and public_item.hidden_at is None


def test_staff_of_another_library_cannot_see_or_decide(client, client_as, public_item, librarian_b):
    takedown = make_request(public_item)
    assert client.get(staff_url(takedown))["Location"].startswith("/accounts/login/")
    other = client_as(librarian_b)
    assert other.get(reverse("archive:staff_takedowns", args=["alpha"])).status_code == 403
    assert other.post(staff_url(takedown), {"decision": "uphold"}).status_code == 403
    assert other.get(reverse("archive:staff_takedown", args=["beta", takedown.reference])).status_code == 404
    assert takedown.reference not in text_of(other.get(reverse("archive:staff_takedowns", args=["beta"])))
    takedown.refresh_from_db()
    assert takedown.status == Takedown.Status.RECEIVED
