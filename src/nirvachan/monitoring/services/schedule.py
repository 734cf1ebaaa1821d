"""Poll date, reporting rules and the obligations they generate for each body."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election, Phase
from nirvachan.monitoring import events
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Body, BodyKind, Incident, Obligation, ReportingRule
from nirvachan.monitoring.services._common import _country_unit, _end_of_day, _required

# --- poll date and rules -----------------------------------------------------------------------


def poll_date_of(election: Election) -> dt.date:
    """The first poll date of the election's phases."""
    poll: dt.date | None = Phase.objects.filter(election=election).aggregate(p=Min("poll_date"))[
        "p"
    ]
    if poll is None:
        raise DomainError(
            Code.NO_POLL_DATE,
            _("Election %(code)s has no poll date yet; schedule a phase first.")
            % {"code": election.code},
            election=election.code,
        )
    return poll


def _seed_rules(election: Election) -> None:
    if ReportingRule.objects.filter(election=election).exists():
        return
    ReportingRule.objects.bulk_create(
        ReportingRule(
            election=election,
            body_kind=kind,
            code=r.code,
            kind=str(r.kind),
            every_days=r.every_days,
            window_days=r.window_days,
            offset_days=r.offset_days,
        )
        for kind, rules in plan.SEED_RULES.items()
        for r in rules
    )


def rules_for(election: Election) -> dict[str, list[plan.Rule]]:
    """The election's rules by body kind (the seed's defaults until the commission sets them)."""
    _seed_rules(election)
    out: dict[str, list[plan.Rule]] = {k: [] for k in BodyKind.values}
    for r in ReportingRule.objects.filter(election=election):
        out[r.body_kind].append(
            plan.Rule(
                r.code,
                plan.RuleKind(r.kind),
                every_days=r.every_days,
                window_days=r.window_days,
                offset_days=r.offset_days,
            )
        )
    return out


SLUG = re.compile(r"[a-z0-9_-]{1,40}")


def rule_set(
    *,
    actor: Any,
    election: Election,
    body_kind: str,
    code: str,
    kind: str,
    every_days: int = 0,
    window_days: int = 0,
    offset_days: int = 0,
    today: dt.date | None = None,
) -> ReportingRule:
    """Create or change one reporting rule (commission level), then regenerate obligations."""
    actor_role = require_scope(actor, Capability.ELECTION_MANAGE, _country_unit(election.country))
    if body_kind not in BodyKind.values:
        raise DomainError(
            Code.VALIDATION,
            _("%(kind)s is not a type of body.") % {"kind": body_kind},
            field="body_kind",
        )
    if kind not in ReportingRule.Kind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a kind of rule.") % {"kind": kind}, field="kind"
        )
    code = _required(code, "code", _("Code"))
    if not SLUG.fullmatch(code):
        raise DomainError(
            Code.VALIDATION,
            _("The code may contain only small Latin letters, digits, - and _."),
            field="code",
        )
    if kind in (plan.RuleKind.PERIODIC, plan.RuleKind.WINDOW) and not 1 <= every_days <= 366:
        raise DomainError(
            Code.VALIDATION,
            _("Rule %(code)s must repeat every 1 to 366 days.") % {"code": code},
            field="every_days",
        )
    if not 0 <= window_days <= 366:
        raise DomainError(
            Code.VALIDATION,
            _("The window must be 0 to 366 days before the poll."),
            field="window_days",
        )
    if not -366 <= offset_days <= 366:
        raise DomainError(
            Code.VALIDATION,
            _("The day relative to the poll must be within a year of it."),
            field="offset_days",
        )
    with transaction.atomic():
        _seed_rules(election)
        rule, _created = ReportingRule.objects.update_or_create(
            election=election,
            body_kind=body_kind,
            code=code,
            defaults={
                "kind": kind,
                "every_days": every_days,
                "window_days": window_days,
                "offset_days": offset_days,
            },
        )
        audit_record(
            event_type=events.RULES_SET,
            actor=actor,
            actor_role=actor_role,
            obj=rule,
            summary={"election": election.code, "body_kind": body_kind, "code": rule.code},
        )
        obligations_generate(actor=None, election=election, today=today)
    return rule


def rule_delete(*, actor: Any, rule: ReportingRule, today: dt.date | None = None) -> None:
    """Remove one reporting rule (commission level) and regenerate: its future unreported
    obligations are superseded, past and reported ones stay as history."""
    election = rule.election
    actor_role = require_scope(actor, Capability.ELECTION_MANAGE, _country_unit(election.country))
    if not ReportingRule.objects.filter(election=election).exclude(pk=rule.pk).exists():
        raise DomainError(
            Code.VALIDATION,
            _("The last rule of an election cannot be removed; change it instead."),
            field="rule",
        )
    with transaction.atomic():
        summary = {
            "election": election.code,
            "body_kind": rule.body_kind,
            "code": rule.code,
            "deleted": True,
        }
        audit_record(
            event_type=events.RULES_SET,
            actor=actor,
            actor_role=actor_role,
            obj=rule,
            summary=summary,
        )
        rule.delete()
        obligations_generate(actor=None, election=election, today=today)


