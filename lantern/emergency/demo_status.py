"""Sample closure and reopening history for `lantern demo`: a first wave like 2020's — every library
closes within days of the others and reopens, by appointment first, over the following weeks — before
the history the core demo already made, and one reviewed closure run. Creates only what is missing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from lantern.core.models import Library, ServiceMode
from lantern.core.services import set_service_mode
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category

from .models import ClosureRun
from .services.closure import mode_title

FIRST_WAVE = "第一波疫情 First wave"
# slug: (days after the first closure it reopened by appointment, days after that it fully opened)
REOPENING = {
    "chengdu": (28, 14),
    "guangzhou": (35, 14),
    "hangzhou": (42, 10),
    "kunming": (49, 21),
    "harbin": (56, 14),
    "wuhan": (70, 21),
}
WAVE_START_DAYS_AGO = 180


def _first_wave(library: Library, index: int, now: datetime.datetime) -> int:
    if library.mode_changes.filter(reason=FIRST_WAVE).exists():
        return 0
    earliest = library.mode_changes.order_by("since").values_list("since", flat=True).first() or now
    closed = now - datetime.timedelta(days=WAVE_START_DAYS_AGO - index)  # closures within a few days
    to_appointment, to_open = REOPENING.get(library.slug, (35 + 7 * index, 14))
    appointment = closed + datetime.timedelta(days=to_appointment)
    opened = appointment + datetime.timedelta(days=to_open)
    entries = [
        (ServiceMode.CLOSED, closed, "疫情防控期间暂停开放。", "Closed during the epidemic."),
        (ServiceMode.APPOINTMENT, appointment, "恢复开放，预约入馆。", "Reopened: book a visit first."),
        (ServiceMode.OPEN, opened, "", ""),
    ]
    created = 0
    for mode, since, zh, en in entries:
        if since >= earliest:  # never rewrite what the library is doing now
            break
        set_service_mode(library, mode, since=since, reason=FIRST_WAVE, message_zh=zh, message_en=en)
        created += 1
    return created


def _sample_run(library: Library) -> int:
    if library.closure_runs.exists():
        return 0
    change = library.mode_changes.filter(mode=ServiceMode.CLOSED).order_by("-since").first()
    if change is None:
        return 0
    manager = get_user_model().objects.filter(username="manager.wuhan@example.org").first()
    run = ClosureRun.objects.create(
        library=library,
        mode=ServiceMode.CLOSED,
        reason=change.reason,
        options={"steps": ["online_first", "notify_readers"], "since": change.since.isoformat(), "change": change.pk},
        results=[
            {"action": "service_mode", "ok": True, "summary": "暂停开放 / Closed"},
            {
                "action": "online_first",
                "ok": True,
                "summary": "首页优先展示线上服务 / Home page leads with online services",
            },
            {"action": "notify_readers", "ok": True, "summary": "已通知 2 位读者 / 2 readers notified"},
            {"action": "service_record", "ok": True, "summary": " / ".join(mode_title(ServiceMode.CLOSED))},
        ],
        started_by=manager,
    )
    ClosureRun.objects.filter(pk=run.pk).update(started_at=change.since)
    title_zh, title_en = mode_title(ServiceMode.CLOSED)
    record_service(
        library=library,
        date=timezone.localtime(change.since).date(),
        categories=[Category.EMERGENCY],
        title_zh=title_zh,
        title_en=title_en,
        source_object=run,
    )
    return 1


def load(libraries: dict[str, Library], now: datetime.datetime) -> int:
    """Add the first wave to each demo library and a closure run to Wuhan's; return how many rows were added."""
    created = 0
    for index, library in enumerate(libraries.values()):
        created += _first_wave(library, index, now)
    if "wuhan" in libraries:
        created += _sample_run(libraries["wuhan"])
    return created
