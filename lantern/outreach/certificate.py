"""The certificate of volunteer hours: one A4 page in Chinese and English together (WeasyPrint, Noto CJK),
counting approved hours only, optionally within a period, with a verification code and its QR code.

The code is the certificate itself, signed (django.core.signing with its own salt): volunteer, hours, period
and issue date. So nothing is stored per certificate, a forged or altered code fails, and the public
verification page shows only what the code holds — name, hours, period and library — never contact details.
"""

import datetime
from decimal import Decimal

from django.core import signing
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.catalogue import qr
from lantern.core.errors import Refused
from lantern.core.pdf import CJK_FONTS, render_pdf

from .models import HoursEntry, Volunteer

SALT = "lantern.outreach.certificate"
LABELS = {
    "title": gettext_lazy("Certificate of volunteer hours"),
    "certifies": gettext_lazy("This certifies that"),
    "gave": gettext_lazy("gave volunteer service to"),
    "hours": gettext_lazy("Total approved hours"),
    "period": gettext_lazy("Period"),
    "activities": gettext_lazy("Shifts and activities"),
    "issued": gettext_lazy("Issued on"),
    "code": gettext_lazy("Verification code"),
    "scan": gettext_lazy("Scan to verify this certificate"),
    "all_time": gettext_lazy("All approved hours to date"),
    "unit": gettext_lazy("hours"),
}


def approved_entries(volunteer: Volunteer, start: datetime.date | None = None, end: datetime.date | None = None):
    entries = volunteer.hours.filter(status=HoursEntry.Status.APPROVED)
    if start:
        entries = entries.filter(worked_on__gte=start)
    if end:
        entries = entries.filter(worked_on__lte=end)
    return entries


def make_code(volunteer: Volunteer, hours: Decimal, start, end, issued: datetime.date) -> str:
    payload = {
        "v": volunteer.pk,
        "h": str(hours),
        "s": start.isoformat() if start else "",
        "e": end.isoformat() if end else "",
        "i": issued.isoformat(),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_code(code: str) -> dict | None:
    """What a genuine code says: {"volunteer", "hours", "start", "end", "issued"}, or None for a bad code."""
    try:
        payload = signing.loads(code, salt=SALT)
        volunteer = Volunteer.objects.select_related("library", "user").filter(pk=int(payload["v"])).first()
        found = {
            "volunteer": volunteer,
            "hours": Decimal(payload["h"]),
            "start": datetime.date.fromisoformat(payload["s"]) if payload["s"] else None,
            "end": datetime.date.fromisoformat(payload["e"]) if payload["e"] else None,
            "issued": datetime.date.fromisoformat(payload["i"]),
        }
    except (signing.BadSignature, KeyError, TypeError, ValueError, ArithmeticError):
        return None
    return found if volunteer is not None else None


def _both(text) -> dict:
    """A label in Chinese and in English, for a page that carries both."""
    values = {}
    for code in ("zh-hans", "en"):
        with translation.override(code):
            values[code.split("-")[0]] = str(text)
    return values


def certificate_html(volunteer: Volunteer, absolute, start=None, end=None) -> str:
    """The certificate's HTML; `absolute(path)` makes the verification address absolute. Refused without
    approved hours in the period or without a name to print."""
    name = (volunteer.user.name or "").strip()
    if not name:
        raise Refused(_("Add your name to your account first: the certificate carries it."), "no_name", 409)
    entries = approved_entries(volunteer, start, end)
    total = entries.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if not total:
        raise Refused(_("There are no approved hours in this period yet."), "no_hours", 409)
    issued = timezone.localdate()
    code = make_code(volunteer, total, start, end, issued)
    target = absolute(reverse("outreach:certificate_check", args=[volunteer.library.slug, code]))
    activities = (
        entries.values("shift__title_zh_hans", "shift__title_en", "description")
        .annotate(times=Count("pk"), total=Sum("hours"))
        .order_by("-total")[:12]
    )
    library = volunteer.library
    return render_to_string(
        "outreach/volunteers/certificate_pdf.html",
        {
            "fonts": CJK_FONTS,
            "labels": {key: _both(text) for key, text in LABELS.items()},
            "library_zh": library.name_zh_hans or library.name,
            "library_en": library.name_en or library.name,
            "name": name,
            "total": total.quantize(Decimal(1)) if total == total.to_integral() else total,
            "start": start or entries.order_by("worked_on").values_list("worked_on", flat=True).first(),
            "end": end or entries.order_by("-worked_on").values_list("worked_on", flat=True).first(),
            "whole": not (start or end),
            "activities": activities,
            "issued": issued,
            "code": code,
            "target": target,
            "qr": mark_safe(qr.svg(target, scale=3, title=str(LABELS["scan"]))),  # segno escapes the title
        },
    )


def certificate_pdf(volunteer: Volunteer, absolute, start=None, end=None) -> bytes:
    return render_pdf(certificate_html(volunteer, absolute, start, end))
