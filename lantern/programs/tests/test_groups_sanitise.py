"""Posts are cleaned once, when saved: a small set of tags, links with safe schemes and a forced rel, plain
text as paragraphs, nothing empty, nothing too long; and a list of real XSS payloads, stored and rendered on the
board, leaves no script, no event handler, no style and no javascript:/data: URL."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from lantern.programs.models import Post
from lantern.programs.sanitise import MAX_POST_CHARS, TAGS, check_post, clean_post
from lantern.programs.services import groups as services
from lantern.programs.services import groups_board as board
from lantern.tests.xss_payloads import PAYLOADS

from .groups_helpers import make_group

BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "link", "frame"}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def parse(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def problems(tags: list[tuple[str, dict]]) -> list[str]:
    found = []
    for tag, attrs in tags:
        if tag in DANGEROUS_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag}[{name}]")
            if name == "style":
                found.append(f"{tag}[style]")
            squeezed = "".join(value.split()).lower()
            if name in {"href", "src", "action", "formaction", "data", "background", "srcdoc", "content"} and any(
                scheme in squeezed for scheme in BAD_SCHEMES
            ):
                found.append(f"{tag}[{name}={value}]")
    return found


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert clean_post("第一段\n第二行\n\n第二段") == "<p>第一段<br>第二行</p><p>第二段</p>"
    assert clean_post("I <strong>loved</strong> it\r\nreally") == "<p>I <strong>loved</strong> it<br>really</p>"


def test_kept_tags_and_links_get_a_forced_rel():
    cleaned = clean_post(
        '<p>See <a href="https://example.org/a" rel="opener" target="_blank" title="t">this</a> and '
        '<a href="mailto:a@example.org">mail</a></p><blockquote><em>quote</em></blockquote>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><h1>big</h1><span class=x>span</span>"
    )
    assert '<a href="https://example.org/a" rel="nofollow noopener ugc">this</a>' in cleaned
    assert '<a href="mailto:a@example.org" rel="nofollow noopener ugc">mail</a>' in cleaned
    assert "<blockquote><em>quote</em></blockquote><ul><li>one</li></ul><ol><li>two</li></ol>" in cleaned
    assert "<h1>" not in cleaned and "big" in cleaned and "<span" not in cleaned and "target" not in cleaned
    assert {tag for tag, _attrs in parse(cleaned)} <= TAGS


def test_relative_and_unsafe_links_lose_their_href_but_keep_their_text():
    for href in ("/alpha/staff/", "javascript:alert(1)", "data:text/html,x", "ftp://example.org/"):
        cleaned = clean_post(f'<a href="{href}">text</a>')
        assert "href" not in cleaned and "text" in cleaned, href


def test_an_empty_post_and_a_too_long_post_are_refused_with_a_clear_message():
    for empty in ("", "   ", "<p> </p>", "<br><br>&nbsp;", "<script>alert(1)</script>", "<img src=x>"):
        with pytest.raises(ValidationError) as exc:
            check_post(empty)
        assert "Your post is empty" in exc.value.message_dict["body"][0], empty
    with pytest.raises(ValidationError) as exc:
        check_post("字" * (MAX_POST_CHARS + 1))
    assert f"under {MAX_POST_CHARS} characters; it has {MAX_POST_CHARS + 1}" in exc.value.message_dict["body"][0]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_is_harmless_once_cleaned(payload):
    cleaned = clean_post(payload)
    assert problems(parse(cleaned)) == []
    assert {tag for tag, _attrs in parse(cleaned)} <= TAGS
    assert "<script" not in cleaned.lower()


@pytest.mark.django_db
def test_payloads_stored_and_rendered_on_the_board_leave_nothing_executable(client_as, library_a, librarian_a, reader):
    assert len(PAYLOADS) >= 30
    group = make_group(library_a, librarian_a)
    services.join(group, reader)
    stored = 0
    for payload in PAYLOADS:
        # Each payload follows some words, so that nothing is refused as empty and every one is rendered.
        board.post_to_board(group, reader, f"Reading notes {payload}")
        stored += 1
    bodies = list(Post.objects.filter(group=group).values_list("body", flat=True))
    assert len(bodies) == stored
    for body in bodies:
        assert problems(parse(body)) == [], body
        assert {tag for tag, _attrs in parse(body)} <= TAGS, body

    page = client_as(reader).get(group.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="board-post"') == stored
    board_html = html[html.index('id="board-section"') : html.index("</section>", html.index('id="board-section"'))]
    assert problems(parse(board_html)) == []
    assert "alert(1)</script>" not in board_html
    # The whole page: its only scripts are the site's own static files, with the CSP nonce.
    tags = parse(html)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert all(attrs.get("src", "").startswith("/static/") and attrs.get("nonce") for attrs in scripts)
    assert not [attrs for tag, attrs in tags if any(name.startswith("on") or name == "style" for name in attrs)]
