"""Forms of the preparedness pages: plans, versions, checklist steps, activations, the cleaning log,
supplies, quarantine hours and trainings. They only shape input; the rules live in
`services.preparedness`, which checks everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin, date_input
from lantern.insights.taxonomy import Competency

from .models import Plan
from .services.preparedness import QUARANTINE_MAX_HOURS, library_staff

SECTION_ROWS = 5


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.username


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.username


class PlanForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    scenario = forms.ChoiceField(label=_("Scenario"), choices=Plan.Scenario.choices)


class PlanVersionForm(NoColonMixin, forms.Form):
    risks = forms.CharField(label=_("Risks"), required=False, widget=forms.Textarea(attrs={"rows": SECTION_ROWS}))
    contacts = forms.CharField(
        label=_("Contacts and phone tree"),
        required=False,
        help_text=_("Who calls whom, one line each: name, role, phone."),
        widget=forms.Textarea(attrs={"rows": SECTION_ROWS}),
    )
    roles = forms.CharField(label=_("Roles"), required=False, widget=forms.Textarea(attrs={"rows": SECTION_ROWS}))
    procedures = forms.CharField(
        label=_("Procedures"), required=False, widget=forms.Textarea(attrs={"rows": SECTION_ROWS})
    )
    substitutions = forms.CharField(
        label=_("Which online service replaces which on-site service"),
        required=False,
        widget=forms.Textarea(attrs={"rows": SECTION_ROWS}),
    )
    what_changed = forms.CharField(
        label=_("What changed in this version"),
        max_length=300,
        required=False,
        help_text=_("A short note for the version history, e.g. “new phone tree after staff changes”."),
    )

    @classmethod
    def initial_for(cls, version) -> dict:
        if version is None:
            return {}
        return {name: getattr(version, name) for name in ("risks", "contacts", "roles", "procedures", "substitutions")}


class ChecklistItemForm(NoColonMixin, forms.Form):
    text_zh = forms.CharField(label=_("Step in Chinese"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Step in English"), max_length=300, required=False)
    owner = StaffChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={"invalid_choice": _("The owner must be a member of this library's staff.")},
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = library_staff(library)


class ActivationForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What is happening"),
        choices=[("drill", _("A drill")), ("event", _("A real event"))],
        widget=forms.RadioSelect,
        initial="drill",
    )


class FinishForm(NoColonMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        help_text=_("What went well, what took too long, what to change in the plan."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CleaningForm(NoColonMixin, forms.Form):
    area = forms.CharField(label=_("Area"), max_length=100, help_text=_("e.g. lending hall, returns desk, lifts"))
    done_at = forms.DateTimeField(
        label=_("Done at"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    method = forms.CharField(label=_("Method or agent"), max_length=200, required=False)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class SupplyForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("e.g. masks, hand sanitiser"))
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False, help_text=_("e.g. pieces, bottles"))
    stock = forms.IntegerField(label=_("In stock now"), min_value=0, initial=0)
    low_at = forms.IntegerField(label=_("Alert when at or below"), min_value=0, initial=0)


class StockForm(NoColonMixin, forms.Form):
    direction = forms.ChoiceField(
        label=_("Change"), choices=[("out", _("Taken out")), ("in", _("Came in"))], widget=forms.RadioSelect
    )
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


class QuarantineForm(NoColonMixin, forms.Form):
    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        for row in table:
            self.fields[row["material"]] = forms.IntegerField(
                label=row["label"],
                required=False,
                min_value=1,
                max_value=QUARANTINE_MAX_HOURS,
                initial=row["hours"] if row["own"] else None,
                help_text=_("Hours. Empty: the REALM default, %(n)d hours.") % {"n": row["default"]},
                error_messages={
                    "min_value": _("Quarantine needs at least one hour."),
                    "max_value": _("At most %(n)d hours (30 days).") % {"n": QUARANTINE_MAX_HOURS},
                },
            )


class TrainingForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    date = forms.DateField(label=_("Date"), widget=date_input())
    trainer = forms.CharField(label=_("Trainer"), max_length=200, required=False)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=1,
        min_value=0.1,
        error_messages={"min_value": _("A training lasts more than zero hours.")},
    )
    competencies = forms.MultipleChoiceField(
        label=_("Competencies it builds"), choices=Competency.choices, widget=forms.CheckboxSelectMultiple
    )
    attendees = StaffMultipleChoiceField(
        label=_("Attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Attendees must be members of this library's staff.")},
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = library_staff(library)
