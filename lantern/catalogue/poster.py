"""The printable A4 poster of a reading list (WeasyPrint), with a QR code per entry, and its file cache.

A poster is in the list's own language(s): both when the list has a Chinese and an English title.
Rendering takes a second or so, so each PDF is kept in MEDIA_ROOT/posters/, keyed by the list's last
change (its entries' records included) and the site address the QR codes point to; a stale file is
replaced on the next download.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lantern.core.pdf import CJK_FONTS, render_pdf

from . import qr
from .models import ReadingList

# Bump when the poster's layout changes, so cached files of the old layout are not served.
LAYOUT_VERSION = "1"


def poster_languages(reading_list: ReadingList) -> list[str]:
    titles = (("zh-hans", reading_list.title_zh_hans), ("en", reading_list.title_en))
    return [code for code, title in titles if title] or ["zh-hans"]


def _in_languages(languages, text_of) -> list[tuple[str, str]]:
    """(html lang, text) for each language, with gettext switched to that language."""
    out = []
    for code in languages:
        with translation.override(code):
            out.append(("zh-Hans" if code == "zh-hans" else code, text_of()))
    return out


def _pairs(languages, zh, en) -> list[tuple[str, str]]:
    values = {"zh-hans": zh, "en": en}
    return [("zh-Hans" if code == "zh-hans" else code, values[code]) for code in languages if values[code]]


def entry_target(entry, absolute) -> str:
    """Where an entry's QR code leads: the record page on this site, or the outside e-resource."""
    return absolute(entry.record.get_absolute_url()) if entry.record_id else entry.url


def poster_html(reading_list: ReadingList, absolute) -> str:
    """The poster as HTML; `absolute(path)` turns a site path into an absolute URL."""
    languages = poster_languages(reading_list)
    library = reading_list.library
    list_url = absolute(reading_list.get_absolute_url())
    entries = []
    for entry in reading_list.entries.select_related("record").order_by("position", "pk"):
        target = entry_target(entry, absolute)
        entries.append(
            {
                "title": entry.display_title,
                "authors": ", ".join(entry.record.authors) if entry.record_id else "",
                "notes": _pairs(languages, entry.note_zh_hans, entry.note_en),
                "qr": mark_safe(qr.svg(target, scale=2, title=entry.display_title)),  # segno escapes the title
                "target": target,
                "outside": not entry.record_id,
            }
        )
    titles = _pairs(languages, reading_list.title_zh_hans, reading_list.title_en)
    context = {
        "fonts": CJK_FONTS,
        "titles": titles,
        "themes": _pairs(languages, reading_list.theme_zh_hans, reading_list.theme_en),
        "library_names": _pairs(languages, library.name_zh_hans, library.name_en) or [("", library.name)],
        "scan_list": _in_languages(languages, lambda: _("Scan to open this list on your phone")),
        "scan_entry": _in_languages(languages, lambda: _("Scan to read")),
        "list_qr": mark_safe(qr.svg(list_url, scale=3, title=reading_list.title)),
        "list_url": list_url,
        "entries": entries,
        "document_title": " / ".join(text for _lang, text in titles),
        "lang": "zh-Hans" if languages[0] == "zh-hans" else languages[0],
    }
    return render_to_string("catalogue/poster.html", context)


def _cache_key(reading_list: ReadingList, base_url: str) -> str:
    records_changed = reading_list.entries.aggregate(m=Max("record__updated_at"))["m"]
    library = reading_list.library
    parts = [
        LAYOUT_VERSION,
        reading_list.updated_at.isoformat(),
        records_changed.isoformat() if records_changed else "",
        library.name_zh_hans or "",
        library.name_en or "",
        base_url,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def poster_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "posters"


def poster_pdf(reading_list: ReadingList, absolute) -> tuple[bytes, bool]:
    """The poster's PDF and whether it came from the cache; renders and stores it when stale."""
    base_url = absolute("/")
    path = poster_dir() / f"list-{reading_list.pk}-{_cache_key(reading_list, base_url)}.pdf"
    if path.exists():
        return path.read_bytes(), True
    pdf = render_pdf(poster_html(reading_list, absolute))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside, then rename: a reader downloading at the same moment never gets half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(pdf)
    os.replace(tmp, path)
    for stale in path.parent.glob(f"list-{reading_list.pk}-*.pdf"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return pdf, False
