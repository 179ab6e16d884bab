"""Forms of joint campaigns: the coordinator's campaign and shared-resource forms, and a library's activity
form. Each text a reader sees has a Chinese and an English field; the services check the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Event, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(NoColonMixin, forms.Form):
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    theme_zh_hans = forms.CharField(
        label=_("Theme (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme_en = forms.CharField(label=_("Theme (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reader_action_zh_hans = forms.CharField(
        label=_("What readers do (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. read a chapter a day and post a 60-second video."),
    )
    reader_action_en = forms.CharField(
        label=_("What readers do (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hashtag = forms.CharField(
        label=_("Hashtag"), max_length=100, required=False, help_text=_("Without spaces, e.g. #一城一书")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def clean_hashtag(self):
        tag = self.cleaned_data["hashtag"].strip()
        if any(c.isspace() for c in tag):
            raise forms.ValidationError(_("A hashtag has no spaces."))
        tag = tag.lstrip("#")
        return f"#{tag}" if tag else ""

    @classmethod
    def for_campaign(cls, campaign, data=None):
        initial = {name: getattr(campaign, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class ResourceForm(NoColonMixin, forms.Form):
    # Shown on the same page as the campaign form: the prefix keeps names and ids apart.
    prefix = "resource"

    title_zh = forms.CharField(label=_("Resource title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Resource title (English)"), max_length=200, required=False)
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ActivityForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    event = forms.ModelChoiceField(
        label=_("One of your library's events"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(library=library, status=Status.PUBLISHED).order_by(
            "-starts_at"
        )

    @classmethod
    def for_activity(cls, activity, data=None):
        initial = {
            "title_zh": activity.title_zh_hans or "",
            "title_en": activity.title_en or "",
            "description_zh": activity.description_zh_hans or "",
            "description_en": activity.description_en or "",
            "date": activity.date,
            "link": activity.link,
            "event": activity.event_id,
        }
        return cls(data, initial=initial, library=activity.participation.library)
