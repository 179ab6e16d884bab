"""Everything that changes `core` data: registering readers, roles, service modes, audit, API tokens.

Each function validates first, then writes in one transaction, and raises ValidationError (with
messages in the active language) instead of writing half of anything.
"""

import contextlib
import contextvars
import datetime
import logging
import smtplib

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .exports import reasons_not_to_delete, registered_sections
from .identifiers import normalize_identifier
from .models import (
    ApiToken,
    AuditEntry,
    Card,
    Library,
    Network,
    Notice,
    Partner,
    Role,
    ServiceMode,
    ServiceModeChange,
)
from .sms import send_sms

User = get_user_model()
logger = logging.getLogger(__name__)


def record_audit(actor, action: str, obj=None, *, library: Library | None = None, summary: str = "") -> AuditEntry:
    """Write one audit entry; call it inside the transaction of the change it describes."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        library=library,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary,
    )


# --- readers -------------------------------------------------------------------------------------
def check_new_account(identifier: str, password: str, name: str = "") -> tuple[str, str]:
    """Validate a sign-up; return (kind, normalised identifier) or raise ValidationError by field."""
    errors: dict[str, list] = {}
    kind = normalized = ""
    try:
        kind, normalized = normalize_identifier(identifier)
    except ValidationError as exc:
        errors["identifier"] = exc.messages
    if normalized and User.objects.filter(username__iexact=normalized).exists():
        errors["identifier"] = [_("An account with this phone number or email already exists. Sign in instead.")]
    probe = User(username=normalized, name=name, **({kind: normalized} if kind else {}))
    try:
        password_validation.validate_password(password, probe)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return kind, normalized


def register_reader(
    identifier: str, password: str, *, name: str = "", library: Library | None = None, language: str = ""
):
    """Create a reader account (and a card at `library`); nothing is created if anything is invalid."""
    kind, normalized = check_new_account(identifier, password, name)
    try:
        with transaction.atomic():
            user = User(username=normalized, name=name.strip(), **{kind: normalized})
            if language:
                user.language = language
            user.set_password(password)
            user.save()
            if library is not None:
                issue_card(user, library)
    except IntegrityError:
        # Two sign-ups with the same identifier at once: the second one loses, cleanly.
        raise ValidationError(
            {"identifier": [_("An account with this phone number or email already exists. Sign in instead.")]}
        ) from None
    return user


def issue_card(reader, library: Library) -> Card:
    """Give `reader` a card at `library` (or return the one they hold)."""
    card, _created = Card.objects.get_or_create(
        reader=reader, library=library, defaults={"number": f"{library.pk:03d}{reader.pk:09d}"}
    )
    return card


@transaction.atomic
def delete_account(user) -> None:
    """Delete a reader's account and everything held on them; staff records keep an anonymous trace.
    Refused (ValidationError) while something must be settled first, such as books on loan."""
    reasons = reasons_not_to_delete(user)
    if reasons:
        raise ValidationError(reasons)
    record_audit(None, "account.deleted", summary=f"user #{user.pk}")
    user.delete()


def export_personal_data(user) -> dict:
    """Everything Lantern holds on a person, as plain data they can download; other apps' sections come
    from `exports.register_export`."""
    return {
        "account": {
            "username": user.username,
            "name": user.name,
            "email": user.email,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "cards": [
            {"library": card.library.slug, "number": card.number, "issued_at": card.issued_at.isoformat()}
            for card in user.cards.select_related("library")
        ],
        "roles": [str(role) for role in user.roles.all()],
        "notices": [
            {"subject": n.subject, "body": n.body, "sent_at": n.created_at.isoformat()} for n in user.notices.all()
        ],
        "api_tokens": [{"name": t.name, "created_at": t.created_at.isoformat()} for t in user.api_tokens.all()],
        **registered_sections(user),
    }


# --- roles ---------------------------------------------------------------------------------------
@transaction.atomic
def grant_role(
    user,
    kind: str,
    *,
    library: Library | None = None,
    network: Network | None = None,
    partner: Partner | None = None,
    by=None,
) -> Role:
    """Give `user` a role; staff, managers and coordinators can use the admin for their own places."""
    role, created = Role.objects.get_or_create(user=user, kind=kind, library=library, network=network, partner=partner)
    if kind in (Role.Kind.STAFF, Role.Kind.MANAGER, Role.Kind.COORDINATOR) and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        record_audit(by, "role.granted", role, library=library, summary=str(role))
    return role


@transaction.atomic
def revoke_role(role: Role, *, by=None) -> None:
    user = role.user
    record_audit(by, "role.revoked", role, library=role.library, summary=str(role))
    role.delete()
    still_staff = user.roles.filter(kind__in=[Role.Kind.STAFF, Role.Kind.MANAGER, Role.Kind.COORDINATOR]).exists()
    if user.is_staff and not still_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


# --- service mode --------------------------------------------------------------------------------
def set_service_mode(
    library: Library,
    mode: str,
    *,
    by=None,
    since: datetime.datetime | None = None,
    reason: str = "",
    message_zh: str = "",
    message_en: str = "",
    expected_reopening: datetime.date | None = None,
) -> ServiceModeChange:
    """Put `library` into `mode` from `since` (now by default), keeping the change in its history."""
    if mode not in ServiceMode.values:
        raise ValidationError({"mode": [_("Unknown service mode “%(mode)s”.") % {"mode": mode}]})
    since = since or timezone.now()
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        change = ServiceModeChange.objects.create(
            library=library,
            mode=mode,
            since=since,
            reason=reason,
            message_zh_hans=message_zh,
            message_en=message_en,
            expected_reopening=expected_reopening,
            changed_by=by if by else None,
        )
        latest = library.mode_changes.order_by("-since", "-pk").first()
        if latest == change:  # a back-dated entry fills in history without changing today's mode
            library.service_mode = mode
            library.mode_since = since
            library.mode_message_zh_hans = message_zh
            library.mode_message_en = message_en
            library.expected_reopening = expected_reopening
            library.save(
                update_fields=[
                    "service_mode",
                    "mode_since",
                    "mode_message_zh_hans",
                    "mode_message_en",
                    "expected_reopening",
                ]
            )
        record_audit(
            by,
            "library.mode_changed",
            library,
            library=library,
            summary=f"{change.get_mode_display()} {since:%Y-%m-%d}",
        )
    return change


# --- API tokens ----------------------------------------------------------------------------------
def create_api_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its key; the key is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, such as the device that will use it.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Keep the name under 100 characters.")]})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], key_hash=ApiToken.hash_key(key))
    return token, key


def revoke_api_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_api_key(key: str):
    """The active user a bearer key belongs to, or None; marks the token as used."""
    token = ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None:
        return None
    now = timezone.now()
    # At most one write per token every few minutes: a rush of API calls must not queue on this row.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- notices -------------------------------------------------------------------------------------
def notify(
    recipient, subject, body: str = "", *, link: str = "", library: Library | None = None, sms: bool = False
) -> Notice:
    """Tell one person something: kept on their account page, and emailed when they gave an email; with
    `sms`, also texted (the subject only) when they gave a phone number.

    `subject` and `body` may be lazy translations: they are rendered in the recipient's language. Called
    inside a transaction, the notice is written with the change it reports, and the email and text go
    only once that change is committed.
    """
    with translation.override(recipient.language or None):
        subject, body = str(subject), str(body)
    notice = Notice.objects.create(recipient=recipient, library=library, subject=subject, body=body, link=link)
    if _sending.get():
        after_commit(lambda: _send_notice(notice, recipient, sms=sms))
    return notice


_sending = contextvars.ContextVar("lantern_send_notices", default=True)


@contextlib.contextmanager
def notices_kept_not_sent():
    """Notices made inside are kept on account pages but not emailed or texted (sample data: the addresses
    are made up)."""
    token = _sending.set(False)
    try:
        yield
    finally:
        _sending.reset(token)


def after_commit(callback) -> None:
    """Run `callback` once the current transaction commits (at once outside one); a failure is logged, never
    raised: what it follows has happened. Tests replace it to run at once (their transactions never commit)."""
    transaction.on_commit(callback, robust=True)


def _send_notice(notice: Notice, recipient, *, sms: bool) -> None:
    if sms and recipient.phone:
        send_sms(recipient.phone, notice.subject)
    if recipient.email:
        # A failed mail server must not undo what the notice reports; the notice stays on the account page.
        try:
            sent = send_mail(notice.subject, f"{notice.body}\n\n{notice.link}".strip(), None, [recipient.email])
        except (OSError, smtplib.SMTPException):
            logger.warning("Could not email notice %s to user %s", notice.pk, recipient.pk, exc_info=True)
            sent = 0
        if sent:
            # Only a flag for the account page: in a rush the database may be busy, and the mail went anyway.
            try:
                Notice.objects.filter(pk=notice.pk).update(emailed=True)
            except DatabaseError:
                logger.warning("Could not mark notice %s as emailed", notice.pk, exc_info=True)


def email_address(address: str, subject: str, text: str) -> None:
    """Email someone who has no account (an email-only asker, say) once the current change is committed.
    Nothing is sent inside `notices_kept_not_sent()`; a failed mail server is logged, never raised."""
    if not _sending.get():
        return

    def send():
        try:
            send_mail(subject, text, None, [address])
        except (OSError, smtplib.SMTPException):
            logger.warning("Could not email %s", address.partition("@")[2] or "an address", exc_info=True)

    after_commit(send)


def mark_notices_read(recipient) -> int:
    return recipient.notices.unread().update(read_at=timezone.now())
