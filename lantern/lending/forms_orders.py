"""Forms of ordering: how the reader gets the items (delivery zone and address, or a pickup time)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Order, PickupSlot
from .services import ordering
from .services.common import rules_for


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        return _("%(point)s · %(day)s %(start)s–%(end)s (%(left)d places left)") % {
            "point": slot.point,
            "day": date_format(start, "SHORT_DATE_FORMAT"),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i"),
            "left": slot.places_left,
        }


class ZoneChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, show_fee: bool, **kwargs):
        self.show_fee = show_fee
        super().__init__(*args, **kwargs)

    def label_from_instance(self, zone):
        if self.show_fee:
            return _("%(zone)s (fee %(fee)s)") % {"zone": zone, "fee": zone.fee}
        return str(zone)


class OrderForm(NoColonMixin, forms.Form):
    """The choices of one order. Checked again by `ordering.check_order`, whose field errors land here."""

    method = forms.ChoiceField(label=_("How do you want the items?"), widget=forms.RadioSelect)
    zone = ZoneChoiceField(
        label=_("Delivery area"), queryset=None, required=False, empty_label=_("Choose your area"), show_fee=False
    )
    recipient = forms.CharField(
        label=_("Recipient"), max_length=100, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone number for the courier"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    slot = SlotChoiceField(label=_("Pickup time"), queryset=None, required=False, empty_label=_("Choose a time"))
    note = forms.CharField(label=_("Note for the library"), max_length=300, required=False)

    def __init__(self, *args, library, order: Order | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.library = library
        methods = ordering.methods_offered(library)
        self.fields["method"].choices = [(m, Order.Method(m).label) for m in methods]
        if len(methods) == 1:
            self.fields["method"].initial = methods[0]
        rules = rules_for(library)
        self.fields["zone"].queryset = ordering.active_zones(library)
        self.fields["zone"].show_fee = rules.fee_rule == "zone"
        slots = ordering.bookable_slots(library, ordered_at=order.created_at if order else None)
        if order and order.pickup_slot_id:
            # The slot already booked stays choosable even when it is now full (it is full of this order).
            slots = (slots | PickupSlot.objects.filter(pk=order.pickup_slot_id)).distinct()
        self.fields["slot"].queryset = slots
        if order:
            del self.fields["note"]

    DELIVERY_FIELDS = ("zone", "recipient", "phone", "address", "postcode")

    def delivery_fields(self):
        return [self[name] for name in self.DELIVERY_FIELDS]

    def apply_errors(self, error: ValidationError) -> None:
        """Put a service's field errors on this form's fields (the rest above the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {key: data.get(key) or "" for key in ("recipient", "phone", "address", "postcode")}
        values.update(method=data["method"], zone=data.get("zone"), slot=data.get("slot"))
        if "note" in self.fields:
            values["note"] = data.get("note") or ""
        return values
