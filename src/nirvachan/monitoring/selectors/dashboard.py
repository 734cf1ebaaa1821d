"""The monitoring dashboards: the commission's across districts, a returning officer's over the
bodies of one district.

Every figure is an aggregate query (GROUP BY in the database, on indexed columns); Python only
joins the few aggregate rows (one per district or body) to their names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import CAPABILITIES, Capability
from nirvachan.core.selectors import paths_q, user_scopes
from nirvachan.elections.models import Election
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.models import Body, Incident, Obligation
from nirvachan.monitoring.selectors.expenses import ExpenseTotal, expense_alerts
from nirvachan.monitoring.selectors.incidents import IncidentStat

DISTRICTS_PER_PAGE = 25
BODIES_PER_PAGE = 50
ESCALATIONS_SHOWN = 20
# the completeness chart covers the last 60 days (one column per due date)
COMPLETENESS_DAYS = dt.timedelta(days=60)
OPEN = ~Q(status__in=[Incident.Status.CLOSED, Incident.Status.DROPPED])


@dataclass
class Counts:
    """Obligations due (deadline not passed), on time, late, missing, escalated (missing for
    more than 24 hours), with incidents open and past their response deadline."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    escalated: int = 0
    incidents_open: int = 0
    incidents_overdue: int = 0
    oldest_escalated: dt.datetime | None = None

    @property
    def total(self) -> int:
        return self.due + self.on_time + self.late + self.missing

    @property
    def completeness(self) -> int | None:
        """Percent of the obligations already past their deadline that were reported."""
        past = self.on_time + self.late + self.missing
        return round(100 * (self.on_time + self.late) / past) if past else None


@dataclass
class AreaRow:
    """One district (commission) or one body (returning officer) of the dashboard."""

    id: int
    code: str
    name: str
    counts: Counts
    bodies: int = 0
    unit: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Escalation:
    """A body with reports missing for more than 24 hours: how many, and since when."""

    body: int
    body_name: str
    district: str
    count: int
    oldest_due_at: dt.datetime
    hours_overdue: int


@dataclass(frozen=True)
class DayCompleteness:
    day: dt.date
    total: int
    on_time: int
    late: int

    @property
    def missing(self) -> int:
        return self.total - self.on_time - self.late


@dataclass
class Dashboard:
    level: str  # "commission" (rows are districts) or "district" (rows are bodies)
    election: Election | None
    elections: list[Election]
    district: AdminUnit | None
    rows: Page[AreaRow]
    totals: Counts
    escalations: list[Escalation]
    escalated_total: int
    completeness: list[DayCompleteness]
    by_kind: list[IncidentStat]
    by_area: list[tuple[str, IncidentStat]]
    expense_alerts: list[ExpenseTotal] = field(default_factory=list)


def _obligation_counts(now: dt.datetime) -> dict[str, Any]:
    unreported = Q(reported_at__isnull=True)
    return {
        "due": Count("pk", filter=Q(due_at__gte=now) & unreported),
        "on_time": Count("pk", filter=Q(reported_at__lte=F("due_at"))),
        "late": Count("pk", filter=Q(reported_at__gt=F("due_at"))),
        "missing": Count("pk", filter=Q(due_at__lt=now) & unreported),
        "escalated": Count("pk", filter=Q(due_at__lt=now - plan.ESCALATE_AFTER) & unreported),
        "oldest_escalated": Min(
            "due_at", filter=Q(due_at__lt=now - plan.ESCALATE_AFTER) & unreported
        ),
    }


def _incident_counts(now: dt.datetime) -> dict[str, Any]:
    return {
        "incidents_open": Count("pk", filter=OPEN),
        "incidents_overdue": Count(
            "pk", filter=OPEN & Q(responded_at__isnull=True, deadline_at__lt=now)
        ),
    }


def monitored_elections(user: Any) -> QuerySet[Election]:
    """Elections with a monitoring body in the user's view, latest poll first."""
    bodies = Body.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    return (
        Election.objects.filter(pk__in=bodies.values("election_id"))
        .annotate(poll=Max("phases__poll_date"))
        .order_by(F("poll").desc(nulls_last=True), "-pk")
    )


def _view_paths(user: Any) -> list[str]:
    return [
        s.unit_path
        for s in user_scopes(user)
        if Capability.MONITORING_VIEW in CAPABILITIES.get(s.role, frozenset())
    ]


