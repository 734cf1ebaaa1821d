"""Core endpoints: health, the current user, geography, offices, the audit log."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.security import django_auth

from nirvachan import __version__
from nirvachan.core import selectors, services
from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency, Office
from nirvachan.core.schemas import (
    AuditEventListOut,
    ConstituencyListOut,
    HealthOut,
    LanguageIn,
    MeOut,
    OfficeCreateIn,
    OfficeListOut,
    OfficeOut,
    OfficeUpdateIn,
    UnitListOut,
    UnitOut,
)

router = Router(tags=["core"])


def _unit(u: AdminUnit) -> dict[str, Any]:
    parent = u.path.rstrip("/").split("/")[-2] if u.depth else None
    return {
        "code": u.code,
        "kind": u.kind,
        "country": u.country,
        "parent": parent,
        "name": u.name,
        "name_en": u.name_en,
        "name_bn": u.name_bn,
        "name_hi": u.name_hi,
    }


def _office(o: Office) -> dict[str, Any]:
    return {
        "id": o.pk,
        "code": o.code,
        "kind": o.kind,
        "unit": o.unit.code,
        "name": o.name,
        "name_en": o.name_en,
        "name_bn": o.name_bn,
        "name_hi": o.name_hi,
        "address": o.address,
        "phone": o.phone,
        "email": o.email,
        "is_active": o.is_active,
    }


def _constituency(c: Constituency) -> dict[str, Any]:
    return {
        "code": c.code,
        "kind": c.kind,
        "number": c.number,
        "country": c.country,
        "unit": c.unit.code,
        "name": c.name,
        "name_en": c.name_en,
        "name_bn": c.name_bn,
        "name_hi": c.name_hi,
    }


def _event(e: AuditEvent) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor_name,
        "actor_role": e.actor_role,
        "event_type": e.event_type,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "summary": e.summary_data,
        "hash": e.hash,
    }


@router.get("/health", response=HealthOut, auth=None, summary="Service health")
def health(request: HttpRequest) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    return {"status": "ok", "database": database, "version": __version__}


@router.get("/me", response={200: MeOut, **ERRORS}, auth=django_auth, summary="The current user")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    scopes = selectors.user_scopes(user)
    return {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "language": user.preferred_language,
        "roles": selectors.user_roles(user),
        "scopes": [{"role": s.role, "unit": s.unit_code} for s in scopes],
    }


@router.put("/me/language", response={200: MeOut, **ERRORS}, auth=django_auth)
def me_language(request: HttpRequest, payload: LanguageIn) -> dict[str, Any]:
    services.user_language_set(user=request.user, language=payload.language)  # type: ignore[arg-type]
    return me(request)


@router.get("/units", response={200: UnitListOut, **ERRORS}, auth=None, summary="Admin units")
def unit_list(
    request: HttpRequest,
    parent: str = Query("", description="code of the parent unit; empty for countries"),
    page: int = 1,
    size: int = 100,
) -> dict[str, Any]:
    parent_unit = selectors.unit_get(code=parent) if parent else None
    result = selectors.paginate(selectors.unit_children(parent=parent_unit), page, size)
    return page_out(result, [_unit(u) for u in result.object_list])


@router.get("/units/{code}", response={200: UnitOut, **ERRORS}, auth=None)
def unit_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return _unit(selectors.unit_get(code=code))


@router.get("/constituencies", response={200: ConstituencyListOut, **ERRORS}, auth=None)
def constituency_list(
    request: HttpRequest, unit: str = "", kind: str = "", page: int = 1, size: int = 100
) -> dict[str, Any]:
    unit_obj = selectors.unit_get(code=unit) if unit else None
    result = selectors.paginate(selectors.constituency_list(unit=unit_obj, kind=kind), page, size)
    return page_out(result, [_constituency(c) for c in result.object_list])


@router.get("/offices", response={200: OfficeListOut, **ERRORS}, auth=django_auth)
def office_list(
    request: HttpRequest, q: str = "", unit: str = "", kind: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.office_list_for_user(request.user, search=q, unit_code=unit, kind=kind)
    result = selectors.paginate(qs, page, size)
    return page_out(result, [_office(o) for o in result.object_list])


@router.get("/offices/{office_id}", response={200: OfficeOut, **ERRORS}, auth=django_auth)
def office_detail(request: HttpRequest, office_id: int) -> dict[str, Any]:
    return _office(selectors.office_get_for_user(request.user, office_id))


@router.post("/offices", response={201: OfficeOut, **ERRORS}, auth=django_auth)
def office_create(request: HttpRequest, payload: OfficeCreateIn) -> Status:
    data = payload.dict()
    unit = selectors.unit_get(code=data.pop("unit"))
    office = services.office_create(actor=request.user, unit=unit, **data)
    return Status(201, _office(office))


@router.patch("/offices/{office_id}", response={200: OfficeOut, **ERRORS}, auth=django_auth)
def office_update(request: HttpRequest, office_id: int, payload: OfficeUpdateIn) -> dict[str, Any]:
    office = selectors.office_get_for_user(request.user, office_id, for_change=True)
    changes = payload.dict(exclude_none=True)
    return _office(services.office_update(actor=request.user, office=office, **changes))


@router.get("/audit/events", response={200: AuditEventListOut, **ERRORS}, auth=django_auth)
def audit_event_list(
    request: HttpRequest, event_type: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.audit_event_list_for_user(request.user, event_type=event_type)
    result = selectors.paginate(qs, page, size)
    return page_out(result, [_event(e) for e in result.object_list])
