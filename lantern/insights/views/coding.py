"""Pages of human coding: the codebook (public), a coder's queue, coding one post, agreement, disagreements
and settling them, and retraining the classifier from human codes. Every write goes through
`lantern.insights.coding`; a refusal or bad input comes back as a message on the page, never a 500.

Blind coding: a coder sees only their own coding of a post; the two codings of a double-coded post appear
side by side only on the disagreements page, once both are saved. Suggestions are hidden by default on
double-coded posts; each coder may show or hide them (a choice kept in their session, separately for posts
coded once and posts coded twice), and each coding records whether they were shown.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.forms import NoColonMixin
from lantern.core.permissions import require_researcher

from .. import classify, codebook, coding
from ..agreement import study_agreement
from ..models import Coding, Post, Study, Suggestion
from ..taxonomy import Category, Feature

SESSION_KEY = "coding_suggestions"


# --- forms ----------------------------------------------------------------------------------------
class CodesForm(NoColonMixin, forms.Form):
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("Categories (at least one)"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    features = forms.MultipleChoiceField(
        label=gettext_lazy("Features (zero or more)"),
        choices=Feature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def codes(self) -> list[str]:
        return list(self.cleaned_data["categories"]) + list(self.cleaned_data["features"])

    def add_service_error(self, exc: ValidationError) -> None:
        """The service's field messages on the form: its "codes" belong beside the categories."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                self.add_error("categories" if field == "codes" else None, errors)
        else:
            self.add_error(None, exc.messages)


class CodingForm(CodesForm):
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why you hesitated, for whoever settles a disagreement."),
    )


