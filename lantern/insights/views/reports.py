"""Report pages of the observatory: choose a scope and a window, read the report (tables with their charts
beside them), and download each chart as PNG, each table as CSV, all tables as XLSX, the printable PDF, and
the posts for qualitative-analysis tools (REFI-QDA project, or CSV).

A library's report is for its staff, a network's for its coordinator, province and study reports for
researchers (who may see every report). Bad input is answered with the chooser and a message, never a 500.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.forms import NoColonMixin

from ..reports import CODING, KINDS, build_report, check_may_see, resolve_scope
from ..reports.charts import CHARTS, chart_svg, svg_to_png
from ..reports.data import no_research_note
from ..reports.exports import posts_csv, report_pdf, report_qdpx, report_xlsx, table_csv, tables
from ..reports.scope import choices_for


class ReportForm(NoColonMixin, forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("Report on"), choices=list(KINDS.items()))
    key = forms.CharField(
        label=gettext_lazy("Which one"),
        max_length=200,
        help_text=gettext_lazy("The library's or network's short name, the province, or the study's number."),
        widget=forms.TextInput(attrs={"list": "report-keys", "autocomplete": "off"}),
    )
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty for everything (a study: each library's own window)."),
    )
    end = forms.DateField(label=gettext_lazy("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    coding = forms.ChoiceField(label=gettext_lazy("Codes"), choices=list(CODING.items()), initial="all", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return data


def _chooser(request, form, status: int = 200):
    choices = choices_for(request.user)
    return render(
        request,
        "insights/report_choose.html",
        {"form": form, "choices": choices, "kinds": KINDS},
        status=status,
    )


def _resolve(request):
    """(form, report) for the query string, or (form, response) when the input is wrong."""
    form = ReportForm(request.GET)
    if not form.is_valid():
        return form, _chooser(request, form, 400)
    data = form.cleaned_data
    try:
        scope = resolve_scope(data["scope"], data["key"])
        check_may_see(request.user, scope)
        report = build_report(scope, data["start"], data["end"], data["coding"] or "all")
    except Refused as refused:
        form.add_error(None, str(refused))
        return form, _chooser(request, form, 400 if refused.status == 422 else refused.status)
    return form, report


def _query(report) -> str:
    return urlencode(
        {
            "scope": report.scope.kind,
            "key": report.scope.key,
            "start": report.start.isoformat(),
            "end": report.end.isoformat(),
            "coding": report.coding,
        }
    )


@login_required
def choose(request):
    if not choices_for(request.user):
        raise PermissionDenied
    return _chooser(request, ReportForm(initial={"coding": "all"}))


@login_required
def report(request):
    form, result = _resolve(request)
    if isinstance(result, HttpResponse):
        return result
    query = _query(result)
    all_tables = tables(result)
    sections = [
        {
            "name": name,
            "table": all_tables[name],
            "chart": chart_svg(result, name),
            "png": reverse("observatory:report_export", args=["png"]) + f"?{query}&chart={name}",
            "csv": reverse("observatory:report_export", args=["csv"]) + f"?{query}&table={name}",
        }
        for name in CHARTS
    ]
    return render(
        request,
        "insights/report_show.html",
        {
            "report": result,
            "sections": sections,
            "libraries_table": all_tables["libraries"],
            "libraries_csv": reverse("observatory:report_export", args=["csv"]) + f"?{query}&table=libraries",
            "query": query,
            "research_note": no_research_note(),
            "form": form,
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export(request, fmt):
    if fmt not in ("csv", "xlsx", "pdf", "png", "qdpx", "posts"):
        raise Http404
    _form, result = _resolve(request)
    if isinstance(result, HttpResponse):
        return result
    stem = f"lantern-{result.scope.kind}-{result.scope.key}-{result.start:%Y%m%d}-{result.end:%Y%m%d}"
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in stem)
    if fmt == "csv":
        all_tables = tables(result)
        name = request.GET.get("table", "")
        if name not in all_tables:
            raise Http404
        return _download(table_csv(all_tables[name]), "text/csv; charset=utf-8", f"{stem}-{name}.csv")
    if fmt == "png":
        name = request.GET.get("chart", "")
        if name not in CHARTS:
            raise Http404
        return _download(svg_to_png(str(chart_svg(result, name))), "image/png", f"{stem}-{name}.png")
    if fmt == "xlsx":
        return _download(
            report_xlsx(result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{stem}.xlsx"
        )
    if fmt == "pdf":
        return _download(report_pdf(result), "application/pdf", f"{stem}.pdf")
    if fmt == "qdpx":
        return _download(report_qdpx(result), "application/zip", f"{stem}.qdpx")
    return _download(posts_csv(result), "text/csv; charset=utf-8", f"{stem}-posts.csv")
