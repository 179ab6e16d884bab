"""Printed papers of fulfilment (WeasyPrint, A4, in the active language, Chinese set in Noto CJK):
the packing slip that goes into one order's parcel, with a QR code that opens the order's staff page,
and the pick list of many orders' items, grouped by location and sorted by shelf mark.

Rendered on request and never cached: an order changes while it is picked and packed, and a stale slip
in a parcel is worse than a second's wait. Fonts, the PDF renderer and the QR codes are the ones the
emergency plan and the reading-list poster use.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lantern.catalogue import qr
from lantern.core.models import Library
from lantern.core.pdf import CJK_FONTS, render_pdf

from .models import Order
from .services import fulfilment


def staff_order_url(order: Order, absolute) -> str:
    """The absolute address of the order's staff page; `absolute(path)` adds scheme and host."""
    return absolute(reverse("lending:staff_order", args=[order.library.slug, order.number]))


def slip_html(order: Order, absolute) -> str:
    target = staff_order_url(order, absolute)
    title = _("Packing slip %(number)s") % {"number": order.number}
    items = order.items.select_related("copy", "record").order_by("copy__location", "copy__shelf_mark", "pk")
    return render_to_string(
        "lending/slip_pdf.html",
        {
            "fonts": CJK_FONTS,
            "document_title": title,
            "order": order,
            "library": order.library,
            "slot": order.pickup_slot,
            "items": items,
            "qr": mark_safe(qr.svg(target, scale=3, title=title)),  # segno escapes the title
            "target": target,
            "printed": timezone.localtime(),
        },
    )


def slip_pdf(order: Order, absolute) -> bytes:
    return render_pdf(slip_html(order, absolute))


def pick_list_html(library: Library, orders) -> str:
    """`orders`: a queryset of the library's orders whose held items are to be fetched."""
    groups = fulfilment.pick_list(library, orders.filter(library=library))
    title = _("Pick list")
    return render_to_string(
        "lending/pick_list_pdf.html",
        {
            "fonts": CJK_FONTS,
            "document_title": f"{title} · {library.name}",
            "library": library,
            "groups": groups,
            "count": sum(len(items) for _location, items in groups),
            "orders": len({item.order_id for _location, items in groups for item in items}),
            "printed": timezone.localtime(),
        },
    )


def pick_list_pdf(library: Library, orders) -> bytes:
    return render_pdf(pick_list_html(library, orders))
