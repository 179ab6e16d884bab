"""Setting up contactless lending: the library's lending rules, delivery zones and pickup points (pickup times
are in `pickup_times`).

Every function validates first and then writes in one transaction with an audit entry, or refuses with a
`Refused` error. Errors that belong to a form field carry that field's name (`exc.error_dict`), so a form
shows each message beside its field; nothing is written when anything is refused.

Quarantine hours are not lending rules: they are emergency's prevention settings (`quarantine_hours`).
"""

import dataclasses
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.models import Library, Partner
from lantern.core.services import record_audit

from ..models import DeliveryZone, FeeRule, LendingRules, Order, PickupPoint
from .common import Refused, rules_for

MAX_ZONE_FEE = Decimal("1000")
POSTCODE = re.compile(r"^[0-9A-Za-z]{1,12}$")


@dataclasses.dataclass(frozen=True)
class Bound:
    low: int | Decimal
    high: int | Decimal
    message: str  # lazy; formatted with low and high


# Whole-number rules and the range a librarian may choose. Forms read these for their min/max too.
WHOLE_RULES = {
    "max_items_per_order": Bound(1, 50, gettext_lazy("Allow between %(low)s and %(high)s items per order.")),
    "max_open_orders": Bound(1, 20, gettext_lazy("Allow between %(low)s and %(high)s open orders per reader.")),
    "delivery_days": Bound(0, 60, gettext_lazy("Delivery takes between %(low)s and %(high)s days.")),
    "hold_days": Bound(1, 60, gettext_lazy("Hold ordered items between %(low)s and %(high)s days.")),
    "loan_days": Bound(1, 365, gettext_lazy("A loan lasts between %(low)s and %(high)s days.")),
    "max_renewals": Bound(0, 20, gettext_lazy("Allow between %(low)s and %(high)s renewals.")),
    "address_retention_days": Bound(
        1, 365, gettext_lazy("Keep addresses between %(low)s and %(high)s days after an order closes.")
    ),
    "purchase_per_reader_month": Bound(
        0, 50, gettext_lazy("Allow between %(low)s and %(high)s purchases per reader per month.")
    ),
}
MONEY_RULES = {
    "flat_fee": Bound(Decimal("0"), Decimal("1000"), gettext_lazy("The flat fee is between %(low)s and %(high)s.")),
    "fine_per_day": Bound(
        Decimal("0"), Decimal("100"), gettext_lazy("The fine per day is between %(low)s and %(high)s.")
    ),
    "purchase_budget": Bound(
        Decimal("0"), Decimal("10000000"), gettext_lazy("The yearly budget is between %(low)s and %(high)s.")
    ),
    "purchase_max_price": Bound(
        Decimal("0"), Decimal("100000"), gettext_lazy("The highest price is between %(low)s and %(high)s.")
    ),
}
ZONE_FEE = Bound(Decimal("0"), MAX_ZONE_FEE, gettext_lazy("The delivery fee is between %(low)s and %(high)s."))
SWITCH_RULES = ("delivery_enabled", "pickup_enabled", "purchase_enabled")
RULE_FIELDS = (*SWITCH_RULES, "fee_rule", "currency", *WHOLE_RULES, *MONEY_RULES)


def fail_if(errors: dict) -> None:
    if errors:
        raise Refused({field: list(messages) for field, messages in errors.items()}, "invalid")


def whole_number(value, bound: Bound, field: str, errors: dict):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors[field] = [_("Give a whole number.")]
        return None
    if not bound.low <= number <= bound.high:
        errors[field] = [str(bound.message) % {"low": bound.low, "high": bound.high}]
        return None
    return number


def _money(value, bound: Bound, field: str, errors: dict):
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = [_("Give an amount such as 5 or 2.50.")]
        return None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        errors[field] = [_("Give an amount with at most two decimal places.")]
        return None
    if not bound.low <= amount <= bound.high:
        errors[field] = [str(bound.message) % {"low": bound.low, "high": bound.high}]
        return None
    return amount.quantize(Decimal("0.01"))


def _switch(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "on", "yes"}
    return bool(value)


