"""Forms of service status: the closing/reopening form (its tick-boxes come from the closure steps) and
the network board's time window."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin, date_input
from lantern.core.models import ServiceMode

from .services import closure
from .status import MAX_WINDOW_DAYS


class ClosureForm(NoColonMixin, forms.Form):
    mode = forms.ChoiceField(label=_("New service mode"), choices=ServiceMode.choices, widget=forms.RadioSelect)
    since = forms.DateTimeField(
        label=_("From"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=closure.REASON_MAX, required=False)
    message_zh = forms.CharField(
        label=_("Banner message in Chinese"),
        max_length=closure.MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "zh-Hans"}),
    )
    message_en = forms.CharField(
        label=_("Banner message in English"),
        max_length=closure.MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )
    expected_reopening = forms.DateField(
        label=_("Expected reopening"),
        required=False,
        help_text=_("Shown in the banner while the library is not open."),
        widget=date_input(),
    )

    def __init__(self, *args, library, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.library, self.user = library, user
        for step in closure.STEPS:
            self.fields[f"step_{step.code}"] = forms.BooleanField(
                label=step.label, help_text=step.help_text, required=False
            )
        for setting in closure.step_settings():
            self.fields[f"option_{setting.name}"] = forms.IntegerField(
                label=setting.label,
                min_value=setting.minimum,
                max_value=setting.maximum,
                initial=setting.default,
                required=False,
            )
        self.plan = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.plan = closure.check_closure(
                self.library,
                data["mode"],
                since=data.get("since"),
                reason=data.get("reason", ""),
                message_zh=data.get("message_zh", ""),
                message_en=data.get("message_en", ""),
                expected_reopening=data.get("expected_reopening"),
                steps=[step.code for step in closure.STEPS if data.get(f"step_{step.code}")],
                options={s.name: data.get(f"option_{s.name}") for s in closure.step_settings()},
                by=self.user,
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data

    def step_fields(self):
        return [self[f"step_{step.code}"] for step in closure.STEPS]

    def option_fields(self):
        return [self[f"option_{setting.name}"] for setting in closure.step_settings()]

    def detail_fields(self):
        return [self[name] for name in ("mode", "since", "reason", "message_zh", "message_en", "expected_reopening")]


class WindowForm(NoColonMixin, forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=date_input())
    end = forms.DateField(label=_("To"), required=False, widget=date_input())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end <= start:
                raise ValidationError(_("The end of the period must be after its start."))
            if (end - start).days > MAX_WINDOW_DAYS:
                raise ValidationError(_("Choose a period of at most three years."))
        return data

    def window(self, default: tuple[datetime.datetime, datetime.datetime]):
        """The chosen window as aware datetimes (whole local days), filling gaps from `default`."""
        start, end = default
        tz = timezone.get_current_timezone()
        if self.cleaned_data.get("start"):
            start = datetime.datetime.combine(self.cleaned_data["start"], datetime.time.min, tzinfo=tz)
        if self.cleaned_data.get("end"):
            end = datetime.datetime.combine(self.cleaned_data["end"], datetime.time.max, tzinfo=tz)
        if end <= start:
            end = start + datetime.timedelta(days=30)
        return start, end
