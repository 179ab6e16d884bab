"""The QR code of a rumour check (segno: SVG inline on its page, PNG to download) and its share card: a
1080×1350 PNG (the portrait size chat apps show whole) with the verdict, the claim, the one-sentence verdict,
the library's name and the QR code, so the answer travels back the way the rumour came.

The card is drawn with Pillow in Noto Sans CJK, found with fontconfig (`fc-match`) once per process; every
code encodes the check's absolute URL, so it works when scanned from a forwarded picture.
"""

import functools
import io
import shutil
import subprocess

import segno
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1080, 1350
MARGIN = 72
QR_SIDE = 380
# The verdict's colour repeats its word (the word is always written: colour is never the only signal).
VERDICT_COLOURS = {"true": "#1b6e3a", "false": "#a4161a", "misleading": "#9a5b00", "unproven": "#4a4e69"}


def qr_svg(url: str, *, title: str = "") -> str:
    """The code as inline SVG (no XML declaration)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=4, border=4, xmldecl=False, svgns=True, title=title or None
    )
    return buffer.getvalue().decode("utf-8")


def qr_png(url: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@functools.cache
def _font_file(bold: bool) -> str | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC"
    try:
        found = subprocess.run(  # noqa: S603  (a fixed command; the arguments are constants)
            [fc_match, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found or None


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_file(bold)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    # Without the CJK font the card still draws (Chinese would show as boxes); the server should have it.
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines that fit `width`, breaking anywhere in Chinese and at spaces in English; an ellipsis if cut."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        candidate = line + piece
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = piece.lstrip()
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line.rstrip())
    elif len(lines) == max_lines:
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _pieces(text: str) -> list[str]:
    """Words with their following space for Latin text, single characters for CJK."""
    pieces, word = [], ""
    for char in " ".join(text.split()):
        if ord(char) > 0x2E80:
            if word:
                pieces.append(word)
                word = ""
            pieces.append(char)
        elif char == " ":
            pieces.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        pieces.append(word)
    return pieces


def card_png(
    *, verdict: str, verdict_label: str, claim: str, summary: str, library_name: str, url: str, heading: str
) -> bytes:
    """The share card; texts come in the language the visitor reads."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    colour = VERDICT_COLOURS.get(verdict, "#333333")
    text_width = WIDTH - 2 * MARGIN

    draw.rectangle([0, 0, WIDTH, 24], fill=colour)
    y = 80
    draw.text((MARGIN, y), heading, font=_font(40), fill="#444444")
    y += 80
    badge_font = _font(72, bold=True)
    badge_width = draw.textlength(verdict_label, font=badge_font) + 64
    draw.rounded_rectangle([MARGIN, y, MARGIN + badge_width, y + 120], radius=20, fill=colour)
    draw.text((MARGIN + 32, y + 60), verdict_label, font=badge_font, fill="#ffffff", anchor="lm")
    y += 170

    claim_font = _font(52, bold=True)
    for line in _wrap(draw, f"“{claim}”", claim_font, text_width, 4):
        draw.text((MARGIN, y), line, font=claim_font, fill="#111111")
        y += 70
    y += 30
    summary_font = _font(42)
    for line in _wrap(draw, summary, summary_font, text_width, 5):
        draw.text((MARGIN, y), line, font=summary_font, fill="#222222")
        y += 58

    # Whole pixels per module (no resampling), so that a photo of the card still scans.
    modules = segno.make(url, error="m", micro=False).symbol_size(scale=1, border=4)[0]
    qr = Image.open(io.BytesIO(qr_png(url, scale=max(QR_SIDE // modules, 1)))).convert("RGB")
    side = qr.size[0]
    image.paste(qr, (WIDTH - MARGIN - side, HEIGHT - MARGIN - side))
    name_font = _font(40, bold=True)
    name_lines = _wrap(draw, library_name, name_font, WIDTH - 3 * MARGIN - side, 3)
    name_y = HEIGHT - MARGIN - 60 * len(name_lines)
    for line in name_lines:
        draw.text((MARGIN, name_y), line, font=name_font, fill=colour)
        name_y += 60
    draw.rectangle([0, HEIGHT - 24, WIDTH, HEIGHT], fill=colour)

    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
