"""Background work of the archive, through Django's tasks framework (whichever backend settings.TASKS names;
without one, Django's ImmediateBackend runs the task at once, in the request that enqueued it)."""

from django.contrib.auth import get_user_model
from django.tasks import task

from lantern.core.models import Library

from .models import FixityRun
from .services.fixity import run_fixity_check


@task
def fixity_check(run_id: int, library_id: int | None = None, by_id: int | None = None) -> dict:
    """Re-hash the originals of one library (or of every library) into the already started run `run_id`.

    The run is started (and audited) by whoever enqueues this, so that the page shows it at once; arguments are
    ids, as a task's arguments must survive being queued as JSON.
    """
    run = FixityRun.objects.get(pk=run_id)
    library = Library.objects.get(pk=library_id) if library_id is not None else None
    by = get_user_model().objects.filter(pk=by_id).first() if by_id is not None else None
    run = run_fixity_check(library=library, by=by, run=run)
    return {"run": run.pk, "checked": run.checked, "problems": run.problems}
