"""Closing and reopening a library in one step: `check_closure` validates, `preview_closure` says what
will happen, `run_closure` does it in one transaction and keeps a `ClosureRun` of what each step did.

A run always changes the service mode (with its history entry and audit entry) and records one
ServiceRecord (emergency) for the run; the steps staff tick are in `STEPS`.

Adding a closure step (Lending: "extend due dates and waive fines"; Programs: "cancel or move on-site
events and notify the registered"):
1. Write `preview_<code>(plan) -> str` (what will happen, in the active language; read only) and
   `run_<code>(plan) -> StepResult` (does it; raise to fail — the step's writes are rolled back and the
   failure is reported, the other steps go on).
2. Add `ClosureStep(code, label, help_text, preview, run)` to `STEPS`, in the order it should run; a step
   of another app calls `register_step(ClosureStep(...))` from its AppConfig.ready() instead (emergency
   never imports that app; lending registers "extend_due_dates" this way). A number staff choose for the
   step (e.g. how many days) is a `StepSetting` in `settings`: the form shows a field for it, `check_closure`
   bounds it and the step reads `plan.options[name]`.
3. Test that the confirmation page shows its preview and the result page its summary.
The form, the confirmation page, the result page and the API pick the step up from `STEPS`.
"""

import dataclasses
import datetime
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import Library, ServiceMode, ServiceModeChange
from lantern.core.services import notify, record_audit, set_service_mode
from lantern.core.status_history import VISITABLE_MODES
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category

from ..models import ClosureRun

logger = logging.getLogger(__name__)

MESSAGE_MAX = 500
REASON_MAX = 300
# A run notifies at most this many readers, one `notify` each (about 3–9 ms apiece, measured), so that
# the request stays well under a minute; beyond it the step fails and says how many were left out.
NOTIFY_LIMIT = 5_000
# Doors shut for visitors (the study's "closure") and doors open again (its "reopening").


@dataclasses.dataclass
class ClosurePlan:
    """What staff asked for, validated: the new mode, its details and the steps they ticked."""

    library: Library
    mode: str
    since: datetime.datetime
    reason: str = ""
    message_zh: str = ""
    message_en: str = ""
    expected_reopening: datetime.date | None = None
    steps: tuple[str, ...] = ()
    options: dict = dataclasses.field(default_factory=dict)
    by: object = None

    @property
    def is_reopening(self) -> bool:
        return self.mode in VISITABLE_MODES


@dataclasses.dataclass
class StepResult:
    action: str
    ok: bool
    summary: str

    def as_dict(self) -> dict:
        return {"action": self.action, "ok": self.ok, "summary": self.summary}


@dataclasses.dataclass(frozen=True)
class StepSetting:
    """A whole number a step lets staff choose (e.g. how many days to extend loans by); it lands in
    `plan.options[name]`. Steps that share a name share one field on the form."""

    name: str
    label: object
    default: int
    minimum: int
    maximum: int


@dataclasses.dataclass(frozen=True)
class ClosureStep:
    code: str
    label: object
    help_text: object
    preview: Callable[[ClosurePlan], str]
    run: Callable[[ClosurePlan], StepResult]
    settings: tuple[StepSetting, ...] = ()


# --- the steps -----------------------------------------------------------------------------------
def preview_online_first(plan: ClosurePlan) -> str:
    if plan.mode == ServiceMode.OPEN:
        return _("The home page returns to its usual layout.")
    return _("The home page leads with the online services.")


def run_online_first(plan: ClosurePlan) -> StepResult:
    wanted = plan.mode != ServiceMode.OPEN
    Library.objects.filter(pk=plan.library.pk).update(online_first=wanted)
    plan.library.online_first = wanted
    if wanted:
        return StepResult("online_first", True, _("The home page now leads with the online services."))
    return StepResult("online_first", True, _("The home page is back to its usual layout."))


def _readers(library: Library):
    return library.cards.filter(reader__is_active=True).select_related("reader").order_by("pk")


def preview_notify_readers(plan: ClosurePlan) -> str:
    count = _readers(plan.library).count()
    shown = min(count, NOTIFY_LIMIT)
    return _("%(count)d readers holding a card get a notice, each in their own language.") % {"count": shown}


def _notice_for(plan: ClosurePlan, reader) -> tuple[str, str]:
    with translation.override(reader.language or None):
        mode = ServiceMode(plan.mode).label
        subject = _("%(library)s: %(mode)s") % {"library": plan.library.name, "mode": mode}
        zh_first = translation.get_language() == "zh-hans"
        message = (plan.message_zh or plan.message_en) if zh_first else (plan.message_en or plan.message_zh)
        lines = [
            _("From %(date)s the library is: %(mode)s.")
            % {"date": timezone.localtime(plan.since).date().isoformat(), "mode": mode}
        ]
        if message:
            lines.append(message)
        if plan.expected_reopening and not plan.is_reopening:
            lines.append(_("Expected to reopen on %(date)s.") % {"date": plan.expected_reopening.isoformat()})
        return str(subject), "\n\n".join(str(line) for line in lines)


