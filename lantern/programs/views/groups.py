"""Readers' pages of online reading groups: the library's groups, a group with its sessions and board, joining
and leaving, posting, "My groups"; and the moderation page the library's staff and the group's hosts share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_staff, get_library

from ..forms_groups import HideForm, PostForm
from ..models import GroupHost, Membership, Post, ReadingGroup, Status
from ..services import groups as services
from ..services import groups_board as board

BOARD_SHOWN = 200


# --- fetching what a request names ---------------------------------------------------------------
def _groups(library):
    return ReadingGroup.objects.filter(library=library).select_related("library", "record", "reading_list")


def get_group(request, slug: str, pk: int) -> ReadingGroup:
    """A published group of this library; a draft only for its library's staff and its hosts (a preview)."""
    library = get_library(slug)
    group = _groups(library).filter(pk=pk).first()
    if group is None:
        raise Http404
    if group.status != Status.PUBLISHED and not services.can_moderate(request.user, group):
        raise Http404
    request.library = library
    return group


def get_group_for_moderator(request, slug: str, pk: int) -> ReadingGroup:
    group = get_group(request, slug, pk)
    if not services.can_moderate(request.user, group):
        raise PermissionDenied
    return group


def get_post(group: ReadingGroup, post_pk: int) -> Post:
    post = Post.objects.select_related("author", "group__library").filter(pk=post_pk, group=group).first()
    if post is None:
        raise Http404
    return post


# --- readers -------------------------------------------------------------------------------------
def group_list(request, slug):
    library = get_library(slug)
    request.library = library
    groups = (
        _groups(library)
        .filter(status=Status.PUBLISHED)
        .annotate(members=Count("memberships", distinct=True))
        .prefetch_related("hosts__user")
    )
    now = timezone.now()
    for group in groups:
        group.next_session = group.sessions.filter(ends_at__gt=now).first()
    return render(request, "programs/groups/list.html", {"library": library, "groups": groups})


def _group_page(request, group, *, form=None, error="", status=200):
    user = request.user
    member = services.is_member(user, group)
    moderator = services.can_moderate(user, group)
    visible = group.posts.filter(status=Post.Status.VISIBLE).select_related("author")
    mine_waiting = (
        group.posts.filter(status=Post.Status.PENDING, author=user).select_related("author")
        if user.is_authenticated
        else Post.objects.none()
    )
    return render(
        request,
        "programs/groups/group.html",
        {
            "library": group.library,
            "group": group,
            "hosts": group.hosts.select_related("user").order_by("-is_guest", "pk"),
            "sessions": group.sessions.filter(ends_at__gt=timezone.now()),
            "members": group.memberships.count(),
            "is_member": member,
            "can_post": board.can_post(user, group),
            "can_moderate": moderator,
            "pending": group.posts.filter(status=Post.Status.PENDING).count() if moderator else 0,
            "show_links": member or moderator,
            "posts": visible.order_by("-created_at", "-pk")[:BOARD_SHOWN],
            "mine_waiting": mine_waiting,
            "form": form or PostForm(),
            "error": error,
        },
        status=status,
    )


def group_page(request, slug, pk):
    return _group_page(request, get_group(request, slug, pk))


@login_required
@require_POST
def group_join(request, slug, pk):
    group = get_group(request, slug, pk)
    try:
        services.join(group, request.user)
    except services.Refused as exc:
        messages.error(request, str(exc))
        return redirect(group)
    messages.success(request, _("You have joined “%(group)s”. Welcome!") % {"group": group.name})
    return redirect(group)


@login_required
def group_leave(request, slug, pk):
    group = get_group(request, slug, pk)
    context = {"library": group.library, "group": group}
    if request.method != "POST":
        if not services.is_member(request.user, group):
            messages.error(request, _("You are not a member of this group."))
            return redirect(group)
        return render(request, "programs/groups/leave.html", context)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "programs/groups/leave.html",
            {**context, "error": _("Tick the box to confirm that you want to leave the group.")},
            status=400,
        )
    try:
        services.leave(group, request.user)
    except services.Refused as exc:
        messages.error(request, str(exc))
        return redirect(group)
    messages.success(request, _("You have left “%(group)s”.") % {"group": group.name})
    return redirect("programs:groups", slug)


