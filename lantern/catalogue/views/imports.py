"""Staff pages for importing records: the upload form, an import's result, and the example CSV file.

Imports run synchronously in the request: files are capped (LANTERN_IMPORT_MAX_BYTES, 20 MB by default)
and a few thousand records import in seconds; larger files go through `lantern import-records`.
"""

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.catalogue import imports
from lantern.catalogue.imports import csvfile
from lantern.catalogue.services.records import import_file, max_upload_bytes
from lantern.core.forms import NoColonMixin
from lantern.core.permissions import get_library_for_staff


class ImportForm(NoColonMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File of records"),
        help_text=gettext_lazy("MARC21 (.mrc, .dat), MARCXML (.xml), UNIMARC/CNMARC (.iso, .mrc) or CSV (.csv)."),
        error_messages={
            "required": gettext_lazy("Choose a file to import."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Detect it for me")), *imports.FORMAT_CHOICES],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be uploaded here. Ask for a command-line import.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload


def _upload_page(request, library, form, status=200):
    return render(
        request,
        "catalogue/import.html",
        {
            "library": library,
            "form": form,
            "header": ",".join(csvfile.HEADER),
            "recent": library.import_jobs.select_related("started_by")[:10],
            "max_bytes": max_upload_bytes(),
        },
        status=status,
    )


@login_required
def import_page(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    if request.method != "POST":
        return _upload_page(request, library, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_file(
                upload,
                library=library,
                format=form.cleaned_data["format"] or None,
                by=request.user,
                filename=upload.name,
            )
        except imports.FileRejected as exc:
            form.add_error("file", exc.messages)
        else:
            return redirect("catalogue:import_job", library.slug, job.pk)
    return _upload_page(request, library, form, status=400)


@login_required
def import_job_page(request, slug, pk):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    job = get_object_or_404(library.import_jobs, pk=pk)
    return render(
        request,
        "catalogue/import_job.html",
        {
            "library": library,
            "job": job,
            "format_label": dict(imports.FORMAT_CHOICES).get(job.format, job.format),
            "rejections": [p for p in job.problems if p.get("rejected", True)],
            "repairs": [p for p in job.problems if not p.get("rejected", True) and not p.get("copy")],
            "copy_problems": [p for p in job.problems if p.get("copy")],
        },
    )


@login_required
def example_csv(request, slug):
    get_library_for_staff(request.user, slug)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csvfile.HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csvfile.EXAMPLE)
    # A byte-order mark so that Excel opens the Chinese text as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lantern-records-example.csv"'
    return response
