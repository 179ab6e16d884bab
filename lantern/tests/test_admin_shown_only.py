"""The admin of programs, the information service, outreach and the archive: every registered list loads for a
superuser, staff see only their own library's rows, and nobody adds, changes or deletes there (the staff
pages' services do that). Secrets and contact details are never shown."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lantern.infoservice.services import ask
from lantern.outreach.models import Station
from lantern.programs.models import Event

pytestmark = pytest.mark.django_db
APPS = ("programs", "infoservice", "outreach", "archive")
REGISTERED = [model for model in admin.site._registry if model._meta.app_label in APPS]


def make_event(library, title):
    starts = timezone.now() + datetime.timedelta(days=3)
    return Event.objects.create(
        library=library,
        title_en=title,
        title_zh_hans=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root@example.org", "root@example.org", "pw-long-enough-1")


def test_every_list_loads_and_offers_no_add_button(client, superuser, library_a, reader):
    make_event(library_a, "Story time")
    ask.ask(library_a, subject="Hours", body="When?", reader=reader)
    client.force_login(superuser)
    assert REGISTERED, "programs, infoservice and outreach register their models"
    for model in REGISTERED:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(url)
        assert page.status_code == 200, url
        add_url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
        assert add_url not in page.content.decode(), url


def test_staff_see_their_own_library_only_and_cannot_change(client, librarian_a, library_a, library_b):
    librarian_a.is_staff = True
    librarian_a.save()
    mine, theirs = make_event(library_a, "Ours"), make_event(library_b, "Theirs")
    client.force_login(librarian_a)
    listing = client.get(reverse("admin:programs_event_changelist")).content.decode()
    assert "Ours" in listing and "Theirs" not in listing
    assert client.get(reverse("admin:programs_event_change", args=[theirs.pk])).status_code in (302, 403, 404)
    page = client.get(reverse("admin:programs_event_change", args=[mine.pk])).content.decode()
    assert 'name="_save"' not in page


def test_a_station_token_is_never_shown(client, superuser, library_a):
    station = Station.objects.create(
        library=library_a,
        name_en="Hotel",
        site=Station.Site.QUARANTINE_HOTEL,
        address="1 Road",
        contact_name="Wang",
        opens_on=datetime.date(2020, 2, 1),
        token="very-secret-token-value",
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:outreach_station_change", args=[station.pk])).content.decode()
    assert "very-secret-token-value" not in page


def test_an_archive_contributors_contact_is_never_shown(client, superuser, library_a):
    from lantern.archive.tests import helpers

    item = helpers.submitted_item(library_a, contact_email="hidden-contact@example.org", contact_phone="+8613800000000")
    client.force_login(superuser)
    page = client.get(reverse("admin:archive_item_change", args=[item.pk])).content.decode()
    assert item.title in page
    assert "hidden-contact@example.org" not in page and "13800000000" not in page
