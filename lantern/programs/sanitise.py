"""Reading-group posts: the board's limits and messages around core's sanitiser (`lantern.core.sanitise`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lantern.core.sanitise import TAGS, clean_html, visible_text

__all__ = ["MAX_POST_CHARS", "TAGS", "check_post", "clean_post", "visible_text"]

MAX_POST_CHARS = 5000


def clean_post(html_or_text: str) -> str:
    return clean_html(html_or_text)


def check_post(html_or_text: str) -> str:
    """The cleaned post, or ValidationError on "body" when it is too long or has nothing to read."""
    raw = (html_or_text or "").strip()
    if len(raw) > MAX_POST_CHARS:
        raise ValidationError(
            {
                "body": [
                    _("Keep your post under %(max)d characters; it has %(count)d.")
                    % {"max": MAX_POST_CHARS, "count": len(raw)}
                ]
            }
        )
    cleaned = clean_html(raw)
    if not cleaned:
        raise ValidationError({"body": [_("Your post is empty. Write something about the reading.")]})
    return cleaned
