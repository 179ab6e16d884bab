"""Shared by the preparedness pages: fetching what a request names, showing errors, the hub page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lantern.core.permissions import get_library_for_staff

from ...models import PlanActivation, Supply, Training
from ...services import preparedness as services

CLEANING_DAYS = 7
DEFAULT_AREAS = [
    gettext_lazy("Lending hall"),
    gettext_lazy("Reading room"),
    gettext_lazy("Returns desk"),
    gettext_lazy("Lifts and handrails"),
]


# --- fetching what a request names ---------------------------------------------------------------
def _library(request, slug, *, manage=False):
    library = get_library_for_staff(request.user, slug, manage=manage)
    request.library = library
    return library


def _plan(request, slug, pk, *, manage=False):
    library = _library(request, slug, manage=manage)
    plan = library.plans.filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _training(request, slug, pk, *, manage=False) -> Training:
    library = _library(request, slug, manage=manage)
    training = library.trainings.filter(pk=pk).first()
    if training is None:
        raise Http404
    return training


def _supply(request, slug, supply_pk, *, manage=False) -> Supply:
    library = _library(request, slug, manage=manage)
    supply = library.supplies.filter(pk=supply_pk).first()
    if supply is None:
        raise Http404
    return supply


def _item(plan, item_pk):
    item = plan.checklist.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    return item


def _activation(plan, activation_pk) -> PlanActivation:
    activation = plan.activations.filter(pk=activation_pk).first()
    if activation is None:
        raise Http404
    return activation


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _flash(request, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@login_required
def preparedness(request, slug):
    library = _library(request, slug)
    today = timezone.localdate()
    plans = list(library.plans.all())
    return render(
        request,
        "emergency/preparedness.html",
        {
            "library": library,
            "plans_needing_review": [p for p in plans if services.review_state(p, today) != "ok"],
            "low_supplies": [s for s in library.supplies.all() if s.is_low],
            "gaps": sum(row["gaps"] for row in services.competency_matrix(library)),
        },
    )
