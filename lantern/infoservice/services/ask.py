"""Ask a librarian, the reader's side: asking (signed in, or with a name and an email only), following the
question through its page, replying and rating; and the masking of personal details that staff start from
when they publish an answer.

A question's page is reached by its reference number plus either the asker's account or the access key in
the link emailed to them; the key is compared in constant time, so neither guessing references nor timing
the comparison reveals another reader's question.
"""

import hmac
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core import services as core_services
from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.rate_limit import count_this_hour
from lantern.core.sanitise import clean_html, visible_text
from lantern.core.services import notify

from ..models import Message, Question
from .approval import settings_for

# No 0/O, 1/I/L: a reference read out on the phone or copied by hand stays unambiguous.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 10
SUBJECT_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 500
OPEN = (Question.Status.NEW, Question.Status.CLAIMED)


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(REFERENCE_LENGTH))


def follow_path(question: Question) -> str:
    """The page's path; for an email-only asker it carries the access key (their only way in)."""
    path = reverse("infoservice:question", args=[question.library.slug, question.reference])
    return path if question.reader_id else f"{path}?key={question.access_key}"


def can_follow(question: Question, user, key: str | None) -> bool:
    """Whether this visitor may see the question: its signed-in asker, or whoever holds the emailed key."""
    if question.reader_id:
        return bool(user and user.is_authenticated and user.pk == question.reader_id)
    return bool(key) and hmac.compare_digest(str(key).encode(), question.access_key.encode())


def _check_text(errors: dict, field: str, text: str, maximum: int, empty_message) -> str:
    text = (text or "").strip()
    if not text:
        errors[field] = [empty_message]
    elif len(text) > maximum:
        errors[field] = [_("Keep it under %(max)d characters.") % {"max": maximum}]
    return text


def ask(
    library: Library,
    *,
    subject: str,
    body: str,
    reader=None,
    name: str = "",
    email: str = "",
    joint: bool = True,
    language: str = "",
    site: str = "",
) -> Question:
    """A reader's new question. Signed in (`reader`), or with a name and an email; `joint` puts it in the
    network's joint queue when the library is in one. `site` is the scheme and host for the emailed link."""
    errors: dict[str, list] = {}
    subject = _check_text(errors, "subject", subject, SUBJECT_MAX, _("Give your question a short subject."))
    body = _check_text(errors, "body", body, BODY_MAX, _("Write your question."))
    name, email = (name or "").strip(), (email or "").strip()
    if reader is None:
        if not name:
            errors["name"] = [_("Give your name, so that the librarian knows whom to answer.")]
        elif len(name) > 100:
            errors["name"] = [_("Keep it under %(max)d characters.") % {"max": 100}]
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Give an email address where the answer can reach you.")]
    if errors:
        raise ValidationError(errors)
    hours = settings_for(library).first_response_hours
    question = Question(
        library=library,
        network=library.network if joint and library.network_id else None,
        access_key=secrets.token_urlsafe(32),
        reader=reader,
        name="" if reader else name,
        email="" if reader else email,
        language=language or translation.get_language() or "zh-hans",
        subject=subject,
        body=clean_html(body),
        respond_by=timezone.now() + timezone.timedelta(hours=hours),
    )
    with transaction.atomic():
        for _attempt in range(5):  # a clash of random references is astronomically rare; try again if so
            question.reference = new_reference()
            try:
                with transaction.atomic():
                    question.save()
                break
            except IntegrityError:
                continue
        else:
            raise Refused(_("Your question could not be saved. Please try again."), "busy", 429)
        link = follow_path(question)
        if reader is not None:
            notify(
                reader,
                gettext_lazy("Your question %(ref)s was received") % {"ref": question.reference},
                gettext_lazy("A librarian will answer on the question's page."),
                link=link,
                library=library,
            )
        else:
            with translation.override(question.language):
                mail_subject = _("Your question %(ref)s was received") % {"ref": question.reference}
                text = _("Keep this link: it is the only way to see the answer. Do not share it.")
            _email(question, mail_subject, f"{text}\n\n{site}{link}")
    return question


def _email(question: Question, subject: str, text: str) -> None:
    """Email an email-only asker once the change is committed (core's `email_address`)."""
    core_services.email_address(question.email, subject, text)


def tell_reader(question: Question, subject_lazy, body_lazy, *, site: str = "") -> None:
    """Tell the asker that something happened on their question: a notice (and its email) for a signed-in
    reader, an email with the keyed link for an email-only one."""
    link = follow_path(question)
    if question.reader_id:
        notify(question.reader, subject_lazy, body_lazy, link=link, library=question.library)
        return
    with translation.override(question.language):
        subject, body = str(subject_lazy), str(body_lazy)
    _email(question, subject, f"{body}\n\n{site}{link}")


