"""Observatory pages for ingest: the upload form, a job's result, the posts list and one post.

Researchers ingest into the libraries they watch (registered as watched-only, or in their studies) and
their own; staff of a Lantern library ingest into their own library and see its posts. Files are taken in
synchronously, capped at LANTERN_IMPORT_MAX_BYTES (20 MB by default); larger ones go through
`lantern ingest`.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library
from lantern.core.permissions import is_researcher, staffed_libraries

from .. import ingest
from ..ingest import csvfile
from ..ingest.service import ingest_content, max_upload_bytes
from ..models import CODES, Channel, IngestJob, Post, Study
from ..taxonomy import Category, Feature

CODE_LABELS = {**dict(Category.choices), **dict(Feature.choices)}


def ingest_libraries(user):
    """Libraries `user` may add posts to: watched ones and their studies' for researchers, plus their own."""
    own = staffed_libraries(user)
    if is_researcher(user):
        if user.is_superuser:
            return Library.objects.all()
        return Library.objects.filter(
            Q(observed_only=True) | Q(pk__in=own.values("pk")) | Q(studies__owner=user) | Q(studies__coders=user)
        ).distinct()
    return own


def visible_posts(user):
    """Posts `user` may read: every post for researchers (announcements are public), else their libraries'."""
    if is_researcher(user):
        return Post.objects.all()
    libraries = staffed_libraries(user)
    if not libraries.exists():
        raise PermissionDenied
    return Post.objects.filter(library__in=libraries)


def _allowed(user):
    libraries = ingest_libraries(user)
    if not libraries.exists():
        raise PermissionDenied
    return libraries


