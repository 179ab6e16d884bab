"""Printed papers of donations (WeasyPrint, A4, Chinese set in Noto CJK), each in the language staff choose:
the receipt of an outgoing donation, with a QR code that opens its public check page, and the
acknowledgement letter that thanks a donor for a gift, always by name (the letter goes to the donor only;
consent to be named governs public lists).

The HTML is built first (`*_html`), so that tests can read the words without extracting PDF text.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lantern.catalogue import qr
from lantern.core.pdf import CJK_FONTS, render_pdf

from .models import IncomingDonation, OutgoingDonation
from .services import donations as services


def check_url(donation: OutgoingDonation, absolute) -> str:
    """The public address that confirms the receipt; `absolute(path)` adds scheme and host."""
    return absolute(reverse("outreach:receipt_check", args=[donation.library.slug, donation.number]))


def receipt_html(donation: OutgoingDonation, language: str, absolute) -> str:
    target = check_url(donation, absolute)
    with translation.override(language):
        title = _("Donation receipt %(number)s") % {"number": donation.number}
        return render_to_string(
            "outreach/donations/receipt_pdf.html",
            {
                "fonts": CJK_FONTS,
                "document_title": title,
                "donation": donation,
                "library": donation.library,
                "lines": donation.lines.select_related("from_incoming").order_by("pk"),
                "total": services.total_quantity(donation),
                "qr": mark_safe(qr.svg(target, scale=3, title=title)),  # segno escapes the title
                "target": target,
                "printed": timezone.localtime(),
            },
        )


def receipt_pdf(donation: OutgoingDonation, language: str, absolute) -> bytes:
    return render_pdf(receipt_html(donation, language, absolute))


def letter_html(gift: IncomingDonation, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "outreach/donations/letter_pdf.html",
            {
                "fonts": CJK_FONTS,
                "document_title": _("Acknowledgement %(number)s") % {"number": gift.number},
                "gift": gift,
                "library": gift.library,
                "size": services.gift_size(gift),
                "kind": gift.get_kind_display(),
                "printed": timezone.localtime(),
            },
        )


def letter_pdf(gift: IncomingDonation, language: str) -> bytes:
    return render_pdf(letter_html(gift, language))
