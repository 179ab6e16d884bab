"""Forms of online reading groups: the group (staff), a host, a session, a post, a reason to hide a post.

The forms only shape input; the rules and their messages live in `services.groups` and `services.groups_board`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.isbn import to_isbn13
from lantern.catalogue.models import ReadingList, Record
from lantern.core.forms import NoColonMixin

from .models import Audience
from .sanitise import MAX_POST_CHARS

TEXT_ROWS = 4
BOOK_MATCHES_SHOWN = 5


def find_book(library, query: str) -> Record | None:
    """The library's record named by a record number, an ISBN or (part of) a title: exactly one, else
    ValidationError saying what to type instead."""
    query = " ".join((query or "").split())
    if not query:
        return None
    records = Record.objects.at(library)
    if query.isdigit() and len(query) < 10:
        record = records.filter(pk=int(query)).first()
        if record is None:
            raise ValidationError(_("This library has no record number %(n)s.") % {"n": query})
        return record
    isbn = to_isbn13(query)
    condition = Q(title__icontains=query)
    if isbn:
        condition |= Q(isbn_set__value=isbn)
    found = list(records.filter(condition).distinct().order_by("title", "pk")[: BOOK_MATCHES_SHOWN + 1])
    if not found:
        raise ValidationError(_("No book in this library's catalogue matches “%(q)s”.") % {"q": query})
    if len(found) > 1:
        shown = "; ".join(f"{record.title} ({record.pk})" for record in found[:BOOK_MATCHES_SHOWN])
        raise ValidationError(
            _("Several books match: %(books)s. Type the record number in brackets.") % {"books": shown}
        )
    return found[0]


class GroupForm(NoColonMixin, forms.Form):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    description_zh = forms.CharField(
        label=_("Description in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    book = forms.CharField(
        label=_("Book"),
        max_length=200,
        required=False,
        help_text=_("A title, an ISBN or a record number from this library's catalogue. Leave empty for a list."),
    )
    reading_list = forms.ModelChoiceField(
        label=_("Or a reading list"),
        queryset=ReadingList.objects.none(),
        required=False,
        empty_label=_("No reading list"),
    )
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=[("", _("Everyone")), *Audience.choices])
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    premoderated = forms.BooleanField(
        label=_("Check posts before they appear"),
        required=False,
        help_text=_("Members' posts wait for a host or staff member to approve them."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.library = library
        self.fields["reading_list"].queryset = ReadingList.objects.at(library).order_by("-created_at")
        self.fields["partners"].queryset = library.partners.order_by("name")
        if not self.fields["partners"].queryset.exists():
            del self.fields["partners"]

    def clean(self):
        data = super().clean()
        # Said here too, so that a form with other mistakes also says it at once.
        if not (data.get("name_zh", "").strip() or data.get("name_en", "").strip()):
            self.add_error("name_zh", _("Give the group a name in Chinese, in English or in both."))
        return data

    def clean_book(self):
        return find_book(self.library, self.cleaned_data.get("book", ""))

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name_zh": data["name_zh"],
            "name_en": data["name_en"],
            "description_zh": data["description_zh"],
            "description_en": data["description_en"],
            "record": data["book"],
            "reading_list": data["reading_list"],
            "audience": data["audience"],
            "partners": data.get("partners") or [],
            "premoderated": data["premoderated"],
        }

    @staticmethod
    def initial_for(group) -> dict:
        return {
            "name_zh": group.name_zh_hans or "",
            "name_en": group.name_en or "",
            "description_zh": group.description_zh_hans or "",
            "description_en": group.description_en or "",
            "book": str(group.record_id) if group.record_id else "",
            "reading_list": group.reading_list_id,
            "audience": group.audience,
            "partners": list(group.partners.all()),
            "premoderated": group.premoderated,
        }


class HostForm(NoColonMixin, forms.Form):
    identifier = forms.CharField(
        label=_("Email or phone number of the host's account"),
        max_length=254,
        help_text=_("The host signs up on this site first; a guest from outside the library is welcome."),
    )
    introduction = forms.CharField(
        label=_("Introduction for readers"),
        max_length=300,
        required=False,
        help_text=_("Needed for a guest, e.g. “Novelist, author of …”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionForm(NoColonMixin, forms.Form):
    topic_zh = forms.CharField(label=_("Topic in Chinese"), max_length=200, required=False)
    topic_en = forms.CharField(label=_("Topic in English"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        help_text=_("In the library's time zone."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    online_link = forms.CharField(
        label=_("Online link"),
        max_length=500,
        required=False,
        help_text=_("The meeting's web address; shown only to members."),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    @staticmethod
    def initial_for(session) -> dict:
        return {
            "topic_zh": session.topic_zh_hans or "",
            "topic_en": session.topic_en or "",
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "online_link": session.online_link,
        }


class PostForm(NoColonMixin, forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        help_text=_(
            "Plain text is fine: a blank line starts a new paragraph. Formatting kept: bold, italics, lists, "
            "quotations and web links (the HTML tags strong, em, ul, ol, li, blockquote and a); anything else is "
            "removed."
        ),
        # The limit is checked by the service, with a message that says how long the post is.
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_POST_CHARS}),
    )


class HideForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the author"),
        max_length=300,
        help_text=_("Sent to the author, e.g. “Please keep to the book we are reading.”"),
    )
