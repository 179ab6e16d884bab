"""The information hub for staff: the notices of their library by status, topics, the notice form, submitting,
approving or sending back (by a second person when the library asks for it), withdrawing and pinning; the
shared "Waiting for approval" page; and the library's settings (managers only).

Withdrawing and removing a topic ask first (GET shows what will happen, POST does it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_hub import BulletinForm, SettingsForm, TopicForm
from ..models import Bulletin, Guide, Publishable, RumourCheck, Topic
from ..services import approval
from ..services import hub as services


def _library(request, slug, *, manage=False):
    library = get_library_for_staff(request.user, slug, manage=manage)
    request.library = library
    return library


def _bulletin(request, slug, pk) -> Bulletin:
    library = _library(request, slug)
    found = Bulletin.objects.filter(library=library, pk=pk).select_related("library", "created_by").first()
    if found is None:
        raise Http404
    return found


def _topic(request, slug, pk) -> Topic:
    library = _library(request, slug)
    found = Topic.objects.filter(library=library, pk=pk).select_related("library").first()
    if found is None:
        raise Http404
    return found


def add_errors(form, exc: ValidationError, rename: dict | None = None) -> None:
    """Put a service's field errors on the form (under the form's own field names)."""
    rename = rename or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        name = rename.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def _hub_page(request, library, *, topic_form=None, status=200):
    now = timezone.now()
    notices = Bulletin.objects.filter(library=library).order_by("-pinned", "-issued_on", "-pk")
    published = notices.filter(status=Publishable.PUBLISHED)
    return render(
        request,
        "infoservice/hub/staff_hub.html",
        {
            "library": library,
            "drafts": notices.filter(status=Publishable.DRAFT),
            "pending": notices.filter(status=Publishable.PENDING),
            "current": published.filter(pk__in=Bulletin.objects.current(now).values("pk")),
            "expired": published.filter(expires_at__lte=now),
            "withdrawn": notices.filter(status=Publishable.WITHDRAWN),
            "topics": Topic.objects.filter(library=library),
            "topic_form": topic_form or TopicForm(),
            "settings": approval.settings_for(library),
        },
        status=status,
    )


@login_required
def staff_hub(request, slug):
    return _hub_page(request, _library(request, slug))


# --- topics ---------------------------------------------------------------------------------------
@login_required
@require_POST
def topic_add(request, slug):
    library = _library(request, slug)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            topic = services.create_topic(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc, rename={"name_zh_hans": "name_zh"})
        else:
            messages.success(request, _("Topic “%(name)s” added.") % {"name": topic.name})
            return redirect("infoservice:staff_hub", library.slug)
    return _hub_page(request, library, topic_form=form, status=422)


@login_required
def topic_edit(request, slug, pk):
    topic = _topic(request, slug, pk)
    initial = {"name_zh": topic.name_zh_hans or "", "name_en": topic.name_en or ""}
    form = TopicForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rename_topic(topic, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc, rename={"name_zh_hans": "name_zh"})
            else:
                messages.success(request, _("Topic renamed."))
                return redirect("infoservice:staff_hub", slug)
        status = 422
    return render(
        request,
        "infoservice/hub/topic_form.html",
        {"library": topic.library, "topic": topic, "form": form},
        status=status,
    )


@login_required
def topic_remove(request, slug, pk):
    topic = _topic(request, slug, pk)
    if request.method == "POST":
        services.remove_topic(topic, by=request.user)
        messages.success(request, _("Topic “%(name)s” removed; its notices stay.") % {"name": topic.name})
        return redirect("infoservice:staff_hub", slug)
    return render(
        request,
        "infoservice/hub/confirm.html",
        {
            "library": topic.library,
            "title": _("Remove the topic “%(name)s”?") % {"name": topic.name},
            "message": _("Notices and rumour checks filed under it stay, without this topic."),
            "yes": _("Remove the topic"),
            "back": "infoservice:staff_hub",
        },
    )


# --- notices --------------------------------------------------------------------------------------
def _form_page(request, library, form, bulletin=None, status=200):
    return render(
        request,
        "infoservice/hub/staff_form.html",
        {"library": library, "form": form, "bulletin": bulletin, "time_zone": timezone.get_current_timezone_name()},
        status=status,
    )


@login_required
def bulletin_new(request, slug):
    library = _library(request, slug)
    form = BulletinForm(
        request.POST or None,
        library=library,
        initial={"issued_on": timezone.localdate(), "verification": Bulletin.Verification.UNVERIFIED},
    )
    if request.method != "POST":
        return _form_page(request, library, form)
    if form.is_valid():
        try:
            found = services.create_bulletin(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Draft notice saved. Submit it to publish."))
            return redirect("infoservice:staff_bulletin", slug, found.pk)
    return _form_page(request, library, form, status=422)


@login_required
def bulletin_edit(request, slug, pk):
    found = _bulletin(request, slug, pk)
    if request.method != "POST":
        return _form_page(request, found.library, BulletinForm.for_bulletin(found), found)
    form = BulletinForm.for_bulletin(found, request.POST)
    if form.is_valid():
        try:
            found = services.update_bulletin(found, by=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if found.status == Publishable.PENDING:
                messages.success(request, _("Notice saved. It is off the public page until a colleague approves it."))
            else:
                messages.success(request, _("Notice saved."))
            return redirect("infoservice:staff_bulletin", slug, found.pk)
    return _form_page(request, found.library, form, found, status=422)


@login_required
def bulletin_page(request, slug, pk, *, error="", status=200):
    found = _bulletin(request, slug, pk)
    now = timezone.now()
    return render(
        request,
        "infoservice/hub/staff_bulletin.html",
        {
            "library": found.library,
            "bulletin": found,
            "error": error,
            "expired": found.expires_at is not None and found.expires_at <= now,
            "counts_cross_industry": services.is_health_or_government(found.authority),
            "own_work": found.created_by_id == request.user.pk,
        },
        status=status,
    )


def _act(request, slug, pk, action, success):
    found = _bulletin(request, slug, pk)
    try:
        result = action(found)
    except Refused as exc:
        return bulletin_page(request, slug, pk, error=str(exc), status=exc.status if exc.status >= 400 else 409)
    messages.success(request, success(result) if callable(success) else success)
    return redirect("infoservice:staff_bulletin", slug, pk)


@login_required
@require_POST
def bulletin_submit(request, slug, pk):
    return _act(
        request,
        slug,
        pk,
        lambda b: services.submit_bulletin(b, by=request.user),
        lambda published: _("Notice published.") if published else _("Notice sent for approval by a colleague."),
    )


@login_required
@require_POST
def bulletin_approve(request, slug, pk):
    return _act(
        request, slug, pk, lambda b: services.approve_bulletin(b, by=request.user), _("Notice approved and published.")
    )


@login_required
@require_POST
def bulletin_send_back(request, slug, pk):
    return _act(
        request,
        slug,
        pk,
        lambda b: services.send_back_bulletin(b, by=request.user),
        _("Notice sent back to its author as a draft."),
    )


@login_required
@require_POST
def bulletin_pin(request, slug, pk):
    pinned = request.POST.get("pinned") == "yes"
    return _act(
        request,
        slug,
        pk,
        lambda b: services.set_pinned(b, by=request.user, pinned=pinned),
        _("Notice pinned to the top.") if pinned else _("Notice unpinned."),
    )


@login_required
def bulletin_withdraw(request, slug, pk):
    if request.method == "POST":
        return _act(
            request,
            slug,
            pk,
            lambda b: services.withdraw_bulletin(b, by=request.user),
            _("Notice withdrawn: it is no longer on the information page or in the feed."),
        )
    found = _bulletin(request, slug, pk)
    return render(
        request,
        "infoservice/hub/confirm.html",
        {
            "library": found.library,
            "title": _("Withdraw “%(title)s”?") % {"title": found.title},
            "message": _("It leaves the information page, the feed and the API at once. It is kept for the record."),
            "yes": _("Withdraw the notice"),
            "back": "infoservice:staff_hub",
        },
    )


# --- waiting for approval, settings ---------------------------------------------------------------
@login_required
def approvals(request, slug):
    library = _library(request, slug)
    pending = Publishable.PENDING
    return render(
        request,
        "infoservice/hub/approvals.html",
        {
            "library": library,
            "bulletins": Bulletin.objects.filter(library=library, status=pending).select_related("created_by"),
            "checks": RumourCheck.objects.filter(library=library, status=pending).select_related("created_by"),
            "guides": Guide.objects.filter(library=library, status=pending),
            "settings": approval.settings_for(library),
        },
    )


@login_required
def settings_page(request, slug):
    library = _library(request, slug, manage=True)
    current = approval.settings_for(library)
    initial = {"require_approval": current.require_approval, "first_response_hours": current.first_response_hours}
    form = SettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_settings(library, by=request.user, **form.cleaned_data)
            except Refused as exc:
                form.add_error("first_response_hours", str(exc))
            else:
                messages.success(request, _("Settings saved."))
                return redirect("infoservice:staff_settings", slug)
        status = 422
    return render(request, "infoservice/hub/settings.html", {"library": library, "form": form}, status=status)
