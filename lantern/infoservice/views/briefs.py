"""Decision-support briefs, for the library's staff only: anyone else (readers, other libraries' staff) gets
404, as if briefs did not exist. The list, the form, a brief's page, finalising and deleting a draft (both
ask first), and the PDF in the brief's own language."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.pdf import CJK_FONTS, render_pdf
from lantern.core.permissions import get_library_for_staff

from ..forms_briefs import BriefForm
from ..models import Brief
from ..services import briefs as services
from .hub_staff import add_errors


def _library(request, slug):
    try:
        library = get_library_for_staff(request.user, slug)
    except PermissionDenied:
        raise Http404 from None
    request.library = library
    return library


def _brief(request, slug, pk) -> Brief:
    library = _library(request, slug)
    found = Brief.objects.filter(library=library, pk=pk).select_related("library", "created_by").first()
    if found is None:
        raise Http404
    return found


@login_required
def brief_list(request, slug):
    library = _library(request, slug)
    briefs = Brief.objects.filter(library=library).select_related("created_by")
    return render(request, "infoservice/briefs/list.html", {"library": library, "briefs": briefs})


def _form_page(request, library, form, brief=None, status=200):
    return render(
        request, "infoservice/briefs/form.html", {"library": library, "form": form, "brief": brief}, status=status
    )


@login_required
def brief_new(request, slug):
    library = _library(request, slug)
    initial = {"language": translation.get_language(), "recipient_kind": Brief.RecipientKind.GOVERNMENT}
    form = BriefForm(request.POST or None, library=library, initial=initial)
    if request.method != "POST":
        return _form_page(request, library, form)
    if form.is_valid():
        try:
            brief = services.create_brief(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Draft brief saved."))
            return redirect("infoservice:staff_brief", slug, brief.pk)
    return _form_page(request, library, form, status=422)


@login_required
def brief_edit(request, slug, pk):
    brief = _brief(request, slug, pk)
    if brief.status != Brief.Status.DRAFT:
        return brief_page(request, slug, pk, error=_("This brief is final; it can no longer be changed."), status=409)
    if request.method != "POST":
        return _form_page(request, brief.library, BriefForm.for_brief(brief), brief)
    form = BriefForm.for_brief(brief, request.POST)
    if form.is_valid():
        try:
            services.update_brief(brief, by=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Brief saved."))
            return redirect("infoservice:staff_brief", slug, brief.pk)
    return _form_page(request, brief.library, form, brief, status=422)


def _contents(brief: Brief) -> dict:
    return {
        "brief": brief,
        "bulletins": brief.bulletins.order_by("-issued_on", "-pk"),
        "checks": brief.rumour_checks.prefetch_related("evidence").order_by("-published_at", "-pk"),
        "sources": services.source_lines(brief.sources),
    }


@login_required
def brief_page(request, slug, pk, *, error="", status=200):
    brief = _brief(request, slug, pk)
    context = {"library": brief.library, "error": error, **_contents(brief)}
    return render(request, "infoservice/briefs/brief.html", context, status=status)


@login_required
def brief_finalise(request, slug, pk):
    brief = _brief(request, slug, pk)
    if request.method == "POST":
        try:
            services.finalise_brief(brief, by=request.user)
        except Refused as exc:
            return brief_page(request, slug, pk, error=str(exc), status=exc.status)
        messages.success(request, _("Brief finalised. Download the PDF to send it."))
        return redirect("infoservice:staff_brief", slug, pk)
    return render(
        request,
        "infoservice/hub/confirm.html",
        {
            "library": brief.library,
            "title": _("Finalise “%(title)s”?") % {"title": brief.title},
            "message": _(
                "A final brief can no longer be changed or deleted. It counts in the library's service record "
                "under its title only."
            ),
            "yes": _("Finalise the brief"),
            "back": "infoservice:staff_briefs",
        },
    )


@login_required
def brief_delete(request, slug, pk):
    brief = _brief(request, slug, pk)
    if request.method == "POST":
        try:
            services.delete_brief(brief, by=request.user)
        except Refused as exc:
            return brief_page(request, slug, pk, error=str(exc), status=exc.status)
        messages.success(request, _("Draft brief deleted."))
        return redirect("infoservice:staff_briefs", slug)
    return render(
        request,
        "infoservice/hub/confirm.html",
        {
            "library": brief.library,
            "title": _("Delete the draft “%(title)s”?") % {"title": brief.title},
            "message": _("The draft is deleted for good. The notices and rumour checks it cites stay."),
            "yes": _("Delete the draft"),
            "back": "infoservice:staff_briefs",
        },
    )


@login_required
def brief_pdf(request, slug, pk):
    brief = _brief(request, slug, pk)
    # The PDF is in the brief's language whatever the page's: notices and checks show that language's text.
    with translation.override(brief.language):
        html = render_to_string(
            "infoservice/briefs/pdf.html",
            {
                "library": brief.library,
                "fonts": CJK_FONTS,
                "made_at": timezone.localtime(),
                "lang": brief.language,
                **_contents(brief),
            },
        )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brief-{brief.library.slug}-{brief.pk}.pdf"'
    return response
