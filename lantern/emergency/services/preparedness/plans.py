"""Emergency plans: versions, checklists, activations and drills, and the yearly review reminder."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import AuditEntry, Library
from lantern.core.ordering import DIRECTIONS, swap_with_neighbour
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category

from ...models import (
    ChecklistItem,
    ChecklistTick,
    Plan,
    PlanActivation,
    PlanVersion,
)
from .common import (
    NOTES_MAX,
    REVIEW_SOON_DAYS,
    SECTION_MAX,
    SECTIONS,
    STEP_MAX,
    TITLE_MAX,
    _actor,
    _clean,
    _Formatted,
    _is_staff_of,
    library_managers,
)


# --- plans ---------------------------------------------------------------------------------------
def one_year_on(day: datetime.date) -> datetime.date:
    """The same date next year (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def check_plan(*, title_zh: str, title_en: str, scenario: str) -> dict:
    data = {"title_zh": _clean(title_zh), "title_en": _clean(title_en), "scenario": scenario}
    errors: dict[str, list] = {}
    if not (data["title_zh"] or data["title_en"]):
        errors["title_zh"] = [_("Give the plan a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("Keep the title under %(n)d characters.") % {"n": TITLE_MAX}]
    if scenario not in Plan.Scenario.values:
        errors["scenario"] = [_("Choose a scenario from the list.")]
    if errors:
        raise ValidationError(errors)
    return data


def create_plan(library: Library, *, title_zh: str, title_en: str, scenario: str, by=None) -> Plan:
    """Create a plan without content; its first version is written next (and sets the review date)."""
    data = check_plan(title_zh=title_zh, title_en=title_en, scenario=scenario)
    with transaction.atomic():
        plan = Plan.objects.create(
            library=library,
            title_zh_hans=data["title_zh"] or None,
            title_en=data["title_en"] or None,
            scenario=data["scenario"],
        )
        record_audit(by, "plan.created", plan, library=library, summary=plan.title)
    return plan


def current_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def check_version(sections: dict, what_changed: str = "") -> dict:
    data = {name: _clean(sections.get(name)) for name in SECTIONS}
    errors: dict[str, list] = {}
    if not any(data.values()):
        errors["procedures"] = [_("Write at least one section of the plan, such as its procedures.")]
    for name, text in data.items():
        if len(text) > SECTION_MAX:
            errors[name] = [_("Keep each section under %(n)d characters.") % {"n": SECTION_MAX}]
    if len(_clean(what_changed)) > 300:
        errors["what_changed"] = [_("Keep the summary of changes under 300 characters.")]
    if errors:
        raise ValidationError(errors)
    return data


def write_version(plan: Plan, *, by=None, what_changed: str = "", today: datetime.date | None = None, **sections):
    """Save a new numbered version (earlier ones stay readable) and set the next review one year on.

    The plan's first version records its ServiceRecord (emergency).
    """
    data = check_version(sections, what_changed)
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PlanVersion.objects.create(plan=plan, number=number, created_by=_actor(by), **data)
        plan.review_due = one_year_on(today)
        plan.save(update_fields=["review_due"])
        summary = f"v{number}: {_clean(what_changed)}" if _clean(what_changed) else f"v{number}"
        record_audit(by, "plan.version_written", version, library=plan.library, summary=summary)
        if number == 1:
            record_service(
                library=plan.library,
                date=today,
                categories=[Category.EMERGENCY],
                title_zh=plan.title_zh_hans or "",
                title_en=plan.title_en or "",
                source_object=plan,
            )
    return version


def changed_sections(version: PlanVersion, previous: PlanVersion | None) -> list[str]:
    """Labels of the sections that differ from the previous version (all of them for the first)."""
    return [
        str(PlanVersion._meta.get_field(name).verbose_name)
        for name in SECTIONS
        if previous is None or getattr(version, name) != getattr(previous, name)
    ]


def change_notes(versions) -> dict[int, str]:
    """The "what changed" note staff wrote with each version (kept in its audit entry), by version pk."""
    entries = AuditEntry.objects.filter(
        action="plan.version_written",
        object_type=PlanVersion._meta.label,
        object_id__in=[str(v.pk) for v in versions],
    )
    return {int(e.object_id): e.summary.partition(": ")[2] for e in entries}


def review_state(plan: Plan, today: datetime.date) -> str:
    """ "missing" (no version yet), "overdue", "soon" (within 30 days) or "ok"."""
    if plan.review_due is None:
        return "missing"
    if plan.review_due < today:
        return "overdue"
    if plan.review_due <= today + datetime.timedelta(days=REVIEW_SOON_DAYS):
        return "soon"
    return "ok"


# --- checklist -----------------------------------------------------------------------------------
def check_item(plan: Plan, *, text_zh: str, text_en: str, owner) -> dict:
    data = {"text_zh": _clean(text_zh), "text_en": _clean(text_en), "owner": owner}
    errors: dict[str, list] = {}
    if not (data["text_zh"] or data["text_en"]):
        errors["text_zh"] = [_("Write the step in Chinese, in English or in both.")]
    for field in ("text_zh", "text_en"):
        if len(data[field]) > STEP_MAX:
            errors[field] = [_("Keep the step under %(n)d characters.") % {"n": STEP_MAX}]
    if owner is not None and not _is_staff_of(owner, plan.library):
        errors["owner"] = [_("The owner must be a member of this library's staff.")]
    if errors:
        raise ValidationError(errors)
    return data


def add_checklist_item(plan: Plan, *, text_zh: str, text_en: str = "", owner=None, by=None) -> ChecklistItem:
    """Add a step at the end of the plan's checklist."""
    data = check_item(plan, text_zh=text_zh, text_en=text_en, owner=owner)
    with transaction.atomic():
        last = plan.checklist.aggregate(p=Max("position"))["p"]
        item = ChecklistItem.objects.create(
            plan=plan,
            position=0 if last is None else last + 1,
            text_zh_hans=data["text_zh"] or None,
            text_en=data["text_en"] or None,
            owner=owner,
        )
        record_audit(by, "plan.step_added", item, library=plan.library, summary=item.text)
    return item


def move_checklist_item(item: ChecklistItem, direction: str, *, by=None) -> ChecklistItem:
    """Swap a step with its neighbour above ("up") or below ("down")."""
    if direction not in DIRECTIONS:
        raise ValidationError(_("Move a step up or down."))
    with transaction.atomic():
        items = ChecklistItem.objects.select_for_update().filter(plan_id=item.plan_id).order_by("position", "pk")
        swap_with_neighbour(items, item, direction, start=0)
        record_audit(by, "plan.step_moved", item, library=item.plan.library, summary=direction)
    return item


def remove_checklist_item(item: ChecklistItem, *, by=None) -> None:
    with transaction.atomic():
        record_audit(by, "plan.step_removed", item, library=item.plan.library, summary=item.text)
        item.delete()


# --- activations and drills ----------------------------------------------------------------------
def start_activation(plan: Plan, *, is_drill: bool, by=None) -> PlanActivation:
    """Put the plan in use for a real event or a drill; one running activation per plan at a time."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.checklist.exists():
            raise ValidationError(_("Add the checklist's steps before starting the plan."))
        if plan.activations.filter(finished_at__isnull=True).exists():
            raise ValidationError(_("This plan is already in use: finish the running event or drill first."))
        activation = PlanActivation.objects.create(plan=plan, is_drill=is_drill)
        record_audit(
            by,
            "plan.drill_started" if is_drill else "plan.activated",
            activation,
            library=plan.library,
            summary=plan.title,
        )
    return activation


def _check_running(activation: PlanActivation) -> None:
    if activation.finished_at is not None:
        raise ValidationError(_("This event or drill is finished; its checklist can no longer change."))


def tick_item(activation: PlanActivation, item: ChecklistItem, *, by=None) -> ChecklistTick:
    """Mark a step done, with who and when; a step is ticked once per activation."""
    _check_running(activation)
    if item.plan_id != activation.plan_id:
        raise ValidationError(_("This step belongs to another plan."))
    with transaction.atomic():
        tick, created = ChecklistTick.objects.get_or_create(
            activation=activation, item=item, defaults={"done_by": _actor(by)}
        )
        if created:
            record_audit(by, "plan.step_ticked", tick, library=activation.plan.library, summary=item.text)
    return tick


def untick_item(activation: PlanActivation, item: ChecklistItem, *, by=None) -> None:
    """Take back a tick made by mistake while the event is running."""
    _check_running(activation)
    with transaction.atomic():
        deleted, _rows = activation.ticks.filter(item=item).delete()
        if deleted:
            record_audit(by, "plan.step_unticked", item, library=activation.plan.library, summary=item.text)


def finish_activation(activation: PlanActivation, *, notes: str = "", by=None) -> PlanActivation:
    """Close the event or drill with notes (what went well, what to change in the plan)."""
    _check_running(activation)
    notes = _clean(notes)
    if len(notes) > NOTES_MAX:
        raise ValidationError({"notes": [_("Keep the notes under %(n)d characters.") % {"n": NOTES_MAX}]})
    with transaction.atomic():
        activation.finished_at = timezone.now()
        activation.notes = notes
        activation.save(update_fields=["finished_at", "notes"])
        record_audit(by, "plan.activation_finished", activation, library=activation.plan.library, summary=notes[:200])
    return activation


# --- review reminders ----------------------------------------------------------------------------
def plans_due_for_review(today: datetime.date):
    """Plans whose review is overdue or due within 30 days."""
    return (
        Plan.objects.filter(review_due__lte=today + datetime.timedelta(days=REVIEW_SOON_DAYS))
        .select_related("library")
        .order_by("review_due", "pk")
    )


def send_review_reminders(today: datetime.date | None = None) -> int:
    """Notify each manager of a library about its plans due for review; at most one notice per plan and
    manager in 7 days, so a daily run does not flood anyone. Returns the number of notices sent."""
    today = today or timezone.localdate()
    sent = 0
    since = timezone.now() - datetime.timedelta(days=7)
    for plan in plans_due_for_review(today):
        link = reverse("emergency:plan_detail", args=[plan.library.slug, plan.pk])
        overdue = plan.review_due < today
        subject = (
            gettext_lazy("Emergency plan overdue for review: %(title)s")
            if overdue
            else gettext_lazy("Emergency plan due for review: %(title)s")
        )
        body = gettext_lazy(
            "Review the plan and save a new version by %(date)s; the next review is then due a year on."
        )
        for manager in library_managers(plan.library):
            if manager.notices.filter(link=link, created_at__gte=since).exists():
                continue
            title = _plan_title_for(plan, manager)
            notify(
                manager,
                _Formatted(subject, {"title": title}),
                _Formatted(body, {"date": plan.review_due.isoformat()}),
                link=link,
                library=plan.library,
            )
            sent += 1
    return sent


def _plan_title_for(plan: Plan, person) -> str:
    if (person.language or "").startswith("en"):
        return plan.title_en or plan.title_zh_hans or ""
    return plan.title_zh_hans or plan.title_en or ""
