"""Forms of the staff's fulfilment steps: handing a parcel to a carrier, and the reason a failed or
cancelled order gives its reader."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Carrier


class ShipForm(NoColonMixin, forms.Form):
    carrier = forms.ModelChoiceField(
        label=_("Carrier"),
        queryset=Carrier.objects.none(),
        empty_label=_("Choose a carrier"),
        error_messages={
            "required": _("Choose the carrier that takes the parcel."),
            "invalid_choice": _("Choose one of this library's active carriers."),
        },
    )
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=64, required=False)

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].queryset = Carrier.objects.filter(library=library, active=True)


class ReasonForm(NoColonMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (the reader is told)"), max_length=300, strip=True)

    def __init__(self, *args, missing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = missing
