"""Lending's step in closing a library ("Extend due dates and waive fines"), registered with emergency's
closure steps from `LendingConfig.ready()` (emergency never imports lending).

Both steps use one setting, "extend_days" (30 by default): the closure form shows it as one field.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lantern.emergency.services.closure import ClosurePlan, ClosureStep, StepResult, StepSetting

from .models import Loan, Order
from .services import fulfilment, loans

CODE = "extend_due_dates"
DEFAULT_DAYS = 30
EXTEND_DAYS = StepSetting("extend_days", gettext_lazy("Days to extend loans and holds by"), DEFAULT_DAYS, 1, 180)


def _days(plan: ClosurePlan) -> int:
    return int(plan.options.get(EXTEND_DAYS.name, DEFAULT_DAYS))


def preview_extend_due_dates(plan: ClosurePlan) -> str:
    count = Loan.objects.filter(library=plan.library).open().count()
    return ngettext(
        "%(count)d open loan gets %(days)d more days; fines are waived.",
        "%(count)d open loans get %(days)d more days; fines are waived.",
        count,
    ) % {"count": count, "days": _days(plan)}


def run_extend_due_dates(plan: ClosurePlan) -> StepResult:
    extended, waived = loans.extend_due_dates(plan.library, _days(plan), waive_fines=True, by=plan.by)
    summary = _("%(extended)d open loans are due %(days)d days later; %(waived)d fines waived.") % {
        "extended": extended,
        "days": _days(plan),
        "waived": waived,
    }
    return StepResult(CODE, True, summary)


STEP = ClosureStep(
    CODE,
    gettext_lazy("Extend due dates and waive fines"),
    gettext_lazy("Every open loan is due the chosen number of days later (from today if overdue); fines are waived."),
    preview_extend_due_dates,
    run_extend_due_dates,
    settings=(EXTEND_DAYS,),
)


HOLDS_CODE = "pause_holds"


def preview_pause_holds(plan: ClosurePlan) -> str:
    count = _open_pickups(plan).count()
    return ngettext(
        "%(count)d pickup order keeps its items %(days)d days longer.",
        "%(count)d pickup orders keep their items %(days)d days longer.",
        count,
    ) % {"count": count, "days": _days(plan)}


def _open_pickups(plan: ClosurePlan):
    return Order.objects.filter(library=plan.library, method=Order.Method.PICKUP, status__in=Order.OPEN)


def run_pause_holds(plan: ClosurePlan) -> StepResult:
    count = fulfilment.extend_holds(plan.library, _days(plan), by=plan.by)
    summary = _("%(count)d pickup orders keep their items %(days)d days longer.") % {
        "count": count,
        "days": _days(plan),
    }
    return StepResult(HOLDS_CODE, True, summary)


HOLDS_STEP = ClosureStep(
    HOLDS_CODE,
    gettext_lazy("Pause holds"),
    gettext_lazy("Items ordered for pickup are kept the chosen number of days longer, so no hold runs out meanwhile."),
    preview_pause_holds,
    run_pause_holds,
    settings=(EXTEND_DAYS,),
)
