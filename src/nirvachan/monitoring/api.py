"""API of the monitoring app, mounted at /api/v1/monitoring/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import Body, Circular, Expense, Incident
from nirvachan.monitoring.schemas import (
    BodyCreateIn,
    BodyListOut,
    BodyOut,
    CircularDraftIn,
    CircularIssueIn,
    CircularListOut,
    CircularOut,
    DashboardOut,
    ExpenseLimitListOut,
    ExpenseLimitOut,
    ExpenseLimitSetIn,
    ExpenseListOut,
    ExpenseOut,
    ExpenseRecordIn,
    ExpenseTotalListOut,
    IncidentCreatedOut,
    IncidentFollowOut,
    IncidentListOut,
    IncidentMoveIn,
    IncidentOut,
    IncidentReportIn,
    ObligationListOut,
    RecipientAckOut,
    ReportOut,
    ReportSubmitIn,
)

router = Router(tags=["monitoring"], auth=django_auth)


def _body(b: Body) -> dict[str, Any]:
    return {
        "id": b.pk,
        "election": b.election.code,
        "unit": b.unit.code,
        "kind": b.kind,
        "name": b.name,
        "formed_on": b.formed_on,
        "members": list(b.members.values("name", "office", "role", "contact", "is_leader")),
    }


def _steps(i: Incident) -> list[dict[str, Any]]:
    return [{"status": s.status, "at": s.at} for s in i.steps.all()]


def _incident(i: Incident) -> dict[str, Any]:
    return {
        "id": i.pk,
        "unit": i.unit.code,
        "kind": i.kind,
        "status": i.status,
        "reported_at": i.reported_at,
        "deadline_at": i.deadline_at,
        "overdue": i.is_open and i.responded_at is None and i.deadline_at < timezone.now(),
        "team": i.team_id,
        "action": i.action,
        "steps": _steps(i),
    }


@router.get("/bodies", response={200: BodyListOut, **ERRORS})
def body_list(
    request: HttpRequest, election: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    result = paginate(selectors.body_list_for_user(request.user, election=election), page, size)
    return page_out(result, [_body(b) for b in result.object_list])


@router.post("/bodies", response={201: BodyOut, **ERRORS})
def body_create(request: HttpRequest, payload: BodyCreateIn) -> Status:
    body = services.body_form(
        actor=request.user,
        election=selectors.election_get(code=payload.election),
        unit=unit_get(code=payload.unit),
        kind=payload.kind,
        name=payload.name,
        formed_on=payload.formed_on,
        members=[services.MemberData(**m.dict()) for m in payload.members],
    )
    return Status(201, _body(body))


@router.get("/bodies/{body_id}", response={200: BodyOut, **ERRORS})
def body_detail(request: HttpRequest, body_id: int) -> dict[str, Any]:
    return _body(selectors.body_get_for_user(request.user, body_id))


@router.get("/obligations", response={200: ObligationListOut, **ERRORS})
def obligation_list(
    request: HttpRequest, election: str = "", body: int | None = None, history: bool = False
) -> dict[str, Any]:
    chosen = selectors.election_get(code=election) if election else None
    qs = selectors.obligation_list_for_user(request.user, election=chosen, body_id=body)
    return {"items": selectors.obligation_rows(qs, history=history)}


@router.post("/obligations/{obligation_id}/report", response={201: ReportOut, **ERRORS})
def report_submit(request: HttpRequest, obligation_id: int, payload: ReportSubmitIn) -> Status:
    obligation = selectors.obligation_get_for_user(request.user, obligation_id)
    report = services.report_submit(
        actor=request.user, body=obligation.body, obligation=obligation, **payload.dict()
    )
    return Status(
        201,
        {
            "id": report.pk,
            "body": report.body_id,
            "obligation": obligation.pk,
            "submitted_at": report.submitted_at,
            "late": report.submitted_at > obligation.due_at,
        },
    )


@router.get("/incidents", response={200: IncidentListOut, **ERRORS})
def incident_list(
    request: HttpRequest, status: str = "", election: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.incident_list_for_user(request.user, status=status, election=election)
    result = paginate(qs.prefetch_related("steps"), page, size)
    return page_out(result, [_incident(i) for i in result.object_list])


@router.post("/incidents", response={201: IncidentCreatedOut, **ERRORS}, auth=None)
def incident_report(request: HttpRequest, payload: IncidentReportIn) -> Status:
    """Officers and citizens (no login) report an incident; citizens get a follow-up code."""
    actor = request.user if request.user.is_authenticated else None
    data = payload.dict()
    incident = services.incident_report(
        actor=actor,
        election=selectors.election_get(code=data.pop("election")),
        unit=unit_get(code=data.pop("unit")),
        **data,
    )
    code = None if incident.anonymous else incident.follow_code
    return Status(
        201, {"id": incident.pk, "follow_code": code, "deadline_at": incident.deadline_at}
    )


@router.get(
    "/incidents/follow/{follow_code}", response={200: IncidentFollowOut, **ERRORS}, auth=None
)
def incident_follow(request: HttpRequest, follow_code: str) -> dict[str, Any]:
    incident = selectors.incident_by_follow_code(follow_code)
    return {
        "follow_code": incident.follow_code,
        "status": incident.status,
        "steps": _steps(incident),
    }


@router.get("/incidents/{incident_id}", response={200: IncidentOut, **ERRORS})
def incident_detail(request: HttpRequest, incident_id: int) -> dict[str, Any]:
    return _incident(selectors.incident_get_for_user(request.user, incident_id))


@router.post("/incidents/{incident_id}/move", response={200: IncidentOut, **ERRORS})
def incident_move(
    request: HttpRequest, incident_id: int, payload: IncidentMoveIn
) -> dict[str, Any]:
    incident = selectors.incident_get_for_user(request.user, incident_id, for_change=True)
    team = None
    if payload.team is not None:
        team = selectors.body_get_for_user(request.user, payload.team)
    incident = services.incident_move(
        actor=request.user,
        incident=incident,
        status=payload.status,
        note=payload.note,
        team=team,
        action=payload.action,
        reason=payload.reason,
    )
    return _incident(incident)


@router.get("/dashboard", response={200: DashboardOut, **ERRORS})
def dashboard(request: HttpRequest) -> dict[str, Any]:
    data = selectors.dashboard_for_user(request.user)
    return {
        "bodies": [
            {
                "body": r["body_id"],
                "name": r["body__name"],
                "unit": r["body__unit__code"],
                **{k: r[k] for k in ("due", "on_time", "late", "missing", "escalated")},
            }
            for r in data["bodies"]
        ],
        "incidents_open": data["incidents_open"],
        "incidents_overdue": data["incidents_overdue"],
        "expense_alerts": [_total(t) for t in data["expense_alerts"]],
    }


# --- expenses ----------------------------------------------------------------------------------


def _total(t: selectors.ExpenseTotal) -> dict[str, Any]:
    return {
        "election": t.election,
        "candidate": t.candidate,
        "statement": t.statement,
        "shadow": t.shadow,
        "spent": t.spent,
        "limit": t.limit,
        "share": t.share,
        "status": t.status,
    }


def _expense(e: Expense) -> dict[str, Any]:
    return {
        "id": e.pk,
        "election": e.election.code,
        "unit": e.unit.code,
        **{f: getattr(e, f) for f in ("candidate", "source", "category", "on", "amount", "note")},
    }


@router.get("/expenses/limits", response={200: ExpenseLimitListOut, **ERRORS})
def expense_limit_list(request: HttpRequest) -> dict[str, Any]:
    return {
        "items": [
            {"country": x.country, "election_kind": x.election_kind, "amount": x.amount}
            for x in selectors.expense_limits()
        ]
    }


@router.post("/expenses/limits", response={200: ExpenseLimitOut, **ERRORS})
def expense_limit_set(request: HttpRequest, payload: ExpenseLimitSetIn) -> dict[str, Any]:
    """The commission sets the limit per candidate for one kind of election in its country."""
    limit = services.expense_limit_set(actor=request.user, **payload.dict())
    return {"country": limit.country, "election_kind": limit.election_kind, "amount": limit.amount}


@router.get("/expenses", response={200: ExpenseListOut, **ERRORS})
def expense_list(
    request: HttpRequest,
    election: str = "",
    candidate: str = "",
    source: str = "",
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    """Lines of candidates' statements (source=statement) and the shadow register (shadow)."""
    chosen = selectors.election_get(code=election) if election else None
    qs = selectors.expense_list_for_user(
        request.user, election=chosen, candidate=candidate, source=source
    )
    result = paginate(qs, page, size)
    return page_out(result, [_expense(e) for e in result.object_list])


