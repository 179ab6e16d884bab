"""`lantern demo`: realistic sample data, clearly marked, and a second run changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

from lantern.core.models import Library, ServiceMode


def snapshot():
    """Every row of every Lantern model, as comparable tuples."""
    rows = {}
    for model in apps.get_models():
        if model.__module__.startswith("lantern."):
            rows[model._meta.label] = sorted(tuple(str(v) for v in row) for row in model.objects.values_list())
    return rows


@pytest.mark.django_db
def test_demo_loads_six_libraries_in_six_provinces_with_a_mix_of_modes(capsys):
    call_command("demo")
    libraries = Library.objects.serving()
    assert libraries.count() == 6
    assert Library.objects.filter(observed_only=True, is_demo=True).count() == 4  # the observatory's sample
    assert len({lib.province for lib in libraries}) == 6
    assert {lib.service_mode for lib in libraries} == set(ServiceMode.values)
    assert all(lib.is_demo for lib in libraries)
    out = capsys.readouterr().out
    assert "lantern-demo-2020" in out and "reader@example.org" in out and "coordinator@example.org" in out


@pytest.mark.django_db
def test_running_demo_twice_changes_nothing():
    call_command("demo")
    first = snapshot()
    call_command("demo")
    assert snapshot() == first


@pytest.mark.django_db
def test_demo_accounts_can_sign_in(client):
    call_command("demo")
    response = client.post("/accounts/login/", {"username": "13800138000", "password": "lantern-demo-2020"})
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200
