"""Prevention logs: cleaning and disinfection, supplies with low-stock notices, material quarantine rules."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import Library
from lantern.core.services import notify, record_audit

from ...models import (
    CleaningLogEntry,
    QuarantineRule,
    Supply,
)
from .common import AREA_MAX, QUARANTINE_MAX_HOURS, STOCK_MAX, _actor, _clean, _Formatted, library_managers


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


def _check_supply(library: Library, errors: dict, *, name, unit, low_at, supply: Supply | None = None) -> dict:
    """The checks a supply's name, unit and alert level pass when it is added and when it is edited
    (`supply`: the one being edited, which may keep its own name). Errors go into `errors`."""
    name, unit = _clean(name), _clean(unit)
    others = library.supplies.exclude(pk=supply.pk) if supply is not None else library.supplies.all()
    if not name:
        errors["name"] = [_("Name the supply.")]
    elif len(name) > 100:
        errors["name"] = [_("Keep the name under %(n)d characters.") % {"n": 100}]
    elif others.filter(name__iexact=name).exists():
        errors["name"] = [_("This library already tracks a supply with this name.")]
    if len(unit) > 30:
        errors["unit"] = [_("Keep the unit under %(n)d characters.") % {"n": 30}]
    return {"name": name, "unit": unit, "low_at": _check_count(low_at, "low_at", errors)}


def add_supply(library: Library, *, name: str, unit: str = "", stock=0, low_at=0, by=None) -> Supply:
    """Start tracking a supply (masks, sanitiser...) with its opening stock and alert level."""
    errors: dict[str, list] = {}
    data = _check_supply(library, errors, name=name, unit=unit, low_at=low_at)
    name, unit, low_at = data["name"], data["unit"], data["low_at"]
    stock = _check_count(stock, "stock", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        supply = Supply.objects.create(library=library, name=name, unit=unit, stock=stock, low_at=low_at)
        record_audit(by, "supply.added", supply, library=library, summary=f"{name}: {stock}")
    return supply


def update_supply(supply: Supply, *, name: str, unit: str, low_at, by) -> Supply:
    """Rename a supply or change its unit or alert level; the stock itself only moves through
    `change_stock`, so its log stays complete. When the new alert level makes the current stock low (it
    was not before), the library's managers get the usual low-stock notice."""
    errors: dict[str, list] = {}
    data = _check_supply(supply.library, errors, name=name, unit=unit, low_at=low_at, supply=supply)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Supply.objects.select_for_update().select_related("library").get(pk=supply.pk)
        was_low = locked.is_low
        before = f"{locked.name} ({locked.unit}), {locked.low_at}"
        locked.name, locked.unit, locked.low_at = data["name"], data["unit"], data["low_at"]
        locked.save(update_fields=["name", "unit", "low_at"])
        after = f"{locked.name} ({locked.unit}), {locked.low_at}"
        record_audit(by, "supply.changed", locked, library=locked.library, summary=f"{before} → {after}")
    if locked.is_low and not was_low:
        _notify_low_stock(locked)
    return locked


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
