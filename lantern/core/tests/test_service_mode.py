"""A library's service mode, its history, and the banner every page shows."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.core.models import AuditEntry, ServiceMode
from lantern.core.services import set_service_mode

CLOSING = datetime.datetime(2020, 1, 24, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_closing_a_library_keeps_its_history_and_changes_the_banner(client, library_a, manager_a):
    with time_machine.travel(CLOSING, tick=False):
        set_service_mode(
            library_a,
            ServiceMode.CLOSED,
            by=manager_a,
            reason="epidemic",
            message_zh="疫情期间暂停开放",
            message_en="Closed during the epidemic",
            expected_reopening=datetime.date(2020, 3, 16),
        )
    set_service_mode(library_a, ServiceMode.APPOINTMENT, by=manager_a, message_en="Book a visit first")
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.APPOINTMENT
    assert [c.mode for c in library_a.mode_changes.order_by("since")] == ["closed", "appointment"]
    page = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "By appointment only" in page
    assert "Book a visit first" in page
    assert AuditEntry.objects.filter(action="library.mode_changed", library=library_a).count() == 2


@pytest.mark.django_db
def test_banner_speaks_the_readers_language(client, library_a):
    set_service_mode(
        library_a,
        ServiceMode.CLOSED,
        message_zh="疫情期间暂停开放",
        message_en="Closed for now",
        expected_reopening=datetime.date(2020, 3, 16),
    )
    zh = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    en = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "暂停开放" in zh and "疫情期间暂停开放" in zh
    assert "Closed" in en and "Closed for now" in en and "expected to reopen" in en


@pytest.mark.django_db
def test_a_back_dated_entry_fills_history_without_changing_todays_mode(library_a):
    set_service_mode(library_a, ServiceMode.OPEN)
    set_service_mode(library_a, ServiceMode.CLOSED, since=timezone.now() - datetime.timedelta(days=90))
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert library_a.mode_changes.count() == 2


@pytest.mark.django_db
def test_an_unknown_mode_is_refused_and_nothing_changes(library_a):
    with pytest.raises(ValidationError):
        set_service_mode(library_a, "half-open")
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert not library_a.mode_changes.exists()


@pytest.mark.django_db
def test_changing_the_mode_in_the_admin_enters_the_history(client_as, manager_a, library_a):
    client = client_as(manager_a)
    url = reverse("admin:core_library_change", args=[library_a.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "service_mode": "contactless",
            "mode_message_en": "Delivery only",
            "network": library_a.network_id,
            "slug": "alpha",
            "name_zh_hans": "甲市图书馆",
            "level": "municipal",
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, (list, tuple))}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    library_a.refresh_from_db()
    assert library_a.service_mode == "contactless"
    assert library_a.mode_changes.get().changed_by == manager_a