# --- rules ---------------------------------------------------------------------------------------
def check_rules(library: Library, values: dict) -> dict:
    """The rules `values` would set, cleaned; raises Refused by field. Absent fields keep their value."""
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"not lending rules: {', '.join(sorted(unknown))}")
    current = rules_for(library)
    errors: dict[str, list] = {}
    cleaned = {field: getattr(current, field) for field in RULE_FIELDS}
    for field, value in values.items():
        if field in SWITCH_RULES:
            cleaned[field] = _switch(value)
        elif field == "fee_rule":
            if value not in FeeRule.values:
                errors[field] = [_("Choose how delivery is charged from the list.")]
            cleaned[field] = value
        elif field == "currency":
            code = str(value or "").strip().upper()
            if not re.fullmatch(r"[A-Z]{3}", code):
                errors[field] = [_("Give the three-letter currency code, such as CNY.")]
            cleaned[field] = code
        elif field in WHOLE_RULES:
            cleaned[field] = whole_number(value, WHOLE_RULES[field], field, errors)
        else:
            cleaned[field] = _money(value, MONEY_RULES[field], field, errors)
    if not errors:
        if cleaned["fee_rule"] == FeeRule.FLAT and not cleaned["flat_fee"]:
            errors["flat_fee"] = [_("Give the flat fee, or choose free delivery.")]
        if cleaned["purchase_enabled"]:
            if not cleaned["purchase_budget"]:
                errors["purchase_budget"] = [_("Give a yearly budget before offering purchases for readers.")]
            elif cleaned["purchase_max_price"] > cleaned["purchase_budget"]:
                errors["purchase_max_price"] = [_("The highest price per book cannot be more than the budget.")]
            if not cleaned["purchase_max_price"]:
                errors["purchase_max_price"] = [_("Give the highest price per book.")]
            if not cleaned["purchase_per_reader_month"]:
                errors["purchase_per_reader_month"] = [_("Allow at least one purchase per reader per month.")]
    fail_if(errors)
    return cleaned


def set_rules(library: Library, *, by=None, **values) -> LendingRules:
    """Set the library's lending rules (only the fields given); orders and loans already made keep theirs.
    The caller checks that `by` may manage the library."""
    cleaned = check_rules(library, values)
    with transaction.atomic():
        rules = LendingRules.objects.select_for_update().filter(library=library).first()
        rules = rules or LendingRules(library=library)
        changed = [
            f"{field}: {getattr(rules, field)} → {value}"
            for field, value in cleaned.items()
            if rules.pk is None or getattr(rules, field) != value
        ]
        for field, value in cleaned.items():
            setattr(rules, field, value)
        if changed:
            rules.save()
            record_audit(by, "lending.rules_changed", rules, library=library, summary="; ".join(changed)[:500])
    return rules


# --- delivery zones --------------------------------------------------------------------------------
def normalize_postcodes(text: str) -> str:
    """Postcodes or their beginnings as the model keeps them: separated by single spaces."""
    return " ".join((text or "").replace(",", " ").replace("，", " ").replace("、", " ").split())


def _check_names(name_zh: str, name_en: str, errors: dict, *, max_length: int = 100) -> None:
    if not name_zh and not name_en:
        errors["name_zh"] = [_("Give a name in Chinese or in English.")]
    for field, name in (("name_zh", name_zh), ("name_en", name_en)):
        if len(name) > max_length:
            errors[field] = [_("Keep the name under %(n)d characters.") % {"n": max_length}]


def _check_zone(library, name_zh, name_en, postcodes, fee, *, zone=None) -> tuple[str, str, str, Decimal]:
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    postcodes = normalize_postcodes(postcodes)
    errors: dict[str, list] = {}
    _check_names(name_zh, name_en, errors)
    others = DeliveryZone.objects.filter(library=library).exclude(pk=zone.pk if zone else None)
    if name_zh and others.filter(name_zh_hans=name_zh).exists():
        errors["name_zh"] = [_("This library already has a zone called “%(name)s”.") % {"name": name_zh}]
    if name_en and others.filter(name_en__iexact=name_en).exists():
        errors["name_en"] = [_("This library already has a zone called “%(name)s”.") % {"name": name_en}]
    bad = [code for code in postcodes.split() if not POSTCODE.match(code)]
    if bad:
        errors["postcode_prefixes"] = [
            _("“%(code)s” is not a postcode: use digits and letters, separated by spaces.") % {"code": bad[0]}
        ]
    elif len(postcodes) > DeliveryZone._meta.get_field("postcode_prefixes").max_length:
        errors["postcode_prefixes"] = [_("Too many postcodes for one zone; split it into two zones.")]
    amount = _money(fee if fee not in (None, "") else "0", ZONE_FEE, "fee", errors)
    fail_if(errors)
    return name_zh, name_en, postcodes, amount


def add_zone(
    library: Library, name_zh: str = "", name_en: str = "", postcode_prefixes: str = "", fee=0, *, by=None
) -> DeliveryZone:
    """A new delivery zone, offered to readers at once."""
    name_zh, name_en, postcodes, fee = _check_zone(library, name_zh, name_en, postcode_prefixes, fee)
    with transaction.atomic():
        zone = DeliveryZone.objects.create(
            library=library,
            name_zh_hans=name_zh or None,
            name_en=name_en or None,
            postcode_prefixes=postcodes,
            fee=fee,
        )
        record_audit(by, "lending.zone_added", zone, library=library, summary=f"{zone.name} {postcodes} {fee}")
    return zone