def run_notify_readers(plan: ClosurePlan) -> StepResult:
    readers = _readers(plan.library)
    total = readers.count()
    link = reverse("library_home", args=[plan.library.slug])
    sent = 0
    texts: dict[str, tuple[str, str]] = {}  # one rendering per language, not per reader
    for card in readers[:NOTIFY_LIMIT].iterator(chunk_size=500):
        language = card.reader.language or ""
        if language not in texts:
            texts[language] = _notice_for(plan, card.reader)
        subject, body = texts[language]
        notify(card.reader, subject, body, link=link, library=plan.library)
        sent += 1
    summary = _("%(count)d readers were sent a notice.") % {"count": sent}
    if total > sent:
        summary += " " + _("%(count)d more were not notified (limit reached).") % {"count": total - sent}
    return StepResult("notify_readers", total == sent, summary)


# The built-in steps and those other apps registered, in the order they run; STEPS, STEP_CODES and
# ACTION_LABELS are rebuilt from it by `register_step`.
_REGISTERED: list[ClosureStep] = [
    ClosureStep(
        "online_first",
        gettext_lazy("Switch the home page to the online services"),
        gettext_lazy("On while the library is not fully open; switched off again when it opens."),
        preview_online_first,
        run_online_first,
    ),
    ClosureStep(
        "notify_readers",
        gettext_lazy("Notify readers"),
        gettext_lazy("A notice to every reader holding a card here, in their language, with the banner message."),
        preview_notify_readers,
        run_notify_readers,
    ),
]
STEPS: tuple[ClosureStep, ...] = tuple(_REGISTERED)
STEP_CODES = tuple(step.code for step in STEPS)
# Labels of every action a run can report, for the result page (steps, plus what every run does).
ACTION_LABELS = {
    "service_mode": gettext_lazy("Service mode and banner"),
    "service_record": gettext_lazy("Service record"),
    **{step.code: step.label for step in STEPS},
}


def register_step(step: ClosureStep) -> None:
    """Add another app's step after the ones already there (the form's tick-boxes, the confirmation page,
    the run and the result page pick it up). Registering a code again replaces that step in place."""
    global STEPS, STEP_CODES
    codes = [known.code for known in _REGISTERED]
    if step.code in codes:
        _REGISTERED[codes.index(step.code)] = step
    else:
        _REGISTERED.append(step)
    STEPS = tuple(_REGISTERED)
    STEP_CODES = tuple(known.code for known in STEPS)
    ACTION_LABELS[step.code] = step.label


def step_settings() -> list[StepSetting]:
    """The settings of every registered step, each name once, in step order."""
    seen: dict[str, StepSetting] = {}
    for step in STEPS:
        for setting in step.settings:
            seen.setdefault(setting.name, setting)
    return list(seen.values())


def _check_options(options: dict) -> tuple[dict, dict]:
    """Known settings as ints within their bounds (defaults filled in); errors keyed `option_<name>`."""
    checked, errors = dict(options), {}
    for setting in step_settings():
        value = options.get(setting.name)
        if value in (None, ""):
            checked[setting.name] = setting.default
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not setting.minimum <= number <= setting.maximum:
            errors[f"option_{setting.name}"] = [
                _("%(label)s: give a whole number from %(min)d to %(max)d.")
                % {"label": setting.label, "min": setting.minimum, "max": setting.maximum}
            ]
        else:
            checked[setting.name] = number
    return checked, errors


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


# --- validate, preview, run ----------------------------------------------------------------------
def check_closure(
    library: Library,
    mode: str,
    *,
    since: datetime.datetime | None = None,
    reason: str = "",
    message_zh: str = "",
    message_en: str = "",
    expected_reopening: datetime.date | None = None,
    steps=(),
    options: dict | None = None,
    by=None,
) -> ClosurePlan:
    """Validate a closure or reopening; return the plan or raise ValidationError by field."""
    errors: dict[str, list] = {}
    now = timezone.now()
    since = since or now
    if mode not in ServiceMode.values:
        errors["mode"] = [_("Unknown service mode “%(mode)s”.") % {"mode": mode}]
    if since > now + datetime.timedelta(minutes=5):
        errors["since"] = [_("A change cannot start in the future; make it on the day.")]
    elif since < library.mode_since:
        errors["since"] = [
            _("The current mode began on %(date)s; a new mode must start after it.")
            % {"date": timezone.localtime(library.mode_since).strftime("%Y-%m-%d %H:%M")}
        ]
    reason, message_zh, message_en = reason.strip(), message_zh.strip(), message_en.strip()
    if len(reason) > REASON_MAX:
        errors["reason"] = [_("Keep the reason under %(n)d characters.") % {"n": REASON_MAX}]
    for field, message in (("message_zh", message_zh), ("message_en", message_en)):
        if len(message) > MESSAGE_MAX:
            errors[field] = [
                _("Keep the banner message under %(n)d characters (it has %(count)d).")
                % {"n": MESSAGE_MAX, "count": len(message)}
            ]
    if mode == ServiceMode.OPEN:
        expected_reopening = None  # an open library has nothing to reopen
    if expected_reopening and expected_reopening < timezone.localtime(since).date():
        errors["expected_reopening"] = [_("The expected reopening date cannot be before the change starts.")]
    unknown = [code for code in steps if code not in STEP_CODES]
    if unknown:
        errors["steps"] = [_("Unknown actions: %(codes)s") % {"codes": ", ".join(map(str, unknown))}]
    options, option_errors = _check_options(options or {})
    errors.update(option_errors)
    if errors:
        raise ValidationError(errors)
    return ClosurePlan(
        library=library,
        mode=mode,
        since=since,
        reason=reason,
        message_zh=message_zh,
        message_en=message_en,
        expected_reopening=expected_reopening,
        steps=tuple(code for code in STEP_CODES if code in steps or _always(code, library, mode)),
        options=options,
        by=by,
    )


