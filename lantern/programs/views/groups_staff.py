"""Staff pages of online reading groups: the library's groups, a group's details, hosts and sessions, and
publishing. Every change goes through `services.groups`, which keeps the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lantern.core.permissions import get_library_for_staff

from ..forms_groups import GroupForm, HostForm, SessionForm
from ..models import GroupHost, GroupSession, Post, ReadingGroup
from ..services import groups as services


def get_group_for_staff(request, slug: str, pk: int) -> ReadingGroup:
    library = get_library_for_staff(request.user, slug)
    group = ReadingGroup.objects.select_related("library", "record", "reading_list").filter(pk=pk, library=library)
    group = group.first()
    if group is None:
        raise Http404
    request.library = library
    return group


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def staff_groups(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    groups = (
        ReadingGroup.objects.filter(library=library)
        .annotate(
            members=Count("memberships", distinct=True),
            waiting=Count("posts", filter=Q(posts__status=Post.Status.PENDING), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "programs/groups/staff_list.html", {"library": library, "groups": groups})


def _group_form_page(request, library, form, group, status=200):
    return render(
        request, "programs/groups/staff_form.html", {"library": library, "form": form, "group": group}, status=status
    )


@login_required
def staff_group_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = GroupForm(request.POST or None, library=library)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(library, by=request.user, **form.service_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The group is saved as a draft. Now add its hosts and sessions."))
            return redirect("programs:staff_group", slug, group.pk)
    return _group_form_page(request, library, form, None, status=400 if form.errors else 200)


@login_required
def staff_group_edit(request, slug, pk):
    group = get_group_for_staff(request, slug, pk)
    form = GroupForm(request.POST or None, library=group.library, initial=GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(group, by=request.user, **form.service_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The group's details are saved."))
            return redirect("programs:staff_group", slug, pk)
    return _group_form_page(request, group.library, form, group, status=400 if form.errors else 200)


def _group_page(request, group, *, host_form=None, session_form=None, status=200):
    return render(
        request,
        "programs/groups/staff_group.html",
        {
            "library": group.library,
            "group": group,
            "hosts": group.hosts.select_related("user").order_by("pk"),
            "sessions": group.sessions.all(),
            "members": group.memberships.count(),
            "pending": group.posts.filter(status=Post.Status.PENDING).count(),
            "partners": group.partners.all(),
            "host_form": host_form or HostForm(prefix="host"),
            "session_form": session_form or SessionForm(prefix="session"),
        },
        status=status,
    )


@login_required
def staff_group(request, slug, pk):
    return _group_page(request, get_group_for_staff(request, slug, pk))


def _confirm(request, group, action: str, *, thing=None, error="", status=200):
    return render(
        request,
        "programs/groups/staff_confirm.html",
        {"library": group.library, "group": group, "action": action, "thing": thing, "error": error},
        status=status,
    )


def _publish_step(request, slug, pk, action, change, done_message):
    group = get_group_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, group, action)
    try:
        change(group, by=request.user)
    except services.Refused as exc:
        return _confirm(request, group, action, error=str(exc), status=exc.status)
    messages.success(request, done_message)
    return redirect("programs:staff_group", slug, pk)


@login_required
def staff_group_publish(request, slug, pk):
    return _publish_step(
        request, slug, pk, "publish", services.publish_group, _("The group is published: readers can join it now.")
    )


@login_required
def staff_group_unpublish(request, slug, pk):
    return _publish_step(
        request,
        slug,
        pk,
        "unpublish",
        services.unpublish_group,
        _("The group is a draft again; readers no longer see it. Members, sessions and posts are kept."),
    )


@login_required
def staff_host_add(request, slug, pk):
    group = get_group_for_staff(request, slug, pk)
    if request.method != "POST":
        return redirect("programs:staff_group", slug, pk)
    form = HostForm(request.POST, prefix="host")
    if form.is_valid():
        try:
            host = services.add_host(
                group, form.cleaned_data["identifier"], introduction=form.cleaned_data["introduction"], by=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is now a host of this group.") % {"name": host.user})
            return redirect("programs:staff_group", slug, pk)
    return _group_page(request, group, host_form=form, status=400)


@login_required
def staff_host_remove(request, slug, pk, host_pk):
    group = get_group_for_staff(request, slug, pk)
    host = GroupHost.objects.select_related("user").filter(pk=host_pk, group=group).first()
    if host is None:
        raise Http404
    if request.method != "POST":
        return _confirm(request, group, "remove_host", thing=host)
    if request.POST.get("confirm") != "yes":
        return _confirm(request, group, "remove_host", thing=host, error=_("Tick the box to confirm."), status=400)
    try:
        services.remove_host(host, by=request.user)
    except services.Refused as exc:
        return _confirm(request, group, "remove_host", thing=host, error=str(exc), status=exc.status)
    messages.success(request, _("%(name)s is no longer a host of this group.") % {"name": host.user})
    return redirect("programs:staff_group", slug, pk)


def _session_fields(form) -> dict:
    data = form.cleaned_data
    return {key: data[key] for key in ("topic_zh", "topic_en", "starts_at", "ends_at", "online_link")}


@login_required
def staff_session_add(request, slug, pk):
    group = get_group_for_staff(request, slug, pk)
    if request.method != "POST":
        return redirect("programs:staff_group", slug, pk)
    form = SessionForm(request.POST, prefix="session")
    if form.is_valid():
        try:
            services.add_session(group, by=request.user, **_session_fields(form))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The session is added."))
            return redirect("programs:staff_group", slug, pk)
    return _group_page(request, group, session_form=form, status=400)


def _get_session(group, session_pk) -> GroupSession:
    session = GroupSession.objects.filter(pk=session_pk, group=group).first()
    if session is None:
        raise Http404
    return session


@login_required
def staff_session_edit(request, slug, pk, session_pk):
    group = get_group_for_staff(request, slug, pk)
    session = _get_session(group, session_pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session, by=request.user, **_session_fields(form))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("programs:staff_group", slug, pk)
    return render(
        request,
        "programs/groups/staff_session.html",
        {"library": group.library, "group": group, "session": session, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def staff_session_remove(request, slug, pk, session_pk):
    group = get_group_for_staff(request, slug, pk)
    session = _get_session(group, session_pk)
    if request.method != "POST":
        return _confirm(request, group, "remove_session", thing=session)
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request, group, "remove_session", thing=session, error=_("Tick the box to confirm."), status=400
        )
    services.remove_session(session, by=request.user)
    messages.success(request, _("The session is removed; members were told if it was still to come."))
    return redirect("programs:staff_group", slug, pk)
