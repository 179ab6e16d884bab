"""WeChat public-account articles, as the common exporter tools save them: HTML, JSON or Markdown.

HTML — the article page as saved by a browser or by exporters that keep the page (wechat-article-exporter's
"HTML" export, WechatDownload's HTML): title from `#activity-name` (`h1.rich_media_title`), else
`og:title` or `var msg_title`; text from `#js_content`; address from `og:url`, else `var msg_link`;
date (`date_source=page`) from `var ct = "1582524000"` (unix time, Beijing), else `#publish_time`, else
`var publish_time = "2020-02-24"` or `var createTime = '2020-02-24 14:00'`.

JSON — an article list or one article (wechat-article-exporter's JSON export and its `appmsgpublish`
lists, wechatsogou, wechat_articles_spider): a list of objects, or an object holding the list under
`articles`, `list`, `data`, `items`, `app_msg_list` or `publish_list`, or one object. Fields: `title`;
text from `content_html`, `content` (HTML or plain), `text`, `content_text`, else `digest`/`abstract`;
address from `link`, `url`, `content_url` or `msg_link`; date (`date_source=file`) from
`publish_time`, `create_time`, `datetime`, `update_time`, `date`, `pub_time` or `published` — unix
seconds or milliseconds, or ISO 8601 / 2020-02-24 10:00.

Markdown — wechat2md, wechatmp2markdown, WechatDownload's Markdown: YAML-style front matter (`title`,
`date`/`publish_time`/`published`/`create_time`, `url`/`link`/`source`/`original_url`), or a `# heading`
with a date line near it (`2020-02-24 10:00`, `发布时间：2020年2月24日`, `> 作者 2020-02-24`, a date
line at the very top) and an address line (`原文链接：https://...`, `[原文链接](https://...)`).
Its date comes from the file (`date_source=file`).
"""

import json
import re

import lxml.html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import (
    FileRejected,
    Item,
    PostData,
    date_problem,
    decode,
    element_text,
    first_line,
    html_to_text,
    parse_date,
    tidy,
)

NAME = "wechat"
LABEL = gettext_lazy("WeChat articles (HTML, JSON or Markdown export)")

_MARKERS = re.compile(rb"id=[\"']js_content[\"']|id=[\"']activity-name[\"']|rich_media_content|var\s+ct\s*=")
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|div)[\s>]", re.IGNORECASE)
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_DATE_LINE = re.compile(r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_URL_LABEL = re.compile(r"原文链接|原文地址|文章链接|Original|Source|链接[:：]", re.IGNORECASE)
_LIST_KEYS = ("articles", "list", "data", "items", "app_msg_list", "publish_list")
_TEXT_KEYS = ("content_html", "content", "text", "content_text", "digest", "abstract")
_URL_KEYS = ("link", "url", "content_url", "msg_link")
_DATE_KEYS = ("publish_time", "create_time", "datetime", "update_time", "date", "pub_time", "published")


def _kind(content: bytes) -> str:
    head = content[:200000]
    if _HTML.search(head[:4096]):
        return "html" if _MARKERS.search(head) else ""
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"[", b"{"):
        try:
            json.loads(decode(content))
        except ValueError:
            return ""
        return "json"
    text = decode(content[:8192]).lstrip("\ufeff \t\r\n")
    if _FRONT.match(text) and re.search(r"^title\s*:", _FRONT.match(text).group(1), re.MULTILINE):
        return "markdown"
    if _HEADING.search("\n".join(text.splitlines()[:8])):
        return "markdown"
    return ""


def sniff(content: bytes) -> bool:
    return bool(_kind(content))


def check(content: bytes) -> None:
    if _kind(content) == "json":
        data = json.loads(decode(content))
        if not _articles(data):
            raise FileRejected(_("This JSON file holds no articles (a list of objects with a title or content)."))


def count(content: bytes) -> int:
    if _kind(content) == "json":
        return len(_articles(json.loads(decode(content))))
    return 1


def read(content: bytes):
    kind = _kind(content)
    if kind == "html":
        yield _read_html(decode(content))
    elif kind == "json":
        yield from _read_json(json.loads(decode(content)))
    else:
        yield _read_markdown(decode(content).lstrip("\ufeff"))


# HTML -----------------------------------------------------------------------------------------------


def _script_var(html: str, *names: str) -> str:
    for name in names:
        match = re.search(rf"var\s+{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", html)
        if match and (match[1] or match[2]):
            return (match[1] or match[2]).strip()
    return ""


