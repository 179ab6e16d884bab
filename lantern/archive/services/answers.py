"""The contributor's answer to a reviewer's question: kept on the item as a message, and the item goes back
into the review queue (a first approval given before the question no longer counts)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core.errors import Refused

from ..models import Item, Message

MAX_ANSWER = 5000


def check_answer(text: str) -> str:
    """The answer as kept (trimmed), or ValidationError on `text` when it is empty or too long."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write your answer before sending it.")]}, code="empty")
    if len(text) > MAX_ANSWER:
        raise ValidationError(
            {"text": [_("Keep the answer under %(limit)s characters.") % {"limit": f"{MAX_ANSWER:,}"}]},
            code="too_long",
        )
    return text


def answer_question(item: Item, text: str, *, by=None) -> Message:
    """The contributor answers: one Message from them, the item back to SUBMITTED with its first approval
    cleared, saved (its datestamp moves). Refused when the item is not waiting for an answer, so that two
    sends of the same answer, or an answer to a decided item, change nothing."""
    text = check_answer(text)
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if locked.status != Item.Status.ASKED:
            raise Refused(
                _("There is no question waiting for your answer on this contribution, so nothing was sent."),
                "not_asked",
                409,
            )
        message = Message.objects.create(
            item=locked,
            from_contributor=True,
            author=by if by is not None and by.is_authenticated else None,
            text=text,
        )
        locked.status = Item.Status.SUBMITTED
        locked.first_approved_by = None
        locked.save()
    item.refresh_from_db()
    return message
