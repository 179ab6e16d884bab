"""Pages of reading lists: the public lists, a list page with its JSON-LD, QR codes, the A4 poster,
and the staff pages that build, publish and delete lists (all working without JavaScript).

In the editor, adding, moving, removing and annotating entries update the entries in place with htmx
(`lantern.core.htmx`): the view answers an htmx request with the entries region and a status line, any other
request with a message and a redirect back to the editor.
"""

import json
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.htmx import is_region_request, render_region
from lantern.core.permissions import can_staff, get_library, get_library_for_staff

from .. import poster, qr
from ..forms_lists import NoteForm, OutsideEntryForm, ReadingListForm, RecordEntryForm, RecordSearchForm
from ..isbn import to_isbn13
from ..models import PHYSICAL_FORMATS, ReadingList, ReadingListEntry, Record
from ..services import lists as services

SEARCH_LIMIT = 20
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# --- fetching what a request names ---------------------------------------------------------------
def get_public_list(request, slug: str, pk: int) -> ReadingList:
    """A published list of the library; a draft only for that library's staff (as a preview)."""
    library = get_library(slug)
    reading_list = ReadingList.objects.at(library).select_related("library").filter(pk=pk).first()
    if reading_list is None:
        raise Http404
    if not reading_list.is_published and not can_staff(request.user, library):
        raise Http404
    request.library = library
    return reading_list


def get_list_for_staff(request, slug: str, pk: int) -> ReadingList:
    library = get_library_for_staff(request.user, slug)
    reading_list = ReadingList.objects.at(library).select_related("library").filter(pk=pk).first()
    if reading_list is None:
        raise Http404
    request.library = library
    return reading_list


def get_entry(reading_list: ReadingList, entry_pk: int) -> ReadingListEntry:
    entry = reading_list.entries.select_related("record", "reading_list__library").filter(pk=entry_pk).first()
    if entry is None:
        raise Http404
    return entry


def _entries(reading_list: ReadingList):
    return reading_list.entries.select_related("record").prefetch_related("record__eresources").order_by("position")


def _absolute(request):
    return request.build_absolute_uri


# --- public pages --------------------------------------------------------------------------------
def list_index(request, slug):
    library = get_library(slug)
    request.library = library
    lists = ReadingList.objects.at(library).published().annotate(n=Count("entries"))
    audience = request.GET.get("audience", "")
    if audience in ReadingList.Audience.values:
        lists = lists.filter(audience=audience)
    else:
        audience = ""
    return render(
        request,
        "catalogue/list_index.html",
        {"library": library, "lists": lists, "audiences": ReadingList.Audience.choices, "audience": audience},
    )


def _json_ld(request, reading_list: ReadingList, entries) -> str:
    items = []
    for position, entry in enumerate(entries, start=1):
        if entry.record_id:
            record = entry.record
            item = {
                "@type": "Book",
                "name": record.title,
                "url": request.build_absolute_uri(record.get_absolute_url()),
            }
            if record.authors:
                item["author"] = [{"@type": "Person", "name": name} for name in record.authors]
            if record.isbns:
                item["isbn"] = record.isbns[0]
        else:
            item = {"@type": "CreativeWork", "name": entry.title, "url": entry.url}
        if entry.note:
            item["description"] = entry.note
        items.append({"@type": "ListItem", "position": position, "item": item})
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": reading_list.title,
        "url": request.build_absolute_uri(reading_list.get_absolute_url()),
        "numberOfItems": len(items),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": items,
    }
    if reading_list.theme:
        data["description"] = reading_list.theme
    # Escaped so that a title containing </script> cannot end the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))


def list_page(request, slug, pk):
    reading_list = get_public_list(request, slug, pk)
    entries = list(_entries(reading_list))
    for entry in entries:
        eresources = entry.record.eresources.all() if entry.record_id else []
        entry.current_eresources = [access for access in eresources if access.is_current()]
    return render(
        request,
        "catalogue/list_page.html",
        {
            "library": reading_list.library,
            "reading_list": reading_list,
            "entries": entries,
            "json_ld": _json_ld(request, reading_list, entries),
            "list_url": request.build_absolute_uri(reading_list.get_absolute_url()),
            "lendable_formats": PHYSICAL_FORMATS,
            "any_lendable": any(entry.record_id and entry.record.format in PHYSICAL_FORMATS for entry in entries),
        },
    )


