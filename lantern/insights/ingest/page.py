"""A saved web page (.html, .htm): one announcement per file. Never fetched from here: the file as saved.

Main text by trafilatura (falling back to the whole body when the page is too short for it); title from
`og:title`, else `<title>`, else the first `<h1>`; address from `<link rel=canonical>`, else `og:url`;
publication date (`date_source=page`) from the page's metadata: `article:published_time`,
`og:published_time`, `<meta name=date|pubdate|publishdate|DC.date.issued>`, JSON-LD `datePublished`, a
`<time datetime>` element, else trafilatura's metadata (htmldate without guessing from the text).
"""

import json
import re

import lxml.html
import trafilatura
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FileRejected, Item, PostData, decode, element_text, first_line, parse_date, tidy

NAME = "page"
LABEL = gettext_lazy("Saved web page (HTML)")

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)

_DATE_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='PubDate' or @name='date' or @name='Date']/@content",
    "//meta[@name='DC.date.issued' or @name='dc.date.issued' or @name='DC.date' or @name='dcterms.created']/@content",
)


def sniff(content: bytes) -> bool:
    return bool(_HTML.search(content[:4096]))


def check(content: bytes) -> None:
    if _tree(decode(content)) is None:
        raise FileRejected(_("This web page cannot be read as HTML."))


def count(content: bytes) -> int:
    return 1


def _tree(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _first(tree, *xpaths) -> str:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            value = (value if isinstance(value, str) else value.text_content()).strip()
            if value:
                return value
    return ""


def page_date(tree, html: str):
    """The publication date in the page's own metadata, or None."""
    candidates = [_first(tree, xpath) for xpath in _DATE_META]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in data if isinstance(data, list) else [data]:
            if isinstance(node, dict) and node.get("datePublished"):
                candidates.append(str(node["datePublished"]))
    candidates.append(_first(tree, "//time[@pubdate]/@datetime", "//time/@datetime"))
    for value in candidates:
        try:
            found = parse_date(value)
        except ValueError:
            continue
        if found:
            return found
    meta = trafilatura.extract_metadata(tree, date_config={"extensive_search": False, "original_date": True})
    if meta is not None and meta.date:
        try:
            return parse_date(meta.date)
        except ValueError:
            return None
    return None


def main_text(html: str, tree) -> str:
    text = trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=True)
    if text and text.strip():
        return tidy(text)
    body = tree.find("body")
    return element_text(body if body is not None else tree)


def read(content: bytes):
    html = decode(content)
    tree = _tree(html)
    if tree is None:
        yield Item(1, problem=_("the page cannot be read as HTML"))
        return
    title = _first(tree, "//meta[@property='og:title']/@content", "//title", "//h1")
    url = _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    published = page_date(tree, html)
    text = main_text(html, _tree(html))
    if not text:
        yield Item(1, problem=_("the page has no text"))
        return
    yield Item(
        1,
        data=PostData(
            title=tidy(title) or first_line(text),
            text=text,
            url=url,
            original=html,
            published_on=published,
            date_source="page" if published else "none",
        ),
    )
