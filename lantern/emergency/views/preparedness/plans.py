"""Pages of emergency plans: versions, checklists, activations and drills, the PDF."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_manage

from ... import plan_pdf
from ...forms_preparedness import (
    ActivationForm,
    ChecklistItemForm,
    FinishForm,
    PlanForm,
    PlanVersionForm,
)
from ...models import PlanActivation
from ...services import preparedness as services
from .common import _activation, _add_errors, _flash, _item, _library, _plan


# --- plans ---------------------------------------------------------------------------------------
@login_required
def plans(request, slug):
    library = _library(request, slug)
    today = timezone.localdate()
    rows = []
    for plan in library.plans.prefetch_related("versions"):
        versions = sorted(plan.versions.all(), key=lambda v: v.number)
        rows.append(
            {"plan": plan, "version": versions[-1] if versions else None, "state": services.review_state(plan, today)}
        )
    return render(
        request,
        "emergency/plan_list.html",
        {"library": library, "rows": rows, "can_manage": can_manage(request.user, library), "today": today},
    )


@login_required
def plan_create(request, slug):
    library = _library(request, slug, manage=True)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The plan is created. Now write its first version."))
            return redirect("emergency:plan_version_new", slug, plan.pk)
    return render(
        request, "emergency/plan_form.html", {"library": library, "form": form}, status=400 if form.errors else 200
    )


def _plan_page(request, plan, *, item_form=None, activation_form=None, status=200):
    library = plan.library
    versions = list(plan.versions.select_related("created_by").order_by("-number"))
    notes = services.change_notes(versions)
    history = [
        {
            "version": v,
            "changed": services.changed_sections(v, versions[i + 1] if i + 1 < len(versions) else None),
            "note": notes.get(v.pk, ""),
        }
        for i, v in enumerate(versions)
    ]
    return render(
        request,
        "emergency/plan_detail.html",
        {
            "library": library,
            "plan": plan,
            "version": versions[0] if versions else None,
            "history": history,
            "state": services.review_state(plan, timezone.localdate()),
            "checklist": plan.checklist.select_related("owner"),
            "running": plan.activations.filter(finished_at__isnull=True).first(),
            "activations": plan.activations.all()[:20],
            "can_manage": can_manage(request.user, library),
            "item_form": item_form or ChecklistItemForm(library=library),
            "activation_form": activation_form or ActivationForm(),
        },
        status=status,
    )


@login_required
def plan_detail(request, slug, pk):
    return _plan_page(request, _plan(request, slug, pk))


@login_required
def plan_version_new(request, slug, pk):
    plan = _plan(request, slug, pk, manage=True)
    current = services.current_version(plan)
    form = PlanVersionForm(request.POST or None, initial=PlanVersionForm.initial_for(current))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.write_version(plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            plan.refresh_from_db()
            messages.success(
                request,
                _("Version %(n)d is saved. The next review is due on %(date)s.")
                % {"n": version.number, "date": plan.review_due.isoformat()},
            )
            return redirect("emergency:plan_detail", slug, plan.pk)
    return render(
        request,
        "emergency/plan_version_form.html",
        {"library": plan.library, "plan": plan, "current": current, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def plan_version(request, slug, pk, number):
    plan = _plan(request, slug, pk)
    version = plan.versions.select_related("created_by").filter(number=number).first()
    if version is None:
        raise Http404
    return render(
        request,
        "emergency/plan_version.html",
        {
            "library": plan.library,
            "plan": plan,
            "version": version,
            "is_current": version == services.current_version(plan),
        },
    )


@login_required
@require_POST
def plan_step_add(request, slug, pk):
    plan = _plan(request, slug, pk, manage=True)
    form = ChecklistItemForm(request.POST, library=plan.library)
    if form.is_valid():
        try:
            services.add_checklist_item(plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The step is added to the checklist."))
            return redirect(f"{reverse('emergency:plan_detail', args=[slug, pk])}#checklist")
    return _plan_page(request, plan, item_form=form, status=400)


@login_required
@require_POST
def plan_step_move(request, slug, pk, item_pk):
    plan = _plan(request, slug, pk, manage=True)
    try:
        services.move_checklist_item(_item(plan, item_pk), request.POST.get("direction", ""), by=request.user)
    except ValidationError as exc:
        _flash(request, exc)
        return _plan_page(request, plan, status=400)
    return redirect(f"{reverse('emergency:plan_detail', args=[slug, pk])}#step-{item_pk}")


@login_required
def plan_step_remove(request, slug, pk, item_pk):
    """GET: ask to confirm. POST: remove the step."""
    plan = _plan(request, slug, pk, manage=True)
    item = _item(plan, item_pk)
    if request.method == "POST":
        services.remove_checklist_item(item, by=request.user)
        messages.success(request, _("The step is removed from the checklist."))
        return redirect(f"{reverse('emergency:plan_detail', args=[slug, pk])}#checklist")
    return render(
        request,
        "emergency/plan_step_remove.html",
        {"library": plan.library, "plan": plan, "item": item, "ticks": item.ticks.count()},
    )


@login_required
@require_POST
def plan_activate(request, slug, pk):
    plan = _plan(request, slug, pk)
    form = ActivationForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, activation_form=form, status=400)
    try:
        activation = services.start_activation(plan, is_drill=form.cleaned_data["kind"] == "drill", by=request.user)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _plan_page(request, plan, activation_form=form, status=400)
    return redirect("emergency:activation", slug, pk, activation.pk)


def _activation_page(request, plan, activation, *, finish_form=None, status=200):
    ticks = {tick.item_id: tick for tick in activation.ticks.select_related("done_by")}
    steps = [{"item": item, "tick": ticks.get(item.pk)} for item in plan.checklist.select_related("owner")]
    return render(
        request,
        "emergency/plan_activation.html",
        {
            "library": plan.library,
            "plan": plan,
            "activation": activation,
            "steps": steps,
            "done": sum(1 for step in steps if step["tick"]),
            "finish_form": finish_form or FinishForm(initial={"notes": activation.notes}),
        },
        status=status,
    )


@login_required
def activation(request, slug, pk, activation_pk):
    plan = _plan(request, slug, pk)
    return _activation_page(request, plan, _activation(plan, activation_pk))


@login_required
@require_POST
def activation_tick(request, slug, pk, activation_pk, item_pk):
    plan = _plan(request, slug, pk)
    current = _activation(plan, activation_pk)
    item = _item(plan, item_pk)
    try:
        if request.POST.get("action") == "untick":
            services.untick_item(current, item, by=request.user)
        else:
            services.tick_item(current, item, by=request.user)
    except ValidationError as exc:
        _flash(request, exc)
        return _activation_page(request, plan, current, status=400)
    return redirect(f"{reverse('emergency:activation', args=[slug, pk, activation_pk])}#step-{item.pk}")


@login_required
@require_POST
def activation_finish(request, slug, pk, activation_pk):
    plan = _plan(request, slug, pk)
    current = _activation(plan, activation_pk)
    form = FinishForm(request.POST)
    if form.is_valid():
        try:
            services.finish_activation(current, notes=form.cleaned_data["notes"], by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Finished. The notes are kept in the plan's log."))
            return redirect("emergency:plan_detail", slug, pk)
    return _activation_page(request, plan, current, finish_form=form, status=400)


@login_required
def plan_pdf_view(request, slug, pk):
    plan = _plan(request, slug, pk)
    if services.current_version(plan) is None:
        raise Http404
    started = time.perf_counter()
    pdf = plan_pdf.plan_pdf(plan)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="emergency-plan-{plan.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


@login_required
def drills(request, slug):
    library = _library(request, slug)
    log = PlanActivation.objects.filter(plan__library=library, is_drill=True).select_related("plan")
    return render(request, "emergency/plan_drills.html", {"library": library, "drills": log})
