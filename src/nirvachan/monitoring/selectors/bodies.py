"""Bodies and their reporting obligations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q
from nirvachan.elections.models import Election
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.models import (
    Body,
    Obligation,
    ReportingRule,
)
from nirvachan.monitoring.selectors._common import _not_found, can_change

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
    incident: int | None = None


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
        "incident_id",
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
            incident=r["incident_id"],
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


def rules_of(election: Election) -> list[ReportingRule]:
    """The election's reporting rules (the seed's defaults until the commission changes them),
    by body type and code."""
    from nirvachan.monitoring.services import rules_for

    rules_for(election)  # the first look copies the seed's defaults
    return list(ReportingRule.objects.filter(election=election).order_by("body_kind", "code"))


def rule_get(rule_id: int) -> ReportingRule:
    rule = ReportingRule.objects.select_related("election").filter(pk=rule_id).first()
    if rule is None:
        raise _not_found(_("Rule"), rule_id)
    return rule
