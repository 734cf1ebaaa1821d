"""Parties, symbols and electoral colleges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.elections import events
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import CollegeMember, Election, Party, Symbol
from nirvachan.elections.services._common import _country_unit, _require, _text

# --- parties, symbols, electoral colleges ---------------------------------------------------


def party_register(
    *,
    actor: Any = None,
    country: str,
    abbreviation: str,
    kind: str,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    recognised_in: Iterable[AdminUnit] = (),
) -> Party:
    if kind not in Party.Kind.values:
        raise DomainError(Code.VALIDATION, _("Unknown party kind."), field="kind")
    states = list(recognised_in)
    if kind == Party.Kind.STATE and not states:
        raise DomainError(
            Code.VALIDATION,
            _("A state party must name the states where it is recognised."),
            field="recognised_in",
        )
    actor_role = _require(actor, Capability.ELECTION_MANAGE, _country_unit(country))
    party = Party(
        country=country,
        abbreviation=_text(abbreviation).upper(),
        kind=kind,
        name_en=_text(name_en),
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
    )
    try:
        with transaction.atomic():
            party.save()
            party.recognised_in.set(states)
            audit_record(
                event_type=events.PARTY_REGISTERED,
                actor=actor,
                actor_role=actor_role,
                obj=party,
                summary={"abbreviation": party.abbreviation, "kind": kind},
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("A party %(abbr)s exists already.") % {"abbr": party.abbreviation},
            field="abbreviation",
        ) from None
    return party


def symbol_register(
    *,
    actor: Any = None,
    country: str,
    code: str,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    party: Party | None = None,
) -> Symbol:
    """A symbol reserved for `party` (which must be recognised), or a free symbol."""
    if party is not None and party.kind == Party.Kind.REGISTERED:
        raise DomainError(
            Code.VALIDATION,
            _("Only recognised parties have reserved symbols; %(abbr)s is not recognised.")
            % {"abbr": party.abbreviation},
            field="party",
        )
    actor_role = _require(actor, Capability.ELECTION_MANAGE, _country_unit(country))
    symbol = Symbol(
        country=country,
        code=_text(code).lower(),
        kind=Symbol.Kind.RESERVED if party else Symbol.Kind.FREE,
        party=party,
        name_en=_text(name_en),
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
    )
    try:
        with transaction.atomic():
            symbol.save()
            audit_record(
                event_type=events.SYMBOL_REGISTERED,
                actor=actor,
                actor_role=actor_role,
                obj=symbol,
                summary={"code": symbol.code, "party": party.abbreviation if party else ""},
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("A symbol %(code)s exists already.") % {"code": symbol.code},
            field="code",
        ) from None
    return symbol


def college_members_add(
    *, actor: Any = None, election: Election, members: Sequence[dict[str, Any]]
) -> int:
    """Add named voters to the election's electoral college; each dict has name_en/name_bn,
    body, designation and unit (an AdminUnit). Serials continue after the last one."""
    actor_role = _require(actor, Capability.ELECTION_MANAGE, _country_unit(election.country))
    with transaction.atomic():
        last = (
            CollegeMember.objects.filter(election=election)
            .order_by("-serial")
            .values_list("serial", flat=True)
            .first()
            or 0
        )
        rows = []
        for i, m in enumerate(members, start=1):
            if m.get("body") not in CollegeMember.Body.values:
                raise DomainError(
                    Code.VALIDATION,
                    _("Row %(row)s: unknown body %(body)s.") % {"row": i, "body": m.get("body")},
                    row=i,
                    field="body",
                )
            rows.append(
                CollegeMember(
                    election=election,
                    serial=last + i,
                    body=m["body"],
                    designation=_text(m.get("designation", "")),
                    unit=m["unit"],
                    name_en=_text(m.get("name_en", "")),
                    name_bn=_text(m.get("name_bn", "")),
                    name_hi=_text(m.get("name_hi", "")),
                )
            )
        CollegeMember.objects.bulk_create(rows, batch_size=500)
        audit_record(
            event_type=events.COLLEGE_MEMBERS_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=election,
            summary={"election": election.code, "added": len(rows)},
        )
    return len(rows)
