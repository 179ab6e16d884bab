"""Forms of the staff reading-list pages: the list, a record entry, an outside e-resource, a note.

The forms only shape input; the rules (and their messages) live in `services.lists`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import ReadingList

NOTE_ROWS = 3


class ReadingListForm(NoColonMixin, forms.Form):
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    theme_zh = forms.CharField(
        label=_("Theme in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": NOTE_ROWS})
    )
    theme_en = forms.CharField(
        label=_("Theme in English"), required=False, widget=forms.Textarea(attrs={"rows": NOTE_ROWS})
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=ReadingList.Audience.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ReadingList.Purpose.choices)

    @classmethod
    def initial_for(cls, reading_list: ReadingList) -> dict:
        return {
            "title_zh": reading_list.title_zh_hans or "",
            "title_en": reading_list.title_en or "",
            "theme_zh": reading_list.theme_zh_hans or "",
            "theme_en": reading_list.theme_en or "",
            "audience": reading_list.audience,
            "purpose": reading_list.purpose,
        }


class NoteFields(forms.Form):
    note_zh = forms.CharField(
        label=_("Librarian's note in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": NOTE_ROWS})
    )
    note_en = forms.CharField(
        label=_("Librarian's note in English"), required=False, widget=forms.Textarea(attrs={"rows": NOTE_ROWS})
    )


class RecordEntryForm(NoColonMixin, NoteFields):
    record = forms.IntegerField(widget=forms.HiddenInput)


class OutsideEntryForm(NoColonMixin, NoteFields):
    title = forms.CharField(label=_("Title of the e-resource"), max_length=500)
    url = forms.CharField(
        label=_("Web address"),
        max_length=1000,
        help_text=_("The full web address, starting with https://"),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    field_order = ["title", "url", "note_zh", "note_en"]


class NoteForm(NoColonMixin, NoteFields):
    pass


class RecordSearchForm(NoColonMixin, forms.Form):
    q = forms.CharField(
        label=_("Find a record by title or ISBN"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
