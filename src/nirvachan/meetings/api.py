"""API of the meetings app, mounted at /api/v1/meetings/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.meetings import selectors, services
from nirvachan.meetings.models import AgendaItem, Decision, Meeting, TargetTable
from nirvachan.meetings.schemas import (
    AmendmentCreateIn,
    AmendmentOut,
    DecisionCreateIn,
    DecisionListOut,
    DecisionOut,
    DecisionUpdateIn,
    DecisionUpdateOut,
    ItemCreateIn,
    ItemOut,
    MeetingCreateIn,
    MeetingDetailOut,
    MeetingListOut,
    MeetingOut,
    MeetingStatusIn,
    ProgressCreateIn,
    ProgressOut,
    TargetTableCreateIn,
    TargetTableOut,
)

router = Router(tags=["meetings"], auth=django_auth)


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "unit": m.unit.code,
        "body": m.body,
        "title": m.title,
        "date": m.date,
        "venue": m.venue,
        "chair": m.chair,
        "secretary": m.secretary,
        "participants": m.participants,
        "status": m.status,
        "previous": m.previous_id,
    }


def _decision(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "meeting": d.item.meeting_id,
        "item": d.item_id,
        "serial": d.serial,
        "text": d.text,
        "implementer": d.implementer,
        "implementer_username": d.implementer_user.username if d.implementer_user else None,
        "deadline_kind": d.deadline_kind,
        "deadline": d.deadline,
        "due": d.due,
        "status": d.status,
        "overdue": d.is_overdue(timezone.localdate()),
    }


def _table(t: TargetTable) -> dict[str, Any]:
    return {
        "id": t.pk,
        "item": t.item_id,
        "unit_label": t.unit_label,
        "metric": t.metric,
        "value_unit": t.value_unit,
        "scale": t.scale,
        "total": t.total,
        "rows": [
            {
                "id": p.row_id,
                "name": p.name,
                "target": p.target,
                "achieved": p.achieved,
                "percent": p.percent,
            }
            for p in selectors.target_progress(t)
        ],
    }


def _item(i: AgendaItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "serial": i.serial,
        "label": i.label,
        "topic": i.topic,
        "discussion": i.discussion,
        "is_review": i.is_review,
        "decisions": [_decision(d) for d in i.decisions.all()],
        "tables": [_table(t) for t in i.tables.all()],
    }


@router.get("/meetings", response={200: MeetingListOut, **ERRORS})
def meeting_list(
    request: HttpRequest, q: str = "", status: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.meeting_list_for_user(request.user, search=q, status=status)
    result = paginate(qs, page, size)
    return page_out(result, [_meeting(m) for m in result.object_list])


@router.post("/meetings", response={201: MeetingOut, **ERRORS})
def meeting_create(request: HttpRequest, payload: MeetingCreateIn) -> Status:
    data = payload.dict()
    unit = unit_get(code=data.pop("unit"))
    meeting = services.meeting_create(actor=request.user, unit=unit, **data)
    return Status(201, _meeting(meeting))


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS})
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = selectors.meeting_get_for_user(request.user, meeting_id)
    return {
        **_meeting(meeting),
        "items": [_item(i) for i in selectors.meeting_minutes(meeting)],
        "amendments": [
            {"serial": a.serial, "target": a.target, "text": a.text, "reason": a.reason}
            for a in meeting.amendments.all()
        ],
    }


@router.post("/meetings/{meeting_id}/status", response={200: MeetingOut, **ERRORS})
def meeting_status(request: HttpRequest, meeting_id: int, payload: MeetingStatusIn) -> Any:
    meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    return _meeting(
        services.meeting_status_set(actor=request.user, meeting=meeting, status=payload.status)
    )


@router.post("/meetings/{meeting_id}/items", response={201: ItemOut, **ERRORS})
def item_create(request: HttpRequest, meeting_id: int, payload: ItemCreateIn) -> Status:
    meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    item = services.agenda_item_add(actor=request.user, meeting=meeting, **payload.dict())
    return Status(201, _item(item))


@router.post("/meetings/{meeting_id}/amendments", response={201: AmendmentOut, **ERRORS})
def amendment_create(request: HttpRequest, meeting_id: int, payload: AmendmentCreateIn) -> Status:
    meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    a = services.meeting_amend(actor=request.user, meeting=meeting, **payload.dict())
    return Status(201, {"serial": a.serial, "target": a.target, "text": a.text, "reason": a.reason})


@router.post("/items/{item_id}/decisions", response={201: DecisionOut, **ERRORS})
def decision_create(request: HttpRequest, item_id: int, payload: DecisionCreateIn) -> Status:
    item = selectors.item_get_for_user(request.user, item_id, for_change=True)
    data = payload.dict()
    username = data.pop("implementer_username")
    implementer_user = selectors.implementer_user_get(username) if username else None
    decision = services.decision_add(
        actor=request.user, item=item, implementer_user=implementer_user, **data
    )
    return Status(201, _decision(decision))


@router.post("/items/{item_id}/targets", response={201: TargetTableOut, **ERRORS})
def table_create(request: HttpRequest, item_id: int, payload: TargetTableCreateIn) -> Status:
    item = selectors.item_get_for_user(request.user, item_id, for_change=True)
    data = payload.dict()
    rows = [(r["name"], r["target"], r["remark"]) for r in data.pop("rows")]
    table = services.target_table_add(actor=request.user, item=item, rows=rows, **data)
    return Status(201, _table(table))


@router.get("/decisions", response={200: DecisionListOut, **ERRORS})
def decision_list(
    request: HttpRequest,
    implementer: str = "",
    unit: str = "",
    status: str = "",
    overdue: bool = False,
    due_this_week: bool = False,
    mine: bool = False,
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    qs = selectors.decision_list_for_user(
        request.user,
        implementer=implementer,
        unit_code=unit,
        status=status,
        overdue=overdue,
        due_this_week=due_this_week,
        mine=mine,
    )
    result = paginate(qs, page, size)
    return page_out(result, [_decision(d) for d in result.object_list])


@router.post("/decisions/{decision_id}/updates", response={201: DecisionUpdateOut, **ERRORS})
def decision_update(request: HttpRequest, decision_id: int, payload: DecisionUpdateIn) -> Status:
    decision = selectors.decision_get_for_user(request.user, decision_id, for_change=True)
    u = services.decision_follow_up(actor=request.user, decision=decision, **payload.dict())
    return Status(
        201,
        {
            "id": u.pk,
            "decision": decision.pk,
            "on": u.on,
            "status": u.status,
            "note": u.note,
            "evidence": u.evidence,
        },
    )


@router.post("/targets/{row_id}/progress", response={201: ProgressOut, **ERRORS})
def progress_create(request: HttpRequest, row_id: int, payload: ProgressCreateIn) -> Status:
    row = selectors.target_row_get_for_user(request.user, row_id, for_change=True)
    p = services.progress_record(actor=request.user, row=row, **payload.dict())
    return Status(201, {"id": p.pk, "row": row.pk, "on": p.on, "achieved": p.achieved})
