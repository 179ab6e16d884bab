"""Staff pages of preservation: the library's files and their fixity checks (totals, the last runs and what
they found, a button to check now) and how to export a collection as a BagIt bag."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry
from lantern.core.permissions import get_library_for_staff

from ..models import Collection, FixityRun
from ..services import fixity
from ..tasks import fixity_check

RUNS_SHOWN = 10
logger = logging.getLogger(__name__)


def _staff_item_url(slug: str, reference: str) -> str:
    return reverse("archive:staff_item", args=[slug, reference])


def _runs(library) -> list[dict]:
    runs = list(fixity.runs_for(library).order_by("-started_at", "-pk")[:RUNS_SHOWN])
    whole_site = set(
        AuditEntry.objects.filter(
            action=fixity.AUDIT_ACTION,
            object_type=FixityRun._meta.label,
            object_id__in=[str(run.pk) for run in runs],
            library__isnull=True,
        ).values_list("object_id", flat=True)
    )
    shown = []
    for run in runs:
        problems = list(fixity.problems_of(run, library))
        for problem in problems:
            problem.item_url = _staff_item_url(library.slug, problem.file.item.reference)
        shown.append({"run": run, "whole_site": str(run.pk) in whole_site, "problems": problems})
    return shown


def _page(request, library, *, error: str = "", status: int = 200):
    collections = Collection.objects.filter(library=library).order_by("slug")
    return render(
        request,
        "archive/preservation/staff_preservation.html",
        {
            "library": library,
            "totals": fixity.preservation_totals(library),
            "runs": _runs(library),
            "running": fixity.running_check(library),
            "collections": collections,
            "error": error,
        },
        status=status,
    )


@login_required
def staff_preservation(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _page(request, library)


@login_required
@require_POST
def staff_fixity_run(request, slug):
    """Start a fixity check of this library's files (at once, or on the task worker when one is configured)."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    try:
        run = fixity.start_fixity_run(library=library, by=request.user)
    except Refused as exc:
        return _page(request, library, error=str(exc), status=exc.status)
    result = fixity_check.enqueue(run_id=run.pk, library_id=library.pk, by_id=request.user.pk)
    run.refresh_from_db()
    if result.status == TaskResultStatus.FAILED:
        if run.finished_at is None:
            FixityRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
        logger.error("Fixity check %s failed:\n%s", run.pk, "".join(error.traceback for error in result.errors))
        messages.error(
            request,
            _("The fixity check stopped with an error after %(checked)d files; the site's log has the details.")
            % {"checked": run.checked},
        )
        return redirect("archive:staff_preservation", library.slug)
    if run.finished_at is None:
        messages.info(request, _("The fixity check has started. Its result appears on this page when it ends."))
    elif run.problems:
        messages.warning(
            request,
            ngettext(
                "Fixity check done: %(checked)d files checked, %(problems)d is missing or changed.",
                "Fixity check done: %(checked)d files checked, %(problems)d are missing or changed.",
                run.problems,
            )
            % {"checked": run.checked, "problems": run.problems},
        )
    else:
        messages.success(
            request,
            ngettext(
                "Fixity check done: %(checked)d file checked, all unchanged.",
                "Fixity check done: %(checked)d files checked, all unchanged.",
                run.checked,
            )
            % {"checked": run.checked},
        )
    return redirect("archive:staff_preservation", library.slug)
