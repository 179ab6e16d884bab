"""The staff form of a special collection: its short name, title and introduction in both languages, and the
call for contributions. The form only shapes input; the rules and their messages are in services.collections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin, date_input

from .models import Collection

TEXT_ROWS = 4


class CollectionForm(NoColonMixin, forms.Form):
    slug = forms.CharField(
        label=_("Short name"),
        max_length=60,
        required=False,
        help_text=_(
            "Used in the collection's web address and by harvesters: letters a–z, digits and hyphens, such as "
            "“our-city”. It cannot change once the collection has been published."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description_zh = forms.CharField(
        label=_("Introduction in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    description_en = forms.CharField(
        label=_("Introduction in English"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    calls_for_contributions = forms.BooleanField(
        label=_("Ask the public for contributions to this collection"),
        required=False,
        help_text=_("The archive's page shows the call, with a link to the contribution form, until it ends."),
    )
    call_text_zh = forms.CharField(
        label=_("What the call asks for, in Chinese"),
        required=False,
        widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
    )
    call_text_en = forms.CharField(
        label=_("What the call asks for, in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
    )
    call_ends_on = forms.DateField(
        label=_("The call ends on"),
        required=False,
        help_text=_("Leave empty for a call without an end date."),
        widget=date_input(),
    )

    def __init__(self, *args, collection: Collection | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if collection is not None and collection.published_at is not None:
            self.fields["slug"].disabled = True

    @classmethod
    def initial_for(cls, collection: Collection | None) -> dict:
        if collection is None:
            return {}
        return {
            "slug": collection.slug,
            "title_zh": collection.title_zh_hans or "",
            "title_en": collection.title_en or "",
            "description_zh": collection.description_zh_hans or "",
            "description_en": collection.description_en or "",
            "calls_for_contributions": collection.calls_for_contributions,
            "call_text_zh": collection.call_text_zh_hans or "",
            "call_text_en": collection.call_text_en or "",
            "call_ends_on": collection.call_ends_on,
        }
