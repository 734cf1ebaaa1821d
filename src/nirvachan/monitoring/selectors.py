"""Reads of the monitoring app, with every per-user access rule in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q, scope_for, unit_get
from nirvachan.elections.models import Election
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.errors import MonitoringErrorCode
from nirvachan.monitoring.models import (
    Body,
    Circular,
    CircularRecipient,
    Expense,
    ExpenseLimit,
    Incident,
    Obligation,
)

ALERT_SHARE = Decimal("0.8")
CENTS = Decimal("0.01")


def _not_found(what: str, pk: Any) -> DomainError:
    return DomainError(
        CoreErrorCode.NOT_FOUND,
        _("%(what)s %(id)s was not found.") % {"what": what, "id": pk},
        id=pk,
    )


def can_change(user: Any, unit_path: str) -> bool:
    return scope_for(user, Capability.MONITORING_CHANGE, unit_path) is not None


def can_draft(user: Any) -> bool:
    """May the user draft circulars anywhere (a MONITORING_CHANGE scope)?"""
    return scope_for(user, Capability.MONITORING_CHANGE) is not None


def election_get(*, code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise _not_found(_("Election"), code)
    return election


# --- bodies and obligations --------------------------------------------------------------------


def body_list_for_user(user: Any, *, election: str = "") -> QuerySet[Body]:
    qs = Body.objects.select_related("unit", "election").filter(
        paths_q(user, Capability.MONITORING_VIEW, "unit__path")
    )
    if election:
        qs = qs.filter(election__code=election)
    return qs.order_by("unit__path", "kind", "pk")


def body_get_for_user(user: Any, body_id: int, *, for_change: bool = False) -> Body:
    body = body_list_for_user(user).filter(pk=body_id).first()
    if body is None:
        raise _not_found(_("Body"), body_id)
    if for_change and not can_change(user, body.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow changing this body."),
            id=body_id,
        )
    return body


@dataclass(frozen=True)
class ObligationRow:
    id: int
    body: int
    body_name: str
    unit: str
    code: str
    due_on: dt.date
    status: str
    escalated: bool
    superseded: bool
    submitted_at: dt.datetime | None


def obligation_rows(
    qs: QuerySet[Obligation], *, now: dt.datetime | None = None, history: bool = False
) -> list[ObligationRow]:
    now = now or timezone.now()
    if not history:
        qs = qs.filter(superseded_at__isnull=True)
    rows = qs.select_related("body__unit").values(
        "pk",
        "body_id",
        "body__name",
        "body__unit__code",
        "code",
        "due_on",
        "due_at",
        "superseded_at",
        "report__submitted_at",
    )
    return [
        ObligationRow(
            id=r["pk"],
            body=r["body_id"],
            body_name=r["body__name"],
            unit=r["body__unit__code"],
            code=r["code"],
            due_on=r["due_on"],
            status=str(plan.status_of(r["due_at"], r["report__submitted_at"], now)),
            escalated=plan.escalated(r["due_at"], r["report__submitted_at"], now),
            superseded=r["superseded_at"] is not None,
            submitted_at=r["report__submitted_at"],
        )
        for r in rows.order_by("due_on", "body_id", "code")
    ]


def obligation_list_for_user(
    user: Any, *, election: Election | None = None, body_id: int | None = None
) -> QuerySet[Obligation]:
    qs = Obligation.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "body__unit__path"))
    if election is not None:
        qs = qs.filter(body__election=election)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    return qs


def obligation_get_for_user(user: Any, obligation_id: int) -> Obligation:
    o = (
        Obligation.objects.select_related("body__unit")
        .filter(paths_q(user, Capability.MONITORING_VIEW, "body__unit__path"), pk=obligation_id)
        .first()
    )
    if o is None:
        raise _not_found(_("Obligation"), obligation_id)
    if not can_change(user, o.body.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow reporting for this body."),
            id=obligation_id,
        )
    return o


# --- incidents ---------------------------------------------------------------------------------


def incident_list_for_user(
    user: Any, *, status: str = "", election: str = ""
) -> QuerySet[Incident]:
    qs = Incident.objects.select_related("unit", "team").filter(
        paths_q(user, Capability.MONITORING_VIEW, "unit__path")
    )
    if status:
        qs = qs.filter(status=status)
    if election:
        qs = qs.filter(election__code=election)
    return qs.order_by("-reported_at", "-pk")


def incident_get_for_user(user: Any, incident_id: int, *, for_change: bool = False) -> Incident:
    incident = (
        incident_list_for_user(user).select_related("election").filter(pk=incident_id).first()
    )
    if incident is None:
        raise _not_found(_("Incident"), incident_id)
    if for_change and not can_change(user, incident.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow handling this incident."),
            id=incident_id,
        )
    return incident


def incident_by_follow_code(code: str) -> Incident:
    """A citizen follows their incident by its code (anonymous reports cannot be followed)."""
    incident = (
        Incident.objects.filter(follow_code=code.strip().upper(), anonymous=False)
        .select_related("unit")
        .first()
    )
    if incident is None:
        raise DomainError(
            MonitoringErrorCode.UNKNOWN_FOLLOW_CODE,
            _("No incident has the code %(code)s.") % {"code": code},
            code=code,
        )
    return incident


@dataclass(frozen=True)
class IncidentStat:
    key: str
    total: int
    handled: int
    within: int

    @property
    def share(self) -> float:
        return self.within / self.total if self.total else 0.0


def incident_stats(qs: QuerySet[Incident], by: str) -> list[IncidentStat]:
    """Per type (by="kind") or area (by="unit__code"): total, handled, handled in time."""
    rows = (
        qs.order_by()
        .values(by)
        .annotate(
            total=Count("pk"),
            handled=Count("pk", filter=Q(responded_at__isnull=False)),
            within=Count("pk", filter=Q(responded_at__lte=F("deadline_at"))),
        )
        .order_by(by)
    )
    return [IncidentStat(r[by], r["total"], r["handled"], r["within"]) for r in rows]


# --- expenses ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpenseTotal:
    candidate: str
    statement: Decimal
    shadow: Decimal
    limit: Decimal | None
    alert: str  # "", "warning" (80 %) or "breach"
    election: str = ""

    @property
    def spent(self) -> Decimal:
        """The larger of the two running totals: what is held against the limit."""
        return max(self.statement, self.shadow)

    @property
    def status(self) -> str:
        """ok, alert (80 % of the limit reached) or breach (above the limit)."""
        return {"warning": "alert", "breach": "breach"}.get(self.alert, "ok")

    @property
    def share(self) -> Decimal | None:
        """Percent of the limit spent, one decimal; None without a limit."""
        if not self.limit:
            return None
        return (self.spent * 100 / self.limit).quantize(Decimal("0.1"))


def _alert(spent: Decimal, limit: Decimal | None) -> str:
    if limit is None:
        return ""
    return "breach" if spent > limit else "warning" if spent >= limit * ALERT_SHARE else ""


def expense_limits() -> QuerySet[ExpenseLimit]:
    return ExpenseLimit.objects.order_by("country", "election_kind")


def expense_list_for_user(
    user: Any, *, election: Election | None = None, candidate: str = "", source: str = ""
) -> QuerySet[Expense]:
    """Statement and shadow-register lines whose unit lies in the user's view scope."""
    qs = Expense.objects.select_related("unit", "election").filter(
        paths_q(user, Capability.MONITORING_VIEW, "unit__path")
    )
    if election is not None:
        qs = qs.filter(election=election)
    if candidate:
        qs = qs.filter(candidate=candidate)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by("election__code", "candidate", "on", "pk")


