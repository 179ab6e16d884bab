"""Forms of the information hub: a topic, a notice (both languages; the expiry in the library's time zone,
settings.TIME_ZONE, as the page says) and the library's information-service settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Bulletin, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TopicForm(NoColonMixin, forms.Form):
    name_zh = forms.CharField(label=_("Topic name (Chinese)"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Topic name (English)"), max_length=100, required=False)


class BulletinForm(NoColonMixin, forms.Form):
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_zh_hans = forms.CharField(
        label=_("Text (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paragraphs, lists, bold and links are kept; anything else is removed."),
    )
    body_en = forms.CharField(label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    authority = forms.CharField(
        label=_("Issuing authority"),
        max_length=200,
        help_text=_("E.g. 武汉市卫生健康委员会 (the city's health commission)."),
    )
    source_url = forms.URLField(
        label=_("Source link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where the authority published it."),
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False, help_text=_("Where it applies."))
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    verification = forms.ChoiceField(label=_("Verification"), choices=Bulletin.Verification.choices)
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        required=False,
        widget=LOCAL,
        help_text=_("The notice leaves the information page and the feed by itself then. Empty: it stays."),
    )
    pinned = forms.BooleanField(label=_("Pin to the top of the information page"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(library=library)

    @classmethod
    def for_bulletin(cls, bulletin, data=None):
        initial = {name: getattr(bulletin, name) for name in cls.base_fields if name != "topics"}
        initial["topics"] = list(bulletin.topics.values_list("pk", flat=True))
        return cls(data, initial=initial, library=bulletin.library)


class SettingsForm(NoColonMixin, forms.Form):
    require_approval = forms.BooleanField(
        label=_("A second staff member approves notices, rumour checks and guides before they are published"),
        required=False,
    )
    first_response_hours = forms.IntegerField(
        label=_("First response to questions within (hours)"),
        min_value=1,
        max_value=24 * 14,
        help_text=_("Questions waiting longer are flagged in the queue."),
    )
