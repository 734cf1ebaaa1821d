"""Every write of the elections app (DESIGN.md convention 1): typed, keyword-only, atomic,
validated and audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency, Country
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.elections import events
from nirvachan.elections.ballot_order import MAX_ENTRIES
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import (
    MILESTONES,
    CollegeMember,
    Contest,
    Election,
    Nomination,
    Party,
    Phase,
    PollingHours,
    Symbol,
)

# Security deposits by (country, election type): (general, SC/ST). India: RP Act 1951 s.34.
DEPOSITS: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    (Country.INDIA, Election.Kind.GENERAL): (Decimal(25000), Decimal(12500)),
    (Country.INDIA, Election.Kind.BY_ELECTION): (Decimal(25000), Decimal(12500)),
    (Country.INDIA, Election.Kind.ASSEMBLY): (Decimal(10000), Decimal(5000)),
}
# Days from the last date of withdrawal to the poll, by country (India: RP Act 1951 s.30).
WITHDRAWAL_TO_POLL_DAYS = {Country.INDIA: 14, Country.BANGLADESH: 0}


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def _require(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    """The role under which `actor` acts on `unit` ("" for the system), or a 403 DomainError."""
    if actor is None:
        return ""
    scope = scope_for(actor, capability, unit.path)
    if scope is None:
        raise DomainError(
            Code.OUT_OF_SCOPE,
            _("You may not do this in %(unit)s.") % {"unit": unit.name},
            unit=unit.code,
            capability=str(capability),
        )
    return scope.role


def _country_unit(country: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(code=country, depth=0).first()
    if unit is None:
        raise DomainError(
            Code.VALIDATION,
            _("The country %(country)s is not loaded.") % {"country": country},
            field="country",
        )
    return unit


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
    return phase


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


# --- nominations ----------------------------------------------------------------------------


def _not_final(contest: Contest) -> None:
    if contest.final_list_published_at is not None:
        raise DomainError(
            Code.FINAL_LIST_PUBLISHED,
            _("The list of contesting candidates of %(contest)s is published already.")
            % {"contest": contest.name},
        )


def _deadline(phase: Phase, field: str, label: str, on: dt.date) -> None:
    last: dt.date | None = getattr(phase, field)
    if last is not None and on > last:
        raise DomainError(
            Code.DEADLINE_PASSED,
            _("The %(milestone)s was %(day)s.") % {"milestone": label, "day": last.isoformat()},
            field=field,
        )


def party_recognised_for(party: Party, contest: Contest) -> bool:
    """National parties everywhere; state parties in their states (elsewhere: registered)."""
    if party.kind == Party.Kind.NATIONAL:
        return True
    if party.kind == Party.Kind.STATE:
        return any(contest.unit.path.startswith(u.path) for u in party.recognised_in.all())
    return False


def nomination_file(
    *,
    actor: Any = None,
    contest: Contest,
    name_en: str = "",
    name_bn: str = "",
    name_hi: str = "",
    party: Party | None = None,
    symbol: Symbol | None = None,
    category: str = Nomination.Category.GENERAL,
    on: dt.date | None = None,
) -> Nomination:
    on = on or timezone.localdate()
    if not (_text(name_en) or _text(name_bn) or _text(name_hi)):
        raise DomainError(Code.VALIDATION, _("The candidate's name is required."), field="name_en")
    if category not in Nomination.Category.values:
        raise DomainError(Code.VALIDATION, _("Unknown category."), field="category")
    if contest.reservation in (Contest.Reservation.SC, Contest.Reservation.ST) and (
        category != contest.reservation
    ):
        raise DomainError(
            Code.VALIDATION,
            _("%(contest)s is reserved; the candidate must belong to the reserved category.")
            % {"contest": contest.name},
            field="category",
        )
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, contest.unit)
    _not_final(contest)
    _deadline(contest.phase, "nomination_last_date", _("last date of nominations"), on)
    if party is not None and party_recognised_for(party, contest):
        reserved = party.symbols.filter(kind=Symbol.Kind.RESERVED).first()
        if symbol is None:
            symbol = reserved
        elif symbol != reserved:
            raise DomainError(
                Code.VALIDATION,
                _("A candidate of %(abbr)s stands on the party's reserved symbol.")
                % {"abbr": party.abbreviation},
                field="symbol",
            )
    elif symbol is not None and symbol.kind != Symbol.Kind.FREE:
        raise DomainError(
            Code.VALIDATION,
            _("The symbol %(symbol)s is reserved for another party.") % {"symbol": symbol.name},
            field="symbol",
        )
    election = contest.election
    deposit = (
        election.deposit_reserved
        if category in (Nomination.Category.SC, Nomination.Category.ST)
        else election.deposit_general
    )
    nomination = Nomination(
        contest=contest,
        name_en=_text(name_en),
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
        party=party,
        symbol=symbol,
        category=category,
        deposit=deposit,
        filed_on=on,
        filed_by=actor,
    )
    try:
        with transaction.atomic():
            if (
                Nomination.objects.filter(contest=contest)
                .exclude(status__in=[Nomination.Status.REJECTED, Nomination.Status.WITHDRAWN])
                .count()
                + 2
                > MAX_ENTRIES
            ):
                raise DomainError(
                    Code.BALLOT_TOO_LONG,
                    _("The ballot of %(contest)s cannot take more than %(max)s entries.")
                    % {"contest": contest.name, "max": MAX_ENTRIES},
                )
            nomination.save()
            audit_record(
                event_type=events.NOMINATION_FILED,
                actor=actor,
                actor_role=actor_role,
                obj=nomination,
                summary={
                    "contest": contest.code,
                    "name": nomination.name_en or nomination.name_bn or nomination.name_hi,
                    "party": party.abbreviation if party else "",
                    "deposit": str(deposit),
                },
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("%(contest)s has a nomination of this party or on this symbol already.")
            % {"contest": contest.name},
            field="party",
        ) from None
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().select_related("contest").get(pk=nomination.pk)


def nomination_scrutinise(
    *, actor: Any = None, nomination: Nomination, accept: bool, reason: str = ""
) -> Nomination:
    """Accept, or reject with a reason, a filed nomination."""
    reason = _text(reason)
    if not accept and not reason:
        raise DomainError(
            Code.VALIDATION, _("A rejection needs a reason."), field="rejection_reason"
        )
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, nomination.contest.unit)
    with transaction.atomic():
        current = _locked(nomination)
        _not_final(current.contest)
        if current.status != Nomination.Status.FILED:
            raise DomainError(
                Code.WRONG_STATE,
                _("The nomination of %(name)s was decided already (%(status)s).")
                % {"name": current.name, "status": current.get_status_display()},
                status=current.status,
            )
        current.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.REJECTED
        current.rejection_reason = "" if accept else reason
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "rejection_reason", "decided_at"])
        audit_record(
            event_type=events.NOMINATION_ACCEPTED if accept else events.NOMINATION_REJECTED,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.contest.code, "reason": current.rejection_reason},
        )
    return current


def nomination_withdraw(
    *, actor: Any = None, nomination: Nomination, on: dt.date | None = None
) -> Nomination:
    on = on or timezone.localdate()
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, nomination.contest.unit)
    with transaction.atomic():
        current = _locked(nomination)
        _not_final(current.contest)
        _deadline(current.contest.phase, "withdrawal_last_date", _("last date of withdrawal"), on)
        if current.status != Nomination.Status.ACCEPTED:
            raise DomainError(
                Code.WRONG_STATE,
                _("Only an accepted nomination can be withdrawn; %(name)s's is %(status)s.")
                % {"name": current.name, "status": current.get_status_display()},
                status=current.status,
            )
        current.status = Nomination.Status.WITHDRAWN
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["status", "withdrawn_at"])
        audit_record(
            event_type=events.NOMINATION_WITHDRAWN,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.contest.code},
        )
    return current


def contest_final_list_publish(*, actor: Any = None, contest: Contest) -> Contest:
    """Freeze the contesting candidates (accepted, not withdrawn); no filed nomination may be
    left undecided."""
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, contest.unit)
    with transaction.atomic():
        current = Contest.objects.select_for_update().get(pk=contest.pk)
        _not_final(current)
        pending = current.nominations.filter(status=Nomination.Status.FILED).count()
        if pending:
            raise DomainError(
                Code.WRONG_STATE,
                _("%(count)s nominations of %(contest)s still await scrutiny.")
                % {"count": pending, "contest": current.name},
                pending=pending,
            )
        current.final_list_published_at = timezone.now()
        current.save(update_fields=["final_list_published_at"])
        contesting = current.nominations.filter(status=Nomination.Status.ACCEPTED).count()
        audit_record(
            event_type=events.FINAL_LIST_PUBLISHED,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.code, "contesting": contesting},
        )
    return current
