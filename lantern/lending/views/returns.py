"""Staff pages of returns: the check-in at the door or book drop (a scanner types the barcode and Enter;
works without JavaScript), the quarantine board (what goes back on the shelf when), and the bulk
extension of every due date with a confirmation step."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lantern.core.permissions import get_library_for_staff

from ..forms_returns import CheckInForm, ExtendForm
from ..models import Loan
from ..services import loans as loan_services
from ..services import returns as services
from ..services.common import Refused, rules_for


def staff_returns(request, slug):
    """GET shows the check-in field and the board; POST checks one copy in and shows the result, with the
    field empty and focused again for the next scan."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    result, status = None, 200
    form = CheckInForm()
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                quarantine = services.check_in(
                    library,
                    data["barcode"],
                    method=data["method"],
                    material=data["material"],
                    stacked=data["stacked"],
                    by=request.user,
                )
            except Refused as exc:
                result, status = {"ok": False, "message": str(exc)}, exc.status
            else:
                until = date_format(timezone.localtime(quarantine.ends_at), "Y-m-d H:i")
                messages.success(
                    request,
                    _("Checked in %(barcode)s: in quarantine until %(until)s.")
                    % {"barcode": quarantine.copy.barcode, "until": until},
                )
                result = {"ok": True, "quarantine": quarantine}
            # Keep how and what, so that a pile of returns from the book drop is scanned barcode after barcode.
            form = CheckInForm(
                initial={"method": data["method"], "material": data["material"], "stacked": data["stacked"]}
            )
        else:
            status = 422
    context = {"library": library, "form": form, "result": result, "board": services.quarantine_board(library)}
    return render(request, "lending/returns.html", context, status=status)


def staff_extend_due_dates(request, slug):
    """Extend every open loan's due date: the form, then a preview of how many loans it touches, then
    the change once confirmed. Managers only: waiving fines is the library's decision."""
    library = get_library_for_staff(request.user, slug, manage=True)
    request.library = library
    open_loans = Loan.objects.filter(library=library).open()
    today = timezone.localdate()
    context = {
        "library": library,
        "open_count": open_loans.count(),
        "overdue_count": open_loans.filter(due_on__lt=today).count(),
        "rules": rules_for(library),
    }
    if request.method != "POST":
        return render(request, "lending/returns_extend.html", {**context, "form": ExtendForm()})
    form = ExtendForm(request.POST)
    if not form.is_valid() or "back" in request.POST:
        status = 200 if form.is_valid() else 422
        return render(request, "lending/returns_extend.html", {**context, "form": form}, status=status)
    if "confirm" not in request.POST:
        return render(request, "lending/returns_extend_confirm.html", {**context, "form": form})
    data = form.cleaned_data
    try:
        extended, waived = loan_services.extend_due_dates(
            library, data["days"], waive_fines=data["waive_fines"], by=request.user
        )
    except Refused as exc:
        form.add_error(None, str(exc))
        return render(request, "lending/returns_extend.html", {**context, "form": form}, status=exc.status)
    text = _("%(count)d open loans are now due %(days)d days later.") % {"count": extended, "days": data["days"]}
    if data["waive_fines"]:
        text += " " + _("%(count)d fines waived.") % {"count": waived}
    messages.success(request, text)
    return redirect("lending:staff_returns", slug)
