"""Contests and polling hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.elections import events
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import Contest, Election, Phase, PollingHours
from nirvachan.elections.services._common import _require, _text

# --- contests and polling hours --------------------------------------------------------------


def contest_create(
    *,
    actor: Any = None,
    election: Election,
    phase: Phase,
    code: str,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    seats: int = 1,
    reservation: str = Contest.Reservation.GENERAL,
    constituency: Constituency | None = None,
    unit: AdminUnit | None = None,
    electorate_units: Sequence[AdminUnit] = (),
) -> Contest:
    """A direct contest names its constituency; an indirect one its unit and electorate units."""
    if phase.election_id != election.pk:
        raise DomainError(
            Code.VALIDATION, _("The phase belongs to another election."), field="phase"
        )
    if seats < 1:
        raise DomainError(Code.VALIDATION, _("A contest fills at least one seat."), field="seats")
    if reservation not in Contest.Reservation.values:
        raise DomainError(Code.VALIDATION, _("Unknown reservation."), field="reservation")
    if constituency is not None:
        franchise, unit = Contest.Franchise.DIRECT, constituency.unit
    elif unit is not None and electorate_units:
        franchise = Contest.Franchise.INDIRECT
    else:
        raise DomainError(
            Code.VALIDATION,
            _("A contest needs a constituency, or a unit and the units of its electoral college."),
            field="constituency",
        )
    code = _text(code).upper()
    actor_role = _require(actor, Capability.ELECTION_MANAGE, unit)
    if constituency is not None:  # names default to the constituency's
        name_en = name_en or constituency.name_en
        name_bn = name_bn or constituency.name_bn
        name_hi = name_hi or constituency.name_hi
    contest = Contest(
        election=election,
        phase=phase,
        code=code,
        name_en=_text(name_en) or code,
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
        seats=seats,
        reservation=reservation,
        franchise=franchise,
        constituency=constituency,
        unit=unit,
    )
    try:
        with transaction.atomic():
            contest.save()
            if electorate_units:
                contest.electorate_units.set(electorate_units)
            audit_record(
                event_type=events.CONTEST_CREATED,
                actor=actor,
                actor_role=actor_role,
                obj=contest,
                summary={
                    "election": election.code,
                    "code": code,
                    "phase": phase.number,
                    "franchise": franchise,
                    "seats": seats,
                },
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("The election has a contest %(code)s already.") % {"code": code},
            field="code",
        ) from None
    return contest


def polling_hours_set(
    *,
    actor: Any = None,
    election: Election,
    opens: dt.time,
    closes: dt.time,
    unit: AdminUnit | None = None,
    constituency: Constituency | None = None,
    note: str = "",
) -> PollingHours:
    """Override the election's hours for a unit (a state) or a constituency."""
    if (unit is None) == (constituency is None):
        raise DomainError(Code.VALIDATION, _("Name either a unit or a constituency."), field="unit")
    if opens >= closes:
        raise DomainError(
            Code.VALIDATION, _("The polls must open before they close."), field="closes"
        )
    target = unit if unit is not None else constituency.unit  # type: ignore[union-attr]
    actor_role = _require(actor, Capability.ELECTION_MANAGE, target)
    with transaction.atomic():
        hours, _created = PollingHours.objects.update_or_create(
            election=election,
            unit=unit,
            constituency=constituency,
            defaults={"opens": opens, "closes": closes, "note": _text(note)},
        )
        audit_record(
            event_type=events.POLLING_HOURS_SET,
            actor=actor,
            actor_role=actor_role,
            obj=hours,
            summary={
                "election": election.code,
                "unit": unit.code if unit else "",
                "constituency": constituency.code if constituency else "",
                "opens": opens.strftime("%H:%M"),
                "closes": closes.strftime("%H:%M"),
            },
        )
    return hours
