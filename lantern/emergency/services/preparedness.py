"""Everything that changes a library's preparedness: emergency plans (versions, checklists, activations and
drills), the prevention logs (cleaning, supplies, material quarantine) and staff trainings.

Each function validates first (raising ValidationError keyed by form field, in the active language), then
writes in one transaction with an audit entry. Nothing here holds data about individual readers.

Who may call what is decided by the views: any staff member of the library logs cleaning, moves stock and
runs activations; managers (and network coordinators) write plans, supplies, quarantine rules and trainings.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import AuditEntry, Library, Role
from lantern.core.permissions import STAFF_KINDS
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category, Competency

from ..models import (
    ChecklistItem,
    ChecklistTick,
    CleaningLogEntry,
    Plan,
    PlanActivation,
    PlanVersion,
    QuarantineRule,
    Supply,
    Training,
)

User = get_user_model()

TITLE_MAX = 200
SECTION_MAX = 20_000
STEP_MAX = 300
NOTES_MAX = 5_000
AREA_MAX = 100
STOCK_MAX = 1_000_000
QUARANTINE_MAX_HOURS = 720  # 30 days: longer than any published guidance, so a typo (7200) is caught
TRAINING_MAX_HOURS = Decimal("1000")
REVIEW_SOON_DAYS = 30
SECTIONS = ("risks", "contacts", "roles", "procedures", "substitutions")


def _clean(value) -> str:
    return (value or "").strip()


def _actor(by):
    return by if getattr(by, "is_authenticated", False) else None


# --- people of a library -------------------------------------------------------------------------
def library_staff(library: Library):
    """The staff members and managers of `library`: the people who own checklist steps and attend trainings."""
    return (
        User.objects.filter(roles__library=library, roles__kind__in=STAFF_KINDS, is_active=True)
        .distinct()
        .order_by("name", "username")
    )


def library_managers(library: Library):
    return User.objects.filter(roles__library=library, roles__kind=Role.Kind.MANAGER, is_active=True).distinct()


def _is_staff_of(user, library: Library) -> bool:
    return user is not None and library_staff(library).filter(pk=user.pk).exists()


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
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a step up or down."))
    with transaction.atomic():
        items = list(ChecklistItem.objects.select_for_update().filter(plan_id=item.plan_id).order_by("position", "pk"))
        index = next(i for i, each in enumerate(items) if each.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for position, each in enumerate(items):
            if each.position != position:
                each.position = position
                each.save(update_fields=["position"])
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


class _Formatted:
    """A lazy translation with its %-values, rendered in whichever language `notify` switches to."""

    def __init__(self, text, values: dict):
        self.text, self.values = text, values

    def __str__(self) -> str:
        return str(self.text) % self.values


# --- cleaning log --------------------------------------------------------------------------------
def log_cleaning(
    library: Library, *, area: str, done_at: datetime.datetime | None = None, method: str = "", notes: str = "", by=None
) -> CleaningLogEntry:
    """Log one cleaning or disinfection of an area (now, unless a time is given)."""
    now = timezone.now()
    data = {"area": _clean(area), "method": _clean(method), "notes": _clean(notes)}
    errors: dict[str, list] = {}
    if not data["area"]:
        errors["area"] = [_("Say which area was cleaned.")]
    elif len(data["area"]) > AREA_MAX:
        errors["area"] = [_("Keep the area under %(n)d characters.") % {"n": AREA_MAX}]
    if len(data["method"]) > 200:
        errors["method"] = [_("Keep the method under %(n)d characters.") % {"n": 200}]
    if len(data["notes"]) > 300:
        errors["notes"] = [_("Keep the notes under %(n)d characters.") % {"n": 300}]
    if done_at is not None and done_at > now + datetime.timedelta(minutes=5):
        errors["done_at"] = [_("The time cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = CleaningLogEntry.objects.create(library=library, done_at=done_at or now, done_by=_actor(by), **data)
    return entry


def recent_areas(library: Library, limit: int = 8) -> list[str]:
    """The areas logged most recently, for the one-tap buttons."""
    areas: list[str] = []
    for area in library.cleaning_log.order_by("-done_at").values_list("area", flat=True)[:200]:
        if area not in areas:
            areas.append(area)
        if len(areas) == limit:
            break
    return areas


# --- supplies ------------------------------------------------------------------------------------
def _check_count(value, field: str, errors: dict, *, allow_zero: bool = True) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = [_("Enter a whole number.")]
        return None
    if number < 0 or (not allow_zero and number == 0):
        errors[field] = [_("Enter a number above zero.") if not allow_zero else _("Enter zero or more.")]
        return None
    if number > STOCK_MAX:
        errors[field] = [_("Enter at most %(n)d.") % {"n": STOCK_MAX}]
        return None
    return number


def add_supply(library: Library, *, name: str, unit: str = "", stock=0, low_at=0, by=None) -> Supply:
    """Start tracking a supply (masks, sanitiser...) with its opening stock and alert level."""
    errors: dict[str, list] = {}
    name, unit = _clean(name), _clean(unit)
    if not name:
        errors["name"] = [_("Name the supply.")]
    elif len(name) > 100:
        errors["name"] = [_("Keep the name under %(n)d characters.") % {"n": 100}]
    elif library.supplies.filter(name__iexact=name).exists():
        errors["name"] = [_("This library already tracks a supply with this name.")]
    if len(unit) > 30:
        errors["unit"] = [_("Keep the unit under %(n)d characters.") % {"n": 30}]
    stock = _check_count(stock, "stock", errors)
    low_at = _check_count(low_at, "low_at", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        supply = Supply.objects.create(library=library, name=name, unit=unit, stock=stock, low_at=low_at)
        record_audit(by, "supply.added", supply, library=library, summary=f"{name}: {stock}")
    return supply


def change_stock(supply: Supply, *, direction: str, quantity, by=None) -> Supply:
    """Record stock coming in or going out. Stock never goes below zero; when a change takes it to or
    below the alert level (from above it), the library's managers get a notice."""
    errors: dict[str, list] = {}
    if direction not in ("in", "out"):
        errors["direction"] = [_("Choose whether the stock came in or went out.")]
    quantity = _check_count(quantity, "quantity", errors, allow_zero=False)
    if errors:
        raise ValidationError(errors)
    delta = quantity if direction == "in" else -quantity
    with transaction.atomic():
        locked = Supply.objects.select_for_update().get(pk=supply.pk)
        before = locked.stock
        after = before + delta
        if after < 0:
            raise ValidationError(
                {
                    "quantity": [
                        _("Only %(stock)d %(unit)s in stock: you cannot take out %(quantity)d.")
                        % {"stock": before, "unit": locked.unit, "quantity": quantity}
                    ]
                }
            )
        if after > STOCK_MAX:
            raise ValidationError({"quantity": [_("Enter at most %(n)d.") % {"n": STOCK_MAX}]})
        locked.stock = after
        locked.save(update_fields=["stock"])
        record_audit(by, "supply.stock_changed", locked, library=locked.library, summary=f"{before} → {after}")
    if before > locked.low_at >= after:
        _notify_low_stock(locked)
    return locked


