"""Reads of the elections app, including every per-user access rule (DESIGN.md convention 2).

Schedules, contests, candidate lists and ballots are public. Nominations are officer work: a
holder of election.view sees the contests run from their unit's subtree (others are 404), and
only nomination.manage may change them (403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.elections.ballot_order import (
    BallotCandidate,
    BallotEntry,
    Group,
    ballot_order,
    units_needed,
)
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import (
    CollegeMember,
    Contest,
    Election,
    Nomination,
    Party,
    Phase,
    PollingHours,
    Symbol,
)
from nirvachan.elections.services import party_recognised_for

# --- elections and phases (public) ------------------------------------------------------------


def election_list() -> QuerySet[Election]:
    return Election.objects.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("number"))
    ).order_by("-created_at", "code")


def election_get(*, code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("No election has the code %(code)s.") % {"code": code},
            code=code,
        )
    return election


def phase_list(election: Election) -> QuerySet[Phase]:
    return (
        Phase.objects.filter(election=election)
        .annotate(contest_seats=Sum("contests__seats"))
        .order_by("number")
    )


@dataclass(frozen=True)
class ScheduleRow:
    number: int
    poll_date: dt.date
    seats: int
    contests: int


def schedule_rows(election: Election) -> list[ScheduleRow]:
    """One row per phase: poll date and seats (as notified, else the contests' seats)."""
    rows = []
    for phase in phase_list(election).annotate(contest_count=Count("contests")):
        seats = phase.seats_declared
        if seats is None:
            seats = phase.contest_seats or 0
        rows.append(ScheduleRow(phase.number, phase.poll_date, seats, phase.contest_count or 0))
    return rows


# --- contests (public) ------------------------------------------------------------------------


def contest_list(
    election: Election, *, state_code: str = "", phase: int | None = None, search: str = ""
) -> QuerySet[Contest]:
    qs = Contest.objects.filter(election=election).select_related(
        "phase", "constituency", "unit", "unit__parent"
    )
    if state_code:
        unit = AdminUnit.objects.filter(code=state_code).first()
        if unit is None:
            raise DomainError(
                Code.NOT_FOUND,
                _("No administrative unit has the code %(code)s.") % {"code": state_code},
                code=state_code,
            )
        qs = qs.filter(unit__path__startswith=unit.path)
    if phase:
        qs = qs.filter(phase__number=phase)
    if search:
        qs = qs.filter(
            Q(name_en__icontains=search)
            | Q(name_bn__icontains=search)
            | Q(name_hi__icontains=search)
            | Q(code__icontains=search)
        )
    return qs.order_by("phase__number", "unit__path", "name_en")


def contest_get(*, election: Election, contest_id: int) -> Contest:
    contest = (
        Contest.objects.select_related("election", "phase", "constituency", "unit")
        .filter(election=election, pk=contest_id)
        .first()
    )
    if contest is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Contest %(id)s of %(election)s was not found.")
            % {"id": contest_id, "election": election.code},
            id=contest_id,
        )
    return contest


def states_of(election: Election) -> list[AdminUnit]:
    """The states/districts (depth-1 or deeper units) the election's contests are run from."""
    ids = Contest.objects.filter(election=election).values_list("unit_id", flat=True).distinct()
    return list(AdminUnit.objects.filter(pk__in=ids).order_by("name_en"))


def polling_hours_for(contest: Contest) -> tuple[dt.time, dt.time]:
    """Constituency override, else the deepest unit override above the contest, else the
    election's default."""
    election = contest.election
    overrides = list(PollingHours.objects.filter(election=election).select_related("unit"))
    if contest.constituency_id is not None:
        for hours in overrides:
            if hours.constituency_id == contest.constituency_id:
                return hours.opens, hours.closes
    best: PollingHours | None = None
    for hours in overrides:
        if (
            hours.unit is not None
            and contest.unit.path.startswith(hours.unit.path)
            and (best is None or len(hours.unit.path) > len(best.unit.path))  # type: ignore[union-attr]
        ):
            best = hours
    if best is not None:
        return best.opens, best.closes
    return election.polls_open, election.polls_close


def polling_hours_overrides(election: Election) -> QuerySet[PollingHours]:
    return PollingHours.objects.filter(election=election).select_related("unit", "constituency")


def candidate_list(contest: Contest) -> QuerySet[Nomination]:
    """Contesting candidates: accepted and not withdrawn."""
    return (
        contest.nominations.filter(status=Nomination.Status.ACCEPTED)
        .select_related("party", "symbol")
        .prefetch_related("party__recognised_in")
    )


def _localised(obj: Any, lang: str) -> str:
    value: str = getattr(obj, f"name_{lang}", "") or ""
    return value or obj.name_en or obj.name_bn or obj.name_hi


def party_group(party: Party | None, contest: Contest) -> Group:
    if party is None:
        return Group.INDEPENDENT
    return Group.RECOGNISED if party_recognised_for(party, contest) else Group.REGISTERED


@dataclass(frozen=True)
class Ballot:
    contest: Contest
    entries: tuple[BallotEntry, ...]
    units: int
    nominations: dict[str, Nomination]

    @property
    def rows(self) -> list[tuple[BallotEntry, Nomination | None]]:
        return [(e, self.nominations.get(e.key)) for e in self.entries]


