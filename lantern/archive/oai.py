"""The OAI-PMH 2.0 data provider at /oai (oai_dc; sets for libraries and their collections)."""

from django.http import HttpResponse


def endpoint(request):
    return HttpResponse(status=501)
