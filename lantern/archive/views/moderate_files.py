"""Views of the archive: moderation of files. Staff downloads from private storage (originals as an
attachment named by the archive), the blur page with its percentage grid and the undoing of a redaction,
hiding a file from the public and its caption. Staff of the item's library only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused

from ..forms_moderate import BlurForm, CaptionForm
from ..services import moderation as services
from ..services.files import KEPT_TYPES
from .moderate import add_errors, back_to_item, get_file_for_staff, review_page

VARIANTS = {"original": ("original", "mime"), "web": ("web", "web_mime"), "thumb": ("thumbnail", "web_mime")}


@login_required
def staff_file(request, slug, reference, position, variant):
    """A file from private storage for staff: originals as a download named by the archive, never by the
    contributor; derivatives shown inline. Nothing is cached by shared caches."""
    if variant not in VARIANTS:
        raise Http404
    item_file = get_file_for_staff(request, slug, reference, position)
    field_name, mime_name = VARIANTS[variant]
    field = getattr(item_file, field_name)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    mime = getattr(item_file, mime_name) or "application/octet-stream"
    if variant == "original":
        extension = KEPT_TYPES.get(item_file.mime, "bin")
        filename = f"{item_file.item.reference}-{item_file.position}.{extension}"
        response = FileResponse(handle, content_type=mime, as_attachment=True, filename=filename)
    else:
        response = FileResponse(handle, content_type=mime)
    response["X-Content-Type-Options"] = "nosniff"
    # Redaction replaces a derivative at the same address; originals may carry GPS: keep nothing anywhere.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def staff_file_blur(request, slug, reference, position):
    item_file = get_file_for_staff(request, slug, reference, position)
    item = item_file.item
    if not item_file.is_image:
        raise Http404
    if request.method == "POST":
        form = BlurForm(request.POST)
    else:
        form = BlurForm(initial={"areas": services.last_blurred_areas(item_file)})
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.blur_file(item_file, form.cleaned_data["areas"], by=request.user)
            except Refused as exc:
                error, status = str(exc), exc.status
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("The areas are blurred on the public picture; the original is unchanged."))
                return redirect("archive:staff_file_blur", item.library.slug, item.reference, item_file.position)
        else:
            status = 400
    return render(
        request,
        "archive/moderate/blur.html",
        {
            "library": item.library,
            "item": item,
            "file": item_file,
            "form": form,
            "error": error,
            "ticks": range(0, 100, 10),
        },
        status=status,
    )


@login_required
@require_POST
def staff_file_unblur(request, slug, reference, position):
    item_file = get_file_for_staff(request, slug, reference, position)
    item = item_file.item
    try:
        services.unblur_file(item_file, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The blurring is undone: the public picture is made again from the original."))
    return redirect("archive:staff_file_blur", item.library.slug, item.reference, item_file.position)


@login_required
@require_POST
def staff_file_hide(request, slug, reference, position):
    item_file = get_file_for_staff(request, slug, reference, position)
    hidden = request.POST.get("hidden")
    if hidden not in ("0", "1"):
        messages.error(request, _("Choose to hide the file or to show it."))
        return back_to_item(item_file.item, "files")
    services.set_file_hidden(item_file, hidden == "1", by=request.user)
    number = {"n": item_file.position + 1}
    if hidden == "1":
        messages.success(request, _("File %(n)d is hidden from the public; staff still see it.") % number)
    else:
        messages.success(request, _("File %(n)d is shown in public again.") % number)
    return back_to_item(item_file.item, "files")


@login_required
@require_POST
def staff_file_caption(request, slug, reference, position):
    item_file = get_file_for_staff(request, slug, reference, position)
    item = item_file.item
    form = CaptionForm(request.POST, prefix=f"file{item_file.position}")
    if form.is_valid():
        try:
            services.set_caption(item_file, form.cleaned_data["caption"], by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The caption of file %(n)d is saved.") % {"n": item_file.position + 1})
            return back_to_item(item, "files")
    return review_page(request, item, status=400, captions={item_file.pk: form})
