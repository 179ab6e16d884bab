"""Online reading groups: staff set a group up (book or reading list, hosts, sessions) and publish it; readers
join and leave; and a reader's data export. The discussion board and its moderation are in `group_board`.

Publishing records one ServiceRecord (online reading promotion) and every later change to a published group
updates it: `cross_industry` with partner organisations, `targeted_groups` with an audience, and
`social_participation` when a guest from outside the library leads the group (the codebook's "leading
reading groups"; members posting on the board is taking part in the service, not beyond it).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.catalogue.models import ReadingList, Record
from lantern.core.errors import Refused
from lantern.core.identifiers import normalize_identifier
from lantern.core.models import Library
from lantern.core.permissions import can_staff
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Audience, GroupHost, GroupSession, Membership, Post, ReadingGroup, Status

__all__ = [
    "Refused",
    "add_host",
    "add_session",
    "can_moderate",
    "create_group",
    "export_group_data",
    "is_host",
    "is_member",
    "join",
    "leave",
    "publish_group",
    "remove_host",
    "remove_session",
    "unpublish_group",
    "update_group",
    "update_session",
]

NAME_MAX = 200
INTRODUCTION_MAX = 300
TOPIC_MAX = 200
LONGEST_SESSION = datetime.timedelta(hours=12)


def _squash(value: str) -> str:
    return " ".join((value or "").split())


def is_host(user, group: ReadingGroup) -> bool:
    return bool(user and user.is_authenticated) and group.hosts.filter(user=user).exists()


def is_member(user, group: ReadingGroup) -> bool:
    return bool(user and user.is_authenticated) and group.memberships.filter(reader=user).exists()


def can_moderate(user, group: ReadingGroup) -> bool:
    """Staff of the group's library and the group's own hosts (who may work elsewhere) moderate its board."""
    return bool(user and user.is_authenticated) and (can_staff(user, group.library) or is_host(user, group))


def group_label(group: ReadingGroup) -> str:
    return " / ".join(name for name in (group.name_zh_hans, group.name_en) if name)


# --- the group -----------------------------------------------------------------------------------
def check_group(
    library: Library,
    *,
    name_zh: str,
    name_en: str,
    description_zh: str = "",
    description_en: str = "",
    record: Record | None = None,
    reading_list: ReadingList | None = None,
    audience: str = "",
    partners=(),
    premoderated: bool = False,
) -> dict:
    """The group's fields, cleaned; ValidationError by field (names as the staff form names them)."""
    values = {
        "name_zh_hans": _squash(name_zh),
        "name_en": _squash(name_en),
        "description_zh_hans": (description_zh or "").strip(),
        "description_en": (description_en or "").strip(),
        "record": record,
        "reading_list": reading_list,
        "audience": audience or "",
        "premoderated": bool(premoderated),
    }
    errors: dict[str, list] = {}
    if not (values["name_zh_hans"] or values["name_en"]):
        errors["name_zh"] = [_("Give the group a name in Chinese, in English or in both.")]
    for field, key in (("name_zh", "name_zh_hans"), ("name_en", "name_en")):
        if len(values[key]) > NAME_MAX:
            errors[field] = [_("Keep the name under %(n)d characters.") % {"n": NAME_MAX}]
    if record is not None and record.library_id != library.pk:
        errors["book"] = [_("Choose a book from this library's catalogue.")]
    if reading_list is not None and reading_list.library_id != library.pk:
        errors["reading_list"] = [_("Choose one of this library's reading lists.")]
    if record is not None and reading_list is not None:
        errors["reading_list"] = [_("Choose a book or a reading list, not both.")]
    if values["audience"] and values["audience"] not in Audience.values:
        errors["audience"] = [_("Choose an audience from the list.")]
    partners = list(partners)
    if any(not partner.libraries.filter(pk=library.pk).exists() for partner in partners):
        errors["partners"] = [_("Choose partners of this library.")]
    if errors:
        raise ValidationError(errors)
    values["partners"] = partners
    return values


def _save(group: ReadingGroup, values: dict) -> None:
    partners = values.pop("partners")
    for name, value in values.items():
        setattr(group, name, value)
    group.save()
    group.partners.set(partners)


def create_group(library: Library, *, by, **fields) -> ReadingGroup:
    """A new group, as a draft readers cannot see until it is published."""
    values = check_group(library, **fields)
    with transaction.atomic():
        group = ReadingGroup(library=library)
        _save(group, values)
        record_audit(by, "groups.created", group, library=library, summary=group_label(group))
    return group


def update_group(group: ReadingGroup, *, by, **fields) -> ReadingGroup:
    """Change the group's details; a published group's service record follows the change."""
    values = check_group(group.library, **fields)
    with transaction.atomic():
        _save(group, values)
        if group.status == Status.PUBLISHED:
            _record(group)
        record_audit(by, "groups.updated", group, library=group.library, summary=group_label(group))
    return group