def update_zone(
    zone: DeliveryZone, name_zh: str = "", name_en: str = "", postcode_prefixes: str = "", fee=0, *, by=None
) -> DeliveryZone:
    """Change a zone's names, postcodes and fee. Orders already placed keep the fee they were quoted."""
    name_zh, name_en, postcodes, fee = _check_zone(zone.library, name_zh, name_en, postcode_prefixes, fee, zone=zone)
    with transaction.atomic():
        zone.name_zh_hans, zone.name_en = name_zh or None, name_en or None
        zone.postcode_prefixes, zone.fee = postcodes, fee
        zone.save(update_fields=["name_zh_hans", "name_en", "postcode_prefixes", "fee"])
        record_audit(by, "lending.zone_changed", zone, library=zone.library, summary=f"{zone.name} {postcodes} {fee}")
    return zone


def set_zone_active(zone: DeliveryZone, active: bool, *, by=None) -> DeliveryZone:
    """Offer a zone to readers, or stop offering it. Open orders in the zone keep it and are delivered."""
    with transaction.atomic():
        DeliveryZone.objects.filter(pk=zone.pk).update(active=active)
        zone.active = active
        record_audit(
            by,
            "lending.zone_activated" if active else "lending.zone_deactivated",
            zone,
            library=zone.library,
            summary=zone.name,
        )
    return zone


def open_orders_in_zone(zone: DeliveryZone) -> int:
    return Order.objects.filter(zone=zone, status__in=Order.OPEN).count()


# --- pickup points ---------------------------------------------------------------------------------
def add_point(
    library: Library,
    kind: str = PickupPoint.Kind.DOOR,
    name_zh: str = "",
    name_en: str = "",
    address: str = "",
    instructions_zh: str = "",
    instructions_en: str = "",
    partner: Partner | None = None,
    *,
    by=None,
) -> PickupPoint:
    """A new pickup point; a partner bookstore's point names the bookstore, which must work with the library."""
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    address = (address or "").strip()
    instructions_zh, instructions_en = (instructions_zh or "").strip(), (instructions_en or "").strip()
    errors: dict[str, list] = {}
    if kind not in PickupPoint.Kind.values:
        errors["kind"] = [_("Choose the kind of pickup point from the list.")]
    _check_names(name_zh, name_en, errors)
    others = PickupPoint.objects.filter(library=library)
    if name_zh and others.filter(name_zh_hans=name_zh).exists():
        errors["name_zh"] = [_("This library already has a pickup point called “%(name)s”.") % {"name": name_zh}]
    if name_en and others.filter(name_en__iexact=name_en).exists():
        errors["name_en"] = [_("This library already has a pickup point called “%(name)s”.") % {"name": name_en}]
    if len(address) > 300:
        errors["address"] = [_("Keep the address under 300 characters.")]
    elif kind in (PickupPoint.Kind.LOCKER, PickupPoint.Kind.BOOKSTORE) and not address:
        errors["address"] = [_("Give the address, so that readers find it.")]
    for field, text in (("instructions_zh", instructions_zh), ("instructions_en", instructions_en)):
        if len(text) > 2000:
            errors[field] = [_("Keep the instructions under 2000 characters.")]
    if kind == PickupPoint.Kind.BOOKSTORE:
        if partner is None:
            errors["partner"] = [_("Choose the partner bookstore.")]
        elif partner.kind != Partner.Kind.BOOKSTORE or not partner.libraries.filter(pk=library.pk).exists():
            errors["partner"] = [_("Choose a bookstore that is a partner of this library.")]
    elif partner is not None:
        errors["partner"] = [_("Only a partner bookstore's pickup point names a partner.")]
    fail_if(errors)
    with transaction.atomic():
        point = PickupPoint.objects.create(
            library=library,
            kind=kind,
            name_zh_hans=name_zh or None,
            name_en=name_en or None,
            address=address,
            instructions_zh_hans=instructions_zh or None,
            instructions_en=instructions_en or None,
            partner=partner,
        )
        record_audit(by, "lending.point_added", point, library=library, summary=f"{point.name} ({kind})")
    return point


def set_point_active(point: PickupPoint, active: bool, *, by=None) -> PickupPoint:
    """Offer a pickup point's slots to readers, or stop; orders already booked there keep their slot."""
    with transaction.atomic():
        PickupPoint.objects.filter(pk=point.pk).update(active=active)
        point.active = active
        record_audit(
            by,
            "lending.point_activated" if active else "lending.point_deactivated",
            point,
            library=point.library,
            summary=point.name,
        )
    return point
