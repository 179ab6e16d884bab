"""The reader's "My loans" page at a library: open loans with due dates and fines so far, renewing online,
and the loans already returned."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import get_library

from ..models import Loan
from ..services import loans as services
from ..services.common import Refused, rules_for

HISTORY_SHOWN = 50


def get_own_loan(request, slug: str, pk: int) -> Loan:
    """The signed-in reader's own loan at this library; anyone else's is not found."""
    library = get_library(slug)
    loan = Loan.objects.select_related("library", "copy__record").filter(pk=pk, reader=request.user, library=library)
    loan = loan.first()
    if loan is None:
        raise Http404
    request.library = library
    return loan


@login_required
def my_loans(request, slug, *, error: str = "", status: int = 200):
    library = get_library(slug)
    request.library = library
    now = timezone.now()
    today = timezone.localdate(now)
    rules = rules_for(library)
    mine = Loan.objects.filter(reader=request.user, library=library).select_related("copy__record", "order")
    current = []
    for loan in mine.open().order_by("due_on", "pk"):
        loan.is_overdue = loan.due_on < today
        loan.fine_now = services.fine_so_far(loan, now)
        try:
            services.check_renewal(loan, now)
        except Refused as exc:
            loan.renewable, loan.why_not = False, str(exc)
        else:
            loan.renewable, loan.why_not = True, ""
        current.append(loan)
    returned = mine.filter(returned_at__isnull=False).order_by("-returned_at")[:HISTORY_SHOWN]
    context = {"library": library, "current": current, "returned": returned, "rules": rules, "error": error}
    return render(request, "lending/loans.html", context, status=status)


@login_required
@require_POST
def renew_loan(request, slug, pk):
    loan = get_own_loan(request, slug, pk)
    try:
        loan = services.renew(loan)
    except Refused as exc:
        return my_loans(request, slug, error=str(exc), status=exc.status)
    messages.success(
        request,
        _("Renewed: %(title)s is now due on %(date)s.")
        % {"title": loan.copy.record.title, "date": date_format(loan.due_on, "Y-m-d")},
    )
    return redirect("lending:loans", slug)
