"""PDF from HTML with WeasyPrint, with the fonts that show Chinese (Debian's fonts-noto-cjk)."""

CJK_FONTS = '"Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", sans-serif'


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only a PDF needs

    return HTML(string=html).write_pdf()
