"""Readers' pages of information-literacy guides: the list (filtered by whom a guide is written for) and one
guide with its self-check quiz, a plain form that works without JavaScript. The staff pages are in
`literacy_staff`."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from lantern.core.audience import Audience
from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library

from ..forms_literacy import AudienceFilter
from ..models import Guide, Publishable
from ..services import literacy as services


# --- fetching what a request names ---------------------------------------------------------------
def get_public_guide(request, slug: str, pk: int) -> Guide:
    """A published guide; the staff of its library also see the others (as a preview)."""
    library = get_library(slug)
    request.library = library
    guide = Guide.objects.select_related("library").filter(pk=pk, library=library).first()
    if guide is None or (guide.status != Publishable.PUBLISHED and not can_staff(request.user, library)):
        raise Http404
    return guide


def published_guides(library, audience: str = ""):
    """A library's published guides; for a group, those written for it and those written for everyone."""
    guides = Guide.objects.filter(library=library, status=Publishable.PUBLISHED).select_related("library")
    if audience:
        guides = guides.filter(Q(audience=audience) | Q(audience=""))
    return guides.order_by("-published_at", "-pk")


# --- pages ---------------------------------------------------------------------------------------
def guide_list(request, slug):
    library = get_library(slug)
    request.library = library
    form = AudienceFilter(request.GET or None)
    audience = form.cleaned_data["audience"] if form.is_valid() else ""
    present = set(
        Guide.objects.filter(library=library, status=Publishable.PUBLISHED)
        .exclude(audience="")
        .values_list("audience", flat=True)
    )
    groups = [(value, label) for value, label in Audience.choices if value in present]
    return render(
        request,
        "infoservice/literacy/guides.html",
        {
            "library": library,
            "guides": published_guides(library, audience),
            "groups": groups,
            "audience": audience,
            "audience_label": Audience(audience).label if audience else "",
            "bad_filter": bool(request.GET.get("audience")) and not form.is_valid(),
        },
    )


def _chosen(post, questions) -> dict:
    """The reader's answers from the form ({question id: answer id}); anything unreadable counts as no answer
    (a forged id that is a number but not the question's is refused by the service)."""
    chosen = {}
    for question in questions:
        value = post.get(f"q{question.pk}", "")
        if value.isdigit() and len(value) < 12:
            chosen[question.pk] = int(value)
    return chosen


def guide_page(request, slug, pk):
    """The guide and its quiz; posting the quiz shows each answer right or not, with why, and the score."""
    guide = get_public_guide(request, slug, pk)
    questions = services.quiz_of(guide)
    chosen, result, error, missing, status = {}, None, "", [], 200
    if request.method == "POST":
        chosen = _chosen(request.POST, questions)
        try:
            result = services.score_quiz(guide, chosen)
        except Refused as exc:
            error, status = str(exc), 400 if exc.status == 422 else exc.status
            missing = getattr(exc, "missing", [])
    rows = {row["question"].pk: row for row in result["rows"]} if result else {}
    quiz = [
        {
            "number": number,
            "question": question,
            "chosen": chosen.get(question.pk),
            "missing": number in missing,
            "row": rows.get(question.pk),
        }
        for number, question in enumerate(questions, start=1)
    ]
    return render(
        request,
        "infoservice/literacy/guide.html",
        {
            "library": guide.library,
            "guide": guide,
            "quiz": quiz,
            "result": result,
            "error": error,
            "is_staff": can_staff(request.user, guide.library),
        },
        status=status,
    )
