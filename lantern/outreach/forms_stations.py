"""Forms of reading stations: the staff's station form, sending copies (a barcode list, or a number chosen by
the system), choosing copies to take back or report lost, a rotation, an answer to a request; and the site
contact's forms (more books, a rotation, a usage report)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library

from .models import Station, StationRequest
from .services.stations import MAX_AT_ONCE, MAX_REPORTED

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BARCODES = forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"})


class StationForm(NoColonMixin, forms.Form):
    name_zh_hans = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    site = forms.ChoiceField(label=_("Kind of site"), choices=Station.Site.choices)
    address = forms.CharField(label=_("Address"), max_length=300)
    host = forms.ModelChoiceField(
        label=_("Host partner"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("The hospital, hotel, community or school that hosts the station, if it is a partner."),
    )
    contact_name = forms.CharField(label=_("Contact person at the site"), max_length=100)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE, required=False, help_text=_("Empty: not known."))

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = library.partners.order_by("name")

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The station cannot close before it opens."))
        return data

    @classmethod
    def initial_for(cls, station: Station) -> dict:
        return {field: getattr(station, field) for field in cls.base_fields}


class BarcodesForm(NoColonMixin, forms.Form):
    barcodes = forms.CharField(
        label=_("Barcodes, one a line"),
        widget=BARCODES,
        max_length=40_000,
        help_text=_("Scan each copy; copies that cannot go are listed by line, and the rest are sent."),
    )


class AvailableForm(NoColonMixin, forms.Form):
    count = forms.IntegerField(label=_("How many copies"), min_value=1, max_value=MAX_AT_ONCE)
    search = forms.CharField(
        label=_("Title or author contains"),
        max_length=100,
        required=False,
        help_text=_("Empty: any copy on the shelf. One copy of each title first."),
    )


class DepositsForm(forms.Form):
    """Which of the copies at the station an action applies to."""

    deposits = forms.ModelMultipleChoiceField(
        label=_("Copies"), queryset=None, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, station: Station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deposits"].queryset = station.deposits.filter(status="at_station")
        self.fields["deposits"].error_messages["required"] = _("Choose at least one copy.")
        self.fields["deposits"].error_messages["invalid_choice"] = _(
            "Some of the chosen copies are no longer at this station. Reload the page and choose again."
        )


class RotateForm(NoColonMixin, forms.Form):
    return_all = forms.BooleanField(label=_("Take back every copy at the station"), required=False)
    deposits = forms.ModelMultipleChoiceField(
        label=_("Or take back these copies"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    barcodes = forms.CharField(label=_("New copies: barcodes, one a line"), widget=BARCODES, required=False)
    count = forms.IntegerField(
        label=_("Or: how many new copies the system chooses"), min_value=1, max_value=MAX_AT_ONCE, required=False
    )
    search = forms.CharField(label=_("Title or author contains"), max_length=100, required=False)

    def __init__(self, *args, station: Station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deposits"].queryset = station.deposits.filter(status="at_station").select_related("copy__record")
        self.fields["deposits"].label_from_instance = lambda d: f"{d.copy.barcode} · {d.copy.record.title}"
        self.fields["deposits"].error_messages["invalid_choice"] = _(
            "Some of the chosen copies are no longer at this station. Reload the page and choose again."
        )

    def clean(self):
        data = super().clean()
        if not data.get("return_all") and not data.get("deposits"):
            self.add_error("deposits", _("Choose the copies to take back, or take back every copy."))
        if not (data.get("barcodes") or "").strip() and not data.get("count"):
            self.add_error("barcodes", _("Give the new copies: a list of barcodes or how many to choose."))
        if len(data.get("barcodes") or "") > 40_000:
            self.add_error("barcodes", _("That list is too long."))
        return data


class AnswerForm(NoColonMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Mark as"),
        choices=[(StationRequest.Status.DONE, _("Done")), (StationRequest.Status.DECLINED, _("Declined"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer, for the site"),
        max_length=300,
        required=False,
        help_text=_("Required when declining."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == StationRequest.Status.DECLINED and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Say why, for the site: they see the answer."))
        return data


# --- the site contact's forms --------------------------------------------------------------------
class MoreBooksForm(NoColonMixin, forms.Form):
    quantity = forms.IntegerField(label=_("How many books"), min_value=1, max_value=MAX_AT_ONCE)
    message = forms.CharField(
        label=_("What kind of books (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_("e.g. “more children's books”, “large print for older readers”"),
    )


class RotationForm(NoColonMixin, forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )


class UsageReportForm(NoColonMixin, forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To"), widget=DATE)
    readers = forms.IntegerField(label=_("Readers"), min_value=0, max_value=MAX_REPORTED)
    books_used = forms.IntegerField(label=_("Books used"), min_value=0, max_value=MAX_REPORTED)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)
