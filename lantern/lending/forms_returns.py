"""Forms of returns and loans for staff: the check-in at the door (a scanner types the barcode and Enter)
and the bulk extension of every due date."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.emergency.models import QuarantineRule

from .models import Loan
from .services.loans import MAX_EXTENSION_DAYS
from .services.returns import BARCODE_MAX


class CheckInForm(NoColonMixin, forms.Form):
    barcode = forms.CharField(
        label=_("Barcode"),
        max_length=BARCODE_MAX,
        help_text=_("Scan the copy's barcode, or type it and press Enter."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
    method = forms.ChoiceField(
        label=_("Returned by"), choices=Loan.ReturnMethod.choices, initial=Loan.ReturnMethod.BOOK_DROP
    )
    material = forms.ChoiceField(
        label=_("Material"),
        choices=[(code, label) for code, label in QuarantineRule.Material.choices if code != "stacked"],
        initial=QuarantineRule.Material.PAPER,
    )
    stacked = forms.BooleanField(
        label=_("Stacked return"),
        required=False,
        help_text=_("Returned in a pile with other items: it waits the longer stacked time."),
    )


class ExtendForm(NoColonMixin, forms.Form):
    days = forms.IntegerField(label=_("Days to add"), min_value=1, max_value=MAX_EXTENSION_DAYS, initial=30)
    waive_fines = forms.BooleanField(
        label=_("Waive fines"),
        required=False,
        initial=True,
        help_text=_("Overdue days so far are forgiven and recorded fines waived."),
    )
