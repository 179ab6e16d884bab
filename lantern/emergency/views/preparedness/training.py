"""Pages of staff trainings and the competency matrix."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lantern.core.permissions import can_manage
from lantern.insights.taxonomy import Competency

from ...forms_preparedness import (
    TrainingForm,
)
from ...services import preparedness as services
from .common import _add_errors, _library, _training


# --- trainings -----------------------------------------------------------------------------------
@login_required
def trainings(request, slug):
    library = _library(request, slug)
    return render(
        request,
        "emergency/training_list.html",
        {
            "library": library,
            "trainings": library.trainings.prefetch_related("attendees"),
            "can_manage": can_manage(request.user, library),
        },
    )


@login_required
def training_create(request, slug):
    library = _library(request, slug, manage=True)
    form = TrainingForm(request.POST or None, library=library)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_training(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The training is recorded; the competency matrix includes it."))
            return redirect("emergency:trainings", slug)
    return render(
        request,
        "emergency/training_form.html",
        {"library": library, "form": form},
        status=400 if form.errors else 200,
    )


def _initial(training) -> dict:
    return {
        "title_zh": training.title_zh_hans or "",
        "title_en": training.title_en or "",
        "date": training.date,
        "trainer": training.trainer,
        "hours": training.hours,
        "competencies": training.competencies,
        "attendees": list(training.attendees.all()),
    }


@login_required
def training_edit(request, slug, pk):
    training = _training(request, slug, pk, manage=True)
    library = training.library
    data = request.POST if request.method == "POST" else None
    form = TrainingForm(data, library=library, initial=_initial(training))
    # People who attended and have since left the library stay ticked (and may stay on it).
    form.fields["attendees"].queryset = services.attendee_choices(library, training)
    if form.is_bound and form.is_valid():
        try:
            services.update_training(training, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The training is saved; the competency matrix follows the changes."))
            return redirect("emergency:trainings", slug)
    return render(
        request,
        "emergency/training_form.html",
        {"library": library, "form": form, "training": training},
        status=400 if form.errors else 200,
    )


@login_required
def training_delete(request, slug, pk):
    """GET: ask to confirm. POST: delete the training and its service record."""
    training = _training(request, slug, pk, manage=True)
    if request.method == "POST":
        title = training.title
        services.delete_training(training, by=request.user)
        messages.success(
            request, _("“%(title)s” is deleted; the competency matrix no longer counts it.") % {"title": title}
        )
        return redirect("emergency:trainings", slug)
    return render(request, "emergency/training_delete.html", {"library": training.library, "training": training})


@login_required
def training_matrix(request, slug):
    library = _library(request, slug)
    rows = services.competency_matrix(library)
    return render(
        request,
        "emergency/training_matrix.html",
        {"library": library, "rows": rows, "competencies": Competency.labels},
    )
