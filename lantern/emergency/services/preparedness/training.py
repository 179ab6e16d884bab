"""Staff trainings mapped to the study's competencies, and the per-library competency matrix."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Competency

from ...models import (
    Training,
)
from .common import TITLE_MAX, TRAINING_MAX_HOURS, User, _clean, library_staff


# --- trainings -----------------------------------------------------------------------------------
def attendee_choices(library: Library, training: Training | None = None):
    """Who may be ticked as an attendee: the library's staff, and, when a training is edited, the people
    already on it (someone who has since left the library stays on the trainings they attended)."""
    staff = library_staff(library)
    if training is None:
        return staff
    return User.objects.filter(Q(pk__in=staff.values("pk")) | Q(pk__in=training.attendees.values("pk"))).order_by(
        "name", "username"
    )


def check_training(
    library: Library, *, title_zh, title_en, date, trainer, hours, competencies, attendees, training=None
) -> dict:
    errors: dict[str, list] = {}
    data = {"title_zh": _clean(title_zh), "title_en": _clean(title_en), "trainer": _clean(trainer)}
    if not (data["title_zh"] or data["title_en"]):
        errors["title_zh"] = [_("Give the training a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en", "trainer"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("Keep it under %(n)d characters.") % {"n": TITLE_MAX}]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Enter the date of the training.")]
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        errors["hours"] = [_("Enter the hours as a number, such as 1.5.")]
    else:
        if hours <= 0:
            errors["hours"] = [_("A training lasts more than zero hours.")]
        elif hours > TRAINING_MAX_HOURS:
            errors["hours"] = [_("At most %(n)s hours.") % {"n": TRAINING_MAX_HOURS}]
    competencies = list(dict.fromkeys(competencies or []))
    if not competencies:
        errors["competencies"] = [_("Tick at least one competency the training builds.")]
    elif any(code not in Competency.values for code in competencies):
        errors["competencies"] = [_("Choose competencies from the list.")]
    attendees = list(attendees or [])
    staff_ids = set(attendee_choices(library, training).values_list("pk", flat=True))
    if any(person.pk not in staff_ids for person in attendees):
        errors["attendees"] = [_("Attendees must be members of this library's staff.")]
    if errors:
        raise ValidationError(errors)
    return {**data, "date": date, "hours": hours, "competencies": competencies, "attendees": attendees}


def record_training(library: Library, *, by=None, **fields) -> Training:
    """Record a training with its attendees; each training records its ServiceRecord (emergency)."""
    data = check_training(library, **fields)
    with transaction.atomic():
        training = Training.objects.create(
            library=library,
            title_zh_hans=data["title_zh"] or None,
            title_en=data["title_en"] or None,
            date=data["date"],
            trainer=data["trainer"],
            hours=data["hours"],
            competencies=data["competencies"],
        )
        training.attendees.set(data["attendees"])
        record_audit(by, "training.recorded", training, library=library, summary=training.title)
        _record_service(training, data)
    return training


def _record_service(training: Training, data: dict) -> None:
    record_service(
        library=training.library,
        date=data["date"],
        categories=[Category.EMERGENCY],
        title_zh=data["title_zh"],
        title_en=data["title_en"],
        source_object=training,
    )


def update_training(training: Training, *, by, **fields) -> Training:
    """Correct a recorded training: the same checks as recording it; its ServiceRecord follows the new
    title and date, and the competency matrix counts the new hours, competencies and attendees."""
    data = check_training(training.library, training=training, **fields)
    with transaction.atomic():
        training.title_zh_hans = data["title_zh"] or None
        training.title_en = data["title_en"] or None
        training.date = data["date"]
        training.trainer = data["trainer"]
        training.hours = data["hours"]
        training.competencies = data["competencies"]
        training.save()
        training.attendees.set(data["attendees"])
        record_audit(by, "training.changed", training, library=training.library, summary=training.title)
        _record_service(training, data)
    return training


def delete_training(training: Training, *, by) -> None:
    """Delete a training recorded by mistake, with its ServiceRecord; the audit log keeps its title."""
    with transaction.atomic():
        record_audit(by, "training.deleted", training, library=training.library, summary=training.title)
        withdraw_service(training)
        training.delete()


def competency_matrix(library: Library) -> list[dict]:
    """One row per staff member: hours trained in each competency (a training counts in every competency it
    covers), and which competencies are gaps (no training at all)."""
    hours: dict[tuple[int, str], Decimal] = {}
    for training in library.trainings.prefetch_related("attendees"):
        for person in training.attendees.all():
            for code in training.competencies:
                hours[(person.pk, code)] = hours.get((person.pk, code), Decimal(0)) + training.hours
    rows = []
    for person in library_staff(library):
        cells = [
            {"code": code, "label": label, "hours": hours.get((person.pk, code))} for code, label in Competency.choices
        ]
        rows.append({"person": person, "cells": cells, "gaps": sum(1 for cell in cells if cell["hours"] is None)})
    return rows
