"""Forms of the lending settings page: rules, delivery zones, pickup points, slots in bulk, a slot's capacity.

They check types only; the bounds and their messages live in `services.setup`, whose field errors the views
put back on these forms (the min/max attributes here come from the same table, for phones' keypads).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin, date_input
from lantern.core.models import Partner

from .models import FeeRule, LendingRules, PickupPoint
from .services import pickup_times, setup


def _number(field: str, *, money: bool = False, help_text=""):
    model_field = LendingRules._meta.get_field(field)
    bound = (setup.MONEY_RULES if money else setup.WHOLE_RULES)[field]
    attrs = {"min": bound.low, "max": bound.high, "inputmode": "decimal" if money else "numeric"}
    if money:
        return forms.DecimalField(
            label=model_field.verbose_name,
            decimal_places=2,
            max_digits=12,
            help_text=help_text,
            widget=forms.NumberInput(attrs={**attrs, "step": "0.01"}),
        )
    return forms.IntegerField(label=model_field.verbose_name, help_text=help_text, widget=forms.NumberInput(attrs))


class RulesForm(NoColonMixin, forms.Form):
    delivery_enabled = forms.BooleanField(label=_("Offer home delivery"), required=False)
    pickup_enabled = forms.BooleanField(label=_("Offer contactless pickup"), required=False)
    fee_rule = forms.ChoiceField(label=_("Delivery fee"), choices=FeeRule.choices)
    flat_fee = _number("flat_fee", money=True, help_text=_("Charged for every delivery when the fee is flat."))
    currency = forms.CharField(
        label=_("Currency"), max_length=3, help_text=_("Three letters, such as CNY."), widget=forms.TextInput()
    )
    max_items_per_order = _number("max_items_per_order")
    max_open_orders = _number("max_open_orders")
    delivery_days = _number("delivery_days", help_text=_("Shown to readers as the expected delivery date."))
    hold_days = _number("hold_days", help_text=_("How long ordered items wait to be collected."))
    loan_days = _number("loan_days")
    max_renewals = _number("max_renewals")
    fine_per_day = _number("fine_per_day", money=True, help_text=_("0 charges no fines."))
    address_retention_days = _number(
        "address_retention_days", help_text=_("Delivery addresses and phone numbers are erased after this.")
    )
    purchase_enabled = forms.BooleanField(label=_("Offer purchases for readers"), required=False)
    purchase_budget = _number("purchase_budget", money=True)
    purchase_max_price = _number("purchase_max_price", money=True)
    purchase_per_reader_month = _number("purchase_per_reader_month")

    @classmethod
    def initial_for(cls, rules: LendingRules) -> dict:
        return {name: getattr(rules, name) for name in cls.base_fields}


class ZoneForm(NoColonMixin, forms.Form):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    postcode_prefixes = forms.CharField(
        label=_("Postcodes"),
        max_length=300,
        required=False,
        help_text=_("Postcodes or their beginnings, separated by spaces, such as 4300 4301. Empty accepts any."),
    )
    fee = forms.DecimalField(
        label=_("Delivery fee"),
        decimal_places=2,
        max_digits=12,
        initial=0,
        help_text=_("Used when the delivery fee goes by zone."),
        widget=forms.NumberInput(attrs={"min": 0, "step": "0.01", "inputmode": "decimal"}),
    )

    @classmethod
    def initial_for(cls, zone) -> dict:
        return {
            "name_zh": zone.name_zh_hans or "",
            "name_en": zone.name_en or "",
            "postcode_prefixes": zone.postcode_prefixes,
            "fee": zone.fee,
        }


class PointForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PickupPoint.Kind.choices)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Needed for a locker or a bookstore; a door at the library may leave it empty."),
    )
    instructions_zh = forms.CharField(
        label=_("Instructions in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    instructions_en = forms.CharField(
        label=_("Instructions in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    partner = forms.ModelChoiceField(
        label=_("Partner bookstore"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Only for a partner bookstore."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = library.partners.filter(kind=Partner.Kind.BOOKSTORE)


class SlotsForm(NoColonMixin, forms.Form):
    point = forms.ModelChoiceField(label=_("Pickup point"), queryset=PickupPoint.objects.none())
    first_day = forms.DateField(label=_("First day"), widget=date_input())
    last_day = forms.DateField(label=_("Last day"), widget=date_input())
    times = forms.CharField(
        label=_("Times"),
        max_length=500,
        initial="10:00-12:00, 15:00-17:00",
        help_text=_("Time ranges separated by commas, such as 10:00-12:00, 15:00-17:00."),
    )
    capacity = forms.IntegerField(
        label=_("Orders per slot"),
        initial=10,
        widget=forms.NumberInput(attrs={"min": 1, "max": pickup_times.MAX_SLOT_CAPACITY, "inputmode": "numeric"}),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = PickupPoint.objects.filter(library=library, active=True)


class CapacityForm(NoColonMixin, forms.Form):
    capacity = forms.IntegerField(
        label=_("Orders"),
        widget=forms.NumberInput(attrs={"min": 0, "max": pickup_times.MAX_SLOT_CAPACITY, "inputmode": "numeric"}),
    )
