"""Forms of timed-entry reservations: zones, slots in bulk, a slot's capacity, and the check-in field."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin, date_input
from lantern.core.times import parse_time_ranges

from .models import Zone


class RulesForm(NoColonMixin, forms.Form):
    per_reader_per_day = forms.IntegerField(label=_("Visits per reader per day"), min_value=1, max_value=10)
    days_ahead = forms.IntegerField(label=_("Bookable days ahead"), min_value=0, max_value=60)
    no_show_minutes = forms.IntegerField(
        label=_("Release a booking after (minutes)"),
        min_value=1,
        max_value=240,
        help_text=_("If nobody has checked in this many minutes after the start, the place is freed."),
    )


class ZoneForm(NoColonMixin, forms.Form):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=100)
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    default_capacity = forms.IntegerField(label=_("Places per slot"), min_value=1, max_value=10000, initial=20)


class SlotsForm(NoColonMixin, forms.Form):
    zones = forms.ModelMultipleChoiceField(
        label=_("Zones"), queryset=Zone.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    first_day = forms.DateField(label=_("First day"), widget=date_input())
    last_day = forms.DateField(label=_("Last day"), widget=date_input())
    times = forms.CharField(
        label=_("Time ranges"),
        help_text=_("One a line, such as 09:00-11:00."),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="09:00-11:00\n14:00-16:00",
    )
    capacity = forms.IntegerField(
        label=_("Places per slot"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Leave empty to use each zone's usual number of places."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones"].queryset = library.zones.filter(is_active=True)

    def clean_times(self):
        return parse_time_ranges(self.cleaned_data["times"], example="09:00-11:00")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last:
            if last < first:
                self.add_error("last_day", _("The last day is before the first day."))
            elif (last - first).days > 60:
                self.add_error("last_day", _("Create at most 61 days at once."))
        return cleaned

    @property
    def days(self) -> list[datetime.date]:
        first, last = self.cleaned_data["first_day"], self.cleaned_data["last_day"]
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


class CapacityForm(NoColonMixin, forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=10000)


class CheckInForm(NoColonMixin, forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=300,
        help_text=_("Scan the QR code on the reader's ticket, or type the code under it."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