def expense_totals(user: Any, *, election: Election | None = None) -> list[ExpenseTotal]:
    """Running totals per (election and) candidate, with alerts at 80 % and at breach."""
    limits = {(x.country, x.election_kind): x.amount for x in ExpenseLimit.objects.all()}
    qs = Expense.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    if election is not None:
        qs = qs.filter(election=election)
    rows = (
        qs.order_by()
        .values("election__code", "election__country", "election__kind", "candidate")
        .annotate(
            statement=Sum("amount", filter=Q(source="statement"), default=Decimal(0)),
            shadow=Sum("amount", filter=Q(source="shadow"), default=Decimal(0)),
        )
        .order_by("election__code", "candidate")
    )
    out = []
    for r in rows:
        limit = limits.get((r["election__country"], r["election__kind"]))
        statement, shadow = r["statement"].quantize(CENTS), r["shadow"].quantize(CENTS)
        out.append(
            ExpenseTotal(
                r["candidate"],
                statement,
                shadow,
                limit,
                _alert(max(statement, shadow), limit),
                r["election__code"],
            )
        )
    return out


def expense_alerts(user: Any) -> list[ExpenseTotal]:
    """Candidates at 80 % of their limit or above it, across the elections in scope."""
    return [t for t in expense_totals(user) if t.alert]


@dataclass(frozen=True)
class CandidateExpenses:
    total: ExpenseTotal
    statement: list[Expense]
    shadow: list[Expense]


def expense_sheet(user: Any, *, election: Election) -> list[CandidateExpenses]:
    """Per candidate: the totals, and the statement's lines beside the shadow register's."""
    lines: dict[str, dict[str, list[Expense]]] = {}
    for e in expense_list_for_user(user, election=election):
        lines.setdefault(e.candidate, {"statement": [], "shadow": []})[e.source].append(e)
    return [
        CandidateExpenses(t, lines[t.candidate]["statement"], lines[t.candidate]["shadow"])
        for t in expense_totals(user, election=election)
    ]


# --- dashboard ---------------------------------------------------------------------------------


