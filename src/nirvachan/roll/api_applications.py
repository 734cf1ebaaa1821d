"""API of the roll's public Form 6/7/8 submissions and of the duplicate review, mounted at the
API root beside roll.api's router: /api/v1/roll/applications/form6|form7|form8 and
/api/v1/roll/duplicates…  (Its schemas are here, one per endpoint and direction.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.selectors import paginate
from nirvachan.roll import queries, services
from nirvachan.roll.models import Application, DuplicatePair, Elector

router = Router(tags=["roll"])

APPLY_LIMIT = (20, 3600)  # submissions per client address per hour (as the pages)


class InclusionIn(Schema):
    constituency: str  # the assembly constituency's code, e.g. "IN-UP-AC-390"
    part: int | None = None
    applicant: str
    name: str
    relative_name: str
    relation: str
    gender: str
    dob: dt.date
    citizen: bool
    resident: bool
    house_no: str = ""
    address: str = ""
    nid: str = ""


class DeletionIn(Schema):
    epic: str
    applicant: str  # the objector's EPIC/NID number (an elector of the same constituency)
    reason: str


class ShiftIn(Schema):
    constituency: str = ""  # code; empty = the entry's own constituency
    part: int


class CorrectionIn(Schema):
    epic: str
    applicant: str
    changes: dict[str, str] = {}
    shift: ShiftIn | None = None
    reason: str = ""


class ApplicationReceiptOut(Schema):
    id: int
    form: str
    status: str
    constituency: str
    qualifying_date: dt.date | None
    notice_date: dt.date | None
    hearing_date: dt.date | None


class DuplicateEntryOut(Schema):
    epic: str
    name: str
    relative_name: str
    dob: dt.date | None
    age: int | None
    gender: str
    house_no: str
    address: str
    constituency: str
    part: int
    serial: int


class DuplicateOut(Schema):
    id: int
    source: str
    probability: float | None
    verdict: str
    earlier: DuplicateEntryOut
    later: DuplicateEntryOut
    notice: int | None


class DuplicateListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[DuplicateOut]


class DuplicateDecideIn(Schema):
    same: bool


def apply_limit() -> tuple[int, int]:
    """(submissions, window seconds) per client address for Form 6/7/8, pages and API."""
    limit, window = getattr(settings, "ROLL_RATE_LIMITS", {}).get("apply", APPLY_LIMIT)
    return int(limit), int(window)


def _count(request: HttpRequest) -> None:
    limit, window = apply_limit()
    services.lookup_count(
        client=request.META.get("REMOTE_ADDR") or "unknown",
        scope="apply",
        limit=limit,
        window_seconds=window,
    )


def _receipt(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "form": a.form,
        "status": a.status,
        "constituency": a.constituency.code,
        "qualifying_date": a.qualifying_date,
        "notice_date": a.notice_date,
        "hearing_date": a.hearing_date,
    }


def _entry(e: Elector) -> dict[str, Any]:
    return {
        "epic": e.key,
        "name": e.name,
        "relative_name": e.relative_name,
        "dob": e.dob,
        "age": e.age,
        "gender": e.gender,
        "house_no": e.house_no,
        "address": e.address,
        "constituency": e.constituency.code,
        "part": e.part.number,
        "serial": e.serial,
    }


def _pair(p: DuplicatePair) -> dict[str, Any]:
    return {
        "id": p.pk,
        "source": p.source,
        "probability": p.probability,
        "verdict": p.verdict,
        "earlier": _entry(p.first),
        "later": _entry(p.second),
        "notice": p.notice_id,
    }


@router.post(
    "/roll/applications/form6",
    response={201: ApplicationReceiptOut, **ERRORS},
    auth=None,
    summary="Form 6: apply for inclusion (eligibility checked now; duplicates flagged)",
)
def form6_submit(request: HttpRequest, payload: InclusionIn) -> Status[dict[str, Any]]:
    _count(request)
    constituency = queries.constituency_by_code(payload.constituency, "constituency")
    application = services.inclusion_submit(
        constituency=constituency,
        part=queries.part_for_form(constituency, payload.part, "part"),
        applicant_ref=payload.applicant,
        name=payload.name,
        relative_name=payload.relative_name,
        relation=payload.relation,
        gender=payload.gender,
        dob=payload.dob,
        citizen=payload.citizen,
        resident=payload.resident,
        house_no=payload.house_no,
        address=payload.address,
        nid=payload.nid,
    )
    return Status(201, _receipt(application))


@router.post(
    "/roll/applications/form7",
    response={201: ApplicationReceiptOut, **ERRORS},
    auth=None,
    summary="Form 7: object to an entry (notice and hearing; 5 a day per objector)",
)
def form7_submit(request: HttpRequest, payload: DeletionIn) -> Status[dict[str, Any]]:
    _count(request)
    application = services.deletion_submit_by_elector(
        elector=queries.elector_for_form(payload.epic, "epic"),
        objector=queries.elector_for_form(payload.applicant, "applicant"),
        reason=payload.reason,
    )
    return Status(201, _receipt(application))


@router.post(
    "/roll/applications/form8",
    response={201: ApplicationReceiptOut, **ERRORS},
    auth=None,
    summary="Form 8: correct an entry or shift it to another part or constituency",
)
def form8_submit(request: HttpRequest, payload: CorrectionIn) -> Status[dict[str, Any]]:
    _count(request)
    elector = queries.elector_for_form(payload.epic, "epic")
    changes: dict[str, Any] = dict(payload.changes)
    if payload.shift is not None:
        constituency = (
            queries.constituency_by_code(payload.shift.constituency, "shift.constituency")
            if payload.shift.constituency
            else elector.constituency
        )
        part = queries.part_for_form(constituency, payload.shift.part, "shift.part")
        if part is not None:
            changes["part"] = part.pk
    application = services.correction_submit(
        elector=elector, applicant_ref=payload.applicant, changes=changes, reason=payload.reason
    )
    return Status(201, _receipt(application))


@router.get("/roll/duplicates", response={200: DuplicateListOut, **ERRORS}, auth=django_auth)
def duplicate_list(
    request: HttpRequest, verdict: str = "open", page: int = 1, size: int = 50
) -> dict[str, Any]:
    result = paginate(queries.duplicate_list_for_user(request.user, verdict=verdict), page, size)
    return page_out(result, [_pair(p) for p in result.object_list])


@router.post(
    "/roll/duplicates/{pair_id}/decide",
    response={200: DuplicateOut, **ERRORS},
    auth=django_auth,
)
def duplicate_decide(
    request: HttpRequest, pair_id: int, payload: DuplicateDecideIn
) -> dict[str, Any]:
    pair = queries.duplicate_get_for_user(request.user, pair_id, for_change=True)
    return _pair(services.duplicate_decide(actor=request.user, pair=pair, same=payload.same))
