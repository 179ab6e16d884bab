"""Pages of services for special groups: the readers' directory (`/<slug>/access/`), a service with its
captioned video lessons, the captions files (served here as text/vtt, only for shown services), the easy
reading switch, and the staff pages (all without JavaScript; removals ask first; every change ends with a
message saying what happened)."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.audience import Audience
from lantern.core.permissions import get_library, get_library_for_staff

from .. import easy_reading
from ..forms_special import LessonForm, ServiceForm
from ..models import AccessibleService, Lesson
from ..services import special as services

TEMPLATES = "outreach/special/"
VIDEO_FILE = re.compile(r"\.(mp4|m4v|webm|ogv|ogg|mov)$", re.IGNORECASE)
CJK = re.compile(r"[\u3400-\u9fff]")
TIMING = re.compile(r"-->")


# --- fetching what a request names ---------------------------------------------------------------
def get_public_service(request, slug: str, pk: int) -> AccessibleService:
    """A service readers may see: shown, of this library."""
    library = get_library(slug)
    service = AccessibleService.objects.filter(library=library, pk=pk, published=True).first()
    if service is None:
        raise Http404
    request.library = library
    return service


def get_service_for_staff(request, slug: str, pk: int) -> AccessibleService:
    library = get_library_for_staff(request.user, slug)
    service = AccessibleService.objects.filter(library=library, pk=pk).select_related("library").first()
    if service is None:
        raise Http404
    request.library = library
    return service


def get_lesson(service: AccessibleService, lesson_pk: int) -> Lesson:
    lesson = service.lessons.filter(pk=lesson_pk).first()
    if lesson is None:
        raise Http404
    return lesson


# --- captions ------------------------------------------------------------------------------------
def captions_text(lesson: Lesson) -> str:
    if not lesson.captions or not lesson.captions.storage.exists(lesson.captions.name):
        return ""
    with lesson.captions.open("rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def transcript(text: str) -> list[str]:
    """The cue texts of a WebVTT file, in order, without header, timings, notes or markup: the captions
    as plain text for people who cannot play the video."""
    lines, blocks = [], re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    for block in blocks[1:]:
        rows = block.strip().split("\n")
        timing = next((i for i, row in enumerate(rows) if TIMING.search(row)), None)
        if timing is None:
            continue  # NOTE, STYLE and REGION blocks have no timing
        words = " ".join(re.sub(r"<[^>]+>", "", row).strip() for row in rows[timing + 1 :]).strip()
        if words:
            lines.append(words)
    return lines


def _lesson_rows(service: AccessibleService) -> list[dict]:
    rows = []
    for lesson in service.lessons.order_by("position", "pk"):
        text = captions_text(lesson)
        chinese = bool(CJK.search(text))
        rows.append(
            {
                "lesson": lesson,
                "is_file": bool(VIDEO_FILE.search(urlsplit(lesson.video_url).path)),
                "srclang": "zh-Hans" if chinese else "en",
                "label": _("Chinese captions") if chinese else _("English captions"),
                "transcript": transcript(text),
            }
        )
    return rows


def _allow_videos(response, rows):
    """The site's CSP allows media from itself only: add the origins of this page's video files."""
    origins = set()
    for row in rows:
        parts = urlsplit(row["lesson"].video_url)
        if row["is_file"] and parts.scheme in ("https", "http") and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    if origins:
        response._csp_config = {**settings.SECURE_CSP, "media-src": [CSP.SELF, *sorted(origins)]}
    return response


# --- readers' pages ------------------------------------------------------------------------------
def access_directory(request, slug):
    """The library's shown services, grouped by the group they serve (in the order of the audience list)."""
    library = get_library(slug)
    request.library = library
    services_shown = list(AccessibleService.objects.filter(library=library, published=True).order_by("position", "pk"))
    groups = []
    for value, label in Audience.choices:
        members = [service for service in services_shown if service.audience == value]
        if members:
            groups.append({"label": label, "services": members})
    return render(request, TEMPLATES + "directory.html", {"library": library, "groups": groups})


def service_page(request, slug, pk):
    service = get_public_service(request, slug, pk)
    rows = _lesson_rows(service)
    response = render(
        request, TEMPLATES + "service.html", {"library": service.library, "service": service, "rows": rows}
    )
    return _allow_videos(response, rows)