def _read_html(html: str) -> Item:
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return Item(1, problem=_("the article cannot be read as HTML"))

    def first(xpath):
        values = [v if isinstance(v, str) else v.text_content() for v in tree.xpath(xpath)]
        return next((tidy(v) for v in values if v.strip()), "")

    title = (
        first("//*[@id='activity-name']")
        or first("//h1[contains(@class,'rich_media_title')]")
        or first("//meta[@property='og:title']/@content")
        or html_to_text(_script_var(html, "msg_title"))
    )
    url = first("//meta[@property='og:url']/@content") or _script_var(html, "msg_link")
    url = url.replace("&amp;", "&")
    raw_date = (
        _script_var(html, "ct") or first("//*[@id='publish_time']") or _script_var(html, "publish_time", "createTime")
    )
    try:
        published = parse_date(raw_date)
    except ValueError:
        return Item(1, problem=date_problem(raw_date))
    body = tree.xpath("//*[@id='js_content']")
    text = element_text(body[0]) if body else ""
    if not text:
        return Item(1, problem=_("the article has no text (no #js_content)"))
    return Item(
        1,
        data=PostData(
            title=title or first_line(text),
            text=text,
            url=url,
            original=html,
            published_on=published,
            date_source="page" if published else "none",
        ),
    )


# JSON -----------------------------------------------------------------------------------------------


def _articles(data) -> list:
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
            if isinstance(data.get(key), dict):  # {"data": {"list": [...]}}
                inner = _articles(data[key])
                if inner:
                    return inner
        return [data] if any(k in data for k in ("title", *_TEXT_KEYS)) else []
    if isinstance(data, list):
        return data
    return []


def _pick(article: dict, keys) -> object:
    return next((article[k] for k in keys if article.get(k) not in (None, "")), None)


def _read_json(data):
    for index, article in enumerate(_articles(data), start=1):
        if not isinstance(article, dict):
            yield Item(index, problem=_("article %(n)d is not an object with fields") % {"n": index})
            continue
        text = html_to_text(str(_pick(article, _TEXT_KEYS) or ""))
        title = html_to_text(str(article.get("title") or ""))
        if not text and not title:
            yield Item(index, problem=_("article %(n)d has neither a title nor any text") % {"n": index})
            continue
        raw_date = _pick(article, _DATE_KEYS)
        try:
            published = parse_date(raw_date)
        except ValueError:
            yield Item(index, problem=date_problem(raw_date))
            continue
        yield Item(
            index,
            data=PostData(
                title=title or first_line(text),
                text=text or title,
                url=str(_pick(article, _URL_KEYS) or ""),
                original=json.dumps(article, ensure_ascii=False, indent=1),
                published_on=published,
                date_source="file" if published else "none",
            ),
        )


# Markdown -------------------------------------------------------------------------------------------


def _front_matter(block: str) -> dict:
    fields = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields


def _markdown_text(body: str) -> str:
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)  # images
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # links keep their words
    body = re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", "", body, flags=re.MULTILINE)
    body = re.sub(r"(\*\*|__|\*|`)", "", body)
    return tidy(html_to_text(body) if re.search(r"<[a-z][^>]*>", body) else body)


def _read_markdown(source: str) -> Item:
    fields, body = {}, source
    match = _FRONT.match(source)
    if match:
        fields, body = _front_matter(match[1]), source[match.end() :]
    title = fields.get("title", "")
    raw_date = next((fields[k] for k in ("date", "publish_time", "published", "create_time") if fields.get(k)), "")
    url = next((fields[k] for k in ("url", "link", "source", "original_url") if fields.get(k)), "")
    lines = body.splitlines()
    if not title:
        heading = _HEADING.search(body)
        if heading:
            title = heading[1].strip()
            at = body[: heading.start()].count("\n")
            # The date line sits just under the heading, or at the very top of the file.
            near = [i for i in range(at) if lines[i].strip()] + list(range(at + 1, min(len(lines), at + 7)))
            lines[at] = ""
            if not raw_date:
                for i in near:
                    found = _DATE_LINE.search(lines[i])
                    if found and len(lines[i].strip()) <= 60:
                        raw_date, lines[i] = found[1], ""
                        break
    if not url:
        for i, line in enumerate(lines):
            if _URL_LABEL.search(line) and _URL.search(line):
                url, lines[i] = _URL.search(line)[0], ""
                break
    text = _markdown_text("\n".join(lines))
    if not text:
        return Item(1, problem=_("the article has no text"))
    try:
        published = parse_date(raw_date)
    except ValueError:
        return Item(1, problem=date_problem(raw_date))
    return Item(
        1,
        data=PostData(
            title=tidy(title) or first_line(text),
            text=text,
            url=url,
            original=source,
            published_on=published,
            date_source="file" if published else "none",
        ),
    )