def _is_commission(user: Any) -> bool:
    """Does the user see more than one district (a scope above district level)?"""
    return any(path.count("/") < 3 for path in _view_paths(user))


def in_view(user: Any, unit: AdminUnit) -> bool:
    return any(unit.path.startswith(path) for path in _view_paths(user))


def dashboard_for_user(
    user: Any,
    *,
    election: Election | None = None,
    district: AdminUnit | None = None,
    page: int | str | None = 1,
    now: dt.datetime | None = None,
) -> Dashboard:
    """The dashboard of `election` (by default the most recent one with bodies in view).

    A user whose scope spans several districts gets the commission's view (one row per
    district) unless `district` is given; otherwise, and for a returning officer, one row per
    body of the district. Out-of-scope districts are not found."""
    now = now or timezone.now()
    elections = list(monitored_elections(user)[:50])
    if election is None and elections:
        election = elections[0]
    if district is not None and not in_view(user, district):
        district = None  # out of view: callers check with district_for_user first
    level = "commission" if district is None and _is_commission(user) else "district"
    bodies = Body.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    incidents = Incident.objects.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    if election is not None:
        bodies = bodies.filter(election=election)
        incidents = incidents.filter(election=election)
    else:
        bodies, incidents = bodies.none(), incidents.none()
    if district is not None:
        bodies = bodies.filter(district=district)
        incidents = incidents.filter(district=district)
    obligations = Obligation.objects.filter(
        body_id__in=bodies.values("pk"), superseded_at__isnull=True
    )
    counts = _obligation_counts(now)
    # one pass over the obligations, grouped by body (an index-only scan of the covering
    # partial index monitoring_obl_dash); bodies roll up to districts in the database's order
    per_body = {
        r["body_id"]: Counts(**{k: r[k] for k in counts})
        for r in obligations.order_by().values("body_id").annotate(**counts)
    }
    area = "district_id" if level == "commission" else "unit_id"
    cube = _incident_cube(incidents, area, now)
    if level == "commission":
        rows = _district_rows(bodies, per_body, cube)
        per_page = DISTRICTS_PER_PAGE
    else:
        rows = _body_rows(bodies, per_body, incidents, now)
        per_page = BODIES_PER_PAGE
    totals = _sum(per_body.values())
    totals.incidents_open = sum(r["incidents_open"] for r in cube)
    totals.incidents_overdue = sum(r["incidents_overdue"] for r in cube)
    # the bodies with the oldest escalated obligations, from the same per-body pass
    oldest = sorted((c.oldest_escalated, b) for b, c in per_body.items() if c.oldest_escalated)
    shown = [b for _d, b in oldest[:ESCALATIONS_SHOWN]]
    names = {
        b["pk"]: b for b in Body.objects.filter(pk__in=shown).values("pk", "name", "district__code")
    }
    escalations = [
        Escalation(
            body=b,
            body_name=names[b]["name"],
            district=names[b]["district__code"] or "",
            count=per_body[b].escalated,
            oldest_due_at=due_at,
            hours_overdue=int((now - due_at).total_seconds() // 3600),
        )
        for due_at, b in oldest[:ESCALATIONS_SHOWN]
    ]
    # the chart ends today, or the day after the poll for an election already over
    today = timezone.localdate(now)
    if election is not None:
        poll = election.phases.aggregate(p=Max("poll_date"))["p"]
        if poll is not None:
            today = min(today, poll + dt.timedelta(days=1))
    completeness = [
        DayCompleteness(r["due_on"], r["total"], r["on_time"], r["late"])
        for r in obligations.filter(due_on__lt=today, due_on__gte=today - COMPLETENESS_DAYS)
        .order_by()
        .values("due_on")
        .annotate(total=Count("pk"), on_time=counts["on_time"], late=counts["late"])
        .order_by("due_on")
    ]
    return Dashboard(
        level=level,
        election=election,
        elections=elections,
        district=district,
        rows=Paginator(rows, per_page).get_page(page),
        totals=totals,
        escalations=escalations,
        escalated_total=totals.escalated,
        completeness=completeness,
        by_kind=_stats(cube, "kind"),
        by_area=_area_stats(cube, area),
        expense_alerts=[
            t for t in expense_alerts(user) if election is None or t.election == election.code
        ],
    )


COUNT_FIELDS = ("due", "on_time", "late", "missing", "escalated")


def _sum(items: Any) -> Counts:
    total = Counts()
    for c in items:
        for k in COUNT_FIELDS:
            setattr(total, k, getattr(total, k) + getattr(c, k))
    return total


def _incident_cube(
    incidents: QuerySet[Incident], area: str, now: dt.datetime
) -> list[dict[str, Any]]:
    """One pass over the incidents, grouped by (area, type): total, handled, handled within
    the response deadline, open, open past the deadline. At most areas × 5 rows."""
    return list(
        incidents.order_by()
        .values(area, "kind")
        .annotate(
            total=Count("pk"),
            handled=Count("pk", filter=Q(responded_at__isnull=False)),
            within=Count("pk", filter=Q(responded_at__lte=F("deadline_at"))),
            **_incident_counts(now),
        )
    )


def _stats(cube: list[dict[str, Any]], key: str) -> list[IncidentStat]:
    sums: dict[Any, list[int]] = {}
    for r in cube:
        s = sums.setdefault(r[key], [0, 0, 0])
        s[0] += r["total"]
        s[1] += r["handled"]
        s[2] += r["within"]
    return [IncidentStat(str(k), *v) for k, v in sorted(sums.items(), key=lambda kv: str(kv[0]))]


def _area_stats(cube: list[dict[str, Any]], area: str) -> list[tuple[str, IncidentStat]]:
    """Incidents per area (district or upazila) with the area's name, most first."""
    stats = _stats(cube, area)
    units = AdminUnit.objects.in_bulk([int(s.key) for s in stats if s.key != "None"])
    out = []
    for s in stats:
        unit = units.get(int(s.key)) if s.key != "None" else None
        out.append(
            (
                unit.name if unit else "—",
                IncidentStat(unit.code if unit else "", s.total, s.handled, s.within),
            )
        )
    out.sort(key=lambda x: (-x[1].total, x[1].key))
    return out


def _district_rows(
    bodies: QuerySet[Body], per_body: dict[int, Counts], cube: list[dict[str, Any]]
) -> list[AreaRow]:
    by_district: dict[int | None, list[int]] = {}
    for body_id, district_id in bodies.order_by().values_list("pk", "district_id"):
        by_district.setdefault(district_id, []).append(body_id)
    incidents: dict[int | None, tuple[int, int]] = {}
    for r in cube:
        o, d = incidents.get(r["district_id"], (0, 0))
        incidents[r["district_id"]] = (o + r["incidents_open"], d + r["incidents_overdue"])
    ids = set(by_district) | set(incidents)
    units = AdminUnit.objects.in_bulk([i for i in ids if i])
    rows = []
    for pk in ids:
        unit = units.get(pk) if pk else None
        counts = _sum(per_body[b] for b in by_district.get(pk, []) if b in per_body)
        counts.incidents_open, counts.incidents_overdue = incidents.get(pk, (0, 0))
        rows.append(
            AreaRow(
                id=pk or 0,
                code=unit.code if unit else "",
                name=unit.name if unit else "—",
                bodies=len(by_district.get(pk, [])),
                counts=counts,
            )
        )
    # the worst first: most escalated, then most missing, then by code
    rows.sort(key=lambda r: (-r.counts.escalated, -r.counts.missing, r.code))
    return rows


def _body_rows(
    bodies: QuerySet[Body],
    per_body: dict[int, Counts],
    incidents: QuerySet[Incident],
    now: dt.datetime,
) -> list[AreaRow]:
    per_team = {
        r["team_id"]: r
        for r in incidents.filter(team__isnull=False)
        .order_by()
        .values("team_id")
        .annotate(**_incident_counts(now))
    }
    rows = []
    for b in bodies.select_related("unit").order_by("unit__path", "kind", "pk"):
        counts = per_body.get(b.pk) or Counts()
        i = per_team.get(b.pk, {})
        counts.incidents_open = i.get("incidents_open", 0)
        counts.incidents_overdue = i.get("incidents_overdue", 0)
        rows.append(
            AreaRow(
                id=b.pk,
                code=b.unit.code,
                name=b.name,
                unit=b.unit.name,
                kind=b.get_kind_display(),
                counts=counts,
            )
        )
    return rows


def district_for_user(user: Any, code: str) -> AdminUnit:
    """A district in the user's monitoring view (for the commission's drill-down)."""
    unit = AdminUnit.objects.filter(code=code, kind=AdminUnit.Kind.DISTRICT).first()
    if unit is None or not in_view(user, unit):
        raise DomainError(
            CoreErrorCode.NOT_FOUND,
            _("No district in your view has the code %(code)s.") % {"code": code},
            code=code,
        )
    return unit
