"""The exhibition editor (all without JavaScript): staff create, publish, unpublish and delete exhibitions;
staff and the contacts of co-curating partners edit the details, sections and items. Every removal asks
for confirmation first; every change ends with a message saying what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_staff, get_library_for_staff

from ..forms_exhibitions import ExhibitionForm, ItemForm, PartnerExhibitionForm, SectionForm
from ..models import Exhibition
from ..services import exhibitions as services
from .exhibitions import (
    get_exhibition_for_editing,
    get_exhibition_for_staff,
    get_item,
    get_section,
    sections_with_items,
)

TEMPLATES = "programs/exhibitions/"


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _editor_url(exhibition):
    return redirect("programs:exhibition_editor", exhibition.library.slug, exhibition.pk)


# --- the staff list and the editor ---------------------------------------------------------------
@login_required
def staff_exhibitions(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    exhibitions = (
        Exhibition.objects.filter(library=library).annotate(n=Count("sections__items")).order_by("status", "-pk")
    )
    return render(request, TEMPLATES + "staff_list.html", {"library": library, "exhibitions": exhibitions})


@login_required
def exhibition_create(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = ExhibitionForm(request.POST or None, library=library)
    if request.method == "POST" and form.is_valid():
        try:
            exhibition = services.create_exhibition(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The exhibition is saved as a draft. Now add its sections and items."))
            return _editor_url(exhibition)
    return render(
        request,
        TEMPLATES + "form.html",
        {"library": library, "form": form, "exhibition": None, "is_staff": True},
        status=400 if form.errors else 200,
    )


@login_required
def exhibition_editor(request, slug, pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    return render(
        request,
        TEMPLATES + "editor.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "sections": sections_with_items(exhibition),
            "partners": list(exhibition.partners.all()),
            "is_staff": can_staff(request.user, exhibition.library),
        },
    )


@login_required
def exhibition_details(request, slug, pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    is_staff = can_staff(request.user, exhibition.library)
    initial = PartnerExhibitionForm.initial_for(exhibition)
    if is_staff:
        form = ExhibitionForm(request.POST or None, initial=initial, library=exhibition.library)
    else:
        form = PartnerExhibitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_exhibition(exhibition, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The exhibition's details are saved."))
            return _editor_url(exhibition)
    return render(
        request,
        TEMPLATES + "form.html",
        {"library": exhibition.library, "form": form, "exhibition": exhibition, "is_staff": is_staff},
        status=400 if form.errors else 200,
    )


# --- publishing and deleting (staff only) --------------------------------------------------------
def _confirm(request, exhibition, action: str, *, target=None, status=200):
    return render(
        request,
        TEMPLATES + "confirm.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "action": action,
            "target": target,
            "is_staff": can_staff(request.user, exhibition.library),
        },
        status=status,
    )


def _publish_step(request, slug, pk, action, change, done_message):
    exhibition = get_exhibition_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, exhibition, action)
    try:
        change(exhibition, by=request.user)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return _confirm(request, exhibition, action, status=400)
    messages.success(request, done_message)
    return _editor_url(exhibition)


@login_required
def exhibition_publish(request, slug, pk):
    return _publish_step(
        request,
        slug,
        pk,
        "publish",
        services.publish_exhibition,
        _("The exhibition is published: readers can visit it now."),
    )


@login_required
def exhibition_unpublish(request, slug, pk):
    return _publish_step(
        request,
        slug,
        pk,
        "unpublish",
        services.unpublish_exhibition,
        _("The exhibition is a draft again; readers no longer see it. Publish it again at any time."),
    )


@login_required
def exhibition_delete(request, slug, pk):
    exhibition = get_exhibition_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, exhibition, "delete")
    if request.POST.get("confirm") != "delete":
        messages.error(request, _("Tick the box to confirm that you want to delete this exhibition."))
        return _confirm(request, exhibition, "delete", status=400)
    title = exhibition.title
    services.delete_exhibition(exhibition, by=request.user)
    messages.success(request, _("The exhibition “%(title)s” is deleted.") % {"title": title})
    return redirect("programs:staff_exhibitions", slug)


# --- sections ------------------------------------------------------------------------------------
def _section_form(request, exhibition, section=None):
    form = SectionForm(request.POST or None, initial=SectionForm.initial_for(section))
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                section = services.add_section(exhibition, by=request.user, **form.cleaned_data)
                done = _("The section “%(title)s” is added.")
            else:
                services.update_section(section, by=request.user, **form.cleaned_data)
                done = _("The section “%(title)s” is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done % {"title": section.title})
            return redirect(f"{_editor_url(exhibition).url}#section-{section.pk}")
    return render(
        request,
        TEMPLATES + "section_form.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "section": section,
            "form": form,
            "is_staff": can_staff(request.user, exhibition.library),
        },
        status=400 if form.errors else 200,
    )


@login_required
def section_create(request, slug, pk):
    return _section_form(request, get_exhibition_for_editing(request, slug, pk))


@login_required
def section_edit(request, slug, pk, section_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    return _section_form(request, exhibition, get_section(exhibition, section_pk))


@login_required
@require_POST
def section_move(request, slug, pk, section_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    section = get_section(exhibition, section_pk)
    try:
        services.move_section(section, request.POST.get("direction", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The section “%(title)s” is moved.") % {"title": section.title})
    return redirect(f"{_editor_url(exhibition).url}#section-{section.pk}")


@login_required
def section_remove(request, slug, pk, section_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    section = get_section(exhibition, section_pk)
    if request.method != "POST":
        return _confirm(request, exhibition, "remove_section", target=section)
    if request.POST.get("confirm") != "remove":
        messages.error(request, _("Tick the box to confirm that you want to remove this section."))
        return _confirm(request, exhibition, "remove_section", target=section, status=400)
    title = section.title
    services.remove_section(section, by=request.user)
    messages.success(request, _("The section “%(title)s” and its items are removed.") % {"title": title})
    return _editor_url(exhibition)


# --- items ---------------------------------------------------------------------------------------
def _item_form(request, exhibition, section, item=None):
    form = ItemForm(request.POST or None, request.FILES or None, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            if item is None:
                item = services.add_item(section, by=request.user, **fields)
                done = _("The item “%(caption)s” is added.")
            else:
                services.update_item(item, by=request.user, **fields)
                done = _("The item “%(caption)s” is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done % {"caption": item.caption})
            return redirect(f"{_editor_url(exhibition).url}#item-{item.pk}")
    return render(
        request,
        TEMPLATES + "item_form.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "section": section,
            "item": item,
            "form": form,
            "is_staff": can_staff(request.user, exhibition.library),
        },
        status=400 if form.errors else 200,
    )


@login_required
def item_create(request, slug, pk, section_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    return _item_form(request, exhibition, get_section(exhibition, section_pk))


@login_required
def item_edit(request, slug, pk, item_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    item = get_item(exhibition, item_pk)
    return _item_form(request, exhibition, item.section, item)


@login_required
@require_POST
def item_move(request, slug, pk, item_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    item = get_item(exhibition, item_pk)
    try:
        services.move_item(item, request.POST.get("direction", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The item “%(caption)s” is moved.") % {"caption": item.caption})
    return redirect(f"{_editor_url(exhibition).url}#item-{item.pk}")


@login_required
def item_remove(request, slug, pk, item_pk):
    exhibition = get_exhibition_for_editing(request, slug, pk)
    item = get_item(exhibition, item_pk)
    if request.method != "POST":
        return _confirm(request, exhibition, "remove_item", target=item)
    if request.POST.get("confirm") != "remove":
        messages.error(request, _("Tick the box to confirm that you want to remove this item."))
        return _confirm(request, exhibition, "remove_item", target=item, status=400)
    caption = item.caption
    services.remove_item(item, by=request.user)
    messages.success(request, _("The item “%(caption)s” is removed.") % {"caption": caption})
    return _editor_url(exhibition)