def _notify_low_stock(supply: Supply) -> None:
    link = reverse("emergency:supplies", args=[supply.library.slug])
    for manager in library_managers(supply.library):
        notify(
            manager,
            _Formatted(gettext_lazy("Low stock: %(name)s"), {"name": supply.name}),
            _Formatted(
                gettext_lazy("%(stock)d %(unit)s left (alert level %(low)d). Time to reorder."),
                {"stock": supply.stock, "unit": supply.unit, "low": supply.low_at},
            ),
            link=link,
            library=supply.library,
        )


# --- quarantine rules ----------------------------------------------------------------------------
def quarantine_hours(library: Library, material: str) -> int:
    """How many hours a returned item of `material` waits at `library` before it is lent again: the
    library's own rule, else the REALM default. Lending calls this."""
    rule = QuarantineRule.objects.filter(library=library, material=material).values_list("hours", flat=True).first()
    if rule is not None:
        return rule
    if material not in QuarantineRule.DEFAULT_HOURS:
        raise ValueError(f"unknown material {material!r}")
    return QuarantineRule.DEFAULT_HOURS[material]


def quarantine_table(library: Library) -> list[dict]:
    """Every material with its hours, the REALM default and whether the library set its own."""
    own = dict(library.quarantine_rules.values_list("material", "hours"))
    return [
        {
            "material": code,
            "label": label,
            "hours": own.get(code, QuarantineRule.DEFAULT_HOURS[code]),
            "default": QuarantineRule.DEFAULT_HOURS[code],
            "own": code in own,
        }
        for code, label in QuarantineRule.Material.choices
    ]


