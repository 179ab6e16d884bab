"""Forms for signing up, signing in and managing one's own account."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Library


class NoColonMixin:
    """Labels without Django's trailing colon, which reads badly in Chinese and in screen readers."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RegistrationForm(NoColonMixin, forms.Form):
    identifier = forms.CharField(
        label=_("Phone number or email"),
        max_length=254,
        help_text=_(
            "A mainland China mobile number (13812345678), a number with its country code (+44…), or an email address."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=150, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    library = forms.ModelChoiceField(
        label=_("Your library"), queryset=Library.objects.serving(), empty_label=_("Choose a library")
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters, not only digits, not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        if "identifier" in data and data.get("password1") and not self.errors:
            try:
                services.check_new_account(data["identifier"], data["password1"], data.get("name", ""))
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error("password1" if field == "password" else field, messages)
        return data

    def save(self, language: str = ""):
        data = self.cleaned_data
        return services.register_reader(
            data["identifier"],
            data["password1"],
            name=data.get("name", ""),
            library=data["library"],
            language=language,
        )


class SignInForm(NoColonMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The phone number or email and password do not match an account."),
        "inactive": _("This account is inactive."),
    }


class ApiTokenForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “Lobby kiosk”."))


def date_input() -> forms.DateInput:
    """A browser date picker. It needs ISO dates: the language's own date format would leave it blank."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
