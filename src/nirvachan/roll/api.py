"""API of the roll app, mounted at the API root: /api/v1/roll/… and /api/v1/sms/…"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from ninja import Router
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.errors import DomainError
from nirvachan.core.selectors import paginate
from nirvachan.roll import selectors, services, sms, throttle
from nirvachan.roll.models import Application, Elector, Part
from nirvachan.roll.schemas import (
    ApplicationDecideIn,
    ApplicationListOut,
    ApplicationOut,
    ApplicationVerifyIn,
    ElectorOut,
    ElectorPublicOut,
    ElectorSearchOut,
    PartElectorListOut,
    PartListOut,
    SmsInboundOut,
)

router = Router(tags=["roll"])

# Per-client limits of the public services (requests per window of seconds): per address, or
# per device when the request carries the find page's device cookie, the address then being
# held to the wider "…_address" limit (a carrier-NAT address serves many households).
LOOKUP_LIMIT = (30, 60)
SEARCH_LIMIT = (20, 60)
SMS_LIMIT = (10, 3600)
LOOKUP_ADDRESS_LIMIT = (300, 60)
SEARCH_ADDRESS_LIMIT = (200, 60)
DEVICE_LIMIT = (30, 3600)  # device cookies one address is given in an hour

DEVICE_COOKIE = "nv_device"
DEVICE_SALT = "nirvachan.roll.device"
DEVICE_MAX_AGE = 30 * 24 * 3600


def _limit(name: str) -> tuple[int, int]:
    default = {
        "lookup": LOOKUP_LIMIT,
        "search": SEARCH_LIMIT,
        "sms": SMS_LIMIT,
        "lookup_address": LOOKUP_ADDRESS_LIMIT,
        "search_address": SEARCH_ADDRESS_LIMIT,
        "device": DEVICE_LIMIT,
    }[name]
    return tuple(getattr(settings, "ROLL_RATE_LIMITS", {}).get(name, default))  # type: ignore[return-value]


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def device_of(request: HttpRequest) -> str | None:
    """The device id of a valid (signed, unexpired) device cookie, else None."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    device = value.get("d") if isinstance(value, dict) else None
    return device if isinstance(device, str) and device.isalnum() else None


def device_issue(request: HttpRequest, response: HttpResponse) -> None:
    """Give a browser without a valid device cookie one, while its address has not been
    given DEVICE_LIMIT of them this hour (past that it stays on the per-address limits)."""
    if device_of(request) is not None:
        return
    limit, window = _limit("device")
    try:
        throttle.count(client=_client(request), scope="device", limit=limit, window_seconds=window)
    except DomainError:
        return
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"d": uuid.uuid4().hex}, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _count(request: HttpRequest, scope: str, client: str | None = None) -> None:
    limit, window = _limit(scope)
    device = device_of(request) if client is None and scope == "search" else None
    throttle.count(
        client=client or _client(request),
        scope=scope,
        limit=limit,
        window_seconds=window,
        device=device,
        address_limit=_limit("search_address")[0] if device else 0,
    )


def lookup_key(request: HttpRequest, epic: str) -> str:
    """Count a public EPIC lookup (per device or per address), trace the number and return it
    parsed: 429 over a limit or on a walk, 422 for a malformed number."""
    limit, window = _limit("lookup")
    device = device_of(request)
    return throttle.lookup(
        client=_client(request),
        epic=epic,
        limit=limit,
        window_seconds=window,
        device=device,
        address_limit=_limit("lookup_address")[0] if device else 0,
    )


def _elector(e: Elector) -> dict[str, Any]:
    return {
        "epic": e.key,
        "key_kind": e.key_kind,
        "name": e.name,
        "relative_name": e.relative_name,
        "relation": e.relation,
        "gender": e.gender,
        "dob": e.dob,
        "age": e.age,
        "house_no": e.house_no,
        "address": e.address,
        "constituency": e.constituency.code,
        "part": e.part.number,
        "serial": e.serial,
        "status": e.status,
        "status_reason": e.status_reason,
    }


def _part(p: Part) -> dict[str, Any]:
    return {
        "id": p.pk,
        "constituency": p.constituency.code,
        "number": p.number,
        "name": p.name,
        "polling_station": p.polling_station.name,
    }


