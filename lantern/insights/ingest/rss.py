"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read with feedparser.

Each entry gives its link, title, and content (else summary/description) as text with the HTML
stripped; its published (else updated) date becomes `published_on` with `date_source=feed`, taken in
the offset the feed wrote it in. The original kept is the entry's own XML (`<item>` or `<entry>`).
"""

import json
import re

import feedparser
import lxml.etree
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FileRejected, Item, PostData, date_problem, first_line, html_to_text, parse_date

NAME = "rss"
LABEL = gettext_lazy("RSS or Atom feed")

_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def sniff(content: bytes) -> bool:
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(_ROOT.search(head)) and b"<html" not in head[:512].lower()


def _parse(content: bytes):
    return feedparser.parse(content, sanitize_html=False, resolve_relative_uris=True)


def check(content: bytes) -> None:
    feed = _parse(content)
    if not feed.entries and (feed.bozo or not feed.feed):
        raise FileRejected(_("This feed cannot be read: %(reason)s") % {"reason": feed.get("bozo_exception", "")})


def count(content: bytes) -> int:
    return max(1, content.count(b"<item") + content.count(b"<entry"))  # an estimate, for the progress bar


def _raw_entries(content: bytes) -> list[str]:
    """Each entry's XML as written, in order (empty when the feed is too broken to parse as XML)."""
    try:
        parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
        root = lxml.etree.fromstring(content, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    nodes = root.xpath("//*[local-name()='item' or local-name()='entry']")
    return [lxml.etree.tostring(node, encoding="unicode", with_tail=False) for node in nodes]


def _entry_date(entry) -> tuple[object, str]:
    for key in ("published", "updated", "created", "dc_date"):
        if entry.get(key):
            return entry[key], key
    return None, ""


def read(content: bytes):
    feed = _parse(content)
    raws = _raw_entries(content)
    if len(raws) != len(feed.entries):
        raws = []
    for index, entry in enumerate(feed.entries, start=1):
        html = ""
        if entry.get("content"):
            html = "\n".join(part.get("value", "") for part in entry.content)
        html = html or entry.get("summary", "") or entry.get("description", "")
        text = html_to_text(html)
        title = html_to_text(entry.get("title", ""))
        if not text and not title:
            yield Item(index, problem=_("entry %(n)d has neither a title nor any text") % {"n": index})
            continue
        value, _key = _entry_date(entry)
        try:
            published = parse_date(value)
        except ValueError:
            published = _parsed_date(entry)
            if published is None:
                yield Item(index, problem=date_problem(value))
                continue
        original = raws[index - 1] if raws else json.dumps(dict(entry), ensure_ascii=False, default=str)
        yield Item(
            index,
            data=PostData(
                title=title or first_line(text),
                text=text or title,
                url=entry.get("link", ""),
                original=original,
                published_on=published,
                date_source="feed" if published else "none",
            ),
        )


def _parsed_date(entry):
    """feedparser's own reading of odd date formats (in UTC), when ours failed."""
    import datetime

    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            return datetime.date(*entry[key][:3])
    return None
