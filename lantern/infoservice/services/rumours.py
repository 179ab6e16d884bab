"""Rumour checks: staff write a check (claim, verdict, explanation, evidence) and publish it through
`approval`; readers send in messages they doubt, which wait in a queue until a published check answers them
or staff decline them, and the reader is told either way.

Measurement: a published check is one ServiceRecord (category information). It is also coded
cross_industry when any of its evidence comes from an organisation outside the library field (CODEBOOK:
"done with an organisation outside the library field ... hospital, government department ..."). The rule
used: an evidence item whose publisher is given and does not name a library ("图书馆", "library") counts as
outside work (a health commission, the WHO, a CDC, a hospital, a newspaper); evidence from libraries only,
or without a publisher, does not. Withdrawing the check withdraws its record.
"""

import re
import secrets
import unicodedata

import opencc
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core import services as core_services
from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.rate_limit import count_this_hour
from lantern.core.sanitise import clean_html
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Doubt, Evidence, Publishable, RumourCheck, Topic
from . import approval

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or typed from paper
REFERENCE_LENGTH = 8
DOUBTS_PER_HOUR = 10
MATCHES_SHOWN = 3
LIBRARY_WORDS = ("图书馆", "library", "圖書館")
_fold_converter = opencc.OpenCC("t2s")


# --- text folding and matching -------------------------------------------------------------------
def fold(text: str) -> str:
    """NFKC, lower case, Traditional→Simplified: how a query and a claim are compared."""
    return _fold_converter.convert(unicodedata.normalize("NFKC", text or "").lower())


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"([{_HAN}]+)|([a-z0-9]{{3,}})")
_STOP = {"the", "and", "that", "this", "with", "for", "are", "was", "you", "your", "not", "from", "have", "has"}
_CHINESE_STOP = {"这个", "一个", "我们", "你们", "他们", "就是", "没有", "可以", "不是", "什么", "转发"}


def _tokens(text: str) -> set[str]:
    """Chinese runs as character bigrams (a single character alone), Latin words of three letters or more."""
    found: set[str] = set()
    for han, word in _PIECE.findall(fold(text)):
        if han:
            found.update(han[i : i + 2] for i in range(max(len(han) - 1, 1)))
        elif word not in _STOP:
            found.add(word)
    return found - _CHINESE_STOP


def search(checks, query: str):
    """Checks whose claim, summary or explanation, in either language, holds every word of the query (the
    query is also tried folded to Simplified Chinese)."""
    for term in query.split()[:10]:
        condition = Q()
        for variant in {term, fold(term)}:
            for field in ("claim", "summary", "explanation"):
                for language in ("zh_hans", "en"):
                    condition |= Q(**{f"{field}_{language}__icontains": variant})
        checks = checks.filter(condition)
    return checks


def find_matches(library: Library, text: str = "", link: str = "", *, limit: int = MATCHES_SHOWN) -> list:
    """The published checks of `library` that look most like a message: the share of the message's words
    (Chinese bigrams, English words) found in a check's claim and summary, and a link that a check cites or
    quotes. Best first; only checks that share enough to be worth showing."""
    words = _tokens(text)
    link = (link or "").strip()
    if not words and not link:
        return []
    scored = []
    checks = RumourCheck.objects.filter(library=library, status=Publishable.PUBLISHED).prefetch_related("evidence")
    for check in checks.order_by("-published_at")[:500]:
        haystack = fold(
            " ".join(filter(None, [check.claim_zh_hans, check.claim_en, check.summary_zh_hans, check.summary_en]))
        )
        score = 0.0
        if words:
            hits = sum(1 for word in words if word in haystack)
            score = hits / len(words) if hits >= min(2, len(words)) else 0.0
        if link and (link in haystack or any(link == e.url for e in check.evidence.all())):
            score += 1.0
        if score >= 0.4:
            scored.append((score, check.published_at, check))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [check for _score, _when, check in scored[:limit]]


# --- writing checks (staff) ----------------------------------------------------------------------
EDITABLE = [
    "claim_zh_hans",
    "claim_en",
    "circulated_in",
    "first_seen_on",
    "verdict",
    "summary_zh_hans",
    "summary_en",
    "explanation_zh_hans",
    "explanation_en",
]


