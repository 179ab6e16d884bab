"""Networks, libraries and their service mode history, partners, people, roles, cards, audit, API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Path segments the site uses for itself; a library slug may not take one of them.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "accounts",
        "static",
        "media",
        "i18n",
        "network",
        "oai",
        "staff",
        "healthz",
        "favicon.ico",
        "opds",
        "observatory",
        "station",
    }
)


def validate_library_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved by the site; choose another."), params={"slug": value})


class ServiceMode(models.TextChoices):
    OPEN = "open", _("Open")
    APPOINTMENT = "appointment", _("By appointment only")
    CONTACTLESS = "contactless", _("Contactless only")
    CLOSED = "closed", _("Closed")


class Network(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City network")
        PROVINCE = "province", _("Provincial network")
        CONSORTIUM = "consortium", _("Consortium")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONSORTIUM)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class LibraryQuerySet(models.QuerySet):
    def in_network(self, network: Network) -> "LibraryQuerySet":
        return self.filter(network=network)

    def closed(self) -> "LibraryQuerySet":
        return self.exclude(service_mode=ServiceMode.OPEN)

    def serving(self) -> "LibraryQuerySet":
        """Libraries that run Lantern for their readers (not those a researcher only watches)."""
        return self.filter(observed_only=False)


class Library(models.Model):
    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial")
        MUNICIPAL = "municipal", _("Municipal")
        DISTRICT = "district", _("District")
        COUNTY = "county", _("County")

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="libraries",
    )
    branch_of = models.ForeignKey(
        "self",
        verbose_name=_("branch of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
    )
    slug = models.SlugField(
        _("slug"),
        unique=True,
        validators=[validate_library_slug],
        help_text=_("The library's address on this site: /slug/"),
    )
    name = models.CharField(_("name"), max_length=200)
    province = models.CharField(_("province"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.MUNICIPAL)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    service_mode = models.CharField(
        _("service mode"), max_length=20, choices=ServiceMode.choices, default=ServiceMode.OPEN
    )
    mode_since = models.DateTimeField(_("in this mode since"), default=timezone.now)
    mode_message = models.TextField(_("message shown in the banner"), blank=True)
    expected_reopening = models.DateField(_("expected reopening"), null=True, blank=True)
    online_first = models.BooleanField(
        _("home page leads with online services"),
        default=False,
        help_text=_("Switched on while the doors are closed, so readers meet what still works first."),
    )
    observed_only = models.BooleanField(
        _("watched only"),
        default=False,
        help_text=_("A library that does not run Lantern, registered by a researcher to study its announcements."),
    )
    is_demo = models.BooleanField(_("sample data"), default=False)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library_home", args=[self.slug])


class ServiceModeChange(models.Model):
    """One change of a library's service mode; the whole list is its closure and reopening history."""

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="mode_changes", verbose_name=_("library")
    )
    mode = models.CharField(_("service mode"), max_length=20, choices=ServiceMode.choices)
    since = models.DateTimeField(_("since"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    message = models.TextField(_("message shown in the banner"), blank=True)
    expected_reopening = models.DateField(_("expected reopening"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("changed by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service mode change")
        verbose_name_plural = _("service mode changes")
        ordering = ["library", "since", "pk"]

    def __str__(self) -> str:
        return f"{self.library} → {self.get_mode_display()} ({self.since:%Y-%m-%d})"


class Partner(models.Model):
    class Kind(models.TextChoices):
        MUSEUM = "museum", _("Museum")
        BOOKSTORE = "bookstore", _("Bookstore")
        PUBLISHER = "publisher", _("Publisher")
        COURIER = "courier", _("Courier")
        HOSPITAL = "hospital", _("Hospital")
        SCHOOL = "school", _("School")
        COMMUNITY = "community", _("Community")
        MEDIA = "media", _("Media platform")
        GOVERNMENT = "government", _("Government")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    libraries = models.ManyToManyField(Library, related_name="partners", blank=True, verbose_name=_("libraries"))
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LanternUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)


class User(AbstractUser):
    """A person: reader, staff, coordinator, volunteer or partner contact (roles say which).

    `username` is the identifier they signed up with: an E.164 phone number or a lower-case email.
    """

    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    language = models.CharField(
        _("language for notices"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = LanternUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name or self.username


class Card(models.Model):
    """A reader's library card: what makes them a reader of that library."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards", verbose_name=_("reader")
    )
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="cards", verbose_name=_("library"))
    number = models.CharField(_("card number"), max_length=40)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        verbose_name = _("library card")
        verbose_name_plural = _("library cards")
        ordering = ["library", "number"]
        constraints = [
            models.UniqueConstraint(fields=["library", "number"], name="card_number_unique_per_library"),
            models.UniqueConstraint(fields=["library", "reader"], name="one_card_per_reader_per_library"),
        ]

    def __str__(self) -> str:
        return f"{self.library} · {self.number}"


class Role(models.Model):
    """What a person may do, and where: staff or manager of a library, coordinator of a network, ..."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        MANAGER = "manager", _("Manager")
        COORDINATOR = "coordinator", _("Network coordinator")
        VOLUNTEER = "volunteer", _("Volunteer")
        PARTNER_CONTACT = "partner_contact", _("Partner contact")
        RESEARCHER = "researcher", _("Researcher")

    LIBRARY_KINDS = (Kind.STAFF, Kind.MANAGER, Kind.VOLUNTEER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("library")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("network")
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("partner organisation"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            # Each kind of role names exactly the one place it applies to.
            models.CheckConstraint(
                condition=(
                    Q(
                        kind__in=["staff", "manager", "volunteer"],
                        library__isnull=False,
                        network__isnull=True,
                        partner__isnull=True,
                    )
                    | Q(kind="coordinator", network__isnull=False, library__isnull=True, partner__isnull=True)
                    | Q(kind="partner_contact", partner__isnull=False, library__isnull=True, network__isnull=True)
                    # A researcher watches libraries anywhere: the role names no place.
                    | Q(kind="researcher", library__isnull=True, network__isnull=True, partner__isnull=True)
                ),
                name="role_names_its_place",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "library"], name="role_unique_per_library", condition=Q(library__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["user", "network"], name="role_unique_per_network", condition=Q(network__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["user", "partner"], name="role_unique_per_partner", condition=Q(partner__isnull=False)
            ),
            models.UniqueConstraint(fields=["user"], name="one_researcher_role", condition=Q(kind="researcher")),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.library or self.network or self.partner}"


class AuditEntry(models.Model):
    """One staff action that changed a reader's data or a public page."""

    # Labels for the audit log's action codes (apps add theirs with `register_labels`); an action without
    # one shows its code.
    ACTION_LABELS = {
        "role.granted": _("Role granted"),
        "role.revoked": _("Role revoked"),
        "library.mode_changed": _("Service mode changed"),
        "library.changed": _("Library details changed"),
        "account.deleted": _("Account deleted"),
        "emergency.closure_run": _("Closed or reopened in one step"),
        "catalogue.imported": _("Records imported"),
        "reading_list.created": _("Reading list created"),
        "reading_list.updated": _("Reading list changed"),
        "reading_list.deleted": _("Reading list deleted"),
        "reading_list.published": _("Reading list published"),
        "reading_list.unpublished": _("Reading list unpublished"),
        "reading_list.entry_added": _("Reading list entry added"),
        "reading_list.entry_moved": _("Reading list entry moved"),
        "reading_list.entry_removed": _("Reading list entry removed"),
        "reading_list.note_changed": _("Reading list note changed"),
        "reservations.slots_created": _("Visit slots created"),
        "reservations.zone_created": _("Visit zone created"),
        "reservations.capacity_changed": _("Visit capacity changed"),
        "reservations.rules_changed": _("Booking rules changed"),
        "reservations.checked_in": _("Visitor checked in"),
        "plan.created": _("Emergency plan created"),
        "plan.version_written": _("Emergency plan version written"),
        "plan.step_added": _("Checklist step added"),
        "plan.step_moved": _("Checklist step moved"),
        "plan.step_removed": _("Checklist step removed"),
        "plan.activated": _("Emergency plan activated"),
        "plan.drill_started": _("Drill started"),
        "plan.step_ticked": _("Checklist step done"),
        "plan.step_unticked": _("Checklist step undone"),
        "plan.activation_finished": _("Plan activation finished"),
        "supply.added": _("Supply added"),
        "supply.stock_changed": _("Stock changed"),
        "quarantine.rules_changed": _("Quarantine rules changed"),
        "training.recorded": _("Training recorded"),
    }

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("library"),
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)

    @classmethod
    def register_labels(cls, labels: dict) -> None:
        """Labels for another app's action codes, added from its AppConfig.ready() (core imports no app)."""
        cls.ACTION_LABELS.update(labels)


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for an integration (a kiosk, a mini-program). Only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "lt_" + secrets.token_urlsafe(32)


class NoticeQuerySet(models.QuerySet):
    def unread(self) -> "NoticeQuerySet":
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A message to one person (a booking no longer honoured, an order shipped...), kept so they can reread it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("recipient")
    )
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, null=True, blank=True, related_name="notices", verbose_name=_("library")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by email"), default=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