def _features(group: ReadingGroup) -> list[str]:
    features = []
    if group.partners.exists():
        features.append(Feature.CROSS_INDUSTRY)
    if group.hosts.filter(is_guest=True).exists():
        features.append(Feature.SOCIAL_PARTICIPATION)
    if group.audience:
        features.append(Feature.TARGETED_GROUPS)
    return features


def _record(group: ReadingGroup) -> None:
    name_zh = group.name_zh_hans or group.name_en
    name_en = group.name_en or group.name_zh_hans
    record_service(
        library=group.library,
        date=timezone.localtime(group.published_at).date(),
        title_zh=f"线上读书会：{name_zh}",
        title_en=f"Online reading group: {name_en}",
        categories=[Category.READING_ONLINE],
        features=_features(group),
        source_object=group,
        link=group.get_absolute_url(),
    )


def publish_group(group: ReadingGroup, *, by, now=None) -> ReadingGroup:
    """Open the group to readers and record it as an online reading-promotion service."""
    if group.status == Status.PUBLISHED:
        raise Refused(_("This group is already published."), "already_published", 409)
    if group.record_id is None and group.reading_list_id is None:
        raise Refused(_("Choose the group's book or reading list before publishing it."), "no_reading")
    if not group.hosts.exists():
        raise Refused(_("Add at least one host before publishing the group."), "no_host")
    with transaction.atomic():
        group.status = Status.PUBLISHED
        group.published_at = now or timezone.now()
        group.save(update_fields=["status", "published_at"])
        _record(group)
        record_audit(by, "groups.published", group, library=group.library, summary=group_label(group))
    return group


def unpublish_group(group: ReadingGroup, *, by) -> ReadingGroup:
    """Take the group back to a draft (members, sessions and posts kept) and withdraw its service record."""
    if group.status != Status.PUBLISHED:
        raise Refused(_("This group is not published."), "not_published", 409)
    with transaction.atomic():
        group.status = Status.DRAFT
        group.save(update_fields=["status"])
        withdraw_service(group)
        record_audit(by, "groups.unpublished", group, library=group.library, summary=group_label(group))
    return group


def _rerecord(group: ReadingGroup) -> None:
    if group.status == Status.PUBLISHED:
        _record(group)


# --- hosts ---------------------------------------------------------------------------------------
def find_account(identifier: str):
    """The existing account with this email or phone number, or ValidationError on "identifier"."""
    try:
        _kind, username = normalize_identifier(identifier)
    except ValidationError as exc:
        raise ValidationError({"identifier": exc.messages}) from None
    user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        raise ValidationError(
            {
                "identifier": [
                    _("No account uses “%(value)s”. Ask the host to sign up first, then add them.")
                    % {"value": identifier.strip()}
                ]
            }
        )
    return user


def add_host(group: ReadingGroup, identifier: str, *, introduction: str = "", by) -> GroupHost:
    """Add the person with this email or phone as a host. Someone who is not staff of the library is a guest,
    shown to readers with an introduction (which a guest therefore needs)."""
    user = find_account(identifier)
    introduction = _squash(introduction)
    is_guest = not can_staff(user, group.library)
    if len(introduction) > INTRODUCTION_MAX:
        raise ValidationError(
            {"introduction": [_("Keep the introduction under %(n)d characters.") % {"n": INTRODUCTION_MAX}]}
        )
    if is_guest and not introduction:
        raise ValidationError(
            {"introduction": [_("%(name)s is a guest from outside the library: introduce them to readers.") % {
                "name": user
            }]}
        )  # fmt: skip
    if group.hosts.filter(user=user).exists():
        raise Refused(_("%(name)s is already a host of this group.") % {"name": user}, "already_host", 409)
    try:
        with transaction.atomic():
            host = GroupHost.objects.create(group=group, user=user, is_guest=is_guest, introduction=introduction)
            _rerecord(group)
            record_audit(by, "groups.host_added", group, library=group.library, summary=str(user))
    except IntegrityError:
        raise Refused(_("%(name)s is already a host of this group.") % {"name": user}, "already_host", 409) from None
    return host


def remove_host(host: GroupHost, *, by) -> None:
    """Remove a host; a published group keeps at least one."""
    group = host.group
    if group.status == Status.PUBLISHED and group.hosts.count() <= 1:
        raise Refused(_("A published group needs a host. Add another host first."), "last_host", 409)
    with transaction.atomic():
        record_audit(by, "groups.host_removed", group, library=group.library, summary=str(host.user))
        host.delete()
        _rerecord(group)


