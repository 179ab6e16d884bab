"""Ask a librarian: questions (from a signed-in reader or an email only), their conversation, canned answers,
and the public knowledge base of anonymised good answers. A question in a network's joint queue can be
claimed, transferred and answered by a librarian of any member library."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Network


class Question(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CLAIMED = "claimed", _("Being answered")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="questions", verbose_name=_("asked at"))
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("joint queue"),
        help_text=_("Set when the question is in the network's joint queue."),
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    # The secret in the link an email-only reader follows; never shown to staff pages or the API.
    access_key = models.CharField(max_length=64, editable=False)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("reader"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    answered_by_library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by library"),
    )
    # A librarian may pass a question to another library of the network; it then shows in that library's queue.
    assigned_library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("passed to"),
    )
    respond_by = models.DateTimeField(_("first response due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="question_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("infoservice:question", args=[self.library.slug, self.reference])


class Message(models.Model):
    """One turn of a question's conversation: the reader's reply, a librarian's answer, or an internal note
    (never shown to the reader)."""

    class Kind(models.TextChoices):
        READER = "reader", _("Reader")
        ANSWER = "answer", _("Librarian's answer")
        NOTE = "note", _("Internal note")
        TRANSFER = "transfer", _("Transfer")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="messages", verbose_name=_("question")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("librarian's library"),
    )
    body = models.TextField(_("text"), help_text=_("Sanitised HTML."))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["question", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question.reference} · {self.kind}"


class CannedAnswer(models.Model):
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="canned_answers", verbose_name=_("library")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["library", "title"]

    def __str__(self) -> str:
        return self.title


class KnowledgeEntry(models.Model):
    """A good answer published for everyone, with the reader's details taken out."""

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="knowledge_entries", verbose_name=_("library")
    )
    source = models.OneToOneField(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_entry",
        verbose_name=_("from question"),
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), help_text=_("Sanitised HTML."))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("knowledge-base entry")
        verbose_name_plural = _("knowledge-base entries")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.question[:60]