def _application(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "form": a.form,
        "status": a.status,
        "constituency": a.constituency.code,
        "part": a.part.number if a.part else None,
        "epic": a.elector.key if a.elector else None,
        "name": a.name or (a.elector.name if a.elector else ""),
        "applicant": a.applicant_ref,
        "possible_duplicate": a.possible_duplicate.key if a.possible_duplicate else None,
        "burst_flag": a.burst_flag,
        "notice_date": a.notice_date,
        "hearing_date": a.hearing_date,
        "field_report": a.field_report,
        "decision_reason": a.decision_reason,
    }


# --- public ----------------------------------------------------------------------------------


@router.get(
    "/roll/electors/{epic}",
    response={200: ElectorPublicOut, **ERRORS},
    auth=None,
    summary="Find an elector by EPIC (or NID) number",
)
def elector_lookup(request: HttpRequest, epic: str) -> dict[str, Any]:
    key = lookup_key(request, epic)
    return selectors.public_record(selectors.elector_public(epic=key))


@router.get(
    "/roll/search",
    response={200: ElectorSearchOut, **ERRORS},
    auth=None,
    summary="Find electors by name and relative's name or age, in a district or constituency",
)
def elector_search(
    request: HttpRequest,
    name: str = "",
    relative: str = "",
    age: int | None = None,
    state: str = "",
    district: str = "",
    constituency: str = "",
) -> dict[str, Any]:
    _count(request, "search")
    hits = selectors.elector_search(
        name=name,
        relative=relative,
        age=age,
        state=state,
        district=district,
        constituency=constituency,
    )
    return {"count": len(hits), "items": [selectors.public_record(h.elector) for h in hits]}


@router.post(
    "/sms/inbound",
    response={200: SmsInboundOut, **ERRORS},
    auth=None,
    summary="Inbound SMS (JSON or form-encoded {from, text}) → reply",
)
def sms_inbound(request: HttpRequest) -> dict[str, str]:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
    else:
        data = request.POST.dict() if request.POST else QueryDict(request.body).dict()
    sender = str(data.get("from", "")).strip() or _client(request)
    _count(request, "sms", client=f"sms:{sender}")
    return {"reply": sms.reply_for(str(data.get("text", "")))}


# --- officers --------------------------------------------------------------------------------


@router.get("/roll/records/{epic}", response={200: ElectorOut, **ERRORS}, auth=django_auth)
def elector_record(request: HttpRequest, epic: str) -> dict[str, Any]:
    return _elector(selectors.elector_get_for_user(request.user, epic))


@router.get("/roll/parts", response={200: PartListOut, **ERRORS}, auth=django_auth)
def part_list(
    request: HttpRequest, constituency: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    result = paginate(
        selectors.part_list_for_user(request.user, constituency=constituency), page, size
    )
    return page_out(result, [_part(p) for p in result.object_list])


@router.get(
    "/roll/parts/{part_id}/electors",
    response={200: PartElectorListOut, **ERRORS},
    auth=django_auth,
)
def part_electors(
    request: HttpRequest, part_id: int, sort: str = "serial", page: int = 1, size: int = 50
) -> dict[str, Any]:
    part = selectors.part_get_for_user(request.user, part_id)
    result = paginate(selectors.part_electors(part, sort=sort), page, size)
    for e in result.object_list:
        e.part, e.constituency = part, part.constituency
    return page_out(result, [_elector(e) for e in result.object_list])


@router.get("/roll/applications", response={200: ApplicationListOut, **ERRORS}, auth=django_auth)
def application_list(
    request: HttpRequest, status: str = "", form: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.application_list_for_user(request.user, status=status, form=form)
    result = paginate(qs, page, size)
    return page_out(result, [_application(a) for a in result.object_list])


@router.post(
    "/roll/applications/{application_id}/verify",
    response={200: ApplicationOut, **ERRORS},
    auth=django_auth,
)
def application_verify(
    request: HttpRequest, application_id: int, payload: ApplicationVerifyIn
) -> dict[str, Any]:
    application = selectors.application_get_for_user(request.user, application_id)
    return _application(
        services.application_verify(
            actor=request.user, application=application, report=payload.report
        )
    )


@router.post(
    "/roll/applications/{application_id}/decide",
    response={200: ApplicationOut, **ERRORS},
    auth=django_auth,
)
def application_decide(
    request: HttpRequest, application_id: int, payload: ApplicationDecideIn
) -> dict[str, Any]:
    application = selectors.application_get_for_user(request.user, application_id, for_change=True)
    return _application(
        services.application_decide(
            actor=request.user,
            application=application,
            accept=payload.accept,
            reason=payload.reason,
        )
    )
