"""The named groups a service may be aimed at (the taxonomy's `targeted_groups`), shared by every family;
a blank audience is everyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    TEENAGERS = "teenagers", _("Teenagers")
    STUDENTS = "students", _("Students")
    PARENTS = "parents", _("Parents")
    ELDERLY = "elderly", _("Elderly readers")
    DEAF = "deaf", _("Deaf and hard-of-hearing readers")
    BLIND = "blind", _("Blind and low-vision readers")
    MEDICAL_STAFF = "medical_staff", _("Medical staff and their families")
    PATIENTS = "patients", _("Patients")
    QUARANTINED = "quarantined", _("People in quarantine")
