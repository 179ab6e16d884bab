"""Sample reading stations of the wuhan demo library, in Chinese and English: one at a makeshift hospital (方舱
医院), one at a quarantine hotel (rotated once), one in a community and one at a school, each with a deposit
collection taken from the demo catalogue's copies on the shelf, requests from the site (one still open, the
others answered) and usage reports. Everything goes through the services (ServiceRecords are real); running it
again creates nothing."""

import contextlib
import datetime

from django.db import transaction
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.core.models import Library, Partner

from .models import Station, StationRequest
from .services import stations as services

# zh name, en name, kind
HOSTS = {
    "hospital": ("方舱医院阅读角（示例）", "Shelter Hospital Reading Corner (sample)", Partner.Kind.HOSPITAL),
    "quarantine_hotel": ("江城隔离酒店（示例）", "Jiangcheng Quarantine Hotel (sample)", Partner.Kind.COMPANY),
    "community": ("百步亭社区（示例）", "Baibuting Community (sample)", Partner.Kind.COMMUNITY),
    "school": ("武汉第一实验小学（示例）", "Wuhan No. 1 Experimental Primary School (sample)", Partner.Kind.SCHOOL),
}

# site, zh name, en name, address, contact, phone, days open, copies sent
STATIONS = [
    (
        Station.Site.HOSPITAL,
        "武汉客厅方舱医院阅读驿站",
        "Wuhan Parlour shelter hospital reading station",
        "武汉市东西湖区金银潭大道 武汉客厅 A 馆",
        "刘护士长 Head nurse Liu",
        "13900000001",
        40,
        30,
    ),
    (
        Station.Site.QUARANTINE_HOTEL,
        "江城隔离酒店阅读角",
        "Jiangcheng quarantine hotel reading corner",
        "武汉市江汉区解放大道 88 号",
        "陈经理 Manager Chen",
        "13900000002",
        30,
        40,
    ),
    (
        Station.Site.COMMUNITY,
        "百步亭社区流动书箱",
        "Baibuting community book box",
        "武汉市江岸区百步亭花园路 1 号 社区服务中心",
        "赵主任 Director Zhao",
        "13900000003",
        25,
        20,
    ),
    (
        Station.Site.SCHOOL,
        "实验小学复课阅读角",
        "Primary school reading corner for the return to class",
        "武汉市江岸区胜利街 2 号",
        "孙老师 Teacher Sun",
        "13900000004",
        12,
        15,
    ),
]


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample stations of wuhan; return how many objects were made (stations, deposit copies,
    requests and reports)."""
    library = libraries.get("wuhan")
    if library is None:
        return 0
    today = timezone.localdate(now or timezone.now())
    made = 0
    with transaction.atomic():
        for row in STATIONS:
            if Station.objects.filter(library=library, is_demo=True, name_en=row[2]).exists():
                continue
            made += _make(library, row, today)
    return made


def _host(library: Library, site: str) -> Partner:
    zh, en, kind = HOSTS[site]
    partner, _created = Partner.objects.get_or_create(
        name_zh_hans=zh, defaults={"name_en": en, "kind": kind, "is_demo": True}
    )
    partner.libraries.add(library)
    return partner


def _make(library: Library, row, today: datetime.date) -> int:
    site, zh, en, address, contact, phone, days, copies = row
    opens_on = today - datetime.timedelta(days=days)
    values = {
        "name_zh_hans": zh,
        "name_en": en,
        "site": site,
        "address": address,
        "host": _host(library, site),
        "contact_name": contact,
        "contact_phone": phone,
        "opens_on": opens_on,
        "closes_on": None,
    }
    station = services.save_station(library, values)
    Station.objects.filter(pk=station.pk).update(is_demo=True)
    services.open_station(station)
    with contextlib.suppress(Refused):  # no catalogue loaded: the station stays, without copies
        services.send_available(station, copies)
    week = datetime.timedelta(days=6)
    for weeks_ago in (2, 1):
        end = today - datetime.timedelta(days=7 * (weeks_ago - 1) + 1)
        start = max(opens_on, end - week)
        if start <= end:
            services.report_usage(
                station,
                {
                    "period_start": start,
                    "period_end": end,
                    "readers": copies + 7 * weeks_ago,
                    "books_used": copies * 2 - weeks_ago,
                    "note": "读者反馈很好 Readers like it" if weeks_ago == 1 else "",
                },
                today=today,
            )
    _requests(station, site)
    return 1 + station.deposits.count() + station.requests.count() + station.reports.count()


def _requests(station: Station, site: str) -> None:
    """The hospital's request is still open; the others were answered (the hotel's by its rotation)."""
    if site == Station.Site.HOSPITAL:
        services.ask_for_books(
            station, 20, "患者想看小说和漫画，也要一些大字本。Patients ask for novels, comics and large print."
        )
    elif site == Station.Site.QUARANTINE_HOTEL:
        services.ask_for_rotation(station, "住客都读完了，请换一批。Guests have read them all; please bring others.")
        back = list(station.deposits.filter(status="at_station").order_by("pk").values_list("pk", flat=True)[:10])
        services.rotate(station, deposit_ids=back, count=15)
    elif site == Station.Site.COMMUNITY:
        asked = services.ask_for_books(station, 10, "老人多，要大字本。Many older residents: large print, please.")
        services.answer_request(asked, StationRequest.Status.DONE, "已送 10 本大字本。10 large-print books delivered.")
    else:
        asked = services.ask_for_books(station, 200, "全校每人一本。One for every pupil.")
        services.answer_request(
            asked,
            StationRequest.Status.DECLINED,
            "一次最多 50 本，我们分批送。At most 50 at a time: we bring them in turns.",
        )
