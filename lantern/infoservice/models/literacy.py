"""Information-literacy guides, each with a short self-check quiz, optionally aimed at a group."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.audience import Audience
from lantern.core.models import Library

from .hub import Publishable


class Guide(models.Model):
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="guides", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("in one sentence"), max_length=300, blank=True)
    body = models.TextField(_("guide"), help_text=_("Sanitised HTML with headings."))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Publishable.choices, default=Publishable.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("information-literacy guide")
        verbose_name_plural = _("information-literacy guides")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("infoservice:guide", args=[self.library.slug, self.pk])


class QuizQuestion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions", verbose_name=_("guide"))
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    explanation = models.CharField(_("why"), max_length=500, blank=True, help_text=_("Shown after answering."))

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["guide", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizChoice(models.Model):
    question = models.ForeignKey(
        QuizQuestion, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text = models.CharField(_("answer"), max_length=200)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizAttempt(models.Model):
    """One completed self-check, kept without who took it: only how many took it and how they did."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("guide"))
    score = models.PositiveIntegerField(_("right answers"))
    total = models.PositiveIntegerField(_("questions"))
    # Which questions were answered right ({"<question id>": true|false}), for the staff's per-question share;
    # nothing here says who answered.
    results = models.JSONField(_("right or not, per question"), default=dict, blank=True)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self) -> str:
        return f"{self.guide} {self.score}/{self.total}"
