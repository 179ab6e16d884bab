"""The sample reading stations: what a librarian of the wuhan demo library sees (a station at each kind of
site, with copies from the demo catalogue, one open request, answered ones and usage reports, in both
languages) and what the site's contact sees through the link; loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lantern.catalogue import demo as catalogue_demo
from lantern.core import demo as core_demo
from lantern.core.services import normalize_identifier
from lantern.insights.models import ServiceRecord
from lantern.outreach import demo_stations
from lantern.outreach.models import Station, StationRequest
from lantern.outreach.services import stations as services

pytestmark = pytest.mark.django_db


def test_demo_stations_show_what_a_librarian_expects_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    catalogue_demo.load({"wuhan": libraries["wuhan"]})
    made = demo_stations.load(libraries)
    assert made > 100
    stations = Station.objects.filter(library__slug="wuhan", is_demo=True)
    assert sorted(stations.values_list("site", flat=True)) == sorted(
        ["hospital", "quarantine_hotel", "community", "school"]
    )
    assert all(s.name_zh_hans and s.name_en and s.status == "open" for s in stations)
    assert StationRequest.objects.filter(status="open").count() == 1
    assert StationRequest.objects.filter(status="declined").exclude(answer="").count() == 1

    hotel = stations.get(site="quarantine_hotel")
    counted = services.counts(hotel)
    assert (counted["sent"], counted["returned"], counted["at_station"]) == (55, 10, 45)
    assert counted["readers"] > 0 and counted["books_used"] > 0
    assert hotel.requests.get().status == "done"
    records = ServiceRecord.objects.filter(content_type__model="station")
    assert records.count() == 4 and records.filter(targeted_groups=True).count() == 3
    assert records.filter(cross_industry=True).count() == 4

    user = get_user_model().objects.get(username=normalize_identifier("staff.wuhan@example.org")[1])
    client.force_login(user, backend="lantern.core.auth.EmailOrPhoneBackend")
    page = client.get(reverse("outreach:staff_stations", args=["wuhan"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Jiangcheng quarantine hotel reading corner" in page and "Patients ask for novels" in page
    assert "45 at the station now · 55 sent · 10 returned · 0 lost" in page
    client.logout()
    site = client.get(reverse("station:home", args=[hotel.token]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "江城隔离酒店阅读角" in site and "Rotated: 10 books taken back, 15 new books sent." in site

    assert demo_stations.load(libraries) == 0
    assert Station.objects.count() == 4
