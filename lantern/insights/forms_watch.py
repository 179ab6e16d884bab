"""Forms of the observatory's watch pages: a watched library, a channel, a study (with its sample picker).

The forms only parse; `insights.watch` decides what is acceptable and says why, so the same messages reach
the pages, the admin and any command.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library, Role

from .models import Channel
from .watch import search_libraries

# How many libraries the sample picker lists at once; the filter narrows a longer list.
PICKER_LIMIT = 200


class WatchedLibraryForm(NoColonMixin, forms.Form):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Library.Level.choices, initial=Library.Level.MUNICIPAL)
    website = forms.CharField(
        label=_("Website"), max_length=200, required=False, widget=forms.URLInput(attrs={"inputmode": "url"})
    )

    @classmethod
    def initial_for(cls, library: Library) -> dict:
        return {
            "name_zh": library.name_zh_hans or "",
            "name_en": library.name_en or "",
            "province": library.province,
            "city": library.city,
            "level": library.level,
            "website": library.website,
        }


class ChannelForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Channel.Kind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Leave empty to call it by its kind.")
    )
    url = forms.CharField(
        label=_("Address"),
        max_length=1000,
        required=False,
        help_text=_("For a feed: its RSS or Atom link. Otherwise the site, if any."),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    page_urls = forms.CharField(
        label=_("Page addresses"),
        required=False,
        help_text=_("For web pages: one address per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    account = forms.CharField(
        label=_("WeChat account name or ID"),
        max_length=200,
        required=False,
        help_text=_("For a WeChat public account, e.g. 武汉图书馆 or whlib1985."),
    )


def researchers():
    return (
        get_user_model()
        .objects.filter(Q(roles__kind=Role.Kind.RESEARCHER) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("name", "username")
    )


def library_label(library: Library) -> str:
    where = " · ".join(part for part in (library.province, library.city) if part)
    kind = _("watched") if library.observed_only else _("on Lantern")
    return f"{library.name} ({where + ' · ' if where else ''}{kind})"


class StudyForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A fixed end date. With “until each library reopens”, no window ends after it."),
    )
    until_reopening = forms.BooleanField(
        label=_("Until each library reopens"),
        required=False,
        help_text=_(
            "Each library's window ends on its reopening: from its status history, else from the reopening "
            "date its announcements give."
        ),
    )
    double_coding_percent = forms.IntegerField(
        label=_("Share of posts coded twice (%)"), required=False, initial=20, min_value=0, max_value=100
    )
    library_filter = forms.CharField(
        label=_("Find libraries for the sample"),
        required=False,
        help_text=_("Name, city or province; then press “Filter the list”. Libraries already ticked stay listed."),
    )
    libraries = forms.ModelMultipleChoiceField(
        label=_("Sample"),
        queryset=Library.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coders = forms.ModelMultipleChoiceField(
        label=_("Coders"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Researchers who code this study's posts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coders"].queryset = researchers()
        self.fields["coders"].label_from_instance = lambda user: user.name or user.username
        self.listed_count = self.total_count = 0

    def show_libraries(self, text: str, chosen_ids) -> None:
        """List the libraries matching `text` (at most PICKER_LIMIT), always with those already chosen.

        Validation still accepts any library: only what is listed is narrowed, so a filter never drops
        a choice.
        """
        chosen_ids = {int(pk) for pk in chosen_ids if str(pk).isdigit()}
        matching = search_libraries(Library.objects.all(), text).order_by("-observed_only", "name_zh_hans", "slug")
        self.total_count = matching.count()
        listed = list(matching[:PICKER_LIMIT])
        self.listed_count = len(listed)
        listed_ids = {library.pk for library in listed}
        missing = [pk for pk in chosen_ids if pk not in listed_ids]
        chosen = list(Library.objects.filter(pk__in=missing)) if missing else []
        self.fields["libraries"].widget.choices = [
            (library.pk, library_label(library)) for library in [*chosen, *listed]
        ]
