"""Prevention logs: cleaning entries in one tap, supplies that never go negative and tell managers when
they run low, quarantine hours with the REALM defaults, and who may do what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.core.models import Notice
from lantern.emergency.models import CleaningLogEntry, QuarantineRule, Supply
from lantern.emergency.services import preparedness as services

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"emergency:{name}", args=[library.slug, *args])


@pytest.fixture
def masks(library_a, manager_a):
    return services.add_supply(library_a, name="口罩", unit="个", stock=120, low_at=100, by=manager_a)


# --- cleaning ----------------------------------------------------------------------------------
def test_a_cleaning_is_logged_with_one_tap_on_an_area_button(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    page = client.get(url("cleaning", library_a)).content.decode()
    assert 'name="area" value="Lending hall"' in page or 'name="area" value="借阅大厅"' in page
    response = client.post(url("cleaning", library_a), {"area": "还书处"})
    assert response.status_code == 302
    entry = CleaningLogEntry.objects.get()
    assert entry.area == "还书处" and entry.done_by == librarian_a
    assert abs((timezone.now() - entry.done_at).total_seconds()) < 60
    page = client.get(url("cleaning", library_a)).content.decode()
    assert "还书处" in page
    assert 'name="area" value="还书处"' in page  # the area becomes a one-tap button


def test_cleaning_log_is_listed_by_day_and_area(client_as, library_a, librarian_a):
    now = timezone.now()
    services.log_cleaning(library_a, area="电梯", done_at=now - datetime.timedelta(days=1), method="酒精")
    services.log_cleaning(library_a, area="借阅大厅", done_at=now - datetime.timedelta(days=1))
    services.log_cleaning(library_a, area="借阅大厅", done_at=now)
    page = client_as(librarian_a).get(url("cleaning", library_a)).content.decode()
    assert page.count("<caption") == 2
    yesterday = page.index(timezone.localtime(now - datetime.timedelta(days=1)).strftime("%Y-%m-%d"))
    assert page.index("借阅大厅", yesterday) < page.index("电梯", yesterday)


def test_a_cleaning_without_area_or_in_the_future_is_refused(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    response = client.post(url("cleaning", library_a), {"area": "  "})
    assert response.status_code == 400
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("cleaning", library_a), {"area": "大厅", "done_at": future})
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not CleaningLogEntry.objects.exists()


# --- supplies ----------------------------------------------------------------------------------
def test_stock_goes_out_and_in(client_as, library_a, librarian_a, masks):
    client = client_as(librarian_a)
    prefix = f"supply-{masks.pk}"
    response = client.post(url("supply_stock", library_a, masks.pk),
                           {f"{prefix}-direction": "in", f"{prefix}-quantity": "30"})  # fmt: skip
    assert response.status_code == 302
    masks.refresh_from_db()
    assert masks.stock == 150


def test_stock_never_goes_negative(client_as, library_a, librarian_a, masks):
    prefix = f"supply-{masks.pk}"
    response = client_as(librarian_a).post(url("supply_stock", library_a, masks.pk),
                                           {f"{prefix}-direction": "out", f"{prefix}-quantity": "500"})  # fmt: skip
    assert response.status_code == 400
    assert "Only 120" in response.content.decode()
    masks.refresh_from_db()
    assert masks.stock == 120


def test_zero_or_negative_quantities_are_refused(client_as, library_a, librarian_a, masks):
    prefix = f"supply-{masks.pk}"
    for quantity in ("0", "-5", "many"):
        data = {f"{prefix}-direction": "in", f"{prefix}-quantity": quantity}
        response = client_as(librarian_a).post(url("supply_stock", library_a, masks.pk), data)
        assert response.status_code == 400
    masks.refresh_from_db()
    assert masks.stock == 120


def test_managers_are_told_when_stock_falls_to_the_alert_level(client_as, library_a, librarian_a, manager_a, masks):
    prefix = f"supply-{masks.pk}"
    client = client_as(librarian_a)
    client.post(url("supply_stock", library_a, masks.pk), {f"{prefix}-direction": "out", f"{prefix}-quantity": "10"})
    assert not Notice.objects.exists()  # 110: still above 100
    client.post(url("supply_stock", library_a, masks.pk), {f"{prefix}-direction": "out", f"{prefix}-quantity": "10"})
    notice = Notice.objects.get()
    assert notice.recipient == manager_a
    assert "口罩" in notice.subject
    assert notice.link == url("supplies", library_a)
    page = client.get(url("supplies", library_a)).content.decode()
    assert "badge low" in page
    # Further withdrawals below the level do not repeat the alarm.
    client.post(url("supply_stock", library_a, masks.pk), {f"{prefix}-direction": "out", f"{prefix}-quantity": "5"})
    assert Notice.objects.count() == 1


def test_a_supply_with_negative_stock_or_no_name_is_refused(client_as, library_a, manager_a):
    client = client_as(manager_a)
    response = client.post(url("supplies", library_a), {"name": "洗手液", "unit": "瓶", "stock": "-3", "low_at": "5"})
    assert response.status_code == 400
    response = client.post(url("supplies", library_a), {"name": "", "unit": "瓶", "stock": "3", "low_at": "5"})
    assert response.status_code == 400
    assert not Supply.objects.exists()
    with pytest.raises(ValidationError):
        services.add_supply(library_a, name="洗手液", stock=-3)
    response = client.post(url("supplies", library_a), {"name": "洗手液", "unit": "瓶", "stock": "3", "low_at": "5"})
    assert response.status_code == 302
    assert Supply.objects.get().is_low


# --- quarantine rules --------------------------------------------------------------------------
def test_quarantine_hours_default_to_realm_and_can_be_changed(client_as, library_a, manager_a):
    assert services.quarantine_hours(library_a, "paper") == 72
    assert services.quarantine_hours(library_a, "stacked") == 144
    client = client_as(manager_a)
    page = client.get(url("quarantine", library_a)).content.decode()
    assert "144" in page and "REALM" in page
    response = client.post(url("quarantine", library_a), {"paper": "96", "plastic": ""})
    assert response.status_code == 302
    assert services.quarantine_hours(library_a, "paper") == 96
    assert services.quarantine_hours(library_a, "plastic") == 96  # still the default
    client.post(url("quarantine", library_a), {"paper": ""})
    assert services.quarantine_hours(library_a, "paper") == 72


@pytest.mark.parametrize("hours", ["0", "-1", "100000", "soon"])
def test_bad_quarantine_hours_are_refused(client_as, library_a, manager_a, hours):
    response = client_as(manager_a).post(url("quarantine", library_a), {"paper": hours})
    assert response.status_code == 400
    assert not QuarantineRule.objects.exists()
    with pytest.raises(ValidationError):
        services.set_quarantine_hours(library_a, {"paper": hours})


# --- permissions -------------------------------------------------------------------------------
def test_other_libraries_staff_and_readers_cannot_see_or_change_the_logs(client_as, library_a, librarian_b, reader,
                                                                           masks):  # fmt: skip
    prefix = f"supply-{masks.pk}"
    for person in (librarian_b, reader):
        client = client_as(person)
        for name in ("cleaning", "supplies", "quarantine"):
            assert client.get(url(name, library_a)).status_code == 403
        assert client.post(url("cleaning", library_a), {"area": "大厅"}).status_code == 403
        response = client.post(url("supply_stock", library_a, masks.pk),
                               {f"{prefix}-direction": "out", f"{prefix}-quantity": "1"})  # fmt: skip
        assert response.status_code == 403
        assert client.post(url("quarantine", library_a), {"paper": "1"}).status_code == 403
    masks.refresh_from_db()
    assert masks.stock == 120
    assert not CleaningLogEntry.objects.exists() and not QuarantineRule.objects.exists()


def test_plain_staff_move_stock_but_only_managers_set_rules(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    assert client.post(url("quarantine", library_a), {"paper": "10"}).status_code == 403
    assert client.post(url("supplies", library_a), {"name": "x", "stock": "1", "low_at": "0"}).status_code == 403
    assert not QuarantineRule.objects.exists() and not Supply.objects.exists()
