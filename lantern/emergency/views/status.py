"""Pages of service status: the staff page that closes or reopens a library in one confirmed step, the
review of each run, and the public network status board with its timeline chart."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lantern.core.models import Network
from lantern.core.permissions import can_manage, get_library_for_staff

from .. import status
from ..forms_status import ClosureForm, WindowForm
from ..models import ClosureRun
from ..services import closure


def get_run_for_staff(request, slug: str, pk: int) -> ClosureRun:
    library = get_library_for_staff(request.user, slug)
    run = ClosureRun.objects.filter(library=library, pk=pk).select_related("library", "started_by").first()
    if run is None:
        raise Http404
    request.library = library
    return run


def _status_page(request, library, form, *, may_change: bool, status_code: int = 200):
    return render(
        request,
        "emergency/status_staff.html",
        {
            "library": library,
            "form": form,
            "may_change": may_change,
            "mode_changes": library.mode_changes.select_related("changed_by").order_by("-since", "-pk")[:50],
            "runs": library.closure_runs.select_related("started_by")[:50],
        },
        status=status_code,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_status(request, slug):
    """GET: the mode, its history, past runs and the form. POST: the confirmation page; POST with
    `confirm`: do it. Plain staff see the page without the form; only managers and coordinators change."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    may_change = can_manage(request.user, library)
    if request.method == "GET":
        initial = {
            "mode": library.service_mode,
            "message_zh": library.mode_message_zh_hans,
            "message_en": library.mode_message_en,
            "expected_reopening": library.expected_reopening,
        }
        form = ClosureForm(initial=initial, library=library, user=request.user)
        return _status_page(request, library, form, may_change=may_change)
    if not may_change:
        raise PermissionDenied
    form = ClosureForm(request.POST, library=library, user=request.user)
    if not form.is_valid():
        return _status_page(request, library, form, may_change=True, status_code=400)
    if "back" in request.POST:
        return _status_page(request, library, form, may_change=True)
    if "confirm" not in request.POST:
        return render(
            request,
            "emergency/closure_confirm.html",
            {"library": library, "form": form, "plan": form.plan, "preview": closure.preview_closure(form.plan)},
        )
    run = closure.run_closure(form.plan)
    return redirect("emergency:status_run", slug=library.slug, pk=run.pk)


@login_required
def staff_run(request, slug, pk):
    run = get_run_for_staff(request, slug, pk)
    results = [{**result, "label": closure.action_label(result["action"])} for result in run.results]
    return render(
        request,
        "emergency/closure_run.html",
        {"library": run.library, "run": run, "results": results, "failed": any(not r["ok"] for r in results)},
    )


def network_board(request, network):
    network = Network.objects.filter(slug=network).first()
    if network is None:
        raise Http404
    libraries = list(status.network_libraries(network))
    default = status.default_window(libraries, timezone.now())
    initial = {"start": timezone.localtime(default[0]).date(), "end": timezone.localtime(default[1]).date()}
    window_form = WindowForm(request.GET or None, initial=initial)
    if window_form.is_bound and not window_form.is_valid():
        start, end = default
        code = 400
    else:
        start, end = window_form.window(default) if window_form.is_bound else default
        code = 200
    rows = status.board_rows(libraries, start, end)
    return render(
        request,
        "emergency/network_board.html",
        {
            "network": network,
            "rows": rows,
            "start": start,
            "end": end,
            "chart": status.timeline_svg(rows, start, end, ident="timeline"),
            "legend": status.legend(),
            "window_form": window_form,
        },
        status=code,
    )