@login_required
@require_POST
def group_post(request, slug, pk):
    group = get_group(request, slug, pk)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, form=form, status=400)
    try:
        post = board.post_to_board(group, request.user, form.cleaned_data["body"])
    except board.Refused as exc:
        return _group_page(request, group, form=form, error=str(exc), status=exc.status)
    except ValidationError as exc:
        form.add_error("body", exc.message_dict.get("body", exc.messages))
        return _group_page(request, group, form=form, status=400)
    if post.status == Post.Status.PENDING:
        messages.success(request, _("Thank you. Your post will appear once a host has approved it."))
    else:
        messages.success(request, _("Your post is on the board."))
    return redirect(f"{group.get_absolute_url()}#board")


@login_required
def my_groups(request, slug):
    library = get_library(slug)
    request.library = library
    user = request.user
    groups = (
        ReadingGroup.objects.filter(Q(memberships__reader=user) | Q(hosts__user=user))
        .filter(Q(status=Status.PUBLISHED) | Q(hosts__user=user))
        .select_related("library", "record", "reading_list")
        .distinct()
        .order_by("library__slug", "-published_at", "pk")
    )
    hosted = set(GroupHost.objects.filter(user=user).values_list("group_id", flat=True))
    joined = set(Membership.objects.filter(reader=user).values_list("group_id", flat=True))
    now = timezone.now()
    for group in groups:
        group.is_hosted = group.pk in hosted
        group.is_joined = group.pk in joined
        group.next_session = group.sessions.filter(ends_at__gt=now).first()
        if group.is_hosted:
            group.pending = group.posts.filter(status=Post.Status.PENDING).count()
    return render(request, "programs/groups/mine.html", {"library": library, "groups": groups})


# --- moderation (staff of the library and the group's hosts) -------------------------------------
def _moderation_page(request, group, *, error="", status=200):
    posts = group.posts.select_related("author", "moderated_by")
    return render(
        request,
        "programs/groups/moderation.html",
        {
            "library": group.library,
            "group": group,
            "pending": posts.filter(status=Post.Status.PENDING).order_by("created_at", "pk"),
            "visible": posts.filter(status=Post.Status.VISIBLE).order_by("-created_at", "-pk")[:BOARD_SHOWN],
            "hidden": posts.filter(status=Post.Status.HIDDEN).order_by("-moderated_at", "-pk")[:BOARD_SHOWN],
            "is_staff": can_staff(request.user, group.library),
            "hide_form": HideForm(),
            "error": error,
        },
        status=status,
    )


@login_required
def group_moderation(request, slug, pk):
    return _moderation_page(request, get_group_for_moderator(request, slug, pk))


@login_required
@require_POST
def group_post_approve(request, slug, pk, post_pk):
    group = get_group_for_moderator(request, slug, pk)
    post = get_post(group, post_pk)
    try:
        board.approve_post(post, by=request.user)
    except board.Refused as exc:
        return _moderation_page(request, group, error=str(exc), status=exc.status)
    messages.success(
        request, _("The post by %(author)s is on the board; they have been told.") % {"author": post.author}
    )
    return redirect("programs:group_moderation", slug, pk)


@login_required
def group_post_hide(request, slug, pk, post_pk):
    group = get_group_for_moderator(request, slug, pk)
    post = get_post(group, post_pk)
    context = {"library": group.library, "group": group, "post": post}
    if request.method != "POST":
        return render(request, "programs/groups/hide.html", {**context, "form": HideForm()})
    form = HideForm(request.POST)
    if not form.is_valid():
        return render(request, "programs/groups/hide.html", {**context, "form": form}, status=400)
    try:
        board.hide_post(post, form.cleaned_data["reason"], by=request.user)
    except board.Refused as exc:
        form.add_error(None, str(exc))
        return render(request, "programs/groups/hide.html", {**context, "form": form}, status=exc.status)
    messages.success(
        request, _("The post by %(author)s is hidden; they have been sent your reason.") % {"author": post.author}
    )
    return redirect("programs:group_moderation", slug, pk)