def check_values(library: Library, values: dict, topics=()) -> dict:
    """The values cleaned (explanations sanitised, no headings) or ValidationError by field: the claim, the
    one-sentence verdict and the explanation each in at least one language, a known verdict, topics of
    this library."""
    values = dict(values)
    errors: dict[str, list] = {}
    for field in ("claim", "summary"):
        for language in ("zh_hans", "en"):
            values[f"{field}_{language}"] = (values.get(f"{field}_{language}") or "").strip()
    for language in ("zh_hans", "en"):
        values[f"explanation_{language}"] = clean_html(values.get(f"explanation_{language}") or "", headings=False)
    if not (values["claim_zh_hans"] or values["claim_en"]):
        errors["claim_zh_hans"] = [_("Give the claim, in Chinese, English or both.")]
    if not (values["summary_zh_hans"] or values["summary_en"]):
        errors["summary_zh_hans"] = [_("Give the verdict in one sentence, in Chinese, English or both.")]
    if not (values["explanation_zh_hans"] or values["explanation_en"]):
        errors["explanation_zh_hans"] = [_("Explain the verdict in plain language, in Chinese, English or both.")]
    if values.get("verdict") not in RumourCheck.Verdict.values:
        errors["verdict"] = [_("Choose a verdict: true, false, misleading or unproven.")]
    if any(not isinstance(topic, Topic) or topic.library_id != library.pk for topic in topics):
        errors["topics"] = [_("Choose topics of this library.")]
    values["circulated_in"] = (values.get("circulated_in") or "").strip()
    _check_lengths(RumourCheck, values, errors)
    if errors:
        raise ValidationError(errors)
    return values


def _check_lengths(model, values: dict, errors: dict) -> None:
    """Text longer than its column is refused by field, as a form would (not left to the database)."""
    for name, value in values.items():
        try:
            limit = model._meta.get_field(name).max_length
        except LookupError:
            continue
        if limit and isinstance(value, str) and len(value) > limit and name not in errors:
            errors[name] = [_("Keep this under %(limit)d characters.") % {"limit": limit}]


def save_check(library: Library, values: dict, *, check: RumourCheck | None = None, topics=(), by=None) -> RumourCheck:
    """Create or change a check. A check waiting for approval cannot change (the reviewer approves what they
    read); a published one keeps its ServiceRecord up to date."""
    if check is not None and check.status == Publishable.PENDING:
        raise Refused(
            _("This check is waiting for approval; send it back to a draft before changing it."), "pending", 409
        )
    values = check_values(library, values, topics)
    created = check is None
    check = check or RumourCheck(library=library, created_by=by if getattr(by, "is_authenticated", False) else None)
    for field in EDITABLE:
        setattr(check, field, values.get(field) or (None if field == "first_seen_on" else ""))
    with transaction.atomic():
        check.save()
        check.topics.set(topics)
        if check.status == Publishable.PUBLISHED:
            _record(check)
        record_audit(
            by, "infoservice.check_created" if created else "infoservice.check_changed", check, library=library
        )
    return check


EVIDENCE_FIELDS = ["title", "url", "publisher", "published_on", "note_zh_hans", "note_en"]


def _check_evidence(check: RumourCheck, values: dict) -> None:
    if check.status == Publishable.PENDING:
        raise Refused(
            _("This check is waiting for approval; send it back to a draft before changing it."), "pending", 409
        )
    errors: dict[str, list] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Name the source (the document or page the evidence comes from).")]
    _check_lengths(Evidence, {field: values.get(field) for field in EVIDENCE_FIELDS}, errors)
    if errors:
        raise ValidationError(errors)


def add_evidence(check: RumourCheck, values: dict, *, by=None) -> Evidence:
    """Add a source to a check (not while it waits for approval)."""
    _check_evidence(check, values)
    evidence = Evidence(rumour_check=check)
    return _save_evidence(evidence, values, by, "infoservice.evidence_added")


def change_evidence(evidence: Evidence, values: dict, *, by=None) -> Evidence:
    _check_evidence(evidence.rumour_check, values)
    return _save_evidence(evidence, values, by, "infoservice.evidence_changed")


def _save_evidence(evidence: Evidence, values: dict, by, action: str) -> Evidence:
    for field in EVIDENCE_FIELDS:
        value = values.get(field)
        setattr(evidence, field, value if field == "published_on" else (value or "").strip())
    with transaction.atomic():
        evidence.save()
        check = evidence.rumour_check
        if check.status == Publishable.PUBLISHED:
            _record(check)
        record_audit(by, action, check, library=check.library, summary=evidence.title)
    return evidence


def remove_evidence(evidence: Evidence, *, by=None) -> None:
    """Remove a source; a published check keeps at least one."""
    check = evidence.rumour_check
    if check.status == Publishable.PENDING:
        raise Refused(
            _("This check is waiting for approval; send it back to a draft before changing it."), "pending", 409
        )
    if check.status == Publishable.PUBLISHED and check.evidence.count() <= 1:
        raise Refused(
            _("A published check keeps at least one source. Add another before removing this one."),
            "last_evidence",
            409,
        )
    with transaction.atomic():
        evidence.delete()
        if check.status == Publishable.PUBLISHED:
            _record(check)
        record_audit(by, "infoservice.evidence_removed", check, library=check.library, summary=evidence.title)


