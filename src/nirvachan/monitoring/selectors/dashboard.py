"""The monitoring dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.models import (
    Incident,
    Obligation,
)
from nirvachan.monitoring.selectors.expenses import expense_alerts
from nirvachan.monitoring.selectors.incidents import incident_stats

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
