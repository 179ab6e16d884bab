"""Small builders for reading-station tests: print copies on the shelf, a host partner, a station."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from lantern.catalogue.models import Copy, Record
from lantern.core.models import Partner

from ..models import Station
from ..services import stations as services

_made = {"n": 0}


def make_copies(library, n=1, *, title="活着", prefix="S") -> list[Copy]:
    """`n` available copies of `n` print records (one copy each)."""
    copies = []
    for _i in range(n):
        _made["n"] += 1
        record = Record.objects.create(library=library, title=f"{title} {_made['n']}", authors=["余华"])
        copies.append(Copy.objects.create(record=record, library=library, barcode=f"{prefix}{_made['n']:06d}"))
    return copies


def make_partner(library, *, kind=Partner.Kind.COMPANY, name="Harbour Hotel") -> Partner:
    partner = Partner.objects.create(name_en=name, name_zh_hans=name, kind=kind)
    partner.libraries.add(library)
    return partner


def station_values(**values) -> dict:
    return {
        "name_zh_hans": "隔离酒店阅读角",
        "name_en": "Quarantine hotel reading corner",
        "site": Station.Site.QUARANTINE_HOTEL,
        "address": "江汉路 1 号",
        "host": None,
        "contact_name": "王经理",
        "contact_phone": "13900000000",
        "opens_on": timezone.localdate() - datetime.timedelta(days=10),
        "closes_on": None,
        **values,
    }


def make_station(library, *, open_it=True, by=None, **values) -> Station:
    station = services.save_station(library, station_values(**values), by=by)
    if open_it:
        services.open_station(station, by=by)
    return station


def barcodes(copies) -> str:
    return "\n".join(copy.barcode for copy in copies)


def clear_rate_limit() -> None:
    cache.clear()
