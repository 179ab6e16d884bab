"""QR codes of reading lists and their entries (segno): SVG for pages and posters, PNG for WeChat posts.

Every code encodes an absolute URL, so it works when scanned from paper or from another site.
"""

import io

import segno

# Medium error correction survives a crumpled poster or a blurry phone photo and keeps codes small.
ERROR = "m"


def make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR, micro=False)


def svg(url: str, *, scale: int = 4, title: str = "") -> str:
    """The code as an SVG document without XML declaration, to serve or to inline in HTML."""
    buffer = io.BytesIO()
    make(url).save(buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=title or None)
    return buffer.getvalue().decode("utf-8")


def png(url: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    make(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