def contest_ballot(contest: Contest, *, lang: str) -> Ballot:
    """The ballot in ballot order in language `lang` (bn/hi/en), NOTA last."""
    nominations = {str(n.pk): n for n in candidate_list(contest)}
    candidates = [
        BallotCandidate(
            key=key,
            name=_localised(n, lang),
            group=party_group(n.party, contest),
            party=_localised(n.party, lang) if n.party else "",
            symbol=_localised(n.symbol, lang) if n.symbol else "",
        )
        for key, n in nominations.items()
    ]
    nota = {"bn": "উপরের কাউকে নয় (নোটা)", "hi": "इनमें से कोई नहीं (नोटा)"}.get(
        lang, "None of the above (NOTA)"
    )
    entries = ballot_order(candidates, nota_label=nota)
    return Ballot(contest, entries, units_needed(entries), nominations)


# --- eligibility ------------------------------------------------------------------------------


def voter_eligible(
    contest: Contest,
    *,
    member: CollegeMember | None = None,
    constituency: Constituency | None = None,
) -> bool:
    """May this voter vote in `contest`?

    Direct contests: an elector whose roll part lies in the contest's constituency (given as
    `constituency`). Indirect contests: a member of the election's electoral college whose unit
    lies under one of the contest's electorate units; one member may vote in several contests.
    """
    if contest.franchise == Contest.Franchise.DIRECT:
        return constituency is not None and constituency.pk == contest.constituency_id
    if member is None or member.election_id != contest.election_id:
        return False
    return any(member.unit.path.startswith(u.path) for u in contest.electorate_units.all())


def college_contests_for(member: CollegeMember) -> list[Contest]:
    """The contests of the member's election in which the member may vote."""
    contests = Contest.objects.filter(
        election_id=member.election_id, franchise=Contest.Franchise.INDIRECT
    ).prefetch_related("electorate_units")
    return [c for c in contests.order_by("code") if voter_eligible(c, member=member)]


def college_list(election: Election, *, unit: AdminUnit | None = None) -> QuerySet[CollegeMember]:
    qs = CollegeMember.objects.filter(election=election).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("serial")


# --- officer access ---------------------------------------------------------------------------


def contest_list_for_user(user: Any, *, election: Election | None = None) -> QuerySet[Contest]:
    qs = Contest.objects.select_related("election", "phase", "unit").filter(
        _paths_q(user, Capability.ELECTION_VIEW, "unit__path")
    )
    if election is not None:
        qs = qs.filter(election=election)
    return qs.order_by("election__code", "phase__number", "code")


def contest_get_for_user(
    user: Any, *, election_code: str, contest_id: int, for_change: bool = False
) -> Contest:
    contest = (
        contest_list_for_user(user)
        .select_related("constituency")
        .filter(election__code=election_code, pk=contest_id)
        .first()
    )
    if contest is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Contest %(id)s of %(election)s was not found.")
            % {"id": contest_id, "election": election_code},
            id=contest_id,
        )
    if for_change and scope_for(user, Capability.NOMINATION_MANAGE, contest.unit.path) is None:
        raise DomainError(
            Code.PERMISSION_DENIED,
            _("Your role does not allow deciding nominations."),
            id=contest_id,
        )
    return contest


def nomination_list_for_user(user: Any, contest: Contest) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(
            _paths_q(user, Capability.ELECTION_VIEW, "contest__unit__path"), contest=contest
        )
        .select_related("party", "symbol")
        .order_by("status", "name_en", "pk")
    )


def nomination_get_for_user(
    user: Any, *, contest: Contest, nomination_id: int, for_change: bool = False
) -> Nomination:
    nomination = (
        nomination_list_for_user(user, contest)
        .select_related("contest", "contest__unit", "contest__phase")
        .filter(pk=nomination_id)
        .first()
    )
    if nomination is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Nomination %(id)s was not found.") % {"id": nomination_id},
            id=nomination_id,
        )
    if for_change and scope_for(user, Capability.NOMINATION_MANAGE, contest.unit.path) is None:
        raise DomainError(
            Code.PERMISSION_DENIED,
            _("Your role does not allow deciding nominations."),
            id=nomination_id,
        )
    return nomination


def symbol_list(country: str) -> QuerySet[Symbol]:
    return Symbol.objects.filter(country=country).order_by("kind", "code")


def party_list(country: str) -> QuerySet[Party]:
    return Party.objects.filter(country=country).order_by("kind", "abbreviation")


def can_manage_nominations(user: Any, contest: Contest) -> bool:
    return scope_for(user, Capability.NOMINATION_MANAGE, contest.unit.path) is not None


def next_poll_date(constituency: Constituency, *, today: dt.date | None = None) -> dt.date | None:
    """The next poll date (today or later) of a contest on the constituency or on the
    constituency it is a segment of, or None when no poll is scheduled there."""
    today = today or timezone.localdate()
    ids = [constituency.pk] + ([constituency.parent_id] if constituency.parent_id else [])
    phase_dates = (
        Contest.objects.filter(constituency_id__in=ids, phase__poll_date__gte=today)
        .order_by("phase__poll_date")
        .values_list("phase__poll_date", flat=True)
    )
    return phase_dates.first()
