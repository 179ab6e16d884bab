"""The observatory's home page, watched libraries with their channels, and studies (researchers only).

Pages of parts built elsewhere (ingest, coding, codebook, agreement, reports) are linked by URL name when
they exist; `optional_url` leaves a link out rather than failing while a part is missing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.permissions import require_researcher

from .. import watch
from ..forms_watch import ChannelForm, StudyForm, WatchedLibraryForm
from ..models import Channel, Post, Study

FORM_STATUS = 422


def optional_url(name: str, *args, query: dict | None = None) -> str:
    """The address of a named page, or "" while that part of the observatory is not built yet."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


def put_errors(form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: field messages beside their fields, the rest at the top."""
    if isinstance(exc, Refused) or not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def get_watch_library(request, slug: str) -> Library:
    """A library as a researcher sees it in the observatory: any library (watched or on Lantern)."""
    require_researcher(request.user)
    library = Library.objects.filter(slug=slug).first()
    if library is None:
        raise Http404
    return library


def get_channel(request, slug: str, pk: int) -> Channel:
    library = get_watch_library(request, slug)
    channel = Channel.objects.filter(library=library, pk=pk).select_related("library").first()
    if channel is None:
        raise Http404
    return channel


def visible_studies(user):
    if user.is_superuser:
        return Study.objects.all()
    return Study.objects.filter(Q(owner=user) | Q(coders=user)).distinct()


def get_study(request, pk: int, *, edit: bool = False) -> Study:
    """A study the researcher owns or codes (others are not found); edit=True asks for its owner."""
    require_researcher(request.user)
    study = visible_studies(request.user).filter(pk=pk).select_related("owner").first()
    if study is None:
        raise Http404
    if edit and not watch.can_edit_study(request.user, study):
        raise PermissionDenied
    return study


# --- home ----------------------------------------------------------------------------------------
@login_required
def home(request):
    require_researcher(request.user)
    studies = visible_studies(request.user).annotate(sample_size=Count("libraries", distinct=True))
    parts = [
        (optional_url("observatory:libraries"), _("Watched libraries and their channels")),
        (optional_url("observatory:studies"), _("Studies: samples and windows")),
        (optional_url("observatory:ingest"), _("Bring in announcements (feeds, pages, WeChat exports, CSV)")),
        (optional_url("observatory:coding"), _("Code announcements")),
        (optional_url("observatory:codebook"), _("The codebook")),
        (optional_url("observatory:agreement"), _("Agreement between coders")),
        (optional_url("observatory:reports"), _("Reports and charts")),
    ]
    context = {
        "studies": studies,
        "watched_count": Library.objects.filter(observed_only=True).count(),
        "channel_count": Channel.objects.count(),
        "post_count": Post.objects.count(),
        "watched_post_count": Post.objects.filter(library__observed_only=True).count(),
        "parts": [(url, label) for url, label in parts if url],
    }
    return render(request, "insights/watch_home.html", context)


# --- watched libraries ---------------------------------------------------------------------------
def _libraries_page(request, *, form=None, status=200):
    text = request.GET.get("q", "").strip()
    libraries = (
        watch.search_libraries(Library.objects.filter(observed_only=True), text)
        .annotate(post_count=Count("posts", distinct=True))
        .prefetch_related("channels")
        .order_by("province", "city", "slug")
    )
    page = Paginator(libraries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/watch_libraries.html",
        {"page": page, "q": text, "form": form or WatchedLibraryForm()},
        status=status,
    )


@login_required
def libraries(request):
    """GET: the watched libraries (searchable); POST: register one."""
    require_researcher(request.user)
    if request.method != "POST":
        return _libraries_page(request)
    form = WatchedLibraryForm(request.POST)
    if form.is_valid():
        try:
            library = watch.watch_library(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” is now watched. Add where it publishes.") % {"name": library.name})
            return redirect("observatory:library", library.slug)
    return _libraries_page(request, form=form, status=FORM_STATUS)


def _library_page(request, library, *, edit_form=None, channel_form=None, status=200):
    years = (
        library.posts.annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    context = {
        "library": library,
        "channels": library.channels.annotate(post_count=Count("posts")).order_by("name"),
        "years": [row for row in years if row["year"] is not None],
        "undated": library.posts.filter(published_on__isnull=True).count(),
        "post_count": library.posts.count(),
        "edit_form": (edit_form or WatchedLibraryForm(initial=WatchedLibraryForm.initial_for(library)))
        if library.observed_only
        else None,
        "channel_form": channel_form or ChannelForm(),
        "studies": visible_studies(request.user).filter(libraries=library),
        # The ingest and post-list pages take the library's id in their `library` field.
        "ingest_url": optional_url("observatory:ingest", query={"library": library.pk}),
        "posts_url": optional_url("observatory:posts", query={"library": library.pk}),
    }
    return render(request, "insights/watch_library.html", context, status=status)


@login_required
def library(request, slug):
    return _library_page(request, get_watch_library(request, slug))


@login_required
@require_POST
def library_edit(request, slug):
    library = get_watch_library(request, slug)
    if not library.observed_only:
        raise PermissionDenied  # a library on Lantern is kept by its own staff
    form = WatchedLibraryForm(request.POST)
    if form.is_valid():
        try:
            watch.update_watched_library(library, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The library's details are saved."))
            return redirect("observatory:library", library.slug)
    library.refresh_from_db()
    return _library_page(request, library, edit_form=form, status=FORM_STATUS)


@login_required
@require_POST
def channel_add(request, slug):
    library = get_watch_library(request, slug)
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            channel = watch.add_channel(library, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("Channel “%(name)s” added.") % {"name": channel.name})
            return redirect("observatory:library", library.slug)
    return _library_page(request, library, channel_form=form, status=FORM_STATUS)


@login_required
@require_POST
def channel_remove(request, slug, pk):
    """The first POST asks for confirmation; the second, with confirm=yes, removes the channel."""
    channel = get_channel(request, slug, pk)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "insights/watch_channel_remove.html",
            {"library": channel.library, "channel": channel, "post_count": channel.posts.count()},
        )
    watch.remove_channel(channel, by=request.user)
    messages.success(request, _("Channel “%(name)s” removed; its posts are kept.") % {"name": channel.name})
    return redirect("observatory:library", slug)


# --- studies -------------------------------------------------------------------------------------
@login_required
def studies(request):
    require_researcher(request.user)
    rows = visible_studies(request.user).select_related("owner").annotate(sample_size=Count("libraries", distinct=True))
    return render(request, "insights/study_list.html", {"studies": rows})


def _study_form_page(request, form, *, study=None, status=200):
    chosen = form.data.getlist("libraries") if form.is_bound else form.initial.get("libraries", [])
    form.show_libraries(form.data.get("library_filter", "") if form.is_bound else "", chosen)
    return render(request, "insights/study_form.html", {"form": form, "study": study}, status=status)


def _save_study(request, form, study=None):
    """Create or change the study from a valid form; returns it, or None with the refusal on the form."""
    data = dict(form.cleaned_data)
    data.pop("library_filter", None)
    if data["double_coding_percent"] is None:
        data["double_coding_percent"] = -1  # the service says what a share must be
    try:
        if study is None:
            return watch.create_study(**data, owner=request.user)
        return watch.update_study(study, **data, by=request.user)
    except ValidationError as exc:
        put_errors(form, exc)
        return None


def _study_form(request, study=None):
    if request.method != "POST":
        initial = {}
        if study is not None:
            initial = {
                "title": study.title,
                "description": study.description,
                "starts_on": study.starts_on,
                "ends_on": study.ends_on,
                "until_reopening": study.until_reopening,
                "double_coding_percent": study.double_coding_percent,
                "libraries": [library.pk for library in study.libraries.all()],
                "coders": [coder.pk for coder in study.coders.all()],
            }
        return _study_form_page(request, StudyForm(initial=initial), study=study)
    form = StudyForm(request.POST)
    if request.POST.get("action") == "filter":
        # Only the list of libraries changes: nothing is checked or saved, and what was typed stays.
        return _study_form_page(request, form, study=study)
    if form.is_valid():
        saved = _save_study(request, form, study)
        if saved is not None:
            messages.success(request, _("The study is saved."))
            return redirect("observatory:study", saved.pk)
    return _study_form_page(request, form, study=study, status=FORM_STATUS)


@login_required
def study_new(request):
    require_researcher(request.user)
    return _study_form(request)


@login_required
def study_edit(request, pk):
    return _study_form(request, get_study(request, pk, edit=True))


WINDOW_SOURCES = {
    "fixed": gettext_lazy("the study's end date"),
    "status": gettext_lazy("its status history"),
    "posts": gettext_lazy("its announcements"),
    "open": gettext_lazy("not reopened yet"),
}


@login_required
def study(request, pk):
    study = get_study(request, pk)
    sample = list(study.libraries.prefetch_related("mode_changes").order_by("province", "city", "slug"))
    windows = watch.study_windows(study, sample)
    rows = []
    for library in sample:
        window = windows[library.pk]
        rows.append(
            {
                "library": library,
                "window": window,
                "source": str(WINDOW_SOURCES[window.source]),
                "post_count": watch.posts_in_window(window, library).count(),
            }
        )
    shown = posts = None
    slug = request.GET.get("library", "")
    if slug:
        shown = next((library for library in sample if library.slug == slug), None)
        if shown is None:
            raise Http404
        posts = Paginator(watch.posts_in_window(windows[shown.pk], shown).order_by("published_on", "pk"), 50).get_page(
            request.GET.get("page")
        )
    context = {
        "study": study,
        "rows": rows,
        "coders": study.coders.order_by("name", "username"),
        "can_edit": watch.can_edit_study(request.user, study),
        "shown": shown,
        "posts": posts,
        "reports_url": optional_url("observatory:reports"),
        "coding_url": optional_url("observatory:coding"),
        "post_url": optional_url("observatory:post", 0).removesuffix("0/"),
    }
    return render(request, "insights/study_page.html", context)
