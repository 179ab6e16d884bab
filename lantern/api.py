"""The API under /api/v1/: one NinjaAPI, each app's router wired in explicitly.

Errors are always JSON with a `detail` message, never an HTML page.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from lantern.archive.api import router as archive_router
from lantern.catalogue.api import router as catalogue_router
from lantern.core.api import router as core_router
from lantern.emergency.api import router as emergency_router
from lantern.infoservice.api import router as infoservice_router
from lantern.insights.api import router as insights_router
from lantern.lending.api import router as lending_router
from lantern.outreach.api import router as outreach_router
from lantern.programs.api import router as programs_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Lantern API",
    version="1",
    description="Libraries, their service status and what they did. Session or bearer-token auth.",
    urls_namespace="api",
    docs_url=None,  # lantern/api_docs.py serves an accessible page in its place
)
api.add_router("/", core_router)
api.add_router("/", insights_router)
api.add_router("/", catalogue_router)
api.add_router("/", emergency_router)
api.add_router("/", lending_router)
api.add_router("/", programs_router)
api.add_router("/", infoservice_router)
api.add_router("/", outreach_router)
api.add_router("/", archive_router)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": _("You do not have permission to do that.")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(request, {"detail": _("Sign in or send a valid API token.")}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages), "errors": exc.messages}, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_request(request, exc):
    return api.create_response(request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def server_error(request, exc):
    logger.exception("API error on %s", request.path)
    return api.create_response(request, {"detail": _("Something went wrong on our side. Try again later.")}, status=500)