def dashboard_for_user(user: Any, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Per district and body: obligations due/on time/late/missing; incidents open/overdue."""
    now = now or timezone.now()
    obligations = Obligation.objects.filter(
        paths_q(user, Capability.MONITORING_VIEW, "body__unit__path"), superseded_at__isnull=True
    )
    past = Q(due_at__lt=now)
    reported = Q(report__isnull=False)
    by_body = (
        obligations.order_by()
        .values(
            "body_id",
            "body__name",
            "body__unit__name_en",
            "body__unit__name_bn",
            "body__unit__code",
        )
        .annotate(
            due=Count("pk", filter=~past & ~reported),
            on_time=Count("pk", filter=reported & Q(report__submitted_at__lte=F("due_at"))),
            late=Count("pk", filter=reported & Q(report__submitted_at__gt=F("due_at"))),
            missing=Count("pk", filter=past & ~reported),
            escalated=Count("pk", filter=Q(due_at__lt=now - plan.ESCALATE_AFTER) & ~reported),
        )
        .order_by("body__unit__code", "body_id")
    )
    incidents = Incident.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    open_q = ~Q(status__in=["closed", "dropped"])
    counts = incidents.aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(responded_at__isnull=True, deadline_at__lt=now)),
    )
    completeness = (
        obligations.filter(past)
        .order_by()
        .values("due_on")
        .annotate(total=Count("pk"), reported=Count("pk", filter=reported))
        .order_by("due_on")
    )
    return {
        "bodies": list(by_body),
        "incidents_open": counts["open"],
        "incidents_overdue": counts["overdue"],
        "by_kind": incident_stats(incidents, "kind"),
        "completeness": list(completeness),
        "expense_alerts": expense_alerts(user),
    }


# --- circulars ---------------------------------------------------------------------------------


def _circular_q(user: Any) -> Q:
    """Circulars the user sent (their unit is in scope) or received (a recipient is)."""
    return paths_q(user, Capability.MONITORING_VIEW, "unit__path") | Q(
        status=Circular.Status.ISSUED,
        pk__in=CircularRecipient.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path")
        ).values("circular_id"),
    )


def circular_list_for_user(user: Any, *, status: str = "") -> QuerySet[Circular]:
    qs = Circular.objects.select_related("unit").filter(_circular_q(user))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-date", "-pk")


def circular_get_for_user(user: Any, circular_id: int, *, for_change: bool = False) -> Circular:
    circular = circular_list_for_user(user).filter(pk=circular_id).first()
    if circular is None:
        raise _not_found(_("Circular"), circular_id)
    if for_change and not can_change(user, circular.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow issuing this circular."),
            id=circular_id,
        )
    return circular


@dataclass(frozen=True)
class RecipientRow:
    id: int
    unit: str
    unit_name: str
    office: str
    office_name: str
    due_at: dt.datetime
    acknowledged_at: dt.datetime | None
    status: str  # due, on_time, late, missing (as obligations)
    can_acknowledge: bool


def circular_recipients(
    user: Any, circular: Circular, *, now: dt.datetime | None = None
) -> list[RecipientRow]:
    """Who the circular went to and who has acknowledged. The sender sees every recipient;
    a recipient sees only the rows in their own scope."""
    now = now or timezone.now()
    qs = circular.recipients.select_related("unit", "office")
    sender = scope_for(user, Capability.MONITORING_VIEW, circular.unit.path) is not None
    if not sender:
        qs = qs.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    return [
        RecipientRow(
            id=r.pk,
            unit=r.unit.code,
            unit_name=r.unit.name,
            office=r.office.code if r.office else "",
            office_name=r.office.name if r.office else "",
            due_at=r.due_at,
            acknowledged_at=r.acknowledged_at,
            status=str(plan.status_of(r.due_at, r.acknowledged_at, now)),
            can_acknowledge=r.acknowledged_at is None and can_change(user, r.unit.path),
        )
        for r in qs
    ]


def recipient_get_for_user(user: Any, recipient_id: int) -> CircularRecipient:
    """A recipient row the user may acknowledge (404 out of scope, 403 if only a viewer)."""
    r = (
        CircularRecipient.objects.select_related("unit", "circular")
        .filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"),
            circular__status=Circular.Status.ISSUED,
            pk=recipient_id,
        )
        .first()
    )
    if r is None:
        raise _not_found(_("Recipient"), recipient_id)
    if not can_change(user, r.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow acknowledging this circular."),
            id=recipient_id,
        )
    return r


def circulars_received(user: Any, *, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Issued circulars sent to the user's scope, with their acknowledgement status, for the
    dashboard (newest first)."""
    now = now or timezone.now()
    rows = (
        CircularRecipient.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"),
            circular__status=Circular.Status.ISSUED,
        )
        .select_related("circular", "unit")
        .order_by("-circular__issued_at", "unit__path", "pk")[:50]
    )
    return [
        {
            "circular": r.circular,
            "recipient": r,
            "status": str(plan.status_of(r.due_at, r.acknowledged_at, now)),
        }
        for r in rows
    ]


def recipients_from_codes(pairs: list[tuple[str, str]]) -> list[Any]:
    """Recipients named by unit code and (optionally) office code; unknown codes are 404."""
    from nirvachan.monitoring.services import Recipient

    out = []
    for unit_code, office_code in pairs:
        unit = unit_get(code=unit_code)
        office = None
        if office_code:
            office = Office.objects.filter(code=office_code).first()
            if office is None:
                raise _not_found(_("Office"), office_code)
        out.append(Recipient(unit, office))
    return out
