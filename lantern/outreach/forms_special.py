"""Forms of the staff pages for services for special groups: a service and a video lesson.

The forms only shape input; the rules (and their messages) live in `services.special` and `core.uploads`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.audience import Audience
from lantern.core.forms import NoColonMixin

from .models import AccessibleService, Lesson

TEXT_ROWS = 4


def _text(label, rows=TEXT_ROWS, help_text=""):
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class ServiceForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of service"), choices=AccessibleService.Kind.choices)
    audience = forms.ChoiceField(label=_("Group it serves"), choices=[("", "—"), *Audience.choices], required=False)
    title_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    who_zh = forms.CharField(
        label=_("Who it serves, in Chinese"),
        max_length=300,
        required=False,
        help_text=_("In short, plain words, e.g. “Readers over 60 who find it hard to come to the library”."),
    )
    who_en = forms.CharField(label=_("Who it serves, in English"), max_length=300, required=False)
    how_zh = _text(_("How to use it, in Chinese"), help_text=_("Short steps a reader can follow."))
    how_en = _text(_("How to use it, in English"))
    description_zh = _text(_("More about it, in Chinese"))
    description_en = _text(_("More about it, in English"))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Required for ordering by phone."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    link = forms.CharField(
        label=_("Link"),
        max_length=500,
        required=False,
        help_text=_("Optional: a web page with more, starting with https://"),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    @classmethod
    def initial_for(cls, service: AccessibleService | None) -> dict:
        if service is None:
            return {}
        initial = {"kind": service.kind, "audience": service.audience, "phone": service.phone, "link": service.link}
        for name in ("title", "who", "how", "description"):
            initial[f"{name}_zh"] = getattr(service, f"{name}_zh_hans") or ""
            initial[f"{name}_en"] = getattr(service, f"{name}_en") or ""
        return initial


class LessonForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    video_url = forms.CharField(
        label=_("Video link"),
        max_length=500,
        required=False,
        help_text=_("The full web address, starting with https://"),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    captions = forms.FileField(
        label=_("Captions file (WebVTT)"),
        required=False,
        help_text=_("Required, for deaf and hard-of-hearing readers: a .vtt file starting with “WEBVTT”."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    duration_minutes = forms.CharField(
        label=_("Minutes"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    @classmethod
    def initial_for(cls, lesson: Lesson | None) -> dict:
        if lesson is None:
            return {}
        return {
            "title_zh": lesson.title_zh_hans or "",
            "title_en": lesson.title_en or "",
            "video_url": lesson.video_url,
            "duration_minutes": lesson.duration_minutes or "",
        }
