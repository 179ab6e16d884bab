"""The public contribution form: what the item is, its files (several at once, a plain file input that works
without JavaScript), the licence in plain words, who the contributor is and who sees what, and for a minor a
parent's or guardian's consent. The form checks each field and the contribution's own rules; the files are
checked by the service, by their content, when the whole contribution is submitted."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin

from .models import Item
from .services.contribute import check_contribution

# What a phone's file picker offers first; the archive still reads every file's content, whatever it says.
ACCEPTED_FILES = "image/*,application/pdf,text/plain,audio/*,video/*,.pdf,.txt"

LICENCE_CHOICES = [
    (
        Item.Licence.CC_BY,
        _(
            "Publish it and let everyone use it (CC BY 4.0): the library may show it on its website, and anyone "
            "may copy, share or adapt it as long as they name who made it."
        ),
    ),
    (
        Item.Licence.CC_BY_NC,
        _(
            "Publish it, but not for profit (CC BY-NC 4.0): as above, but nobody may use it to make money, for "
            "example in an advertisement or a book for sale."
        ),
    ),
    (
        Item.Licence.PRESERVE_ONLY,
        _(
            "Keep it, do not publish it: the library keeps it safely in its archive as part of the record, but "
            "never shows it on its website or passes it to catalogues."
        ),
    ),
]

LANGUAGE_CHOICES = [("zh", _("Chinese")), ("en", _("English")), ("", _("Another language, or no words"))]

PRIVACY_NOTE = _(
    "Only the library's archive staff see your email and phone; they are never published. Your name is shown "
    "with your contribution only if you tick “show my name”. Under 18: a parent or guardian must agree."
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, cleaned to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data]
        uploads = [upload for upload in uploads if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class ContributionForm(NoColonMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[("", _("Choose one")), *Item.Kind.choices],
        help_text=_("A social-media post: send a screenshot of it as a file, and paste the link to the post below."),
    )
    title = forms.CharField(label=_("Title"), max_length=300, help_text=_("A few words that say what it is."))
    description = forms.CharField(
        label=_("Description"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What it shows or tells, and its story. You may also type a letter, diary or poem here."),
    )
    date = forms.CharField(
        label=_("When was it made?"),
        max_length=10,
        required=False,
        help_text=_("A year, a month or a day: 2020, 2020-02 or 2020-02-24."),
        widget=forms.TextInput(attrs={"placeholder": "2020-02"}),
    )
    place = forms.CharField(
        label=_("Where?"), max_length=200, required=False, help_text=_("A city, district or community.")
    )
    creator = forms.CharField(
        label=_("Who made it?"),
        max_length=200,
        required=False,
        help_text=_("Shown with the item if it is published. Leave empty if you would rather not say."),
    )
    language = forms.ChoiceField(label=_("Language of the item"), choices=LANGUAGE_CHOICES, required=False)
    call = forms.ChoiceField(label=_("Which call for contributions does it answer?"), required=False)
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_(
            "Photos, scans, PDF documents, plain text, sound or video; you may choose several at once. "
            "For a social-media post, a screenshot."
        ),
    )
    source_link = forms.URLField(
        label=_("Link to the post"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Only for a social-media post: its web address, as well as the screenshot."),
    )
    licence = forms.ChoiceField(
        label=_("What may the library do with it?"),
        choices=LICENCE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("You keep your copyright whichever you choose."),
    )
    contributor_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name with my contribution"),
        required=False,
        help_text=_("Not ticked: your contribution is shown without your name."),
    )
    contact_email = forms.EmailField(
        label=_("Your email (private)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send your receipt here. Give an email, a phone number, or both."),
    )
    contact_phone = forms.CharField(
        label=_("Your phone (private)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    is_minor = forms.BooleanField(label=_("I am under 18"), required=False)
    guardian_name = forms.CharField(label=_("Name of your parent or guardian"), max_length=100, required=False)
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian has read this form and agrees to it"), required=False
    )

    FIELDSETS = [
        (_("What you are sending"), ["kind", "title", "description", "date", "place", "creator", "language"]),
        (_("Files and links"), ["call", "files", "source_link"]),
        # The licence's radio buttons come in their own fieldset, with the question as its legend.
        ("", ["licence"]),
        (_("About you"), ["contributor_name", "show_name", "contact_email", "contact_phone"]),
        (_("Under 18"), ["is_minor", "guardian_name", "guardian_consent"]),
    ]

    def __init__(self, *args, calls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = list(calls)
        if self.calls:
            self.fields["call"].choices = [("", _("None in particular"))] + [
                (call.slug, call.title) for call in self.calls
            ]
        else:
            del self.fields["call"]
        if not self.is_bound:
            self.fields["language"].initial = "zh" if (get_language() or "").startswith("zh") else "en"

    def fieldsets(self):
        """(legend, bound fields) in the order the page shows them."""
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.FIELDSETS]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Give it a title."), code="required")
        return title

    def clean(self):
        cleaned = super().clean()
        # Every rule at once, so that one send shows every problem; a field already refused is not refused twice.
        try:
            check_contribution(cleaned)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def contribution_fields(self) -> dict:
        """The cleaned fields as submit_contribution takes them (the files apart); the call answered is kept in
        the item's `submitted` record."""
        fields = {key: value for key, value in self.cleaned_data.items() if key not in ("files", "call")}
        if self.cleaned_data.get("call"):
            fields["call"] = self.cleaned_data["call"]
        return fields


class AnswerForm(NoColonMixin, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 5,000 characters. Only the library's archive staff read it."),
    )