def _qr_response(url: str, kind: str, filename: str, *, public: bool) -> HttpResponse:
    if kind == "svg":
        response = HttpResponse(qr.svg(url, scale=6), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr.png(url), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{filename}.{kind}"'
    # A draft's codes are for staff eyes only: keep them out of shared caches.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def list_qr(request, slug, pk, kind):
    reading_list = get_public_list(request, slug, pk)
    url = request.build_absolute_uri(reading_list.get_absolute_url())
    return _qr_response(url, kind, f"list-{reading_list.pk}", public=reading_list.is_published)


def entry_qr(request, slug, pk, entry_pk, kind):
    reading_list = get_public_list(request, slug, pk)
    entry = get_entry(reading_list, entry_pk)
    url = poster.entry_target(entry, request.build_absolute_uri)
    return _qr_response(url, kind, f"list-{reading_list.pk}-entry-{entry.pk}", public=reading_list.is_published)


def list_poster(request, slug, pk):
    reading_list = get_public_list(request, slug, pk)
    started = time.perf_counter()
    pdf, cached = poster.poster_pdf(reading_list, request.build_absolute_uri)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="reading-list-{reading_list.pk}.pdf"'
    elapsed_ms = (time.perf_counter() - started) * 1000
    response["Server-Timing"] = f'poster;desc="{"cache" if cached else "render"}";dur={elapsed_ms:.0f}'
    return response


# --- staff pages ---------------------------------------------------------------------------------
def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _flash_errors(request, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@login_required
def staff_lists(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    lists = ReadingList.objects.at(library).annotate(n=Count("entries")).order_by("-updated_at")
    return render(request, "catalogue/list_staff_index.html", {"library": library, "lists": lists})


@login_required
def staff_list_create(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = ReadingListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reading_list = services.create_list(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The list is saved as a draft. Now add its entries."))
            return redirect("catalogue:staff_list_editor", slug, reading_list.pk)
    return render(
        request,
        "catalogue/list_form.html",
        {"library": library, "form": form, "reading_list": None},
        status=400 if form.errors else 200,
    )


@login_required
def staff_list_details(request, slug, pk):
    reading_list = get_list_for_staff(request, slug, pk)
    form = ReadingListForm(request.POST or None, initial=ReadingListForm.initial_for(reading_list))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_list(reading_list, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The list's details are saved."))
            return redirect("catalogue:staff_list_editor", slug, reading_list.pk)
    return render(
        request,
        "catalogue/list_form.html",
        {"library": reading_list.library, "form": form, "reading_list": reading_list},
        status=400 if form.errors else 200,
    )


def _find_records(library, query: str):
    query = query.strip()
    if not query:
        return []
    records = Record.objects.at(library)
    isbn = to_isbn13(query)
    condition = Q(title__icontains=query) | Q(subtitle__icontains=query)
    if isbn:
        condition |= Q(isbn_set__value=isbn)
    return list(records.filter(condition).distinct().order_by("title", "pk")[:SEARCH_LIMIT])


def _editor(request, reading_list, *, outside_form=None, record_form=None, status=200, notice="", **region):
    """The editor page; for htmx, its entries region with `notice` in the status line (and what `region` adds:
    `focus` names the control to focus, `added_record` / `outside_done` the parts outside the region to redraw)."""
    htmx = is_region_request(request)
    query = "" if htmx else request.GET.get("q", "")
    entries = list(_entries(reading_list))
    for entry in entries:
        entry.note_form = NoteForm(
            prefix=f"entry-{entry.pk}",
            initial={"note_zh": entry.note_zh_hans or "", "note_en": entry.note_en or ""},
        )
    if htmx and isinstance(region.get("focus"), tuple):
        _focus_moved(entries, *region["focus"])
    context = {
        "library": reading_list.library,
        "reading_list": reading_list,
        "entries": entries,
        "listed": {entry.record_id for entry in entries if entry.record_id},
        "search_form": RecordSearchForm(request.GET or None),
        "query": query,
        "found": _find_records(reading_list.library, query),
        "record_form": record_form or RecordEntryForm(prefix="record"),
        "outside_form": outside_form or OutsideEntryForm(prefix="outside"),
        "notice": notice,
        "failed": status >= 400,
        **region,
    }
    return render_region(request, "catalogue/list_editor.html", "region", context, status=status)


def _focus_moved(entries, moved_pk: int, direction: str) -> None:
    """Keep focus on the button pressed, or on the other one when the entry reached the end of the list."""
    for index, entry in enumerate(entries):
        if entry.pk == moved_pk and len(entries) > 1:
            if direction == "up" and index == 0:
                direction = "down"
            elif direction == "down" and index == len(entries) - 1:
                direction = "up"
            entry.autofocus = direction


def _changed(request, reading_list, message: str, *, anchor: str = "", **region):
    """After a change: the entries region saying `message` for htmx; a message and the editor again otherwise."""
    if is_region_request(request):
        return _editor(request, reading_list, notice=message, **region)
    if message:
        messages.success(request, message)
    return redirect(reverse("catalogue:staff_list_editor", args=[reading_list.library.slug, reading_list.pk]) + anchor)


def _refused(request, reading_list, exc: ValidationError, **forms):
    """A change refused: the editor (or its region for htmx) with the reasons, status 400, nothing changed."""
    if is_region_request(request):
        return _editor(request, reading_list, status=400, notice=" ".join(exc.messages), **forms)
    _flash_errors(request, exc)
    return _editor(request, reading_list, status=400, **forms)


@login_required
def staff_list_editor(request, slug, pk):
    return _editor(request, get_list_for_staff(request, slug, pk))


@login_required
@require_POST
def staff_add_record(request, slug, pk):
    reading_list = get_list_for_staff(request, slug, pk)
    form = RecordEntryForm(request.POST, prefix="record")
    if not form.is_valid():
        exc = ValidationError(_("Choose a record from this library's catalogue."))
        return _refused(request, reading_list, exc, record_form=form)
    record = Record.objects.at(reading_list.library).filter(pk=form.cleaned_data["record"]).first()
    try:
        services.add_record_entry(
            reading_list,
            record,
            note_zh=form.cleaned_data["note_zh"],
            note_en=form.cleaned_data["note_en"],
            by=request.user,
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _refused(request, reading_list, exc, record_form=form)
    message = _("“%(title)s” is added to the list.") % {"title": record.title}
    return _changed(request, reading_list, message, added_record=record)


@login_required
@require_POST
def staff_add_outside(request, slug, pk):
    reading_list = get_list_for_staff(request, slug, pk)
    form = OutsideEntryForm(request.POST, prefix="outside")
    if form.is_valid():
        try:
            services.add_outside_entry(reading_list, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            message = _("“%(title)s” is added to the list.") % {"title": form.cleaned_data["title"]}
            return _changed(request, reading_list, message, outside_done=True)
    if is_region_request(request):
        notice = _("The e-resource is not added: please correct the form.")
        return _editor(request, reading_list, outside_form=form, status=400, notice=notice, outside_done=True)
    return _editor(request, reading_list, outside_form=form, status=400)


@login_required
@require_POST
def staff_entry_note(request, slug, pk, entry_pk):
    reading_list = get_list_for_staff(request, slug, pk)
    entry = get_entry(reading_list, entry_pk)
    form = NoteForm(request.POST, prefix=f"entry-{entry.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(_("The note could not be read; try again."))
        services.update_entry_note(entry, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, reading_list, exc)
    message = _("The note on “%(title)s” is saved.") % {"title": entry.display_title}
    return _changed(request, reading_list, message, anchor=f"#entry-{entry.pk}")


@login_required
@require_POST
def staff_entry_move(request, slug, pk, entry_pk):
    reading_list = get_list_for_staff(request, slug, pk)
    entry = get_entry(reading_list, entry_pk)
    direction = request.POST.get("direction", "")
    try:
        moved = services.move_entry(entry, direction, by=request.user)
    except ValidationError as exc:
        return _refused(request, reading_list, exc)
    message = ""
    if is_region_request(request):
        # Without a new page to read, say where the entry went (screen readers read the status line).
        order = list(reading_list.entries.order_by("position", "pk").values_list("pk", flat=True))
        message = _("“%(title)s” is now number %(position)d of %(count)d.") % {
            "title": moved.display_title,
            "position": order.index(moved.pk) + 1,
            "count": len(order),
        }
    return _changed(request, reading_list, message, anchor=f"#entry-{entry.pk}", focus=(entry.pk, direction))


@login_required
@require_POST
def staff_entry_remove(request, slug, pk, entry_pk):
    reading_list = get_list_for_staff(request, slug, pk)
    entry = get_entry(reading_list, entry_pk)
    services.remove_entry(entry, by=request.user)
    message = _("“%(title)s” is removed from the list.") % {"title": entry.display_title}
    return _changed(request, reading_list, message, focus="heading")


def _confirm(request, reading_list, action: str, *, status=200):
    return render(
        request,
        "catalogue/list_confirm.html",
        {"library": reading_list.library, "reading_list": reading_list, "action": action},
        status=status,
    )


def _publish_step(request, slug, pk, action: str, change, done_message):
    """Publish or unpublish: a confirmation page on GET, the change on POST, the editor afterwards."""
    reading_list = get_list_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, reading_list, action)
    try:
        change(reading_list, by=request.user)
    except ValidationError as exc:
        _flash_errors(request, exc)
        return _confirm(request, reading_list, action, status=400)
    messages.success(request, done_message)
    return redirect("catalogue:staff_list_editor", slug, pk)


@login_required
def staff_list_publish(request, slug, pk):
    return _publish_step(
        request, slug, pk, "publish", services.publish_list, _("The list is published: readers can see it now.")
    )


@login_required
def staff_list_unpublish(request, slug, pk):
    return _publish_step(
        request,
        slug,
        pk,
        "unpublish",
        services.unpublish_list,
        _("The list is a draft again; readers no longer see it. Publish it again at any time."),
    )


@login_required
def staff_list_delete(request, slug, pk):
    reading_list = get_list_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, reading_list, "delete")
    if request.POST.get("confirm") != "delete":
        messages.error(request, _("Tick the box to confirm that you want to delete this list."))
        return _confirm(request, reading_list, "delete", status=400)
    title = reading_list.title
    services.delete_list(reading_list, by=request.user)
    messages.success(request, _("The list “%(title)s” is deleted.") % {"title": title})
    return redirect("catalogue:staff_lists", slug)
