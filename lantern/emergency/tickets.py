"""The QR code on a visit ticket (segno): inline SVG for the ticket page, PNG to save to a phone's photos.

The code carries the bare ticket code, nothing else: a door scanner types it straight into the check-in
field, and a stranger's phone camera learns nothing about the reader from it.
"""

import io

import segno

# High error correction: the code is shown on cracked phone screens and scanned at an angle at the door.
ERROR = "h"


def make(code: str) -> segno.QRCode:
    return segno.make(code, error=ERROR, micro=False)


def svg(code: str, *, title: str = "") -> str:
    """The code as an SVG fragment to inline in the ticket page (scales with the page, no extra request)."""
    buffer = io.BytesIO()
    make(code).save(
        buffer, kind="svg", scale=8, border=4, xmldecl=False, svgns=True, title=title or None, svgclass="ticket-qr"
    )
    return buffer.getvalue().decode("utf-8")


def png(code: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    make(code).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
