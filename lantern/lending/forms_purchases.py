"""Forms of "buy for the reader": the reader's delivery details, a reason to decline, a bookstore's list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Partner

from .services import bookstore_titles


class SearchForm(NoColonMixin, forms.Form):
    q = forms.CharField(
        label=_("Title, author or ISBN"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class AskForm(NoColonMixin, forms.Form):
    """Where the bookstore brings the book; the service validates (phone numbers as sign-up does)."""

    recipient = forms.CharField(label=_("Recipient"), max_length=100)
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    address = forms.CharField(
        label=_("Delivery address"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )


class DeclineForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the reader"),
        max_length=300,
        help_text=_("Sent to the reader, e.g. “The bookstore can no longer get this book.”"),
    )


class TitlesUploadForm(NoColonMixin, forms.Form):
    bookstore = forms.ModelChoiceField(label=_("Bookstore"), queryset=Partner.objects.none())
    file = forms.FileField(
        label=_("List of titles (CSV)"),
        help_text=_(
            "First line: title,authors,publisher,year,isbn,price,in_stock. A title already listed with the "
            "same ISBN is updated."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bookstore"].queryset = bookstore_titles.bookstores_of(library)
