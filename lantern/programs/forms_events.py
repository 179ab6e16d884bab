"""Forms of events: the staff's event form (both languages, times in the library's time zone, captions
upload), the staff's reason to cancel, and the readers' filter of the events page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library
from lantern.core.uploads import check_captions

from .models import Audience, Event

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(NoColonMixin, forms.Form):
    """What staff type; times are read in the site's time zone (settings.TIME_ZONE), as the page says."""

    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_zh_hans = forms.CharField(label=_("Description (Chinese)"), widget=forms.Textarea, required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea, required=False)
    mode = forms.ChoiceField(label=_("Where"), choices=Event.Mode.choices, widget=forms.RadioSelect)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=LOCAL)
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("Required for on-site and hybrid events.")
    )
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Required for online and hybrid events; shown only to readers with a confirmed seat."),
    )
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=1, max_value=100_000, required=False, help_text=_("Empty: no limit.")
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=[("", _("Everyone"))], required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cohosts = forms.ModelMultipleChoiceField(
        label=_("Co-hosting libraries"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recording_url = forms.URLField(
        label=_("Recording (link to the video)"), max_length=500, required=False, assume_scheme="https"
    )
    captions = forms.FileField(
        label=_("Captions for the recording (WebVTT, .vtt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    remove_captions = forms.BooleanField(label=_("Remove the current captions"), required=False)

    def __init__(self, *args, library: Library, has_captions: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_captions:
            del self.fields["remove_captions"]

        self.fields["audience"].choices = [("", _("Everyone")), *Audience.choices]
        self.fields["partners"].queryset = library.partners.order_by("name")
        others = Library.objects.none()
        if library.network_id:
            others = Library.objects.filter(network_id=library.network_id).exclude(pk=library.pk).order_by("slug")
        self.fields["cohosts"].queryset = others

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if not upload:
            return None
        return check_captions(upload)

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        return {
            **{
                field: getattr(event, field)
                for field in (
                    "title_zh_hans",
                    "title_en",
                    "description_zh_hans",
                    "description_en",
                    "mode",
                    "starts_at",
                    "ends_at",
                    "place",
                    "online_link",
                    "capacity",
                    "audience",
                    "recording_url",
                )
            },
            "partners": list(event.partners.all()),
            "cohosts": list(event.cohosts.all()),
        }


class CancelEventForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the readers"),
        max_length=300,
        help_text=_("Every registered and waiting reader is told, e.g. “The speaker is ill.”"),
    )


class FilterForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All events")), ("online", _("Online")), ("onsite", _("On site"))],
    )

    def clean_mode(self):
        mode = self.cleaned_data.get("mode") or ""
        if mode not in ("", "online", "onsite"):
            raise ValidationError(_("Choose online or on site."))
        return mode