def _always(code: str, library: Library, mode: str) -> bool:
    """Steps that follow from the change itself: a fully reopened library's home page goes back to normal."""
    return code == "online_first" and mode == ServiceMode.OPEN and library.online_first


def mode_title(mode: str) -> tuple[str, str]:
    """The run's title in Chinese and English, as its ServiceRecord shows it: "闭馆：暂停开放 / Closed"."""
    kind_zh, kind_en = ("恢复开放", "Reopened") if mode in VISITABLE_MODES else ("闭馆", "Closure")
    with translation.override("zh-hans"):
        label_zh = str(ServiceMode(mode).label)
    with translation.override("en"):
        label_en = str(ServiceMode(mode).label)
    return f"{kind_zh}：{label_zh}", f"{kind_en}: {label_en}"


def preview_closure(plan: ClosurePlan) -> list[dict]:
    """What `run_closure` will do, one line per action, without changing anything."""
    mode = ServiceMode(plan.mode).label
    lines = [
        {
            "action": "service_mode",
            "label": action_label("service_mode"),
            "summary": _("The library becomes “%(mode)s” from %(date)s; every page's banner says so.")
            % {"mode": mode, "date": timezone.localtime(plan.since).strftime("%Y-%m-%d %H:%M")},
        }
    ]
    lines += [
        {"action": step.code, "label": step.label, "summary": step.preview(plan)}
        for step in STEPS
        if step.code in plan.steps
    ]
    lines.append(
        {
            "action": "service_record",
            "label": action_label("service_record"),
            "summary": _("It is counted as an emergency-management service record: %(title)s")
            % {"title": " / ".join(mode_title(plan.mode))},
        }
    )
    return lines


def _run_step(step: ClosureStep, plan: ClosurePlan) -> StepResult:
    try:
        with transaction.atomic():  # a savepoint: a failing step leaves nothing half-done behind
            return step.run(plan)
    except Exception as exc:  # any failure is reported on the result page, never hidden
        logger.exception("Closure step %s failed for %s", step.code, plan.library.slug)
        detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else exc.__class__.__name__
        return StepResult(step.code, False, _("This action failed and changed nothing: %(error)s") % {"error": detail})


def run_closure(plan: ClosurePlan) -> ClosureRun:
    """Change the mode and do every ticked step in one transaction; keep what each did in a ClosureRun.

    The mode change either happens with its history, audit entry and service record, or not at all; a
    step that fails is rolled back on its own and reported with ok=False.
    """
    with transaction.atomic():
        change: ServiceModeChange = set_service_mode(
            plan.library,
            plan.mode,
            by=plan.by,
            since=plan.since,
            reason=plan.reason,
            message_zh=plan.message_zh,
            message_en=plan.message_en,
            expected_reopening=plan.expected_reopening,
        )
        plan.library.refresh_from_db()
        results = [StepResult("service_mode", True, preview_closure(plan)[0]["summary"])]
        results += [_run_step(step, plan) for step in STEPS if step.code in plan.steps]
        run = ClosureRun.objects.create(
            library=plan.library,
            mode=plan.mode,
            reason=plan.reason,
            options={"steps": list(plan.steps), "since": plan.since.isoformat(), "change": change.pk, **plan.options},
            started_by=plan.by if getattr(plan.by, "is_authenticated", False) else None,
        )
        title_zh, title_en = mode_title(plan.mode)
        record_service(
            library=plan.library,
            date=timezone.localtime(plan.since).date(),
            categories=[Category.EMERGENCY],
            title_zh=title_zh,
            title_en=title_en,
            source_object=run,
            link=reverse("library_home", args=[plan.library.slug]),
        )
        results.append(
            StepResult("service_record", True, _("Recorded: %(title)s") % {"title": f"{title_zh} / {title_en}"})
        )
        run.results = [result.as_dict() for result in results]
        run.save(update_fields=["results"])
        failed = [r.action for r in results if not r.ok]
        record_audit(
            plan.by,
            "emergency.closure_run",
            run,
            library=plan.library,
            summary=f"{plan.mode}; steps: {', '.join(plan.steps) or '-'}"
            + (f"; failed: {', '.join(failed)}" if failed else ""),
        )
    return run