# --- obligations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenerateResult:
    added: int
    superseded: int
    kept: int


def _generate(
    bodies: list[Body],
    rules: dict[str, list[plan.Rule]],
    poll: dt.date,
    today: dt.date | None,
) -> GenerateResult:
    today = today or timezone.localdate()
    now = timezone.now()
    existing: dict[int, list[Obligation]] = {b.pk: [] for b in bodies}
    for o in Obligation.objects.filter(
        body__in=bodies, superseded_at__isnull=True, incident__isnull=True
    ).values("pk", "body_id", "code", "due_on", "report__id"):
        existing[o["body_id"]].append(o)  # type: ignore[arg-type]
    new: list[Obligation] = []
    drop: list[int] = []
    kept = 0
    for body in bodies:
        rows: list[Any] = existing[body.pk]
        body_rules = rules.get(body.kind, [])
        if not rows:  # a new body: its whole schedule, past dates included
            fresh = plan.schedule(body_rules, formed=body.formed_on, poll=poll)
            new.extend(
                Obligation(
                    body=body, code=d.code, due_on=d.on, due_at=_end_of_day(d.on), poll_date=poll
                )
                for d in fresh
            )
            continue
        by_due = {plan.Due(r["due_on"], r["code"]): r for r in rows}
        done = frozenset(d for d, r in by_due.items() if r["report__id"] is not None)
        result = plan.replan(
            list(by_due),
            body_rules,
            formed=body.formed_on,
            poll=poll,
            today=today,
            done=done,
        )
        kept += len(result.keep)
        drop.extend(by_due[d]["pk"] for d in result.drop)
        new.extend(
            Obligation(
                body=body, code=d.code, due_on=d.on, due_at=_end_of_day(d.on), poll_date=poll
            )
            for d in result.add
        )
    if drop:
        Obligation.objects.filter(pk__in=drop).update(superseded_at=now)
    Obligation.objects.bulk_create(new, batch_size=2000)
    return GenerateResult(added=len(new), superseded=len(drop), kept=kept)


def obligations_generate(
    *, actor: Any, election: Election, today: dt.date | None = None
) -> GenerateResult:
    """Generate (or regenerate, after the poll date or the rules changed) every body's
    obligations. Past and reported obligations are kept as history; future ones that no longer
    fit are marked superseded."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, _country_unit(election.country))
    poll = poll_date_of(election)
    with transaction.atomic():
        bodies = list(Body.objects.filter(election=election))
        result = _generate(bodies, rules_for(election), poll, today)
        audit_record(
            event_type=events.OBLIGATIONS_GENERATED,
            actor=actor,
            actor_role=actor_role,
            obj=election,
            summary={
                "election": election.code,
                "poll_date": poll.isoformat(),
                "bodies": len(bodies),
                "added": result.added,
                "superseded": result.superseded,
            },
        )
    return result


# --- event-driven obligations ------------------------------------------------------------------


def event_obligations(incident: Incident, bodies: list[Body]) -> list[Obligation]:
    """Event rules make a body report on one incident, by the incident's response deadline:
    the monitoring cell (and any other district-level body with an event rule) on every incident
    in its district as soon as it is reported, a team on each incident assigned to it. One
    obligation per (body, rule, incident); bodies without an event rule get none."""
    rules = rules_for(incident.election)
    poll = Phase.objects.filter(election=incident.election).aggregate(p=Min("poll_date"))[
        "p"
    ] or timezone.localdate(incident.deadline_at)
    due_on = timezone.localdate(incident.deadline_at)
    out = []
    for body in bodies:
        for rule in rules.get(body.kind, []):
            if rule.kind is not plan.RuleKind.EVENT:
                continue
            obligation, created = Obligation.objects.get_or_create(
                body=body,
                code=rule.code,
                incident=incident,
                defaults={"due_on": due_on, "due_at": incident.deadline_at, "poll_date": poll},
            )
            if created:
                out.append(obligation)
    return out


def event_bodies_on_report(incident: Incident) -> list[Body]:
    """The district-level bodies (not teams) of the incident's election and district."""
    if incident.district_id is None:
        return []
    return list(
        Body.objects.filter(
            election_id=incident.election_id,
            district_id=incident.district_id,
            unit_id=incident.district_id,
        ).exclude(kind=BodyKind.TEAM)
    )