# --- publishing ----------------------------------------------------------------------------------
def is_outside_source(publisher: str) -> bool:
    """The cross_industry rule of the module docstring: a named publisher that is not a library."""
    publisher = fold(publisher).strip()
    return bool(publisher) and not any(word in publisher for word in LIBRARY_WORDS)


def _record(check: RumourCheck) -> None:
    features = [Feature.CROSS_INDUSTRY] if any(is_outside_source(e.publisher) for e in check.evidence.all()) else []
    record_service(
        library=check.library,
        date=timezone.localdate(check.published_at or timezone.now()),
        categories=[Category.INFORMATION],
        features=features,
        # A claim may be longer than a record's title (300): the record keeps its beginning.
        title_zh=Truncator(check.claim_zh_hans or "").chars(300),
        title_en=Truncator(check.claim_en or "").chars(300),
        source_object=check,
        link=check.get_absolute_url(),
    )


def submit_check(check: RumourCheck, *, by=None, base_url: str = "") -> bool:
    """Ask to publish: at once, or waiting for a second person when the library requires it. A check needs
    at least one source. True if published (its record made, its open doubts answered)."""
    if not check.evidence.exists():
        raise Refused(
            _("Add at least one source before publishing: readers must be able to check the check."), "no_evidence", 409
        )
    with transaction.atomic():
        # A withdrawn check goes through the same steps as a new one (approval.submit accepts it).
        published = approval.submit(check, by=by)
        record_audit(by, "infoservice.check_submitted", check, library=check.library)
        if published:
            _on_publish(check, base_url)
            record_audit(by, "infoservice.check_published", check, library=check.library)
    return published


def approve_check(check: RumourCheck, *, by, base_url: str = "") -> None:
    """A second staff member approves: published, recorded, its open doubts answered."""
    with transaction.atomic():
        approval.approve(check, by=by)
        _on_publish(check, base_url)
        record_audit(by, "infoservice.check_approved", check, library=check.library)


def send_back_check(check: RumourCheck, *, by) -> None:
    with transaction.atomic():
        approval.send_back(check, by=by)
        record_audit(by, "infoservice.check_sent_back", check, library=check.library)


def withdraw_check(check: RumourCheck, *, by) -> None:
    """Off the public pages and out of the measurement; kept for the record."""
    with transaction.atomic():
        approval.withdraw(check, by=by)
        withdraw_service(check)
        record_audit(by, "infoservice.check_withdrawn", check, library=check.library)


def _on_publish(check: RumourCheck, base_url: str) -> None:
    _record(check)
    for doubt in check.doubts.filter(status=Doubt.Status.OPEN).select_related("reader"):
        _answer(doubt, check, base_url)


# --- doubts (readers) ----------------------------------------------------------------------------
def new_reference() -> str:
    while True:
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(REFERENCE_LENGTH))
        if not Doubt.objects.filter(reference=reference).exists():
            return reference


def allow_doubt_from(address: str) -> None:
    """At most DOUBTS_PER_HOUR messages an hour from one address, counted in the cache."""
    if count_this_hour(f"infoservice:doubts:{address}") > DOUBTS_PER_HOUR:
        raise Refused(
            _(
                "Too many messages were sent from your connection in the last hour (the limit is %(limit)d). "
                "Please try again later."
            )
            % {"limit": DOUBTS_PER_HOUR},
            "too_many",
            429,
        )


def send_doubt(
    library: Library,
    *,
    text: str = "",
    link: str = "",
    screenshot=None,
    reader=None,
    email: str = "",
    address: str = "",
) -> Doubt:
    """Save a message a reader doubts, with an unguessable reference. `screenshot` is a checked, re-encoded
    image (`uploads.WebImage`) or None. A signed-in reader is told on their account; otherwise the answer
    goes to `email`, when given."""
    text, link, email = (text or "").strip(), (link or "").strip(), (email or "").strip()
    if not (text or link or screenshot):
        raise ValidationError({"text": [_("Paste the message, give its link or attach a screenshot: at least one.")]})
    if len(text) > 5000:
        raise ValidationError({"text": [_("Keep the message under 5,000 characters.")]})
    if len(link) > 500:
        raise ValidationError({"link": [_("Keep the link under 500 characters.")]})
    if len(email) > 254:
        raise ValidationError({"email": [_("Give a valid email address, or none.")]})
    reader = reader if getattr(reader, "is_authenticated", False) else None
    if address:
        allow_doubt_from(address)
    doubt = Doubt(library=library, reference=new_reference(), text=text, link=link, reader=reader)
    doubt.email = "" if reader else email
    with transaction.atomic():
        doubt.save()
        if screenshot is not None:
            name = f"{secrets.token_urlsafe(16)}.{screenshot.extension}"
            doubt.screenshot.save(name, ContentFile(screenshot.large), save=True)
    return doubt


