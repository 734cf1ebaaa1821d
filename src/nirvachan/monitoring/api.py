"""API of the monitoring app, mounted at /api/v1/monitoring/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.errors import DomainError
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.errors import MonitoringErrorCode
from nirvachan.monitoring.models import Body, Circular, Expense, Incident, ReportingRule
from nirvachan.monitoring.schemas import (
    BodyCreateIn,
    BodyListOut,
    BodyOut,
    CircularDraftIn,
    CircularIssueIn,
    CircularListOut,
    CircularOut,
    DashboardOut,
    ExpenseCorrectIn,
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
    RuleListOut,
    RuleOut,
    RuleSetIn,
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
    if data["response_minutes"] is None:
        data["response_minutes"] = services.RESPONSE_MINUTES
    elif actor is None:
        raise DomainError(
            MonitoringErrorCode.VALIDATION,
            _("Only an officer sets the response time."),
            field="response_minutes",
        )
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
def dashboard(
    request: HttpRequest, election: str = "", district: str = "", page: int = 1
) -> dict[str, Any]:
    """The commission's rows per district (a scope above districts) or a returning officer's
    rows per body; totals, escalations (overdue > 24 h), completeness by due date, incidents by
    type and area (handled within the response deadline)."""
    data = selectors.dashboard_for_user(
        request.user,
        election=selectors.election_get(code=election) if election else None,
        district=selectors.district_for_user(request.user, district) if district else None,
        page=page,
    )
    counts = ("due", "on_time", "late", "missing", "escalated")
    incident_counts = ("incidents_open", "incidents_overdue")

    def stat(key: str, s: selectors.IncidentStat) -> dict[str, Any]:
        return {"key": key, "total": s.total, "handled": s.handled, "within": s.within}

    rows = [
        {
            "id": r.id,
            "code": r.code,
            "name": r.name,
            "bodies": r.bodies,
            **{k: getattr(r.counts, k) for k in counts + incident_counts},
        }
        for r in data.rows.object_list
    ]
    return {
        "level": data.level,
        "election": data.election.code if data.election else None,
        "district": data.district.code if data.district else None,
        "page": data.rows.number,
        "pages": data.rows.paginator.num_pages,
        "districts": rows if data.level == "commission" else [],
        "bodies": [
            {"body": r["id"], "unit": r["code"], **{k: r[k] for k in ("name", *counts)}}
            for r in rows
        ]
        if data.level == "district"
        else [],
        "totals": {k: getattr(data.totals, k) for k in counts + incident_counts},
        "incidents_open": data.totals.incidents_open,
        "incidents_overdue": data.totals.incidents_overdue,
        "escalated": data.escalated_total,
        "escalations": [
            {
                "body": e.body,
                "body_name": e.body_name,
                "district": e.district,
                "count": e.count,
                "oldest_due_at": e.oldest_due_at,
                "hours_overdue": e.hours_overdue,
            }
            for e in data.escalations
        ],
        "completeness": [
            {"day": d.day, "total": d.total, "on_time": d.on_time, "late": d.late}
            for d in data.completeness
        ],
        "incidents_by_kind": [stat(s.key, s) for s in data.by_kind],
        "incidents_by_area": [stat(s.key, s) for _name, s in data.by_area],
        "expense_alerts": [_total(t) for t in data.expense_alerts],
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
        "replaces": e.replaces_id,
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


@router.post("/expenses/{expense_id}/correct", response={201: ExpenseOut, **ERRORS})
def expense_correct(request: HttpRequest, expense_id: int, payload: ExpenseCorrectIn) -> Status:
    """Correct a line: the new line replaces it; the old one is kept, superseded, with the
    reason (409 if it was already corrected or withdrawn)."""
    expense = selectors.expense_get_for_user(request.user, expense_id, for_change=True)
    new = services.expense_correct(actor=request.user, expense=expense, **payload.dict())
    return Status(201, _expense(new))


@router.get("/expenses/totals", response={200: ExpenseTotalListOut, **ERRORS})
def expense_totals(request: HttpRequest, election: str = "") -> dict[str, Any]:
    """Running totals per candidate; status ok, alert (80 % of the limit) or breach."""
    chosen = selectors.election_get(code=election) if election else None
    return {"items": [_total(t) for t in selectors.expense_totals(request.user, election=chosen)]}


# --- reporting rules -------------------------------------------------------------------------


def _rule(r: ReportingRule) -> dict[str, Any]:
    return {
        "id": r.pk,
        "election": r.election.code,
        **{
            f: getattr(r, f)
            for f in ("body_kind", "code", "kind", "every_days", "window_days", "offset_days")
        },
    }


@router.get("/rules", response={200: RuleListOut, **ERRORS})
def rule_list(request: HttpRequest, election: str = "") -> dict[str, Any]:
    """An election's reporting rules (the seed's defaults until the commission changes them);
    no election, no rules."""
    if not election:
        return {"items": []}
    return {"items": [_rule(r) for r in selectors.rules_of(selectors.election_get(code=election))]}


@router.post("/rules", response={200: RuleOut, **ERRORS})
def rule_set(request: HttpRequest, payload: RuleSetIn) -> dict[str, Any]:
    """Add or change a rule (commission administrator of the election's country); the future
    obligations are regenerated, past and reported ones kept."""
    data = payload.dict()
    election = selectors.election_get(code=data.pop("election"))
    return _rule(services.rule_set(actor=request.user, election=election, **data))


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
