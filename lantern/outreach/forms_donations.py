"""Forms of donations: the outgoing donation with a fixed set of line rows (a formset, no JavaScript), the
gift form, and the choice of language for a printed receipt or letter."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library

from .models import IncomingDonation, OutgoingDonation, Station

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINE_ROWS = 6


class DonationForm(NoColonMixin, forms.Form):
    recipient = forms.CharField(
        label=_("Given to"),
        max_length=200,
        required=False,
        help_text=_("The hospital, community or station, as the receipt names it. Empty: the partner's or station's."),
    )
    recipient_kind = forms.ChoiceField(label=_("Kind of recipient"), choices=OutgoingDonation.RecipientKind.choices)
    recipient_partner = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=None, required=False, empty_label=_("None")
    )
    station = forms.ModelChoiceField(label=_("Reading station"), queryset=None, required=False, empty_label=_("None"))
    given_on = forms.DateField(label=_("Date given"), widget=DATE)
    note = forms.CharField(label=_("Note (printed on the receipt)"), max_length=500, required=False)

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_partner"].queryset = library.partners.order_by("name")
        self.fields["station"].queryset = Station.objects.filter(library=library).order_by("name", "pk")


class GiftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(number)s · %(donor)s · %(description)s") % {
            "number": obj.number,
            "donor": obj.donor_name,
            "description": obj.description[:40],
        }


class LineForm(NoColonMixin, forms.Form):
    description = forms.CharField(label=_("Items given"), max_length=300, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000, required=False)
    from_incoming = GiftChoiceField(
        label=_("From the gift"),
        queryset=None,
        required=False,
        empty_label=_("Not from a gift"),
        help_text=_("Books passed on from a gift of books."),
    )

    def __init__(self, *args, library: Library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_incoming"].queryset = IncomingDonation.objects.filter(
            library=library, kind=IncomingDonation.Kind.BOOKS
        ).order_by("-received_on", "-pk")

    def clean(self):
        cleaned = super().clean()
        has_any = cleaned.get("description") or cleaned.get("quantity") or cleaned.get("from_incoming")
        if has_any and not cleaned.get("description") and "description" not in self.errors:
            self.add_error("description", _("Say what the items are."))
        if has_any and not cleaned.get("quantity") and "quantity" not in self.errors:
            self.add_error("quantity", _("Say how many."))
        return cleaned


LineFormSet = forms.formset_factory(LineForm, extra=LINE_ROWS, max_num=LINE_ROWS, absolute_max=LINE_ROWS)


def line_formset(library: Library, data=None) -> forms.BaseFormSet:
    return LineFormSet(data, prefix="lines", form_kwargs={"library": library})


class GiftForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What was given"), choices=IncomingDonation.Kind.choices, widget=forms.RadioSelect)
    donor_name = forms.CharField(label=_("Donor's name"), max_length=200)
    donor_kind = forms.ChoiceField(label=_("Kind of donor"), choices=IncomingDonation.DonorKind.choices)
    donor_email = forms.EmailField(
        label=_("Donor's email (private)"), max_length=254, required=False, help_text=_("Never shown publicly.")
    )
    donor_phone = forms.CharField(
        label=_("Donor's phone (private)"), max_length=40, required=False, help_text=_("Never shown publicly.")
    )
    may_name = forms.BooleanField(
        label=_("The donor agrees to be named on the public thank-you page"),
        required=False,
        help_text=_("Otherwise the public page says “anonymous donor”. The letter always uses their name."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=500, help_text=_("Shown on the public thank-you page.")
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        help_text=_("Books or items. Required for books."),
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Gifts of money only; above zero."),
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False, initial="CNY")
    received_on = forms.DateField(label=_("Received on"), widget=DATE)

    @staticmethod
    def initial_for(gift: IncomingDonation) -> dict:
        return {
            field: getattr(gift, field)
            for field in (
                "kind",
                "donor_name",
                "donor_kind",
                "donor_email",
                "donor_phone",
                "may_name",
                "description",
                "quantity",
                "amount",
                "currency",
                "received_on",
            )
        }


class PaperLanguageForm(NoColonMixin, forms.Form):
    """The language of a printed receipt or letter; the site's default language when not chosen."""

    language = forms.ChoiceField(label=_("Language of the paper"), choices=settings.LANGUAGES, required=False)

    def language_code(self) -> str:
        if self.is_valid() and self.cleaned_data["language"]:
            return self.cleaned_data["language"]
        return settings.LANGUAGE_CODE
