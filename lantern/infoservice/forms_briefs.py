"""The form of a decision-support brief: what it is, for whom, the summary, and which of the library's
published notices and rumour checks it cites (checkboxes), with other sources one per line."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Brief, Bulletin, RumourCheck
from .services.briefs import usable_bulletins, usable_checks

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BriefForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    recipient = forms.CharField(
        label=_("For"), max_length=200, help_text=_("E.g. the city's epidemic prevention and control office.")
    )
    recipient_kind = forms.ChoiceField(label=_("Kind of recipient"), choices=Brief.RecipientKind.choices)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    period_start = forms.DateField(label=_("Period from"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("Period to"), required=False, widget=DATE)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Headings, paragraphs, lists and links are kept; anything else is removed."),
    )
    bulletins = forms.ModelMultipleChoiceField(
        label=_("Notices to include"),
        queryset=Bulletin.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rumour_checks = forms.ModelMultipleChoiceField(
        label=_("Rumour checks to include"),
        queryset=RumourCheck.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("Other sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: a title, a link, or both."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulletins"].queryset = usable_bulletins(library)
        self.fields["rumour_checks"].queryset = usable_checks(library)

    @classmethod
    def for_brief(cls, brief, data=None):
        initial = {name: getattr(brief, name) for name in cls.base_fields if name not in ("bulletins", "rumour_checks")}
        initial["bulletins"] = list(brief.bulletins.values_list("pk", flat=True))
        initial["rumour_checks"] = list(brief.rumour_checks.values_list("pk", flat=True))
        return cls(data, initial=initial, library=brief.library)
