"""Forms of the exhibition editor: the exhibition (staff and partner versions), a section, an item.

The forms only shape input; the rules (and their messages) live in `services.exhibitions` and `uploads`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Partner

from .models import Audience, Exhibition, Item, Section

TEXT_ROWS = 4


class PartnerExhibitionForm(NoColonMixin, forms.Form):
    """What a co-curating partner's contact may change: the words, not the partners or the audience."""

    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    summary_zh = forms.CharField(
        label=_("Introduction in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    summary_en = forms.CharField(
        label=_("Introduction in English"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )

    @classmethod
    def initial_for(cls, exhibition: Exhibition | None) -> dict:
        if exhibition is None:
            return {}
        return {
            "title_zh": exhibition.title_zh_hans or "",
            "title_en": exhibition.title_en or "",
            "summary_zh": exhibition.summary_zh_hans or "",
            "summary_en": exhibition.summary_en or "",
            "audience": exhibition.audience,
            "partners": list(exhibition.partners.all()),
        }


class ExhibitionForm(PartnerExhibitionForm):
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=[("", _("Everyone")), *Audience.choices])
    partners = forms.ModelMultipleChoiceField(
        label=_("Co-curating partners"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their contacts may edit this exhibition's content, and nothing else."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = library.partners.all()


class SectionForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    text_zh = forms.CharField(
        label=_("Text in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    text_en = forms.CharField(
        label=_("Text in English"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )

    @classmethod
    def initial_for(cls, section: Section | None) -> dict:
        if section is None:
            return {}
        return {
            "title_zh": section.title_zh_hans or "",
            "title_en": section.title_en or "",
            "text_zh": section.text_zh_hans or "",
            "text_en": section.text_en or "",
        }


class ItemForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Item.Kind.choices, widget=forms.RadioSelect)
    image = forms.FileField(
        label=_("Image file"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or GIF, at most 15 MB and 40 megapixels. It is resized for the web and its "
            "camera data (including GPS location) is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_zh = forms.CharField(
        label=_("Text alternative in Chinese"),
        max_length=300,
        required=False,
        help_text=_(
            "Required for an image, in at least one language: what the image shows, for readers who cannot see it."
        ),
    )
    alt_en = forms.CharField(label=_("Text alternative in English"), max_length=300, required=False)
    document = forms.FileField(
        label=_("PDF document"),
        required=False,
        help_text=_("At most 30 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
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
        help_text=_("Optional, for deaf and hard-of-hearing readers."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    caption_zh = forms.CharField(label=_("Caption in Chinese"), max_length=300, required=False)
    caption_en = forms.CharField(label=_("Caption in English"), max_length=300, required=False)
    credit_zh = forms.CharField(label=_("Credit in Chinese"), max_length=200, required=False)
    credit_en = forms.CharField(label=_("Credit in English"), max_length=200, required=False)
    rights = forms.CharField(
        label=_("Rights"),
        max_length=200,
        required=False,
        help_text=_("For example “© Hubei Museum, used with permission” or “CC BY 4.0”."),
    )

    field_order = [
        "kind", "caption_zh", "caption_en", "image", "alt_zh", "alt_en", "document", "video_url", "captions",
        "credit_zh", "credit_en", "rights",
    ]  # fmt: skip

    @classmethod
    def initial_for(cls, item: Item | None) -> dict:
        if item is None:
            return {"kind": Item.Kind.IMAGE}
        return {
            "kind": item.kind,
            "alt_zh": item.alt_text_zh_hans or "",
            "alt_en": item.alt_text_en or "",
            "video_url": item.video_url,
            "caption_zh": item.caption_zh_hans or "",
            "caption_en": item.caption_en or "",
            "credit_zh": item.credit_zh_hans or "",
            "credit_en": item.credit_en or "",
            "rights": item.rights,
        }
