"""Forms of rumour checks: the staff's check form (both languages), the evidence form, linking and declining a
doubt; the readers' search and their "message I doubt" form (text, link or screenshot, checked by content)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core import uploads
from lantern.core.forms import NoColonMixin
from lantern.core.models import Library

from .models import Publishable, RumourCheck
from .services.rumours import check_values

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CheckForm(NoColonMixin, forms.Form):
    claim_zh_hans = forms.CharField(label=gettext_lazy("Claim (Chinese)"), max_length=500, required=False)
    claim_en = forms.CharField(label=gettext_lazy("Claim (English)"), max_length=500, required=False)
    circulated_in = forms.CharField(
        label=gettext_lazy("Where it circulated"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("E.g. WeChat groups, a video platform."),
    )
    first_seen_on = forms.DateField(label=gettext_lazy("First seen on"), required=False, widget=DATE)
    verdict = forms.ChoiceField(
        label=gettext_lazy("Verdict"), choices=RumourCheck.Verdict.choices, widget=forms.RadioSelect
    )
    summary_zh_hans = forms.CharField(
        label=gettext_lazy("Verdict in one sentence (Chinese)"), max_length=300, required=False
    )
    summary_en = forms.CharField(
        label=gettext_lazy("Verdict in one sentence (English)"), max_length=300, required=False
    )
    explanation_zh_hans = forms.CharField(
        label=gettext_lazy("Explanation (Chinese)"),
        widget=forms.Textarea,
        required=False,
        help_text=gettext_lazy("Plain language. Paragraphs, lists, bold and links are kept."),
    )
    explanation_en = forms.CharField(label=gettext_lazy("Explanation (English)"), widget=forms.Textarea, required=False)
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Topics"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.library = library
        self.fields["topics"].queryset = library.info_topics.order_by("slug")

    def clean(self):
        """Every missing part named at once (the service checks again when saving)."""
        data = super().clean()
        try:
            check_values(self.library, {**data, "verdict": data.get("verdict") or "false"}, data.get("topics") or ())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, errors)
        return data


class EvidenceForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Source title"), max_length=300)
    url = forms.URLField(label=gettext_lazy("Link"), max_length=500, required=False, assume_scheme="https")
    publisher = forms.CharField(
        label=gettext_lazy("Publisher"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. the National Health Commission, the WHO."),
    )
    published_on = forms.DateField(label=gettext_lazy("Date"), required=False, widget=DATE)
    note_zh_hans = forms.CharField(label=gettext_lazy("What it shows (Chinese)"), max_length=300, required=False)
    note_en = forms.CharField(label=gettext_lazy("What it shows (English)"), max_length=300, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search the checks"), max_length=200, required=False)


# --- the message a reader doubts -----------------------------------------------------------------
class DoubtForm(NoColonMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("The message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=gettext_lazy("Paste the message as you received it."),
    )
    link = forms.URLField(
        label=gettext_lazy("Its link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("The address of the article or video, if it came as a link."),
    )
    screenshot = forms.FileField(
        label=gettext_lazy("A screenshot"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=gettext_lazy("A picture of the message (at most 8 MB). Location and camera data are removed."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email, for the answer"),
        required=False,
        help_text=gettext_lazy("Optional. We write only to tell you the answer."),
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]

    def clean_screenshot(self):
        upload = self.cleaned_data.get("screenshot")
        return uploads.check_image(upload) if upload else None

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text", "").strip() or data.get("link") or data.get("screenshot")):
            raise ValidationError(_("Paste the message, give its link or attach a screenshot: at least one."))
        return data


class LinkDoubtForm(forms.Form):
    check = forms.ModelChoiceField(label=gettext_lazy("Answered by the check"), queryset=None)

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].queryset = library.rumour_checks.exclude(status=Publishable.WITHDRAWN).order_by("-pk")


class DeclineDoubtForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it will not be checked"),
        max_length=300,
        help_text=gettext_lazy("The reader is told this reason."),
    )
