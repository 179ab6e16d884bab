"""Staff of library A can neither see nor change library B's private data; a reader sees only
their own; a coordinator sees every library of their network."""

import pytest
from django.urls import reverse

from lantern.conftest import make_user
from lantern.core.models import Card
from lantern.core.permissions import can_manage, can_staff, staffed_libraries
from lantern.core.services import create_api_token, issue_card


@pytest.mark.django_db
def test_staff_see_only_their_own_library(librarian_a, library_a, library_b):
    assert list(staffed_libraries(librarian_a)) == [library_a]
    assert can_staff(librarian_a, library_a)
    assert not can_staff(librarian_a, library_b)
    assert not can_manage(librarian_a, library_a)


@pytest.mark.django_db
def test_coordinator_sees_and_manages_every_library_of_the_network(coordinator, library_a, library_b):
    assert set(staffed_libraries(coordinator)) == {library_a, library_b}
    assert can_manage(coordinator, library_b)


@pytest.mark.django_db
def test_staff_page_of_another_library_is_forbidden(client_as, librarian_a, library_a, library_b, reader):
    client = client_as(librarian_a)
    own = client.get(reverse("staff_home", args=[library_a.slug]))
    assert own.status_code == 200
    assert reader.cards.get().number in own.content.decode()
    assert client.get(reverse("staff_home", args=[library_b.slug])).status_code == 403


@pytest.mark.django_db
def test_reader_cannot_open_staff_pages(client_as, reader, library_a):
    assert client_as(reader).get(reverse("staff_home", args=[library_a.slug])).status_code == 403


@pytest.mark.django_db
def test_admin_lists_only_the_cards_of_ones_own_library(client_as, librarian_a, library_b, reader):
    beta_reader = make_user("dora@example.org", "Dora")
    beta_card = issue_card(beta_reader, library_b)
    client = client_as(librarian_a)
    listing = client.get(reverse("admin:core_card_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert reader.cards.get().number in page
    assert beta_card.number not in page
    change = client.get(reverse("admin:core_card_change", args=[beta_card.pk]))
    assert change.status_code in (302, 403, 404)
    deleted = client.post(reverse("admin:core_card_delete", args=[beta_card.pk]), {"post": "yes"})
    assert deleted.status_code in (302, 403, 404)
    assert Card.objects.filter(pk=beta_card.pk).exists()


@pytest.mark.django_db
def test_staff_cannot_change_another_librarys_settings_in_the_admin(client_as, librarian_a, library_b):
    client = client_as(librarian_a)
    response = client.post(
        reverse("admin:core_library_change", args=[library_b.pk]), {"slug": "hijacked", "name_zh_hans": "x"}
    )
    assert response.status_code in (302, 403, 404)
    library_b.refresh_from_db()
    assert library_b.slug == "beta"


@pytest.mark.django_db
def test_staff_cannot_manage_people_or_roles_in_the_admin(client_as, librarian_a):
    client = client_as(librarian_a)
    assert client.get(reverse("admin:core_user_changelist")).status_code == 403
    assert client.get(reverse("admin:core_role_changelist")).status_code == 403


@pytest.mark.django_db
def test_reader_sees_only_their_own_cards(client_as, reader, other_reader):
    page = client_as(reader).get(reverse("account")).content.decode()
    assert reader.cards.get().number in page
    assert other_reader.cards.get().number not in page


@pytest.mark.django_db
def test_reader_cannot_revoke_another_readers_token(client_as, reader, other_reader):
    token, _key = create_api_token(other_reader, "Olga's kiosk")
    response = client_as(reader).post(reverse("revoke_token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
