"""Incidents and their statistics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q
from nirvachan.monitoring.errors import MonitoringErrorCode
from nirvachan.monitoring.models import (
    Incident,
)
from nirvachan.monitoring.selectors._common import _not_found, can_change

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


def notice_required(incident: Incident) -> None:
    """Only an action on a candidate's or agent's violation makes a written notice."""
    if not incident.notice:
        raise DomainError(
            CoreErrorCode.NOT_FOUND,
            _(
                "Incident %(code)s has no notice to the Commission: it is not an action on a "
                "violation by a candidate or agent."
            )
            % {"code": incident.follow_code},
            id=incident.pk,
        )
