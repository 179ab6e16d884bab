"""Reading what a person types as their sign-in identifier: a phone number or an email address."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _


def normalize_phone(value: str) -> str:
    """Return the number in E.164 (+8613812345678), reading local numbers in LANTERN_PHONE_REGION."""
    try:
        number = phonenumbers.parse(value, settings.LANTERN_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. Check the digits, or add the country code (+86…)."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(value: str) -> str:
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a valid email address."), code="invalid_email", params={"value": value}
        ) from None
    return value.lower()


def looks_like_email(value: str) -> bool:
    return "@" in value


def normalize_identifier(value: str) -> tuple[str, str]:
    """Return ("email" | "phone", normalised value), or raise ValidationError in the active language."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Enter a phone number or an email address."), code="required")
    if looks_like_email(value):
        return "email", normalize_email(value)
    return "phone", normalize_phone(value)
