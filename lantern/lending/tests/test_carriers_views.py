"""The staff's carrier settings page: listing, adding, switching, and the webhook secret for managers only."""

import pytest
from django.urls import reverse

from lantern.lending.models import Carrier
from lantern.lending.services import carriers

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"lending:{name}", args=[library.slug, *args])


@pytest.fixture
def courier(library_a):
    return carriers.create_carrier(library_a, Carrier.Kind.COURIER, "SF Express")


def test_a_manager_sees_the_webhook_url_and_secret(client_as, manager_a, library_a, courier):
    response = client_as(manager_a).get(url("staff_carriers", library_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"http://testserver/api/v1/lending/couriers/{courier.pk}/events" in page
    assert courier.webhook_secret in page
    assert response["Cache-Control"] == "private, no-store"


def test_staff_see_carriers_but_not_the_secret(client_as, librarian_a, library_a, courier):
    page = client_as(librarian_a).get(url("staff_carriers", library_a)).content.decode()
    assert "SF Express" in page and courier.webhook_secret not in page
    assert "Only a manager" in page


def test_readers_and_other_libraries_staff_are_kept_out(client, client_as, reader, librarian_b, library_a, courier):
    assert client.get(url("staff_carriers", library_a)).status_code == 302
    assert client_as(reader).get(url("staff_carriers", library_a)).status_code == 403
    assert client_as(librarian_b).get(url("staff_carriers", library_a)).status_code == 403
    assert (
        client_as(librarian_b).post(url("staff_carrier_add", library_a), {"kind": "manual", "name": "X"}).status_code
        == 403
    )
    assert (
        client_as(librarian_b).post(url("staff_carrier_active", library_a, courier.pk), {"active": "0"}).status_code
        == 403
    )
    assert Carrier.objects.count() == 1 and Carrier.objects.get().active


def test_staff_add_a_carrier(client_as, librarian_a, library_a):
    data = {"kind": "manual", "name": "China Post"}
    response = client_as(librarian_a).post(url("staff_carrier_add", library_a), data, follow=True)
    assert "Carrier “China Post” added." in response.content.decode()
    assert Carrier.objects.get().name == "China Post"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "manual", "name": ""}, "This field is required."),
        ({"kind": "drone", "name": "Sky"}, "Select a valid choice."),
        ({"kind": "bookstore", "name": "新华书店"}, "Choose the partner bookstore that delivers."),
    ],
)
def test_bad_input_re_renders_the_form_with_a_message(client_as, librarian_a, library_a, data, message):
    response = client_as(librarian_a).post(url("staff_carrier_add", library_a), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Carrier.objects.exists()


def test_a_duplicate_name_is_refused_with_a_message(client_as, librarian_a, library_a, courier):
    response = client_as(librarian_a).post(
        url("staff_carrier_add", library_a), {"kind": "courier", "name": "sf express"}
    )
    assert response.status_code == 422 and "already has a carrier of that name" in response.content.decode()
    assert Carrier.objects.count() == 1


def test_switching_a_carrier_off_and_on(client_as, librarian_a, library_a, courier):
    client = client_as(librarian_a)
    response = client.post(url("staff_carrier_active", library_a, courier.pk), {"active": "0"}, follow=True)
    assert "is switched off" in response.content.decode()
    assert not Carrier.objects.get(pk=courier.pk).active
    client.post(url("staff_carrier_active", library_a, courier.pk), {"active": "1"})
    assert Carrier.objects.get(pk=courier.pk).active
    assert client.get(url("staff_carrier_active", library_a, courier.pk)).status_code == 405


def test_rotating_the_secret_asks_first(client_as, manager_a, library_a, courier):
    client = client_as(manager_a)
    old = courier.webhook_secret
    asked = client.post(url("staff_carrier_rotate", library_a, courier.pk))
    assert asked.status_code == 200 and "Nothing has changed yet" in asked.content.decode()
    assert Carrier.objects.get(pk=courier.pk).webhook_secret == old
    done = client.post(url("staff_carrier_rotate", library_a, courier.pk), {"confirm": "yes"}, follow=True)
    new = Carrier.objects.get(pk=courier.pk).webhook_secret
    assert new != old and new in done.content.decode() and "New secret" in done.content.decode()


def test_only_managers_rotate(client_as, librarian_a, library_a, courier):
    old = courier.webhook_secret
    response = client_as(librarian_a).post(url("staff_carrier_rotate", library_a, courier.pk), {"confirm": "yes"})
    assert response.status_code == 403
    assert Carrier.objects.get(pk=courier.pk).webhook_secret == old


def test_a_carrier_of_another_library_is_not_found(client_as, manager_a, library_a, library_b):
    theirs = carriers.create_carrier(library_b, Carrier.Kind.COURIER, "EMS")
    client = client_as(manager_a)
    assert client.post(url("staff_carrier_rotate", library_a, theirs.pk), {"confirm": "yes"}).status_code == 404
    assert client.post(url("staff_carrier_active", library_a, theirs.pk), {"active": "0"}).status_code == 404
    assert Carrier.objects.get(pk=theirs.pk).active
