"""Forming monitoring bodies (teams, cells, committees) and adding their members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election
from nirvachan.monitoring import events
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Body, BodyKind, Member
from nirvachan.monitoring.services._common import _district_of, _nfc, _required
from nirvachan.monitoring.services.schedule import _generate, poll_date_of, rules_for


@dataclass(frozen=True)
class MemberData:
    name: str
    office: str = ""
    role: str = ""
    contact: str = ""
    is_leader: bool = False


def body_form(
    *,
    actor: Any,
    election: Election,
    unit: AdminUnit,
    kind: str,
    name: str,
    formed_on: dt.date,
    members: list[MemberData] | None = None,
    today: dt.date | None = None,
) -> Body:
    """Form a team, cell or committee with its members, and generate its obligations."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, unit)
    if kind not in BodyKind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a type of body.") % {"kind": kind}, field="kind"
        )
    name = _required(name, "name", _("Name"))
    members = members or []
    if sum(1 for m in members if m.is_leader) > 1:
        raise DomainError(
            Code.VALIDATION, _("A body has one leader only."), field="members", body=name
        )
    if Body.objects.filter(election=election, unit=unit, name=name).exists():
        raise DomainError(
            Code.VALIDATION,
            _("%(unit)s already has a body named %(name)s.") % {"unit": unit.name, "name": name},
            field="name",
        )
    with transaction.atomic():
        body = Body.objects.create(
            election=election,
            unit=unit,
            district=_district_of(unit),
            kind=kind,
            name=name,
            formed_on=formed_on,
        )
        for i, m in enumerate(members, start=1):
            Member.objects.create(
                body=body,
                name=_required(m.name, f"members[{i}].name", _("Name")),
                office=_nfc(m.office),
                role=_nfc(m.role),
                contact=_nfc(m.contact),
                is_leader=m.is_leader,
            )
        audit_record(
            event_type=events.BODY_FORMED,
            actor=actor,
            actor_role=actor_role,
            obj=body,
            summary={"election": election.code, "unit": unit.code, "kind": kind, "name": name},
        )
        _generate([body], rules_for(election), poll_date_of(election), today)
    return body


def member_add(
    *,
    actor: Any,
    body: Body,
    name: str,
    office: str = "",
    role: str = "",
    contact: str = "",
    is_leader: bool = False,
) -> Member:
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, body.unit)
    name = _required(name, "name", _("Name"))
    with transaction.atomic():
        if is_leader:
            Member.objects.filter(body=body, is_leader=True).update(is_leader=False)
        member = Member.objects.create(
            body=body,
            name=name,
            office=_nfc(office),
            role=_nfc(role),
            contact=_nfc(contact),
            is_leader=is_leader,
        )
        audit_record(
            event_type=events.MEMBER_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=member,
            summary={"body": body.pk, "name": name, "leader": is_leader},
        )
    return member