class PostDateForm(NoColonMixin, forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Publication date, as the text says"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _initial_codes(codes) -> dict:
    return {
        "categories": [c for c in codes if c in Category.values],
        "features": [c for c in codes if c in Feature.values],
    }


# --- fetching what a request names ----------------------------------------------------------------
def get_post_for_coder(user, pk: int) -> Post:
    """A post the user may code (assigned to them, or in a study they own); others are not found."""
    post = Post.objects.select_related("library", "channel").filter(pk=pk).first()
    if post is None or not coding.can_code(user, post):
        raise Http404
    return post


def get_study_for_member(user, pk: int, *, owner: bool = False) -> Study:
    """A study the user owns (or codes for, unless owner=True); others are not found."""
    members = Q(owner=user) if owner else Q(owner=user) | Q(coders=user)
    study = Study.objects.filter(members, pk=pk).first()
    if study is None:
        raise Http404
    return study


def _suggestions_visible(request, double: bool) -> bool:
    choice = request.session.get(SESSION_KEY, {}).get("double" if double else "single")
    return (not double) if choice is None else bool(choice)


# --- the codebook (public) ------------------------------------------------------------------------
def codebook_page(request):
    return render(
        request,
        "insights/codebook.html",
        {
            "categories": codebook.CATEGORIES,
            "features": codebook.FEATURES,
            "competencies": codebook.COMPETENCIES,
            "source": codebook.SOURCE,
        },
    )


# --- the coder's queue ----------------------------------------------------------------------------
@login_required
def queue(request):
    require_researcher(request.user)
    groups: dict = {}
    for assignment in coding.queue_for(request.user)[:500]:
        groups.setdefault(assignment.study, []).append(assignment)
    owned = [
        {"study": study, "progress": coding.progress(study)}
        for study in Study.objects.filter(owner=request.user).order_by("-created_at")
    ]
    member = Study.objects.filter(coders=request.user).exclude(owner=request.user).distinct()
    return render(
        request,
        "insights/coding_queue.html",
        {
            "groups": list(groups.items()),
            "owned": owned,
            "member_studies": member,
            "can_retrain": request.user.is_staff or request.user.is_superuser,
        },
    )


@login_required
@require_POST
def assign(request, pk: int):
    require_researcher(request.user)
    study = get_study_for_member(request.user, pk, owner=True)
    try:
        assigned, doubled = coding.assign_posts(study)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        if assigned == 0:
            messages.info(request, _("There were no new posts to assign."))
        else:
            messages.success(
                request,
                _("%(assigned)s posts assigned, %(doubled)s of them to two coders.")
                % {"assigned": assigned, "doubled": doubled},
            )
        if study.double_coding_percent and study.coders.count() < 2:
            messages.warning(request, _("Coding twice needs at least two coders: every post went to one coder."))
    return redirect("observatory:coding")


# --- coding one post ------------------------------------------------------------------------------
@login_required
def code_post(request, pk: int):
    require_researcher(request.user)
    post = get_post_for_coder(request.user, pk)
    double = coding.is_double(post)
    show = _suggestions_visible(request, double)
    own = Coding.objects.filter(post=post, coder=request.user).first()
    if request.method == "POST":
        form = CodingForm(request.POST)
        if form.is_valid():
            try:
                state = coding.save_coding(
                    post, request.user, form.codes(), suggestions_shown=show, note=form.cleaned_data["note"]
                )
            except Refused as exc:
                raise PermissionDenied(str(exc)) from exc
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your codes for “%(title)s” are saved.") % {"title": post.title})
                if state.state == "needs_date":
                    messages.warning(request, _("This post has no publication date: enter it so it can be counted."))
                    return redirect("observatory:code_post", pk=post.pk)
                study_id = request.POST.get("study")
                study = Study.objects.filter(pk=study_id).first() if str(study_id).isdigit() else None
                following = coding.next_assignment(request.user, study)
                if following is None:
                    messages.info(request, _("You have coded every post assigned to you."))
                    return redirect("observatory:coding")
                return redirect("observatory:code_post", pk=following.post_id)
    else:
        initial = _initial_codes(own.codes) if own else {}
        if own:
            initial["note"] = own.note
        form = CodingForm(initial=initial)
    suggestion = Suggestion.objects.filter(post=post).first() if show else None
    suggested = []
    if suggestion is not None:
        labels = {**dict(Category.choices), **dict(Feature.choices)}
        suggested = [
            {
                "code": code,
                "label": labels[code],
                "given": getattr(suggestion, code),
                "confidence": round(100 * float(suggestion.confidence.get(code, 0) or 0)),
            }
            for code in (*Category.values, *Feature.values)
        ]
    assignment = post.assignments.filter(coder=request.user).select_related("study").first()
    return render(
        request,
        "insights/coding_post.html",
        {
            "post": post,
            "form": form,
            "date_form": PostDateForm(),
            "own": own,
            "double": double,
            "show_suggestions": show,
            "has_suggestion": Suggestion.objects.filter(post=post).exists(),
            "suggested": suggested,
            "assignment": assignment,
            "state": coding.state_of(post),
            "entries": codebook.CODED,
        },
    )


@login_required
@require_POST
def toggle_suggestions(request, pk: int):
    require_researcher(request.user)
    post = get_post_for_coder(request.user, pk)
    choices = dict(request.session.get(SESSION_KEY, {}))
    choices["double" if coding.is_double(post) else "single"] = request.POST.get("show") == "1"
    request.session[SESSION_KEY] = choices
    return redirect("observatory:code_post", pk=post.pk)


@login_required
@require_POST
def post_date(request, pk: int):
    require_researcher(request.user)
    post = Post.objects.select_related("library").filter(pk=pk).first()
    if post is None or not (coding.can_code(request.user, post) or coding.can_settle(request.user, post)):
        raise Http404
    form = PostDateForm(request.POST)
    if form.is_valid():
        try:
            coding.set_post_date(post, form.cleaned_data["date"], request.user)
        except Refused as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The publication date is saved."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    if coding.can_code(request.user, post):
        return redirect("observatory:code_post", pk=post.pk)
    return redirect("observatory:coding")


# --- agreement and disagreements ------------------------------------------------------------------
@login_required
def agreement(request, pk: int):
    require_researcher(request.user)
    study = get_study_for_member(request.user, pk)
    return render(request, "insights/agreement_study.html", {"study": study, "table": study_agreement(study)})


@login_required
def disagreements(request, pk: int):
    require_researcher(request.user)
    study = get_study_for_member(request.user, pk)
    items = coding.disagreements(study)
    labels = {**dict(Category.choices), **dict(Feature.choices)}

    def side(number, one, other):
        name = getattr(one.coder, "name", "")
        return {
            "who": _("Coder %(number)s: %(name)s") % {"number": number, "name": name or one.coder.get_username()},
            "coding": one,
            "codes": [{"label": labels[code], "only": code not in other.codes} for code in one.codes],
        }

    rows = [
        {
            "item": item,
            "pair": [side(1, item.first, item.second), side(2, item.second, item.first)],
            "form": CodesForm(prefix=f"p{item.post.pk}"),
            "date_form": PostDateForm(prefix=f"d{item.post.pk}") if item.post.published_on is None else None,
        }
        for item in items
    ]
    return render(request, "insights/coding_disagreements.html", {"study": study, "rows": rows})


@login_required
@require_POST
def settle(request, pk: int, post_pk: int):
    require_researcher(request.user)
    study = get_study_for_member(request.user, pk)
    post = Post.objects.select_related("library").filter(pk=post_pk, assignments__study=study).distinct().first()
    if post is None:
        raise Http404
    form = CodesForm(request.POST, prefix=f"p{post.pk}")
    back = reverse("observatory:disagreements", args=[study.pk])
    if not form.is_valid():
        messages.error(request, _("Those codes could not be read: choose them again."))
        return redirect(back)
    try:
        coding.settle(post, form.codes(), by=request.user)
    except Refused as exc:
        if exc.status == 403:
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("“%(title)s” is settled.") % {"title": post.title})
    return redirect(back)


@login_required
@require_POST
def settle_date(request, pk: int, post_pk: int):
    """The date form of the disagreements page (its fields carry a per-post prefix)."""
    require_researcher(request.user)
    study = get_study_for_member(request.user, pk)
    post = Post.objects.select_related("library").filter(pk=post_pk, assignments__study=study).distinct().first()
    if post is None:
        raise Http404
    form = PostDateForm(request.POST, prefix=f"d{post.pk}")
    if form.is_valid():
        try:
            coding.set_post_date(post, form.cleaned_data["date"], request.user)
        except Refused as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The publication date is saved."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("observatory:disagreements", pk=study.pk)


# --- retraining -----------------------------------------------------------------------------------
@login_required
def retrain(request):
    require_researcher(request.user)
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied
    result = None
    if request.method == "POST" and request.POST.get("action") == "reset":
        try:
            coding.reset_classifier(by=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The classifier trained on the bundled examples is in use again."))
        return redirect("observatory:retrain")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to retrain the classifier."))
        else:
            try:
                result = coding.retrain_classifier(by=request.user)
            except Refused as exc:
                messages.error(request, str(exc))
    labels = {**dict(Category.choices), **dict(Feature.choices)}
    per_code = [(labels[code], n) for code, n in result.per_code.items()] if result else []
    return render(
        request,
        "insights/coding_retrain.html",
        {
            "result": result,
            "per_code": per_code,
            "available": len(coding.training_examples()) if not result else None,
            "retrained": classify.retrained_in_use(),
        },
    )