@router.post("/expenses", response={201: ExpenseOut, **ERRORS})
def expense_record(request: HttpRequest, payload: ExpenseRecordIn) -> Status:
    data = payload.dict()
    expense = services.expense_record(
        actor=request.user,
        election=selectors.election_get(code=data.pop("election")),
        unit=unit_get(code=data.pop("unit")),
        **data,
    )
    return Status(201, _expense(expense))


@router.get("/expenses/totals", response={200: ExpenseTotalListOut, **ERRORS})
def expense_totals(request: HttpRequest, election: str = "") -> dict[str, Any]:
    """Running totals per candidate; status ok, alert (80 % of the limit) or breach."""
    chosen = selectors.election_get(code=election) if election else None
    return {"items": [_total(t) for t in selectors.expense_totals(request.user, election=chosen)]}


# --- circulars ---------------------------------------------------------------------------------


def _circular(request: HttpRequest, c: Circular) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit": c.unit.code,
        "election": c.election.code if c.election else None,
        **{
            f: getattr(c, f)
            for f in (
                "memo_number", "memo_key", "date", "bangla_date", "title", "subject", "preamble",
                "paragraphs", "signatory_name", "signatory_lines", "distribution", "copy_purpose",
                "copies", "status", "issued_at", "ack_days",
            )
        },
        "recipients": selectors.circular_recipients(request.user, c),
    }  # fmt: skip


