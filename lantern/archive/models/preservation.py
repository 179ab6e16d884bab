"""Fixity checks: each run re-hashes every original and keeps what it found wrong."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from .items import ItemFile


class FixityRun(models.Model):
    # The library whose files the run covered; empty for a run over every library (the command's default).
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("library")
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    checked = models.PositiveIntegerField(_("files checked"), default=0)
    problems = models.PositiveIntegerField(_("problems found"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fixity check")
        verbose_name_plural = _("fixity checks")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class FixityProblem(models.Model):
    class Kind(models.TextChoices):
        CHANGED = "changed", _("Changed: its SHA-256 is not the one recorded")
        MISSING = "missing", _("Missing: the file is not in storage")

    run = models.ForeignKey(FixityRun, on_delete=models.CASCADE, related_name="found", verbose_name=_("fixity check"))
    file = models.ForeignKey(ItemFile, on_delete=models.CASCADE, related_name="fixity_problems", verbose_name=_("file"))
    kind = models.CharField(_("problem"), max_length=10, choices=Kind.choices)
    expected = models.CharField(_("SHA-256 recorded"), max_length=64)
    found = models.CharField(_("SHA-256 found"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("fixity problem")
        verbose_name_plural = _("fixity problems")
        ordering = ["run", "pk"]

    def __str__(self) -> str:
        return f"{self.file}: {self.kind}"