def visible_doubt(library: Library, reference: str, user) -> Doubt | None:
    """The doubt a request may see: one sent by a signed-in reader only to that reader; one sent without an
    account to whoever holds its reference. Anything else (a guess, another reader's) is None."""
    doubt = (
        Doubt.objects.select_related("answer", "library").filter(library=library, reference=reference.upper()).first()
    )
    if doubt is None:
        return None
    if doubt.reader_id is not None and doubt.reader_id != getattr(user, "pk", None):
        return None
    return doubt


# --- the staff's queue of doubts -----------------------------------------------------------------
def link_doubt(doubt: Doubt, check: RumourCheck, *, by=None, base_url: str = "") -> bool:
    """Link an open doubt to a check of its library; answered at once if the check is published, else when it
    is. True if answered now."""
    if doubt.status != Doubt.Status.OPEN:
        raise Refused(_("This message has already been answered or declined."), "not_open", 409)
    if check.library_id != doubt.library_id:
        raise Refused(_("Choose a check of this library."), "other_library", 403)
    if check.status == Publishable.WITHDRAWN:
        raise Refused(_("This check has been withdrawn; choose another or publish it again first."), "withdrawn", 409)
    with transaction.atomic():
        doubt.answer = check
        doubt.save(update_fields=["answer"])
        record_audit(by, "infoservice.doubt_linked", doubt, library=doubt.library, summary=doubt.reference)
        if check.status == Publishable.PUBLISHED:
            _answer(doubt, check, base_url)
            return True
    return False


def decline_doubt(doubt: Doubt, reason: str, *, by=None) -> None:
    """Close a doubt without a check; the reader is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the message will not be checked; the reader is told.")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Keep the reason under 300 characters.")]})
    with transaction.atomic():
        if not Doubt.objects.filter(pk=doubt.pk, status=Doubt.Status.OPEN).update(
            status=Doubt.Status.DECLINED, decline_reason=reason, answered_at=timezone.now()
        ):
            raise Refused(_("This message has already been answered or declined."), "not_open", 409)
        doubt.refresh_from_db()
        record_audit(by, "infoservice.doubt_declined", doubt, library=doubt.library, summary=reason)
        _tell(
            doubt,
            gettext_lazy("Your message %(reference)s will not be checked"),
            gettext_lazy("We will not check the message you sent (%(reference)s). Reason: %(reason)s"),
            link=doubt_path(doubt),
        )


def doubt_path(doubt: Doubt) -> str:
    return reverse("infoservice:doubt", args=[doubt.library.slug, doubt.reference])


def _answer(doubt: Doubt, check: RumourCheck, base_url: str) -> None:
    if not Doubt.objects.filter(pk=doubt.pk, status=Doubt.Status.OPEN).update(
        status=Doubt.Status.ANSWERED, answer=check, answered_at=timezone.now()
    ):
        return
    doubt.refresh_from_db()
    _tell(
        doubt,
        gettext_lazy("Your message %(reference)s has been checked"),
        gettext_lazy("The library has checked the message you sent (%(reference)s). Verdict: %(verdict)s. %(summary)s"),
        link=check.get_absolute_url(),
        base_url=base_url,
    )


class _Lazy:
    """A message rendered in the recipient's language when it becomes text."""

    def __init__(self, template, doubt: Doubt):
        self.template, self.doubt = template, doubt

    def __str__(self) -> str:
        check = self.doubt.answer
        english = translation.get_language() == "en"
        summary = ""
        if check is not None:
            summary = (check.summary_en if english else check.summary_zh_hans) or check.summary
        return str(self.template) % {
            "reference": self.doubt.reference,
            "reason": self.doubt.decline_reason,
            "verdict": check.get_verdict_display() if check else "",
            "summary": summary,
        }


def _tell(doubt: Doubt, subject, body, *, link: str, base_url: str = "") -> None:
    """A notice for a signed-in sender; an email in both languages (their language is not known) for one who
    gave only an email address; nobody to tell otherwise."""
    if doubt.reader_id:
        notify(doubt.reader, _Lazy(subject, doubt), _Lazy(body, doubt), link=link, library=doubt.library)
        return
    if not doubt.email:
        return
    parts, subjects = [], []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            subjects.append(str(_Lazy(subject, doubt)))
            parts.append(str(_Lazy(body, doubt)))
    message = "\n\n".join([*parts, base_url.rstrip("/") + link])
    core_services.email_address(doubt.email, " / ".join(subjects), message)
