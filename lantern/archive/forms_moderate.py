"""Forms of moderation: the staff queue's filter, the Dublin Core description, areas to blur, a file's
caption, the question to the contributor, accept / decline / withdraw, the takedown request (public) and the
staff's decision on it, and the library's archive settings."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Collection, Item, Takedown
from .services.contribute import year_of
from .services.moderation import DCMI_TYPE_TERMS, MESSAGE_MAX, check_areas
from .services.takedown import TEXT_MAX

ROWS = {"rows": 4}


class QueueFilterForm(NoColonMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Item.Status.choices], required=False)

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class DescribeForm(NoColonMixin, forms.Form):
    """The item's Dublin Core description, as staff edit it (the contributor's own words are kept apart)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    creator = forms.CharField(
        label=_("Creator"),
        max_length=200,
        required=False,
        help_text=_("Shown in public. Only the name the contributor agreed to, or the author they named."),
    )
    subject = forms.CharField(
        label=_("Subjects"), widget=forms.Textarea(attrs=ROWS), required=False, help_text=_("One subject per line.")
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs=ROWS), required=False)
    date = forms.CharField(
        label=_("Date"),
        max_length=10,
        required=False,
        help_text=_("A year, a month or a day: 2020, 2020-02 or 2020-02-24."),
    )
    dc_type = forms.ChoiceField(
        label=_("Type (DCMI Type vocabulary)"),
        choices=[("", _("Not given"))] + [(term, label) for term, label in DCMI_TYPE_TERMS.items()],
        required=False,
    )
    dc_format = forms.CharField(
        label=_("Format"), max_length=200, required=False, help_text=_("The files' types, e.g. image/jpeg.")
    )
    language = forms.CharField(
        label=_("Language"), max_length=20, required=False, help_text=_("A language code, e.g. zh, en, yue.")
    )
    coverage = forms.CharField(label=_("Place (coverage)"), max_length=200, required=False)
    rights = forms.CharField(label=_("Rights"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_for(cls, item: Item) -> dict:
        return {name: getattr(item, name) for name in cls.base_fields}

    def clean_date(self):
        date = self.cleaned_data["date"].strip()
        year_of(date)
        return date


AREA_LINE = re.compile(r"^\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*$")


class BlurForm(NoColonMixin, forms.Form):
    areas = forms.CharField(
        label=_("Areas to blur"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocapitalize": "off"}),
        help_text=_(
            "One area per line, four numbers in percent of the picture: left, top, width, height. "
            "“10 20 30 15” blurs an area starting 10 % from the left and 20 % from the top, 30 % wide and "
            "15 % high. Read them off the grid on the picture."
        ),
    )

    def clean_areas(self):
        areas = []
        for number, line in enumerate(self.cleaned_data["areas"].splitlines(), start=1):
            if not line.strip():
                continue
            match = AREA_LINE.match(line.replace("%", ""))
            try:
                area = tuple(float(value) for value in match.groups()) if match else None
            except ValueError:
                area = None
            if area is None:
                raise ValidationError(
                    _("Line %(n)d: write four numbers, e.g. “10 20 30 15” (left, top, width, height).") % {"n": number}
                )
            areas.append(area)
        check_areas(areas)
        return areas


class CaptionForm(NoColonMixin, forms.Form):
    caption = forms.CharField(
        label=_("Caption"), max_length=300, required=False, help_text=_("Read aloud to blind readers.")
    )


class AskForm(NoColonMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question to the contributor"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs=ROWS),
        help_text=_("Emailed to them with a link to their contribution's page, where they answer."),
        error_messages={"required": _("Write the question.")},
    )


class CollectionsField(forms.ModelMultipleChoiceField):
    """Collections by id; an id no database integer can hold is refused here, before the query that would fail on
    it (a 500 instead of the form's message)."""

    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if text.isascii() and text.isdigit() and int(text) > self.LARGEST_ID:
                message = self.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": text})
        return super()._check_values(value)


class AcceptForm(NoColonMixin, forms.Form):
    collections = CollectionsField(
        label=_("Collections"),
        queryset=Collection.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one collection to accept the item into."),
            "invalid_choice": _("Choose collections of this library only."),
            "invalid_pk_value": _("Choose collections of this library only."),
        },
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["collections"]
        field.queryset = Collection.objects.filter(library=library)
        # A draft collection is not public yet: its items wait there until it is published.
        field.label_from_instance = lambda collection: (
            collection.title if collection.is_public else _("%(title)s (draft)") % {"title": collection.title}
        )


class DeclineForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs=ROWS),
        help_text=_("Sent to the contributor. Be kind and say what they could do instead."),
        error_messages={"required": _("Give the reason: it is sent to the contributor.")},
    )


class WithdrawForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs=ROWS),
        help_text=_("E.g. “The contributor asked us to.” Kept in the staff history."),
        error_messages={"required": _("Give the reason for withdrawing the item.")},
    )
    tell_contributor = forms.BooleanField(label=_("Email the reason to the contributor"), required=False, initial=True)


class TakedownForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We send our answer here. Only the library's staff see your name and email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    relation = forms.ChoiceField(
        label=_("How the item concerns you"), choices=Takedown.Relation.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why it should come down"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs=ROWS),
        help_text=_("E.g. “My face and my flat number can be seen in the third photo.”"),
    )


class TakedownDecisionForm(NoColonMixin, forms.Form):
    HIDE, UPHOLD, REJECT = "hide", "uphold", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (HIDE, _("Hide the item while we look at the request")),
            (UPHOLD, _("Uphold: withdraw the item")),
            (REJECT, _("Reject: the item stays (give your reasons)")),
        ],
    )
    note = forms.CharField(
        label=_("Our answer to the person who asked"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs=ROWS),
        required=False,
        help_text=_("Emailed to them. Required when the item stays."),
    )

    def __init__(self, *args, can_hide: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_hide:
            field = self.fields["decision"]
            field.choices = [choice for choice in field.choices if choice[0] != self.HIDE]

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", _("Write your reasons: they are sent to the person who asked."))
        return data


class SettingsForm(NoColonMixin, forms.Form):
    accepts_contributions = forms.BooleanField(
        label=_("The public may contribute"),
        required=False,
        help_text=_("Untick to close the contribution form (what was sent stays)."),
    )
    second_review = forms.BooleanField(
        label=_("A second reviewer must approve before anything is published"),
        required=False,
        help_text=_("The second approval must come from a different member of staff."),
    )
