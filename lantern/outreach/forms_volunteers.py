"""Forms of volunteers: the application, the staff's shift form (both languages, times in the site's time
zone), reasons (decline, cancel a shift, reject hours), the volunteer's own hours, the certificate's period
and the staff's filter of the volunteer list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Shift

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(NoColonMixin, forms.Form):
    skills = forms.CharField(
        label=_("What you can do"),
        max_length=300,
        help_text=_("E.g. shelving, reading aloud to children, driving, translating, first aid."),
    )
    languages = forms.CharField(
        label=_("Languages you speak or sign"),
        max_length=200,
        required=False,
        help_text=_("Including sign language, e.g. “Mandarin, English, Chinese Sign Language”."),
    )
    signs = forms.BooleanField(label=_("I use sign language"), required=False)
    availability = forms.CharField(
        label=_("When you are available"), max_length=300, help_text=_("E.g. weekday evenings, Saturday mornings.")
    )
    consent = forms.BooleanField(
        label=_("The library may contact me about volunteering (by the email or phone of my account)."),
        required=True,
    )


class ShiftForm(NoColonMixin, forms.Form):
    """What staff type; times are read in the site's time zone, as the page says."""

    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_zh_hans = forms.CharField(
        label=_("What volunteers do (Chinese)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("What volunteers do (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=LOCAL)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)

    @classmethod
    def initial_for(cls, shift: Shift) -> dict:
        values = {field: getattr(shift, field) for field in cls.base_fields if field not in ("starts_at", "ends_at")}
        values["starts_at"] = timezone.localtime(shift.starts_at)
        values["ends_at"] = timezone.localtime(shift.ends_at)
        return values


class ReasonForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (the person is told)"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class HoursForm(NoColonMixin, forms.Form):
    worked_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(label=_("Hours"), max_value=24, decimal_places=2, max_digits=5)
    description = forms.CharField(label=_("What you did"), max_length=300)

    def clean_worked_on(self):
        worked_on = self.cleaned_data["worked_on"]
        if worked_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return worked_on

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours <= 0:
            raise ValidationError(_("Give the hours as a number more than 0 and at most 24."))
        return hours


class PeriodForm(forms.Form):
    """The certificate's period; empty: all approved hours."""

    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The period must end after it starts."))
        return data


class VolunteerFilterForm(forms.Form):
    skill = forms.CharField(label=_("Skill"), max_length=100, required=False)
    signs = forms.BooleanField(label=_("Uses sign language"), required=False)
