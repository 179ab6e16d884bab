"""Programs' step in closing a library ("Cancel or move on-site events"), registered with emergency's closure
steps from `ProgramsConfig.ready()` (emergency never imports programs).

On-site events of the library from the closure until the plan's expected reopening (or the next 30 days when
none is given) are cancelled; hybrid ones go on online only. Everyone registered or waiting is told, in their
language. A reopening plan has nothing to cancel.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.emergency.services.closure import ClosurePlan, ClosureStep, StepResult

from .models import Event
from .services import events as services

CODE = "cancel_onsite_events"


def _hit(plan: ClosurePlan):
    since = max(plan.since, timezone.now())  # events already under way are left alone
    return services.events_hit_by_closure(plan.library, since, plan.expected_reopening)


def _counts(plan: ClosurePlan) -> tuple[int, int]:
    if plan.is_reopening:
        return 0, 0
    modes = list(_hit(plan).values_list("mode", flat=True))
    return modes.count(Event.Mode.ONSITE), modes.count(Event.Mode.HYBRID)


def _until(plan: ClosurePlan) -> str:
    if plan.expected_reopening:
        return _("until the expected reopening on %(date)s") % {"date": plan.expected_reopening.isoformat()}
    return _("in the next %(days)d days") % {"days": services.CLOSURE_DAYS}


def preview_cancel_onsite_events(plan: ClosurePlan) -> str:
    if plan.is_reopening:
        return _("Nothing to do: the library is open to visitors.")
    cancelled, moved = _counts(plan)
    return _(
        "%(cancelled)d on-site events %(until)s will be cancelled and %(moved)d hybrid events will go on online "
        "only; everyone registered is told."
    ) % {"cancelled": cancelled, "moved": moved, "until": _until(plan)}


def run_cancel_onsite_events(plan: ClosurePlan) -> StepResult:
    if plan.is_reopening:
        return StepResult(CODE, True, _("Nothing to do: the library is open to visitors."))
    cancelled = moved = told = 0
    reason = _("The library is closed.")
    if plan.reason:
        reason = f"{reason} {plan.reason}"[:300]
    for event in list(_hit(plan)):
        if event.mode == Event.Mode.ONSITE:
            told += services.cancel_event(event, reason, by=plan.by)
            cancelled += 1
        else:
            told += services.move_online(event, by=plan.by)
            moved += 1
    summary = _(
        "%(cancelled)d on-site events were cancelled and %(moved)d hybrid events moved online; %(told)d readers "
        "were told."
    ) % {"cancelled": cancelled, "moved": moved, "told": told}
    return StepResult(CODE, True, summary)


STEP = ClosureStep(
    CODE,
    gettext_lazy("Cancel or move on-site events"),
    gettext_lazy(
        "On-site events until the expected reopening (or the next 30 days) are cancelled and hybrid ones go "
        "online only; everyone registered is told."
    ),
    preview_cancel_onsite_events,
    run_cancel_onsite_events,
)