def set_quarantine_hours(library: Library, hours: dict, *, by=None) -> None:
    """Set the library's hours per material; an empty value returns that material to the REALM default."""
    errors: dict[str, list] = {}
    cleaned: dict[str, int | None] = {}
    for material, value in hours.items():
        if material not in QuarantineRule.Material.values:
            errors[material] = [_("Unknown material.")]
            continue
        if value in (None, ""):
            cleaned[material] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            errors[material] = [_("Enter a whole number of hours.")]
            continue
        if number <= 0:
            errors[material] = [_("Quarantine needs at least one hour.")]
        elif number > QUARANTINE_MAX_HOURS:
            errors[material] = [_("At most %(n)d hours (30 days).") % {"n": QUARANTINE_MAX_HOURS}]
        else:
            cleaned[material] = number
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for material, number in cleaned.items():
            if number is None or number == QuarantineRule.DEFAULT_HOURS[material]:
                library.quarantine_rules.filter(material=material).delete()
            else:
                QuarantineRule.objects.update_or_create(library=library, material=material, defaults={"hours": number})
        summary = ", ".join(f"{m}={h if h is not None else 'default'}" for m, h in cleaned.items())
        record_audit(by, "quarantine.rules_changed", library, library=library, summary=summary)


# --- trainings -----------------------------------------------------------------------------------
def check_training(library: Library, *, title_zh, title_en, date, trainer, hours, competencies, attendees) -> dict:
    errors: dict[str, list] = {}
    data = {"title_zh": _clean(title_zh), "title_en": _clean(title_en), "trainer": _clean(trainer)}
    if not (data["title_zh"] or data["title_en"]):
        errors["title_zh"] = [_("Give the training a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en", "trainer"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("Keep it under %(n)d characters.") % {"n": TITLE_MAX}]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Enter the date of the training.")]
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        errors["hours"] = [_("Enter the hours as a number, such as 1.5.")]
    else:
        if hours <= 0:
            errors["hours"] = [_("A training lasts more than zero hours.")]
        elif hours > TRAINING_MAX_HOURS:
            errors["hours"] = [_("At most %(n)s hours.") % {"n": TRAINING_MAX_HOURS}]
    competencies = list(dict.fromkeys(competencies or []))
    if not competencies:
        errors["competencies"] = [_("Tick at least one competency the training builds.")]
    elif any(code not in Competency.values for code in competencies):
        errors["competencies"] = [_("Choose competencies from the list.")]
    attendees = list(attendees or [])
    staff_ids = set(library_staff(library).values_list("pk", flat=True))
    if any(person.pk not in staff_ids for person in attendees):
        errors["attendees"] = [_("Attendees must be members of this library's staff.")]
    if errors:
        raise ValidationError(errors)
    return {**data, "date": date, "hours": hours, "competencies": competencies, "attendees": attendees}


def record_training(library: Library, *, by=None, **fields) -> Training:
    """Record a training with its attendees; each training records its ServiceRecord (emergency)."""
    data = check_training(library, **fields)
    with transaction.atomic():
        training = Training.objects.create(
            library=library,
            title_zh_hans=data["title_zh"] or None,
            title_en=data["title_en"] or None,
            date=data["date"],
            trainer=data["trainer"],
            hours=data["hours"],
            competencies=data["competencies"],
        )
        training.attendees.set(data["attendees"])
        record_audit(by, "training.recorded", training, library=library, summary=training.title)
        record_service(
            library=library,
            date=data["date"],
            categories=[Category.EMERGENCY],
            title_zh=data["title_zh"],
            title_en=data["title_en"],
            source_object=training,
        )
    return training


def competency_matrix(library: Library) -> list[dict]:
    """One row per staff member: hours trained in each competency (a training counts in every competency it
    covers), and which competencies are gaps (no training at all)."""
    hours: dict[tuple[int, str], Decimal] = {}
    for training in library.trainings.prefetch_related("attendees"):
        for person in training.attendees.all():
            for code in training.competencies:
                hours[(person.pk, code)] = hours.get((person.pk, code), Decimal(0)) + training.hours
    rows = []
    for person in library_staff(library):
        cells = [
            {"code": code, "label": label, "hours": hours.get((person.pk, code))} for code, label in Competency.choices
        ]
        rows.append({"person": person, "cells": cells, "gaps": sum(1 for cell in cells if cell["hours"] is None)})
    return rows
