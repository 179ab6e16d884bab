"""The public side of contributing, around `contribute.submit_contribution`: whether a library takes
contributions, its open calls for contributions, the flood guard, the emailed receipt and the contact details
shown masked on the contribution's status page."""

from django.conf import settings
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.rate_limit import HOUR, count_this_hour
from lantern.core.services import email_address

from ..models import Item
from .common import settings_of

RETRY_AFTER_SECONDS = HOUR


def accepts_contributions(library: Library) -> bool:
    return settings_of(library).accepts_contributions


def allow_contribution_from(library: Library, address: str) -> None:
    """At most LANTERN_ARCHIVE_CONTRIBUTIONS_PER_HOUR sends an hour from one address to one library. Every send
    counts, accepted or not: checking files costs the server work, and the form needs no account."""
    limit = settings.LANTERN_ARCHIVE_CONTRIBUTIONS_PER_HOUR
    if count_this_hour(f"archive:contribute:{library.pk}:{address}") > limit:
        raise Refused(
            _(
                "Too many contributions were sent from your connection in the last hour (the limit is %(limit)d). "
                "Nothing was kept from this one. Please try again in an hour."
            )
            % {"limit": limit},
            "too_many",
            429,
        )


def mask_email(address: str) -> str:
    """x***@example.org: enough for its owner to recognise, too little for anyone else to use."""
    local, at, domain = (address or "").partition("@")
    if not at:
        return ""
    return f"{local[:1]}***@{domain}"


def mask_phone(number: str) -> str:
    """The last three digits only: ***678."""
    digits = [character for character in number or "" if character.isdigit()]
    if not digits:
        return ""
    return "***" + "".join(digits[-3:])


def send_receipt(item: Item, status_url: str) -> bool:
    """Email the contributor their receipt (reference and the status page's link) if they gave an email; say
    whether one went. Sent after the contribution is committed, never from inside a failed one."""
    if not item.contact_email:
        return False
    subject = _("Your contribution %(reference)s to %(library)s") % {
        "reference": item.reference,
        "library": item.library.name,
    }
    text = _(
        "Thank you for your contribution “%(title)s”.\n\n"
        "Its reference number is %(reference)s. Keep it: with this number, or this link, you can see what "
        "happens to your contribution, without an account:\n%(url)s\n\n"
        "The library's archive staff will look at it. If they have a question for you, you will find it on that "
        "page. Nothing is published before they have accepted it, and only as the licence you "
        "chose allows.\n\n%(library)s"
    ) % {"title": item.title, "reference": item.reference, "url": status_url, "library": item.library.name}
    email_address(item.contact_email, subject, text)
    return True
