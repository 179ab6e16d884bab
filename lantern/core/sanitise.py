"""Rich text people type (posts, answers, explanations, guides) as safe HTML: what they type (plain text,
or a little HTML) becomes a small set of harmless tags, once, when it is saved. Pages then print that stored
value as it is.

nh3 (ammonia) parses the input as a browser would, so spellings that hide a script from a regular
expression (entities, case, whitespace, broken quotes) are parsed first and then dropped.
"""

import html
import re

import nh3

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a"}
# Longer texts written by staff (guides, explanations) may also have section headings.
HEADINGS = {"h2", "h3"}
# "*" empty: no attribute on every tag (nh3 would otherwise keep lang and title everywhere).
ATTRIBUTES = {"a": {"href"}, "*": set()}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"
# Dropped with everything inside them: their text is code or a hidden document, never part of the post.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "xmp",
    "noembed",
    "noframes",
    "title",
    "textarea",
    "select",
}
# Typed text without block tags: its blank lines make paragraphs, its single newlines line breaks.
_BLOCK_TAG = re.compile(r"<\s*/?\s*(p|ul|ol|li|blockquote|h2|h3)\b", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")


def _paragraphs(text: str) -> str:
    chunks = [chunk.strip() for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))]
    return "".join(f"<p>{chunk.replace(chr(10), '<br>')}</p>" for chunk in chunks if chunk)


def clean_html(html_or_text: str, *, headings: bool = False) -> str:
    """The text as safe HTML: only p, br, strong, em, ul, ol, li, blockquote and links (http, https, mailto;
    rel="nofollow noopener ugc"); no script, style, event handler, frame or javascript:/data: URL survives.
    `headings` also keeps h2 and h3. Returns "" when nothing readable is left."""
    text = (html_or_text or "").strip()
    if not text:
        return ""
    if not _BLOCK_TAG.search(text):
        text = _paragraphs(text)
    cleaned = nh3.clean(
        text,
        tags=TAGS | HEADINGS if headings else TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return cleaned if visible_text(cleaned) else ""


def visible_text(cleaned: str) -> str:
    """What a reader would read in the cleaned text, without tags and spare whitespace."""
    return " ".join(html.unescape(nh3.clean(cleaned, tags=set())).split())