def lesson_captions(request, slug, pk, lesson_pk):
    """A lesson's captions track, as text/vtt from the site's own origin (the <track> needs that)."""
    lesson = get_lesson(get_public_service(request, slug, pk), lesson_pk)
    text = captions_text(lesson)
    if not text:
        raise Http404
    response = HttpResponse(text, content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_POST
def easy_reading_switch(request, slug):
    """Switch easy reading on or off (the `easy_reading` field: on or off) and go back to the same page."""
    library = get_library(slug)
    choice = request.POST.get("easy_reading", "")
    target = easy_reading.safe_next(request, reverse("library_home", args=[library.slug]))
    if choice not in ("on", "off"):
        messages.error(request, _("Choose to switch easy reading on or off."))
        return redirect(target)
    on = choice == "on"
    messages.success(request, _("Easy reading is on.") if on else _("Easy reading is off."))
    return easy_reading.remember(redirect(target), on, secure=request.is_secure())


# --- staff pages ---------------------------------------------------------------------------------
def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _to_service(service, anchor: str = ""):
    url = reverse("outreach:staff_service", args=[service.library.slug, service.pk])
    return redirect(url + anchor)


@login_required
def staff_access(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    rows = AccessibleService.objects.filter(library=library).prefetch_related("lessons").order_by("position", "pk")
    return render(request, TEMPLATES + "staff_list.html", {"library": library, "services": rows})


@login_required
def service_create(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _service_form(request, library, None)


@login_required
def service_edit(request, slug, pk):
    service = get_service_for_staff(request, slug, pk)
    return _service_form(request, service.library, service)


def _service_form(request, library, service):
    form = ServiceForm(request.POST or None, initial=ServiceForm.initial_for(service))
    if request.method == "POST" and form.is_valid():
        try:
            if service is None:
                service = services.create_service(library, by=request.user, **form.cleaned_data)
                done = _("The service “%(title)s” is saved. Readers do not see it until you show it.")
            else:
                services.update_service(service, by=request.user, **form.cleaned_data)
                done = _("The service “%(title)s” is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done % {"title": service.title})
            return _to_service(service)
    context = {"library": library, "service": service, "form": form}
    return render(request, TEMPLATES + "service_form.html", context, status=400 if form.errors else 200)


@login_required
def staff_service(request, slug, pk):
    service = get_service_for_staff(request, slug, pk)
    lessons = service.lessons.order_by("position", "pk")
    return render(
        request, TEMPLATES + "staff_service.html", {"library": service.library, "service": service, "lessons": lessons}
    )


def _confirm(request, service, action, *, lesson=None, status=200):
    context = {"library": service.library, "service": service, "action": action, "lesson": lesson}
    return render(request, TEMPLATES + "confirm.html", context, status=status)


def _publish_step(request, slug, pk, action, change, done):
    service = get_service_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, service, action)
    try:
        change(service, by=request.user)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return _confirm(request, service, action, status=400)
    messages.success(request, done % {"title": service.title})
    return _to_service(service)


@login_required
def service_publish(request, slug, pk):
    done = _("“%(title)s” is shown to readers in the services directory.")
    return _publish_step(request, slug, pk, "publish", services.publish_service, done)


@login_required
def service_unpublish(request, slug, pk):
    done = _("“%(title)s” is hidden from readers. Show it again at any time.")
    return _publish_step(request, slug, pk, "unpublish", services.unpublish_service, done)


@login_required
@require_POST
def service_move(request, slug, pk):
    service = get_service_for_staff(request, slug, pk)
    try:
        services.move_service(service, request.POST.get("direction", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("“%(title)s” is moved.") % {"title": service.title})
    return redirect(reverse("outreach:staff_access", args=[slug]) + f"#service-{service.pk}")


@login_required
def service_remove(request, slug, pk):
    service = get_service_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, service, "remove")
    if request.POST.get("confirm") != "remove":
        messages.error(request, _("Tick the box to confirm that you want to remove this service."))
        return _confirm(request, service, "remove", status=400)
    title = service.title
    services.remove_service(service, by=request.user)
    messages.success(request, _("The service “%(title)s” and its lessons are removed.") % {"title": title})
    return redirect("outreach:staff_access", slug)


# --- lessons -------------------------------------------------------------------------------------
def _lesson_form(request, service, lesson=None):
    form = LessonForm(request.POST or None, request.FILES or None, initial=LessonForm.initial_for(lesson))
    if request.method == "POST" and form.is_valid():
        try:
            if lesson is None:
                lesson = services.add_lesson(service, by=request.user, **form.cleaned_data)
                done = _("The lesson “%(title)s” is added.")
            else:
                services.update_lesson(lesson, by=request.user, **form.cleaned_data)
                done = _("The lesson “%(title)s” is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done % {"title": lesson.title})
            return _to_service(service, f"#lesson-{lesson.pk}")
    context = {"library": service.library, "service": service, "lesson": lesson, "form": form}
    return render(request, TEMPLATES + "lesson_form.html", context, status=400 if form.errors else 200)


@login_required
def lesson_create(request, slug, pk):
    return _lesson_form(request, get_service_for_staff(request, slug, pk))


@login_required
def lesson_edit(request, slug, pk, lesson_pk):
    service = get_service_for_staff(request, slug, pk)
    return _lesson_form(request, service, get_lesson(service, lesson_pk))


@login_required
@require_POST
def lesson_move(request, slug, pk, lesson_pk):
    service = get_service_for_staff(request, slug, pk)
    lesson = get_lesson(service, lesson_pk)
    try:
        services.move_lesson(lesson, request.POST.get("direction", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The lesson “%(title)s” is moved.") % {"title": lesson.title})
    return _to_service(service, f"#lesson-{lesson.pk}")


@login_required
def lesson_remove(request, slug, pk, lesson_pk):
    service = get_service_for_staff(request, slug, pk)
    lesson = get_lesson(service, lesson_pk)
    if request.method != "POST":
        return _confirm(request, service, "remove_lesson", lesson=lesson)
    if request.POST.get("confirm") != "remove":
        messages.error(request, _("Tick the box to confirm that you want to remove this lesson."))
        return _confirm(request, service, "remove_lesson", lesson=lesson, status=400)
    title = lesson.title
    try:
        services.remove_lesson(lesson, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return _confirm(request, service, "remove_lesson", lesson=lesson, status=409)
    messages.success(request, _("The lesson “%(title)s” is removed.") % {"title": title})
    return _to_service(service)
