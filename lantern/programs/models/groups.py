"""Online reading groups: hosts (guests from outside the library among them), a book or reading list,
sessions, members and a moderated discussion board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import ReadingList, Record
from lantern.core.models import Library, Partner

from .common import Audience, Status


class ReadingGroup(models.Model):
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="reading_groups", verbose_name=_("library")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    record = models.ForeignKey(
        Record, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("book")
    )
    reading_list = models.ForeignKey(
        ReadingList, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reading list")
    )
    premoderated = models.BooleanField(
        _("check posts before they appear"),
        default=False,
        help_text=_("Members' posts wait for a host or staff member to approve them."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="reading_groups", verbose_name=_("partner organisations")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("reading group")
        verbose_name_plural = _("reading groups")
        ordering = ["-published_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:group", args=[self.library.slug, self.pk])


class GroupHost(models.Model):
    """Who leads a group: a librarian or a guest (a writer, a host) with an account; hosts moderate."""

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("group"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_groups", verbose_name=_("person")
    )
    is_guest = models.BooleanField(_("guest from outside the library"), default=False)
    introduction = models.CharField(_("introduction"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_host_entry_per_person")]

    def __str__(self) -> str:
        return f"{self.group} · {self.user}"


class GroupSession(models.Model):
    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200)
    online_link = models.URLField(_("online link"), max_length=500, blank=True, help_text=_("Shown only to members."))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.topic}"


class Membership(models.Model):
    group = models.ForeignKey(
        ReadingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("reader"),
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["group", "reader"], name="one_membership_per_reader")]

    def __str__(self) -> str:
        return f"{self.group} · {self.reader}"


class Post(models.Model):
    """A member's post on the board. `body` is sanitised HTML (nh3) written once, when the post is saved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="posts", verbose_name=_("group"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("post"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["group", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.group} · {self.author} · {self.created_at:%Y-%m-%d}"