class IngestForm(NoColonMixin, forms.Form):
    library = forms.ModelChoiceField(
        label=gettext_lazy("Library"),
        queryset=Library.objects.none(),
        empty_label=gettext_lazy("Choose a library"),
        help_text=gettext_lazy("Rows of a CSV or JSON Lines file may name another library in their “library” column."),
    )
    channel = forms.ModelChoiceField(
        label=gettext_lazy("Channel"),
        queryset=Channel.objects.none(),
        required=False,
        empty_label=gettext_lazy("None"),
        help_text=gettext_lazy("Where the library published these posts, if it is registered."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "An RSS or Atom feed (.xml), a saved web page (.html), a WeChat article export (.html, .json, .md), "
            "CSV (.csv) or JSON Lines (.jsonl)."
        ),
        error_messages={"required": gettext_lazy("Choose a file."), "empty": gettext_lazy("The file is empty.")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Detect it for me")), *ingest.FORMAT_CHOICES],
        required=False,
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries.order_by("slug")
        self.fields["channel"].queryset = Channel.objects.filter(library__in=libraries).select_related("library")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be uploaded here. Ask for a command-line ingest.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload

    def clean(self):
        data = super().clean()
        channel, library = data.get("channel"), data.get("library")
        if channel and library and channel.library_id != library.pk:
            self.add_error("channel", _("This channel belongs to another library."))
        return data


def _upload_page(request, form, libraries, status=200):
    return render(
        request,
        "insights/ingest_upload.html",
        {
            "form": form,
            "header": ",".join(csvfile.HEADER),
            "recent": IngestJob.objects.filter(library__in=libraries).select_related("library")[:10],
            "max_bytes": max_upload_bytes(),
        },
        status=status,
    )


@login_required
def upload(request):
    libraries = _allowed(request.user)
    if request.method != "POST":
        return _upload_page(request, IngestForm(libraries=libraries), libraries)
    form = IngestForm(request.POST, request.FILES, libraries=libraries)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = ingest_content(
                upload.read(),
                library=form.cleaned_data["library"],
                source=upload.name,
                format=form.cleaned_data["format"] or None,
                channel=form.cleaned_data["channel"],
                by=request.user,
                allowed_libraries=set(libraries.values_list("pk", flat=True)),
            )
        except ingest.FileRejected as exc:
            form.add_error("file", exc.messages)
        else:
            return redirect("observatory:ingest_job", job.pk)
    return _upload_page(request, form, libraries, status=400)


@login_required
def job(request, pk):
    libraries = _allowed(request.user)
    job = get_object_or_404(IngestJob.objects.select_related("library", "channel", "started_by"), pk=pk)
    if not libraries.filter(pk=job.library_id).exists():
        raise PermissionDenied
    return render(
        request,
        "insights/ingest_job.html",
        {
            "job": job,
            "format_label": dict(ingest.FORMAT_CHOICES).get(job.format, job.format),
            "posts": job.posts.select_related("library")[:20],
        },
    )


class PostFilter(NoColonMixin, forms.Form):
    library = forms.ModelChoiceField(
        label=gettext_lazy("Library"), queryset=Library.objects.none(), required=False, empty_label=gettext_lazy("All")
    )
    study = forms.ModelChoiceField(
        label=gettext_lazy("Study"), queryset=Study.objects.none(), required=False, empty_label=gettext_lazy("Any")
    )
    published_from = forms.DateField(
        label=gettext_lazy("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_until = forms.DateField(
        label=gettext_lazy("until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("Any")), ("zh", gettext_lazy("Chinese")), ("en", gettext_lazy("English"))],
    )
    dated = forms.ChoiceField(
        label=gettext_lazy("Publication date"),
        required=False,
        choices=[("", gettext_lazy("Any")), ("yes", gettext_lazy("Known")), ("no", gettext_lazy("Unknown"))],
    )
    code = forms.ChoiceField(
        label=gettext_lazy("Code suggested"),
        required=False,
        choices=[("", gettext_lazy("Any")), *Category.choices, *Feature.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if is_researcher(user):
            libraries = Library.objects.filter(posts__isnull=False).distinct()
            studies = Study.objects.all() if user.is_superuser else Study.objects.filter(Q(owner=user) | Q(coders=user))
        else:
            libraries, studies = staffed_libraries(user), Study.objects.none()
        self.fields["library"].queryset = libraries.order_by("slug")
        self.fields["study"].queryset = studies.distinct()
        if not studies.exists():
            del self.fields["study"]


def _filtered(posts, form: PostFilter):
    if not form.is_valid():
        return posts
    data = form.cleaned_data
    if data.get("library"):
        posts = posts.filter(library=data["library"])
    if data.get("study"):
        study = data["study"]
        posts = posts.filter(library__in=study.libraries.all(), published_on__gte=study.starts_on)
        if study.ends_on:
            posts = posts.filter(published_on__lte=study.ends_on)
    if data.get("published_from"):
        posts = posts.filter(published_on__gte=data["published_from"])
    if data.get("published_until"):
        posts = posts.filter(published_on__lte=data["published_until"])
    if data.get("language"):
        posts = posts.filter(language=data["language"])
    if data.get("dated") == "yes":
        posts = posts.filter(published_on__isnull=False)
    elif data.get("dated") == "no":
        posts = posts.filter(published_on__isnull=True)
    if data.get("code") in CODES:
        posts = posts.filter(**{f"suggestion__{data['code']}": True})
    return posts


@login_required
def posts(request):
    visible = visible_posts(request.user)
    form = PostFilter(request.GET or None, user=request.user)
    found = _filtered(visible, form).select_related("library", "suggestion")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/post_list.html",
        {
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "can_ingest": ingest_libraries(request.user).exists(),
        },
    )


@login_required
def post(request, pk):
    item = get_object_or_404(visible_posts(request.user).select_related("library", "channel", "job"), pk=pk)
    suggestion = getattr(item, "suggestion", None)
    rows = []
    if suggestion is not None:
        for code in CODES:
            confidence = suggestion.confidence.get(code)
            rows.append(
                {
                    "code": code,
                    "label": CODE_LABELS[code],
                    "kind": _("category") if code in Category.values else _("feature"),
                    "suggested": getattr(suggestion, code),
                    "percent": round(confidence * 100) if isinstance(confidence, int | float) else None,
                }
            )
    return render(
        request,
        "insights/post_detail.html",
        {"post": item, "suggestion": suggestion, "rows": rows},
    )
