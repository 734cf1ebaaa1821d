"""The NinjaAPI instance at /api/v1/, its routers, and the one error handler."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from nirvachan import __version__
from nirvachan.core.api import router as core_router
from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.elections.api import router as elections_router
from nirvachan.finance.api import router as finance_router
from nirvachan.meetings.api import router as meetings_router
from nirvachan.monitoring.api import router as monitoring_router
from nirvachan.results.api import router as results_router
from nirvachan.roll.api import router as roll_router
from nirvachan.roll.api_applications import router as roll_applications_router
from nirvachan.station.api import router as station_router

log = logging.getLogger("nirvachan.api")

api = NinjaAPI(
    title="Nirvachan API",
    version="1",
    description="Election management for Bangladesh and India. Errors are "
    '`{"code", "message", "details"}` with the matching HTTP status.',
    urls_namespace="api",
    docs_url="/docs",
)


def _error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    response = api.create_response(
        request, {"code": code, "message": message, "details": details or {}}, status=status
    )
    retry_after = (details or {}).get("retry_after")
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, str(exc.code), exc.message, exc.details)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(
                str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")
            ),
            "message": str(err.get("msg", "")),
        }
        for err in exc.errors
    ]
    fields = ", ".join(e["field"] for e in errors if e["field"]) or "-"
    message = _("The request is not valid: %(fields)s.") % {"fields": fields}
    return _error(request, 422, str(CoreErrorCode.VALIDATION), message, {"errors": errors})


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, str(CoreErrorCode.NOT_AUTHENTICATED), _("Please log in."))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(CoreErrorCode.NOT_FOUND), _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(CoreErrorCode.PERMISSION_DENIED), _("You may not do this."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {
        400: "bad_request",
        401: "not_authenticated",
        403: "permission_denied",
        404: "not_found",
        405: "method_not_allowed",
        429: "throttled",
    }.get(exc.status_code, "error")
    return _error(request, exc.status_code, code, str(exc.message))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return _error(
        request,
        500,
        str(CoreErrorCode.INTERNAL),
        _("Something went wrong on our side; it is logged."),
    )


api.add_router("/", core_router)
api.add_router("/elections", elections_router)
api.add_router("/finance", finance_router)
api.add_router("/meetings", meetings_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/results", results_router)
api.add_router("/", station_router)  # /api/v1/station/… and /api/v1/turnout
api.add_router("/", roll_router)  # /api/v1/roll/… and /api/v1/sms/… (paths named in the issue)
api.add_router("/", roll_applications_router)  # /api/v1/roll/applications/form6|7|8
API_VERSION = __version__
