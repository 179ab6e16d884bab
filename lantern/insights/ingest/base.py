"""What every ingest format shares: `PostData` (one announcement as read), the `Item` a reader yields per
entry, `FileRejected` for a file that cannot be read at all, and small helpers for text and dates."""

import dataclasses
import datetime
import email.utils
import re
import unicodedata

import lxml.html
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class FileRejected(ValidationError):
    """The whole file cannot be taken in (wrong format, empty, bad header); nothing was written."""


@dataclasses.dataclass
class PostData:
    """One announcement as a format reads it, before deduplication and classification.

    `published_on` stays None when the source has no date: never the capture date in disguise.
    `library` is a library slug named by the row itself (CSV/JSONL), else empty.
    """

    title: str = ""
    text: str = ""
    url: str = ""
    original: str = ""
    published_on: datetime.date | None = None
    date_source: str = "none"
    library: str = ""


@dataclasses.dataclass
class Item:
    """One entry of a file: its 1-based position (and line where that helps), and data or a problem."""

    position: int
    line: int | None = None
    data: PostData | None = None
    problem: str = ""

    def where(self) -> dict:
        entry = {"position": self.position}
        if self.line is not None:
            entry["line"] = self.line
        return entry


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Chinese Windows exports), else UTF-8 with replacements."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr",
    "table", "blockquote", "pre", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u3000\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def tidy(text: str) -> str:
    """Spaces collapsed within lines, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text or "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment or page: scripts and styles dropped, a line break per block."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return tidy(re.sub(r"<[^>]+>", " ", html))
    return element_text(root)


def element_text(root) -> str:
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    walk(root)
    return tidy("".join(parts))


def first_line(text: str, limit: int = 120) -> str:
    line = next((line for line in (text or "").splitlines() if line.strip()), "").strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


_ZH_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?")
_DIGITS = re.compile(r"^\d{9,13}(\.\d+)?$")


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date of a moment as written; a naive moment is taken as it stands."""
    if timezone.is_aware(moment):
        # Keep the date in the writer's own offset when there is one (2020-02-24T00:30+08:00 is the 24th).
        return moment.date()
    return moment.date()


def parse_date(value) -> datetime.date | None:
    """A date from the ways exporters write them, or None when `value` is empty.

    Unix timestamps (seconds or milliseconds; taken in the site's time zone, which for WeChat is Beijing
    time), ISO 8601 with or without time and offset, RFC 2822 (feeds, e-mail), 2020年2月24日 and
    2020/2/24. Raises ValueError for a value that is there but cannot be read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return local_date(value)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    text = str(value).strip()
    if not text:
        return None
    if _DIGITS.match(text):
        return _from_timestamp(float(text))
    try:
        return local_date(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    match = _ZH_DATE.search(text)
    if match and match.start() < 3:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    try:
        return local_date(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(text)


def _from_timestamp(seconds: float) -> datetime.date:
    if seconds > 1e11:  # milliseconds (JavaScript exporters)
        seconds /= 1000
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    return timezone.localtime(moment).date()


def date_problem(value) -> str:
    return _("the date “%(value)s” cannot be read (write it as 2020-02-24)") % {"value": str(value)[:60]}


# The fields of a CSV or JSONL row (see README.md); `id` is accepted and ignored (`lantern classify` input).
ROW_FIELDS = ("url", "title", "text", "published", "library")
IGNORED_FIELDS = ("id",)


def row_item(row: dict, position: int, line: int | None, original: str) -> Item:
    """One CSV/JSONL row as an Item: text required, title from the text's first line when missing."""
    title = tidy(str(row.get("title") or ""))
    text = tidy(str(row.get("text") or ""))
    if "<" in text and re.search(r"</?[a-zA-Z][^>]*>", text):
        text = html_to_text(text)
    if not text:
        return Item(position, line=line, problem=_("the text is empty"))
    raw_date = row.get("published")
    try:
        published = parse_date(raw_date.strip() if isinstance(raw_date, str) else raw_date)
    except (ValueError, OverflowError, OSError):
        return Item(position, line=line, problem=date_problem(raw_date))
    return Item(
        position,
        line=line,
        data=PostData(
            title=title or first_line(text),
            text=text,
            url=str(row.get("url") or "").strip(),
            original=original,
            published_on=published,
            date_source="file" if published else "none",
            library=str(row.get("library") or "").strip(),
        ),
    )
