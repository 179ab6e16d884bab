"""The information hub: a library's topics and notices, from draft to published (with the optional second
pair of eyes of `approval`), pinned, withdrawn, and the library's information-service settings.

Measurement: a published notice has one ServiceRecord (category `information`: the codebook lists "epidemic
or health information" under it), dated the day it was published, titled like the notice, and withdrawn
when the notice is. It also carries `cross_industry` when the issuing authority is a health or government
body (`is_health_or_government`): the codebook counts as cross-industry a service done with an organisation
outside the library field and names "hospital" and "government department" among them; relaying and
checking such a body's notice is the library's work with that body (the issue's "work with health
authorities"). A library's own notices, or another library's, do not count (the codebook: cooperation with
libraries only does not count). The notice holds the authority as free text in either language, so the rule
reads it for the words such bodies are named by; the staff page says which way a notice was counted.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.sanitise import clean_html, visible_text
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service

from ..models import Bulletin, Publishable, Topic
from . import approval

# Words that name a health or government body, in the two languages notices are written in.
_CHINESE_BODIES = (
    "政府",
    "国务院",
    "卫健",
    "卫生",
    "健康委",
    "疾控",
    "疾病预防控制",
    "医院",
    "医疗保障",
    "指挥部",
    "防控办",
    "公安",
    "教育局",
    "教育厅",
    "教育部",
    "民政",
    "应急管理",
    "市场监督",
)
_ENGLISH_BODIES = re.compile(
    r"\b(government|ministry|department|commission|health|hospital|cdc|disease control|"
    r"world health organi[sz]ation|who|council|bureau|municipal|state|city hall|public security)\b",
    re.IGNORECASE,
)
_LIBRARY = re.compile(r"图书馆|\blibrar(y|ies)\b", re.IGNORECASE)

BODY_FIELDS = ("body_zh_hans", "body_en")


def is_health_or_government(authority: str) -> bool:
    """Whether an issuing authority reads as a health or government body (and not as a library)."""
    text = (authority or "").strip()
    if not text or _LIBRARY.search(text):
        return False
    return any(word in text for word in _CHINESE_BODIES) or bool(_ENGLISH_BODIES.search(text))


def _record(bulletin: Bulletin):
    features = ["cross_industry"] if is_health_or_government(bulletin.authority) else []
    published = bulletin.published_at or timezone.now()
    return record_service(
        library=bulletin.library,
        date=timezone.localdate(published),
        categories=["information"],
        features=features,
        title_zh=bulletin.title_zh_hans or "",
        title_en=bulletin.title_en or "",
        source_object=bulletin,
        link=bulletin.get_absolute_url(),
    )


# --- topics ---------------------------------------------------------------------------------------
def _check_topic_names(library: Library, name_zh: str, name_en: str, *, exclude=None) -> None:
    if not (name_zh.strip() or name_en.strip()):
        raise ValidationError({"name_zh_hans": [_("Give the topic a name in Chinese or English.")]})
    others = Topic.objects.filter(library=library)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for field, name in (("name_zh_hans", name_zh.strip()), ("name_en", name_en.strip())):
        if name and others.filter(**{f"{field}__iexact": name}).exists():
            raise ValidationError({field: [_("Your library already has a topic with this name.")]})


def _free_slug(library: Library, name_zh: str, name_en: str) -> str:
    # Chinese names slugify to nothing; such topics get a numbered slug (the slug is only in addresses).
    base = slugify(name_en)[:90] or slugify(name_zh, allow_unicode=True)[:90] or "topic"
    slug, n = base, 2
    while Topic.objects.filter(library=library, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_topic(library: Library, *, by, name_zh: str, name_en: str) -> Topic:
    _check_topic_names(library, name_zh, name_en)
    with transaction.atomic():
        topic = Topic.objects.create(
            library=library,
            slug=_free_slug(library, name_zh, name_en),
            name_zh_hans=name_zh.strip() or None,
            name_en=name_en.strip() or None,
        )
        record_audit(by, "infoservice.topic_added", topic, library=library, summary=topic.name)
    return topic


def rename_topic(topic: Topic, *, by, name_zh: str, name_en: str) -> Topic:
    """A new name; the slug (and so every link to the topic) stays."""
    _check_topic_names(topic.library, name_zh, name_en, exclude=topic)
    with transaction.atomic():
        old = topic.name
        topic.name_zh_hans, topic.name_en = name_zh.strip() or None, name_en.strip() or None
        topic.save(update_fields=["name_zh_hans", "name_en"])
        record_audit(by, "infoservice.topic_renamed", topic, library=topic.library, summary=f"{old} → {topic.name}")
    return topic


def remove_topic(topic: Topic, *, by) -> None:
    """Remove a topic; its notices and checks stay, without it."""
    with transaction.atomic():
        record_audit(by, "infoservice.topic_removed", topic, library=topic.library, summary=topic.name)
        topic.delete()


# --- notices --------------------------------------------------------------------------------------
def _clean_fields(library: Library, fields: dict, topics) -> dict:
    """Check and tidy a notice's fields; raise ValidationError by field."""
    fields = dict(fields)
    errors: dict[str, list] = {}
    for name in ("title_zh_hans", "title_en", "authority", "region"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    for name in BODY_FIELDS:
        if name in fields:
            fields[name] = clean_html(fields[name] or "", headings=False) if (fields[name] or "").strip() else ""
    if not (fields.get("title_zh_hans") or fields.get("title_en")):
        errors["title_zh_hans"] = [_("Give the notice a title in Chinese or English.")]
    if not fields.get("authority"):
        errors["authority"] = [_("Say which authority issued this notice.")]
    issued_on = fields.get("issued_on")
    if issued_on is None:
        errors["issued_on"] = [_("Give the day the authority issued the notice.")]
    elif issued_on > timezone.localdate():
        errors["issued_on"] = [_("A notice cannot be issued in the future.")]
    if fields.get("verification") not in Bulletin.Verification.values:
        errors["verification"] = [_("Choose how far the notice was checked.")]
    expires_at = fields.get("expires_at")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = [_("This expiry has already passed. Give a later one, or none.")]
    if topics is not None and any(topic.library_id != library.pk for topic in topics):
        errors["topics"] = [_("Choose topics of your own library.")]
    if errors:
        raise ValidationError(errors)
    # Empty translations are stored as NULL so that modeltranslation falls back to the other language.
    for name in ("title_zh_hans", "title_en", *BODY_FIELDS):
        if name in fields and not fields[name]:
            fields[name] = None
    return fields


def create_bulletin(library: Library, *, by, topics=(), **fields) -> Bulletin:
    """A draft notice of `library`; `fields` are the model's fields (titles and texts in both languages)."""
    fields = _clean_fields(library, fields, list(topics))
    with transaction.atomic():
        bulletin = Bulletin.objects.create(library=library, created_by=_person(by), **fields)
        bulletin.topics.set(topics)
        record_audit(by, "infoservice.bulletin_created", bulletin, library=library, summary=bulletin.title)
    return bulletin


def update_bulletin(bulletin: Bulletin, *, by, topics=None, **fields) -> Bulletin:
    """Change a notice. One waiting for approval is refused (the reviewer would approve something else);
    a published one goes back to waiting when the library requires approval, so no change skips review."""
    topics = list(topics) if topics is not None else None
    fields = _clean_fields(bulletin.library, fields, topics)
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().select_related("library").get(pk=bulletin.pk)
        if bulletin.status == Publishable.PENDING:
            raise Refused(
                _("This notice is waiting for approval. Ask the reviewer to send it back before changing it."),
                "pending",
                409,
            )
        for name, value in fields.items():
            setattr(bulletin, name, value)
        back_to_review = (
            bulletin.status == Publishable.PUBLISHED and approval.settings_for(bulletin.library).require_approval
        )
        if back_to_review:
            bulletin.status = Publishable.PENDING
        bulletin.save()
        if topics is not None:
            bulletin.topics.set(topics)
        record_audit(by, "infoservice.bulletin_updated", bulletin, library=bulletin.library, summary=bulletin.title)
        if back_to_review:
            withdraw_service(bulletin)
        elif bulletin.status == Publishable.PUBLISHED:
            _record(bulletin)
    return bulletin


def _locked(bulletin: Bulletin) -> Bulletin:
    return Bulletin.objects.select_for_update().select_related("library").get(pk=bulletin.pk)


def submit_bulletin(bulletin: Bulletin, *, by) -> bool:
    """The author asks to publish: published at once, or waiting for a colleague. True when published."""
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if bulletin.expires_at is not None and bulletin.expires_at <= timezone.now():
            raise Refused(_("This notice has expired. Give a later expiry before publishing it."), "expired")
        published = approval.submit(bulletin, by=by)
        if published:
            _record(bulletin)
            record_audit(
                by, "infoservice.bulletin_published", bulletin, library=bulletin.library, summary=bulletin.title
            )
        else:
            record_audit(
                by, "infoservice.bulletin_submitted", bulletin, library=bulletin.library, summary=bulletin.title
            )
    return published


def approve_bulletin(bulletin: Bulletin, *, by) -> None:
    """A second staff member approves: the notice is published."""
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if bulletin.expires_at is not None and bulletin.expires_at <= timezone.now():
            raise Refused(_("This notice expired while it waited. Send it back to its author."), "expired")
        approval.approve(bulletin, by=by)
        _record(bulletin)
        record_audit(by, "infoservice.bulletin_approved", bulletin, library=bulletin.library, summary=bulletin.title)


def send_back_bulletin(bulletin: Bulletin, *, by) -> None:
    with transaction.atomic():
        bulletin = _locked(bulletin)
        approval.send_back(bulletin, by=by)
        record_audit(by, "infoservice.bulletin_sent_back", bulletin, library=bulletin.library, summary=bulletin.title)


def withdraw_bulletin(bulletin: Bulletin, *, by) -> None:
    """Take a published notice off the information page and the feed; kept for the record."""
    with transaction.atomic():
        bulletin = _locked(bulletin)
        approval.withdraw(bulletin, by=by)
        withdraw_service(bulletin)
        record_audit(by, "infoservice.bulletin_withdrawn", bulletin, library=bulletin.library, summary=bulletin.title)


def set_pinned(bulletin: Bulletin, *, by, pinned: bool) -> None:
    with transaction.atomic():
        bulletin = _locked(bulletin)
        if bulletin.pinned == pinned:
            raise Refused(
                _("This notice is already pinned.") if pinned else _("This notice is not pinned."), "unchanged", 409
            )
        bulletin.pinned = pinned
        bulletin.save(update_fields=["pinned"])
        code = "infoservice.bulletin_pinned" if pinned else "infoservice.bulletin_unpinned"
        record_audit(by, code, bulletin, library=bulletin.library, summary=bulletin.title)


# --- settings -------------------------------------------------------------------------------------
def save_settings(library: Library, *, by, require_approval: bool, first_response_hours: int):
    with transaction.atomic():
        found = approval.save_settings(
            library, require_approval=require_approval, first_response_hours=first_response_hours
        )
        record_audit(
            by,
            "infoservice.settings_changed",
            found,
            library=library,
            summary=f"require_approval={require_approval}, first_response_hours={first_response_hours}",
        )
    return found


def body_text(bulletin: Bulletin) -> str:
    """The notice's text without markup, in the active language (for feeds and the API)."""
    return visible_text(bulletin.body or "")


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None
