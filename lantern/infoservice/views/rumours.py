"""Readers' pages of rumour checks: the list with search and topics, a check (with its ClaimReview JSON-LD,
QR code and share card), the "message I doubt" form (showing matching checks first) and the page that
follows a message. Staff pages are in `rumours_staff`."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library
from lantern.core.rate_limit import client_address

from .. import share_card
from ..forms_rumours import DoubtForm, SearchForm
from ..models import Doubt, Publishable, RumourCheck, Topic
from ..services import rumours as services

PER_PAGE = 20
# ClaimReview ratings on a 1-5 scale (5: the claim is true), the verdict's words given as alternateName.
RATINGS = {"false": 1, "misleading": 2, "unproven": 3, "true": 5}
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def get_public_check(request, slug: str, pk: int) -> RumourCheck:
    """A published check of the library; staff of the library also see the others (to preview them)."""
    library = get_library(slug)
    request.library = library
    check = RumourCheck.objects.select_related("library").filter(pk=pk, library=library).first()
    if check is None or (check.status != Publishable.PUBLISHED and not can_staff(request.user, library)):
        raise Http404
    return check


def checks(request, slug):
    library = get_library(slug)
    request.library = library
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    shown = RumourCheck.objects.filter(library=library, status=Publishable.PUBLISHED).prefetch_related("topics")
    topics = Topic.objects.filter(library=library).annotate(
        count=Count("rumour_checks", filter=Q(rumour_checks__status=Publishable.PUBLISHED))
    )
    topics = [topic for topic in topics.order_by("slug") if topic.count]
    topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
    if topic is not None:
        shown = shown.filter(topics=topic)
    if query:
        shown = services.search(shown, query)
    page = Paginator(shown.distinct().order_by("-published_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "infoservice/rumours/list.html",
        {"library": library, "form": form, "query": query, "topics": topics, "topic": topic, "page": page},
    )


def json_ld(check: RumourCheck, request) -> str:
    """schema.org ClaimReview of a check, escaped for a <script> element like Django's json_script."""
    url = request.build_absolute_uri(check.get_absolute_url())
    claim = {"@type": "Claim"}
    if check.first_seen_on:
        claim["datePublished"] = check.first_seen_on.isoformat()
    if check.circulated_in:
        claim["appearance"] = {"@type": "CreativeWork", "name": check.circulated_in}
        claim["firstAppearance"] = claim["appearance"]
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": check.claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[check.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": check.get_verdict_display(),
        },
        "author": {
            "@type": "Organization",
            "name": check.library.name,
            "url": request.build_absolute_uri(check.library.get_absolute_url()),
        },
        "itemReviewed": claim,
        "inLanguage": translation.get_language(),
    }
    if check.published_at:
        data["datePublished"] = check.published_at.date().isoformat()
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))


def check(request, slug, pk):
    check = get_public_check(request, slug, pk)
    url = request.build_absolute_uri(check.get_absolute_url())
    return render(
        request,
        "infoservice/rumours/check.html",
        {
            "library": check.library,
            "check": check,
            "evidence": check.evidence.all(),
            "topics": check.topics.order_by("slug"),
            "json_ld": json_ld(check, request) if check.status == Publishable.PUBLISHED else "",
            "qr_svg": mark_safe(share_card.qr_svg(url, title=_("QR code of this check"))),
            "url": url,
            "is_staff": can_staff(request.user, check.library),
        },
    )


def check_qr(request, slug, pk):
    check = get_public_check(request, slug, pk)
    response = HttpResponse(
        share_card.qr_png(request.build_absolute_uri(check.get_absolute_url())), content_type="image/png"
    )
    response["Content-Disposition"] = f'attachment; filename="rumour-check-{check.pk}-qr.png"'
    return response


def check_card(request, slug, pk):
    check = get_public_check(request, slug, pk)
    png = share_card.card_png(
        verdict=check.verdict,
        verdict_label=check.get_verdict_display(),
        claim=check.claim,
        summary=check.summary,
        library_name=check.library.name,
        url=request.build_absolute_uri(check.get_absolute_url()),
        heading=_("Rumour check"),
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="rumour-check-{check.pk}.png"'
    return response


# --- messages readers doubt ----------------------------------------------------------------------
def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def doubt_new(request, slug):
    """Matching checks are shown before anything is saved; the reader opens one or sends the message anyway."""
    library = get_library(slug)
    request.library = library
    signed_in = request.user.is_authenticated
    form = DoubtForm(request.POST or None, request.FILES or None, signed_in=signed_in)
    context = {"library": library, "form": form, "matches": [], "signed_in": signed_in}
    if request.method != "POST":
        return render(request, "infoservice/rumours/doubt_new.html", context)
    if not form.is_valid():
        return render(request, "infoservice/rumours/doubt_new.html", context, status=400)
    data = form.cleaned_data
    if "send_anyway" not in request.POST:
        context["matches"] = services.find_matches(library, data.get("text", ""), data.get("link", ""))
        if context["matches"]:
            context["had_screenshot"] = data.get("screenshot") is not None
            return render(request, "infoservice/rumours/doubt_new.html", context)
    try:
        doubt = services.send_doubt(
            library,
            text=data.get("text", ""),
            link=data.get("link", ""),
            screenshot=data.get("screenshot"),
            reader=request.user,
            email=data.get("email", ""),
            address=client_address(request),
        )
    except Refused as exc:
        context["error"] = str(exc)
        return render(request, "infoservice/rumours/doubt_new.html", context, status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return render(request, "infoservice/rumours/doubt_new.html", context, status=400)
    messages.success(
        request,
        _("Your message is sent. Its reference number is %(reference)s. Keep this page's address to follow it.")
        % {"reference": doubt.reference},
    )
    return redirect("infoservice:doubt", slug, doubt.reference)


def _visible_doubt(request, slug, reference) -> Doubt:
    library = get_library(slug)
    request.library = library
    doubt = services.visible_doubt(library, reference, request.user)
    if doubt is None:
        raise Http404
    return doubt


@never_cache
def doubt(request, slug, reference):
    doubt = _visible_doubt(request, slug, reference)
    answer = doubt.answer if doubt.status == Doubt.Status.ANSWERED else None
    return render(
        request, "infoservice/rumours/doubt.html", {"library": doubt.library, "doubt": doubt, "answer": answer}
    )


@never_cache
def doubt_screenshot(request, slug, reference):
    """The screenshot, to its sender (as the page) and to the library's staff; never a public media URL."""
    library = get_library(slug)
    doubt = services.visible_doubt(library, reference, request.user)
    if doubt is None and can_staff(request.user, library):
        doubt = Doubt.objects.filter(library=library, reference=reference.upper()).first()
    if doubt is None or not doubt.screenshot:
        raise Http404
    return FileResponse(doubt.screenshot.open("rb"), content_type="image/jpeg")