@router.get("/circulars", response={200: CircularListOut, **ERRORS})
def circular_list(
    request: HttpRequest, status: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    result = paginate(selectors.circular_list_for_user(request.user, status=status), page, size)
    return page_out(
        result,
        [
            {
                "id": c.pk,
                "unit": c.unit.code,
                "memo_number": c.memo_number,
                "date": c.date,
                "subject": c.subject,
                "status": c.status,
            }
            for c in result.object_list
        ],
    )


@router.post("/circulars", response={201: CircularOut, **ERRORS})
def circular_draft(request: HttpRequest, payload: CircularDraftIn) -> Status:
    data = payload.dict()
    election = data.pop("election")
    circular = services.circular_draft(
        actor=request.user,
        unit=unit_get(code=data.pop("unit")),
        election=selectors.election_get(code=election) if election else None,
        **data,
    )
    return Status(201, _circular(request, circular))


@router.get("/circulars/{circular_id}", response={200: CircularOut, **ERRORS})
def circular_detail(request: HttpRequest, circular_id: int) -> dict[str, Any]:
    return _circular(request, selectors.circular_get_for_user(request.user, circular_id))


@router.post("/circulars/{circular_id}/issue", response={200: CircularOut, **ERRORS})
def circular_issue(
    request: HttpRequest, circular_id: int, payload: CircularIssueIn
) -> dict[str, Any]:
    circular = selectors.circular_get_for_user(request.user, circular_id, for_change=True)
    circular = services.circular_issue(
        actor=request.user,
        circular=circular,
        recipients=selectors.recipients_from_codes(
            [(r.unit, r.office) for r in payload.recipients]
        ),
        ack_days=payload.ack_days,
    )
    return _circular(request, circular)


@router.post(
    "/circulars/recipients/{recipient_id}/acknowledge", response={200: RecipientAckOut, **ERRORS}
)
def circular_acknowledge(request: HttpRequest, recipient_id: int) -> dict[str, Any]:
    recipient = selectors.recipient_get_for_user(request.user, recipient_id)
    recipient = services.circular_acknowledge(actor=request.user, recipient=recipient)
    assert recipient.acknowledged_at is not None
    return {
        "id": recipient.pk,
        "circular": recipient.circular_id,
        "acknowledged_at": recipient.acknowledged_at,
        "late": recipient.acknowledged_at > recipient.due_at,
    }