# --- sessions ------------------------------------------------------------------------------------
def check_session(*, topic_zh: str, topic_en: str, starts_at, ends_at, online_link: str = "") -> dict:
    """A session's fields, cleaned; ValidationError by field."""
    values = {
        "topic_zh_hans": _squash(topic_zh),
        "topic_en": _squash(topic_en),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online_link": (online_link or "").strip(),
    }
    errors: dict[str, list] = {}
    if not (values["topic_zh_hans"] or values["topic_en"]):
        errors["topic_zh"] = [_("Give the session a topic in Chinese, in English or in both.")]
    for field, key in (("topic_zh", "topic_zh_hans"), ("topic_en", "topic_en")):
        if len(values[key]) > TOPIC_MAX:
            errors[field] = [_("Keep the topic under %(n)d characters.") % {"n": TOPIC_MAX}]
    if starts_at is None:
        errors["starts_at"] = [_("Say when the session starts.")]
    if ends_at is None:
        errors["ends_at"] = [_("Say when the session ends.")]
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
    elif starts_at is not None and ends_at - starts_at > LONGEST_SESSION:
        errors["ends_at"] = [_("A session lasts at most 12 hours; check the end time.")]
    if values["online_link"]:
        try:
            URLValidator(schemes=["http", "https"])(values["online_link"])
        except ValidationError:
            errors["online_link"] = [_("Give the full web address of the meeting, starting with https://")]
        if len(values["online_link"]) > 500:
            errors["online_link"] = [_("Keep the web address under 500 characters.")]
    if errors:
        raise ValidationError(errors)
    return values


def _session_summary(session: GroupSession) -> str:
    topic = session.topic_zh_hans or session.topic_en
    return f"{topic} · {timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}"


def add_session(group: ReadingGroup, *, by, **fields) -> GroupSession:
    values = check_session(**fields)
    with transaction.atomic():
        session = GroupSession.objects.create(group=group, **values)
        record_audit(by, "groups.session_added", group, library=group.library, summary=_session_summary(session))
    return session


def update_session(session: GroupSession, *, by, **fields) -> GroupSession:
    values = check_session(**fields)
    with transaction.atomic():
        for name, value in values.items():
            setattr(session, name, value)
        session.save()
        group = session.group
        record_audit(by, "groups.session_changed", group, library=group.library, summary=_session_summary(session))
    return session


def remove_session(session: GroupSession, *, by) -> None:
    """Remove a session; members of a published group hear when an upcoming session is called off."""
    group = session.group
    upcoming = session.ends_at > timezone.now()
    with transaction.atomic():
        record_audit(by, "groups.session_removed", group, library=group.library, summary=_session_summary(session))
        if upcoming and group.status == Status.PUBLISHED:
            for membership in group.memberships.select_related("reader"):
                reader = membership.reader
                with translation.override(reader.language or None):
                    notify(
                        reader,
                        _("Reading group session called off: %(group)s") % {"group": group.name},
                        _("The session “%(topic)s” on %(when)s will not take place.")
                        % {"topic": session.topic, "when": f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}"},
                        link=group.get_absolute_url(),
                        library=group.library,
                    )
        session.delete()


# --- members -------------------------------------------------------------------------------------
def join(group: ReadingGroup, reader) -> Membership:
    """Make the signed-in reader a member of a published group (once)."""
    if group.status != Status.PUBLISHED:
        raise Refused(_("This group is not open to readers."), "not_published", 404)
    if group.memberships.filter(reader=reader).exists():
        raise Refused(_("You are already a member of this group."), "already_member", 409)
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, reader=reader)
    except IntegrityError:  # the same reader joining twice at once
        raise Refused(_("You are already a member of this group."), "already_member", 409) from None


def leave(group: ReadingGroup, reader) -> None:
    """End the reader's membership; their posts stay on the board."""
    deleted, _rows = group.memberships.filter(reader=reader).delete()
    if not deleted:
        raise Refused(_("You are not a member of this group."), "not_member", 409)


# --- personal data -------------------------------------------------------------------------------
def export_group_data(user) -> dict:
    """What reading groups hold on `user`: memberships, groups hosted, and posts (with their status)."""
    return {
        "memberships": [
            {"group": m.group.name, "library": m.group.library.slug, "joined_at": m.joined_at.isoformat()}
            for m in Membership.objects.filter(reader=user).select_related("group__library").order_by("joined_at")
        ],
        "hosted": [
            {"group": h.group.name, "library": h.group.library.slug, "introduction": h.introduction}
            for h in GroupHost.objects.filter(user=user).select_related("group__library").order_by("pk")
        ],
        "posts": [
            {
                "group": p.group.name,
                "library": p.group.library.slug,
                "posted_at": p.created_at.isoformat(),
                "status": p.status,
                "body": p.body,
                "moderation_note": p.moderation_note,
            }
            for p in Post.objects.filter(author=user).select_related("group__library").order_by("created_at", "pk")
        ],
    }
