"""Staff pages of special collections: the list, a new collection, editing one, publishing it, and taking it
back to a draft (after a confirmation page). Every change ends with a message saying what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_collections import CollectionForm
from ..models import Collection, Item
from ..services import collections as services
from ..services.common import public_items

TEMPLATES = "archive/collections/"


def get_collection_for_staff(request, slug: str, collection_slug: str) -> Collection:
    """A collection of a library the user staffs (PermissionDenied otherwise, 404 when there is none)."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    collection = Collection.objects.filter(library=library, slug=collection_slug).select_related("library").first()
    if collection is None:
        raise Http404
    return collection


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def staff_collections(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    public = public_items(library).values("pk")
    collections = (
        Collection.objects.filter(library=library)
        .annotate(
            accepted=Count("items", filter=Q(items__status=Item.Status.ACCEPTED), distinct=True),
            shown=Count("items", filter=Q(items__pk__in=public), distinct=True),
        )
        .order_by("status", "-published_at", "slug")
    )
    return render(request, TEMPLATES + "staff_list.html", {"library": library, "collections": collections})


def _form_page(request, library, form, collection):
    return render(
        request,
        TEMPLATES + "staff_form.html",
        {"library": library, "form": form, "collection": collection},
        status=400 if form.errors else 200,
    )


@login_required
def staff_collection_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.create_collection(library, form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The collection “%(title)s” is saved as a draft. Publish it when it is ready.")
                % {"title": collection.title},
            )
            return redirect("archive:staff_collections", slug)
    return _form_page(request, library, form, None)


@login_required
def staff_collection_edit(request, slug, collection):
    found = get_collection_for_staff(request, slug, collection)
    form = CollectionForm(request.POST or None, initial=CollectionForm.initial_for(found), collection=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_collection(found, form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if found.status == Collection.Status.PUBLISHED:
                done = _("The collection “%(title)s” is saved; its public page shows the change now.")
            else:
                done = _("The collection “%(title)s” is saved.")
            messages.success(request, done % {"title": found.title})
            return redirect("archive:staff_collections", slug)
    return _form_page(request, found.library, form, found)


@login_required
@require_POST
def staff_collection_publish(request, slug, collection):
    found = get_collection_for_staff(request, slug, collection)
    try:
        services.publish_collection(found, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "The collection “%(title)s” is published: anyone can browse it, and it is counted in the "
                "service records."
            )
            % {"title": found.title},
        )
    return redirect("archive:staff_collections", slug)


@login_required
def staff_collection_unpublish(request, slug, collection):
    """A confirmation page first: the collection's page and set disappear for the public and harvesters."""
    found = get_collection_for_staff(request, slug, collection)
    if request.method != "POST":
        return render(request, TEMPLATES + "staff_unpublish.html", {"library": found.library, "collection": found})
    try:
        services.unpublish_collection(found, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The collection “%(title)s” is a draft again; the public no longer sees its page. Its items stay.")
            % {"title": found.title},
        )
    return redirect("archive:staff_collections", slug)
