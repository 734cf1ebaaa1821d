"""Incidents: reported by officers or citizens, then moved through their lifecycle."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election
from nirvachan.monitoring import events
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Body, Incident, IncidentStep
from nirvachan.monitoring.services._common import (
    _district_of,
    _nfc,
    _required,
    require_observer_or_officer,
)
from nirvachan.monitoring.services.schedule import event_bodies_on_report, event_obligations

RESPONSE_MINUTES = 100  # cVIGIL's promise; an officer may set another per incident
MAX_RESPONSE_MINUTES = 7 * 24 * 60
FOLLOW_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
S = Incident.Status
# status -> the statuses it may move to
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REPORTED: (S.ASSIGNED, S.DROPPED),
    S.ASSIGNED: (S.VERIFIED, S.DROPPED),
    S.VERIFIED: (S.ACTION, S.CLOSED, S.DROPPED),
    S.ACTION: (S.CLOSED,),
    S.CLOSED: (),
    S.DROPPED: (),
}
DROP_REASONS = ("unfounded", "duplicate")


def _follow_code() -> str:
    return "".join(secrets.choice(FOLLOW_ALPHABET) for _ in range(8))


def incident_report(
    *,
    actor: Any,
    election: Election,
    unit: AdminUnit,
    kind: str,
    description: str,
    occurred_at: dt.datetime,
    location: str = "",
    anonymous: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    by_candidate: bool = False,
    candidate: str = "",
    attachment: Any = None,
    response_minutes: int = RESPONSE_MINUTES,
    at: dt.datetime | None = None,
) -> Incident:
    """An incident reported by an officer (actor) or a citizen (actor None, public form)."""
    actor_role = require_observer_or_officer(actor, unit)  # "" for a citizen (actor None)
    if kind not in Incident.Kind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a type of incident.") % {"kind": kind}, field="kind"
        )
    description = _required(description, "description", _("Description"))
    if not 1 <= response_minutes <= MAX_RESPONSE_MINUTES:
        raise DomainError(
            Code.VALIDATION,
            _("The response time must be 1 minute to 7 days."),
            field="response_minutes",
        )
    now = at or timezone.now()
    if occurred_at > now + dt.timedelta(minutes=5):
        raise DomainError(
            Code.VALIDATION, _("The time of the incident is in the future."), field="occurred_at"
        )
    if anonymous:
        contact_name = contact_phone = ""
    with transaction.atomic():
        incident = Incident.objects.create(
            election=election,
            unit=unit,
            district=_district_of(unit),
            kind=kind,
            description=description,
            location=_nfc(location),
            occurred_at=occurred_at,
            reported_at=now,
            reporter=Incident.Reporter.OFFICER if actor else Incident.Reporter.CITIZEN,
            reported_by=actor,
            anonymous=anonymous,
            contact_name=_nfc(contact_name),
            contact_phone=_nfc(contact_phone),
            follow_code=_follow_code(),
            attachment=attachment or "",
            by_candidate=by_candidate,
            candidate=_nfc(candidate),
            deadline_at=now + dt.timedelta(minutes=response_minutes),
        )
        IncidentStep.objects.create(incident=incident, status=S.REPORTED, at=now, actor=actor)
        audit_record(
            event_type=events.INCIDENT_REPORTED,
            actor=actor,
            actor_role=actor_role,
            obj=incident,
            summary={"unit": unit.code, "kind": kind, "citizen": actor is None},
        )
        _record_event_obligations(incident, event_bodies_on_report(incident))
    return incident


def _record_event_obligations(incident: Incident, bodies: list[Body]) -> None:
    created = event_obligations(incident, bodies)
    if created:
        audit_record(
            event_type=events.OBLIGATIONS_GENERATED,
            actor=None,
            actor_role="",
            obj=incident,
            summary={
                "incident": incident.follow_code,
                "obligations": [[o.body_id, o.code] for o in created],
                "due_at": incident.deadline_at.isoformat(),
            },
        )


def notice_text(incident: Incident) -> str:
    """The written notice to the Commission of a violation by a candidate or agent."""
    return "\n".join(
        [
            _("To: the Election Commission"),
            _("Subject: violation of the code of conduct by a candidate or agent"),
            _("Election: %(e)s") % {"e": incident.election.name},
            _("Area: %(u)s") % {"u": incident.unit.name},
            _("Candidate or agent: %(c)s") % {"c": incident.candidate},
            _("Time: %(t)s") % {"t": f"{timezone.localtime(incident.occurred_at):%Y-%m-%d %H:%M}"},
            _("Place: %(p)s") % {"p": incident.location},
            _("Facts: %(d)s") % {"d": incident.description},
            _("Action taken: %(a)s") % {"a": incident.get_action_display()},
            _("Reference: %(r)s") % {"r": incident.follow_code},
        ]
    )


def incident_move(
    *,
    actor: Any,
    incident: Incident,
    status: str,
    note: str = "",
    team: Body | None = None,
    action: str = "",
    reason: str = "",
    at: dt.datetime | None = None,
) -> Incident:
    """One step of the lifecycle: assigned (to a team), verified, action, closed or dropped."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, incident.unit)
    now = at or timezone.now()
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if status not in TRANSITIONS.get(incident.status, ()):
            raise DomainError(
                Code.BAD_TRANSITION,
                _("Incident %(code)s cannot move from %(old)s to %(new)s.")
                % {"code": incident.follow_code, "old": incident.status, "new": status},
                status=status,
            )
        if status == S.ASSIGNED:
            if team is None or team.election_id != incident.election_id:
                raise DomainError(
                    Code.VALIDATION, _("Choose a team of this election."), field="team"
                )
            incident.team = team
        if status == S.ACTION:
            if action not in Incident.Action.values:
                raise DomainError(
                    Code.VALIDATION, _("Choose the action taken."), field="action", action=action
                )
            incident.action = action
        if status == S.DROPPED:
            if reason not in DROP_REASONS:
                raise DomainError(
                    Code.VALIDATION,
                    _("An incident is dropped as unfounded or duplicate."),
                    field="reason",
                )
            incident.drop_reason = reason
        if status in (S.VERIFIED, S.DROPPED) and incident.responded_at is None:
            incident.responded_at = now
        incident.status = status
        if status == S.ACTION and incident.by_candidate:
            incident.notice = notice_text(incident)
        incident.save()
        IncidentStep.objects.create(
            incident=incident, status=status, at=now, actor=actor, note=_nfc(note)
        )
        if status == S.ASSIGNED and team is not None:
            _record_event_obligations(incident, [team])
        audit_record(
            event_type=events.INCIDENT_MOVED,
            actor=actor,
            actor_role=actor_role,
            obj=incident,
            summary={"status": status, "action": action, "reason": reason},
        )
        if incident.notice and status == S.ACTION:
            audit_record(
                event_type=events.NOTICE_ISSUED,
                actor=actor,
                actor_role=actor_role,
                obj=incident,
                summary={"candidate": incident.candidate},
            )
    return incident
