"""Elections and their phases: creating an election, checking and scheduling milestones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import Country
from nirvachan.core.roles import Capability
from nirvachan.elections import events
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import MILESTONES, Election, Phase
from nirvachan.elections.services._common import _country_unit, _require, _text

# Security deposits by (country, election type): (general, SC/ST). India: RP Act 1951 s.34.
DEPOSITS: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    (Country.INDIA, Election.Kind.GENERAL): (Decimal(25000), Decimal(12500)),
    (Country.INDIA, Election.Kind.BY_ELECTION): (Decimal(25000), Decimal(12500)),
    (Country.INDIA, Election.Kind.ASSEMBLY): (Decimal(10000), Decimal(5000)),
}
# Days from the last date of withdrawal to the poll, by country (India: RP Act 1951 s.30).
WITHDRAWAL_TO_POLL_DAYS = {Country.INDIA: 14, Country.BANGLADESH: 0}


# --- elections and phases --------------------------------------------------------------------


def election_create(
    *,
    actor: Any = None,
    code: str,
    kind: str,
    country: str,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    polls_open: dt.time,
    polls_close: dt.time,
    deposit_general: Decimal | None = None,
    deposit_reserved: Decimal | None = None,
    withdrawal_to_poll_days: int | None = None,
    uses_paper_ballot: bool = False,
    status: str = Election.Status.DRAFT,
) -> Election:
    code = _text(code).lower()
    if not code:
        raise DomainError(Code.VALIDATION, _("A code is required."), field="code")
    if kind not in Election.Kind.values:
        raise DomainError(
            Code.VALIDATION, _("Unknown election type %(kind)s.") % {"kind": kind}, field="kind"
        )
    if status not in Election.Status.values:
        raise DomainError(Code.VALIDATION, _("Unknown status."), field="status")
    if not _text(name_en):
        raise DomainError(Code.VALIDATION, _("The English name is required."), field="name_en")
    if polls_open >= polls_close:
        raise DomainError(
            Code.VALIDATION, _("The polls must open before they close."), field="polls_close"
        )
    actor_role = _require(actor, Capability.ELECTION_MANAGE, _country_unit(country))
    general, reserved = DEPOSITS.get((country, kind), (Decimal(0), Decimal(0)))
    election = Election(
        code=code,
        kind=kind,
        country=country,
        status=status,
        name_en=_text(name_en),
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
        polls_open=polls_open,
        polls_close=polls_close,
        deposit_general=general if deposit_general is None else deposit_general,
        deposit_reserved=reserved if deposit_reserved is None else deposit_reserved,
        withdrawal_to_poll_days=(
            WITHDRAWAL_TO_POLL_DAYS.get(country, 0)
            if withdrawal_to_poll_days is None
            else withdrawal_to_poll_days
        ),
        uses_paper_ballot=uses_paper_ballot,
    )
    if election.deposit_general < 0 or election.deposit_reserved < 0:
        raise DomainError(Code.VALIDATION, _("A deposit cannot be negative."), field="deposit")
    try:
        with transaction.atomic():
            election.save()
            audit_record(
                event_type=events.ELECTION_CREATED,
                actor=actor,
                actor_role=actor_role,
                obj=election,
                summary={"code": code, "kind": kind, "country": country},
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("An election with the code %(code)s exists already.") % {"code": code},
            field="code",
        ) from None
    return election


def milestones_check(dates: dict[str, dt.date | None], *, withdrawal_to_poll_days: int) -> None:
    """Refuse milestones out of order, naming the milestone (pure; used by phase_schedule)."""
    if dates.get("poll_date") is None:
        raise DomainError(Code.VALIDATION, _("The poll date is required."), field="poll_date")
    previous: tuple[str, Any, dt.date] | None = None
    for field, label in MILESTONES:
        day = dates.get(field)
        if day is None:
            continue
        if previous is not None:
            _prev_field, prev_label, prev_day = previous
            same_day_ok = field == "counting_date"
            if day < prev_day or (day == prev_day and not same_day_ok):
                raise DomainError(
                    Code.MILESTONE_ORDER,
                    _("The %(milestone)s (%(day)s) must come after the %(previous)s (%(prev)s).")
                    % {
                        "milestone": label,
                        "day": day.isoformat(),
                        "previous": prev_label,
                        "prev": prev_day.isoformat(),
                    },
                    field=field,
                )
        previous = (field, label, day)
    withdrawal, poll = dates.get("withdrawal_last_date"), dates["poll_date"]
    if withdrawal is not None and poll is not None and withdrawal_to_poll_days:
        earliest = withdrawal + dt.timedelta(days=withdrawal_to_poll_days)
        if poll < earliest:
            raise DomainError(
                Code.MILESTONE_ORDER,
                _(
                    "The poll (%(poll)s) may not be earlier than the %(days)sth day after the "
                    "last date of withdrawal (%(earliest)s or later)."
                )
                % {
                    "poll": poll.isoformat(),
                    "days": withdrawal_to_poll_days,
                    "earliest": earliest.isoformat(),
                },
                field="poll_date",
            )


def phase_schedule(
    *,
    actor: Any = None,
    election: Election,
    number: int,
    poll_date: dt.date,
    notification_date: dt.date | None = None,
    nomination_last_date: dt.date | None = None,
    scrutiny_date: dt.date | None = None,
    withdrawal_last_date: dt.date | None = None,
    counting_date: dt.date | None = None,
    seats_declared: int | None = None,
) -> Phase:
    """Create phase `number` of the election, or change its dates."""
    if number < 1:
        raise DomainError(Code.VALIDATION, _("A phase number starts at 1."), field="number")
    dates = {
        "notification_date": notification_date,
        "nomination_last_date": nomination_last_date,
        "scrutiny_date": scrutiny_date,
        "withdrawal_last_date": withdrawal_last_date,
        "poll_date": poll_date,
        "counting_date": counting_date,
    }
    milestones_check(dates, withdrawal_to_poll_days=election.withdrawal_to_poll_days)
    actor_role = _require(actor, Capability.ELECTION_MANAGE, _country_unit(election.country))
    with transaction.atomic():
        phase, created = Phase.objects.select_for_update().get_or_create(
            election=election,
            number=number,
            defaults={**dates, "seats_declared": seats_declared},
        )
        moved = not created and phase.poll_date != poll_date
        if not created:
            for field, value in dates.items():
                setattr(phase, field, value)
            phase.seats_declared = seats_declared
            phase.save()
        audit_record(
            event_type=events.PHASE_SCHEDULED,
            actor=actor,
            actor_role=actor_role,
            obj=phase,
            summary={
                "election": election.code,
                "number": number,
                "created": created,
                **{k: v.isoformat() for k, v in dates.items() if v is not None},
            },
        )
        if moved:
            # Monitoring bodies report on dates counted from the poll: plan them anew (future
            # obligations move, the history stays). An explicit call, not a signal.
            from nirvachan.monitoring.services import obligations_generate

            obligations_generate(actor=actor, election=election)
    return phase