def reply(question: Question, text: str, *, by=None) -> Message:
    """The reader writes again: the question is open again, with the librarian who had it if any."""
    errors: dict[str, list] = {}
    text = _check_text(errors, "body", text, BODY_MAX, _("Write your reply."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        message = Message.objects.create(question=question, kind=Message.Kind.READER, author=by, body=clean_html(text))
        question.status = Question.Status.CLAIMED if question.claimed_by_id else Question.Status.NEW
        question.closed_at = None
        question.save(update_fields=["status", "closed_at"])
        if question.claimed_by_id:
            notify(
                question.claimed_by,
                gettext_lazy("The reader replied to question %(ref)s") % {"ref": question.reference},
                link=reverse("infoservice:staff_question", args=[question.library.slug, question.reference]),
                library=question.library,
            )
    return message


def rate(question: Question, rating, comment: str = "") -> Question:
    """The reader rates the answer, 1 to 5, with an optional comment; they may change their mind."""
    if question.first_response_at is None:
        raise Refused(_("You can rate the answer once a librarian has answered."), "not_answered", 409)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    errors: dict[str, list] = {}
    if not 1 <= rating <= 5:
        errors["rating"] = [_("Choose a rating from 1 to 5.")]
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [_("Keep it under %(max)d characters.") % {"max": COMMENT_MAX}]
    if errors:
        raise ValidationError(errors)
    question.rating, question.rating_comment = rating, comment
    question.save(update_fields=["rating", "rating_comment"])
    return question


def reader_messages(question: Question):
    """What the reader may see of the conversation: never the internal notes nor transfers."""
    return question.messages.filter(kind__in=[Message.Kind.READER, Message.Kind.ANSWER]).select_related("library")


# --- masking personal details before publishing --------------------------------------------------
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Mobile numbers (+86 optional), landlines with an area code, and any other run of 7+ digits with spacers.
PHONE = re.compile(r"(?<![A-Za-z0-9])(\+?\d[\d\s().-]{5,}\d)(?![A-Za-z0-9])")
SELF_NAMED = [
    re.compile(r"(我叫|我的名字是|本人)([\u4e00-\u9fff]{2,3})"),
    re.compile(r"\b([Mm]y name is|I am|I'm)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"),
]
NAME_MASK, EMAIL_MASK, PHONE_MASK = "[姓名 name]", "[邮箱 email]", "[电话 phone]"


def mask(text: str, names=()) -> str:
    """`text` with emails, phone numbers and names (the asker's, and names people give for themselves)
    replaced by placeholders. Staff still read the result before publishing: this is a first pass."""
    text = EMAIL.sub(EMAIL_MASK, text or "")
    text = PHONE.sub(lambda m: PHONE_MASK if sum(c.isdigit() for c in m.group(1)) >= 7 else m.group(0), text)
    for pattern in SELF_NAMED:
        text = pattern.sub(lambda m: f"{m.group(1)}{' ' if m.group(1)[0].isascii() else ''}{NAME_MASK}", text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), NAME_MASK, text, flags=re.IGNORECASE)
        for part in name.split():  # "Alice Wang" also hides a lone "Alice"
            if len(part) >= 3:
                text = re.sub(rf"\b{re.escape(part)}\b", NAME_MASK, text, flags=re.IGNORECASE)
    return text


def asker_names(question: Question) -> list[str]:
    names = [question.name]
    if question.reader_id:
        names += [question.reader.name, question.reader.username.split("@")[0]]
    return [n for n in names if n]


def masked_draft(question: Question) -> tuple[str, str]:
    """The question and the latest answer, masked: what the publish form starts from."""
    names = asker_names(question)
    answer = question.messages.filter(kind=Message.Kind.ANSWER).order_by("-created_at", "-pk").first()
    question_text = f"{question.subject}\n\n{visible_text(question.body)}"
    return mask(question_text, names), mask(answer.body if answer else "", names)


# --- rate limit ----------------------------------------------------------------------------------
QUESTIONS_PER_HOUR = 5


def allow_question_from(address: str) -> None:
    """At most QUESTIONS_PER_HOUR questions an hour from one address, counted in the cache: the form is open to
    anyone with an email, so this keeps one connection from flooding the librarians' queue."""
    if count_this_hour(f"infoservice:ask:{address}") > QUESTIONS_PER_HOUR:
        raise Refused(
            _(
                "Too many questions were sent from your connection in the last hour (the limit is %(limit)d). "
                "Please try again later."
            )
            % {"limit": QUESTIONS_PER_HOUR},
            "too_many",
            429,
        )
