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
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q, scope_for
from nirvachan.elections.models import Election
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.errors import MonitoringErrorCode
from nirvachan.monitoring.models import Body, Expense, ExpenseLimit, Incident, Obligation

ALERT_SHARE = Decimal("0.8")


def _not_found(what: str, pk: Any) -> DomainError:
    return DomainError(
        CoreErrorCode.NOT_FOUND,
        _("%(what)s %(id)s was not found.") % {"what": what, "id": pk},
        id=pk,
    )


def can_change(user: Any, unit_path: str) -> bool:
    return scope_for(user, Capability.MONITORING_CHANGE, unit_path) is not None


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


def expense_totals(user: Any, *, election: Election) -> list[ExpenseTotal]:
    limit_row = ExpenseLimit.objects.filter(
        country=election.country, election_kind=election.kind
    ).first()
    limit = limit_row.amount if limit_row else None
    rows = (
        Expense.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"), election=election
        )
        .order_by()
        .values("candidate")
        .annotate(
            statement=Sum("amount", filter=Q(source="statement"), default=Decimal(0)),
            shadow=Sum("amount", filter=Q(source="shadow"), default=Decimal(0)),
        )
        .order_by("candidate")
    )
    out = []
    for r in rows:
        spent = max(r["statement"], r["shadow"])
        alert = ""
        if limit is not None:
            alert = "breach" if spent > limit else "warning" if spent >= limit * ALERT_SHARE else ""
        out.append(ExpenseTotal(r["candidate"], r["statement"], r["shadow"], limit, alert))
    return out


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
    }
