"""Staff pages of rumour checks: the list (drafts, waiting, published, withdrawn), the check form, its
evidence, publishing through the optional second approver, withdrawing, and the queue of messages readers
doubt. Every change goes through `services.rumours`, which keeps the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_rumours import CheckForm, DeclineDoubtForm, EvidenceForm, LinkDoubtForm
from ..models import Doubt, Evidence, Publishable, RumourCheck
from ..services import approval
from ..services import rumours as services
from .rumours import _add_errors


def get_check_for_staff(request, slug: str, pk: int) -> RumourCheck:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    check = RumourCheck.objects.select_related("library", "created_by").filter(pk=pk, library=library).first()
    if check is None:
        raise Http404
    return check


def get_evidence_for_staff(request, slug: str, pk: int, evidence_pk: int) -> Evidence:
    check = get_check_for_staff(request, slug, pk)
    evidence = check.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return evidence


def get_doubt_for_staff(request, slug: str, reference: str) -> Doubt:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    doubt = Doubt.objects.select_related("library", "answer", "reader").filter(library=library, reference=reference)
    doubt = doubt.first()
    if doubt is None:
        raise Http404
    return doubt


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
def staff_checks(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    all_checks = RumourCheck.objects.filter(library=library).order_by("-updated_at", "-pk")
    groups = [(status, label, [c for c in all_checks if c.status == status]) for status, label in Publishable.choices]
    open_doubts = Doubt.objects.filter(library=library, status=Doubt.Status.OPEN).count()
    return render(
        request,
        "infoservice/rumours/staff_list.html",
        {"library": library, "groups": groups, "open_doubts": open_doubts},
    )


def _form_page(request, library, form, check, status=200, doubt=None):
    return render(
        request,
        "infoservice/rumours/staff_form.html",
        {"library": library, "form": form, "check": check, "doubt": doubt},
        status=status,
    )


@login_required
def staff_check_new(request, slug):
    """A new check; from the doubts queue (?doubt=<reference>) the message is linked to it once it is saved."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    reference = request.GET.get("doubt", "")
    doubt = Doubt.objects.filter(library=library, reference=reference, status=Doubt.Status.OPEN).first()
    initial = {"claim_zh_hans": doubt.text[:500]} if doubt else {}
    form = CheckForm(request.POST or None, library=library, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        try:
            check = services.save_check(library, data, topics=topics, by=request.user)
            if doubt is not None:
                services.link_doubt(doubt, check, by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The check is saved as a draft. Add its sources, then publish it."))
            return redirect("infoservice:staff_check", slug, check.pk)
    return _form_page(request, library, form, None, status=400 if form.errors else 200, doubt=doubt)


@login_required
def staff_check_edit(request, slug, pk):
    check = get_check_for_staff(request, slug, pk)
    initial = {field: getattr(check, field) for field in services.EDITABLE}
    initial["topics"] = list(check.topics.all())
    form = CheckForm(request.POST or None, library=check.library, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        try:
            services.save_check(check.library, data, check=check, topics=topics, by=request.user)
        except Refused as exc:
            return _check_page(request, check, error=str(exc), status=exc.status)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The check is saved."))
            return redirect("infoservice:staff_check", slug, check.pk)
    return _form_page(request, check.library, form, check, status=400 if form.errors else 200)


def _check_page(request, check, *, error: str = "", status: int = 200):
    settings = approval.settings_for(check.library)
    return render(
        request,
        "infoservice/rumours/staff_check.html",
        {
            "library": check.library,
            "check": check,
            "evidence": check.evidence.all(),
            "doubts": check.doubts.order_by("created_at"),
            "require_approval": settings.require_approval,
            "own_work": check.created_by_id == request.user.pk,
            "error": error,
        },
        status=status,
    )


@login_required
def staff_check(request, slug, pk):
    return _check_page(request, get_check_for_staff(request, slug, pk))


@login_required
@require_POST
def staff_check_submit(request, slug, pk):
    check = get_check_for_staff(request, slug, pk)
    try:
        published = services.submit_check(check, by=request.user, base_url=_base_url(request))
    except Refused as exc:
        return _check_page(request, check, error=str(exc), status=exc.status)
    if published:
        messages.success(request, _("The check is published. Readers who sent this message are told."))
    else:
        messages.success(request, _("The check is waiting for another staff member's approval."))
    return redirect("infoservice:staff_check", slug, pk)


@login_required
@require_POST
def staff_check_approve(request, slug, pk):
    check = get_check_for_staff(request, slug, pk)
    try:
        services.approve_check(check, by=request.user, base_url=_base_url(request))
    except Refused as exc:
        return _check_page(request, check, error=str(exc), status=exc.status)
    messages.success(request, _("Approved: the check is published. Readers who sent this message are told."))
    return redirect("infoservice:staff_check", slug, pk)


@login_required
@require_POST
def staff_check_send_back(request, slug, pk):
    check = get_check_for_staff(request, slug, pk)
    try:
        services.send_back_check(check, by=request.user)
    except Refused as exc:
        return _check_page(request, check, error=str(exc), status=exc.status)
    messages.success(request, _("The check is sent back to its author as a draft."))
    return redirect("infoservice:staff_check", slug, pk)


@login_required
def staff_check_withdraw(request, slug, pk):
    """A confirmation page, then the withdrawal."""
    check = get_check_for_staff(request, slug, pk)
    if request.method != "POST":
        if check.status != Publishable.PUBLISHED:
            return _check_page(request, check, error=_("Only something published can be withdrawn."), status=409)
        return render(request, "infoservice/rumours/staff_withdraw.html", {"library": check.library, "check": check})
    try:
        services.withdraw_check(check, by=request.user)
    except Refused as exc:
        return _check_page(request, check, error=str(exc), status=exc.status)
    messages.success(request, _("The check is withdrawn: readers no longer see it."))
    return redirect("infoservice:staff_check", slug, pk)


# --- evidence ------------------------------------------------------------------------------------
def _evidence_page(request, check, form, evidence=None, status=200):
    return render(
        request,
        "infoservice/rumours/staff_evidence.html",
        {"library": check.library, "check": check, "form": form, "evidence": evidence},
        status=status,
    )


@login_required
def staff_evidence_new(request, slug, pk):
    check = get_check_for_staff(request, slug, pk)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_evidence(check, form.cleaned_data, by=request.user)
        except Refused as exc:
            return _check_page(request, check, error=str(exc), status=exc.status)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The source is added."))
            return redirect("infoservice:staff_check", slug, pk)
    return _evidence_page(request, check, form, status=400 if form.errors else 200)


@login_required
def staff_evidence_edit(request, slug, pk, evidence_pk):
    evidence = get_evidence_for_staff(request, slug, pk, evidence_pk)
    check = evidence.rumour_check
    initial = {field: getattr(evidence, field) for field in services.EVIDENCE_FIELDS}
    form = EvidenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_evidence(evidence, form.cleaned_data, by=request.user)
        except Refused as exc:
            return _check_page(request, check, error=str(exc), status=exc.status)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The source is saved."))
            return redirect("infoservice:staff_check", slug, pk)
    return _evidence_page(request, check, form, evidence, status=400 if form.errors else 200)


@login_required
def staff_evidence_remove(request, slug, pk, evidence_pk):
    """A confirmation page, then the removal."""
    evidence = get_evidence_for_staff(request, slug, pk, evidence_pk)
    check = evidence.rumour_check
    if request.method != "POST":
        return render(
            request,
            "infoservice/rumours/staff_evidence_remove.html",
            {"library": check.library, "check": check, "evidence": evidence},
        )
    try:
        services.remove_evidence(evidence, by=request.user)
    except Refused as exc:
        return _check_page(request, check, error=str(exc), status=exc.status)
    messages.success(request, _("The source is removed."))
    return redirect("infoservice:staff_check", slug, pk)


# --- the queue of messages readers doubt ---------------------------------------------------------
@login_required
def staff_doubts(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    open_doubts = Doubt.objects.filter(library=library, status=Doubt.Status.OPEN).select_related("answer")
    closed = Doubt.objects.filter(library=library).exclude(status=Doubt.Status.OPEN).select_related("answer")
    return render(
        request,
        "infoservice/rumours/staff_doubts.html",
        {"library": library, "open_doubts": open_doubts, "closed": closed.order_by("-answered_at", "-pk")[:30]},
    )


def _doubt_page(request, doubt, *, link_form=None, decline_form=None, error="", status=200):
    return render(
        request,
        "infoservice/rumours/staff_doubt.html",
        {
            "library": doubt.library,
            "doubt": doubt,
            "link_form": link_form or LinkDoubtForm(library=doubt.library),
            "decline_form": decline_form or DeclineDoubtForm(),
            "matches": services.find_matches(doubt.library, doubt.text, doubt.link),
            "error": error,
        },
        status=status,
    )


@login_required
def staff_doubt(request, slug, reference):
    return _doubt_page(request, get_doubt_for_staff(request, slug, reference))


@login_required
@require_POST
def staff_doubt_link(request, slug, reference):
    doubt = get_doubt_for_staff(request, slug, reference)
    form = LinkDoubtForm(request.POST, library=doubt.library)
    if not form.is_valid():
        return _doubt_page(request, doubt, link_form=form, status=400)
    try:
        answered = services.link_doubt(doubt, form.cleaned_data["check"], by=request.user, base_url=_base_url(request))
    except Refused as exc:
        return _doubt_page(request, doubt, error=str(exc), status=exc.status)
    if answered:
        messages.success(request, _("The message is answered by a published check; the reader is told."))
    else:
        messages.success(request, _("The message is linked; the reader is told when the check is published."))
    return redirect("infoservice:staff_doubts", slug)


@login_required
@require_POST
def staff_doubt_decline(request, slug, reference):
    doubt = get_doubt_for_staff(request, slug, reference)
    form = DeclineDoubtForm(request.POST)
    if not form.is_valid():
        return _doubt_page(request, doubt, decline_form=form, status=400)
    try:
        services.decline_doubt(doubt, form.cleaned_data["reason"], by=request.user)
    except Refused as exc:
        return _doubt_page(request, doubt, error=str(exc), status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _doubt_page(request, doubt, decline_form=form, status=400)
    messages.success(request, _("The message is declined; the reader is told why."))
    return redirect("infoservice:staff_doubts", slug)
