"""Forms of the carrier settings page: adding a carrier."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Partner

from .models import Carrier


class CarrierForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Carrier.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Needed for a partner bookstore; for a courier, the company if it is a partner."),
    )

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = library.partners.filter(
            kind__in=(Partner.Kind.BOOKSTORE, Partner.Kind.COURIER)
        ).order_by("name")
