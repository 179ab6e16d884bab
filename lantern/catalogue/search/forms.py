"""The search box and its facet choices, as one form shared by the search page (and checked like any input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import Format
from lantern.core.forms import NoColonMixin

MAX_PAGE = 500


class SearchForm(NoColonMixin, forms.Form):
    q = forms.CharField(label=_("Search the catalogue"), max_length=200, required=False, strip=True)
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("Any format")), *Format.choices], required=False)
    language = forms.RegexField(label=_("Language"), regex=r"^[a-z]{2,8}$", max_length=8, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    available = forms.BooleanField(label=_("Available now"), required=False)
    network = forms.BooleanField(label=_("Search all libraries of the network"), required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)
