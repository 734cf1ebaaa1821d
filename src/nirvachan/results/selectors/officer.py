"""The officers' reads: reconciliation, packages, the counting plan, paper-ballot
differences, turnout through the day, VVPAT draws, postal ballots and the counting desk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q
from nirvachan.elections.models import Contest, Election
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import (
    CountingRound,
    ResultPackage,
    SheetEntry,
    StationReturn,
    VoteCount,
    VvpatDraw,
)
from nirvachan.results.selectors.access import contest_get_for_user, election_get
from nirvachan.results.selectors.outcomes import NOTA


@dataclass(frozen=True)
class Reconciliation:
    station: StationReturn
    recorded: int  # votes counted for the contest at the station
    flagged: bool
    # Which figures differ from the votes counted: "17a" (voters in Form 17A less those who
    # left without voting), "17c" (votes recorded in Form 17C), "paper" (paper records).
    reasons: tuple[str, ...] = ()
    conflict: bool = False  # a different package was offered for the station

    @property
    def voters(self) -> int | None:
        st = self.station
        return None if st.voters_17a is None else st.voters_17a - (st.left_without_voting or 0)


def reconciliation(contest: Contest, *, flagged_only: bool = False) -> list[Reconciliation]:
    """Each station: voters in 17A (less those who left without voting) = votes recorded
    (Form 17C) = votes counted = paper records; any mismatch is flagged with its reasons."""
    recorded = dict(
        VoteCount.objects.filter(station__contest=contest)
        .values_list("station_id")
        .annotate(total=Sum("votes"))
        .values_list("station_id", "total")
    )
    conflicts = set(
        ResultPackage.objects.filter(
            election_id=contest.election_id, status=ResultPackage.Status.CONFLICT
        ).values_list("polling_station__constituency__code", "polling_station__number")
    )
    out = []
    for st in StationReturn.objects.filter(contest=contest).select_related("round"):
        votes = recorded.get(st.pk, 0)
        voters = None if st.voters_17a is None else st.voters_17a - (st.left_without_voting or 0)
        reasons = tuple(
            name
            for name, value in (
                ("17a", voters),
                ("17c", st.votes_recorded),
                ("paper", st.paper_count),
            )
            if value is not None and value != votes
        )
        row = Reconciliation(
            st, votes, bool(reasons), reasons, (st.segment, st.number) in conflicts
        )
        if row.flagged or row.conflict or not flagged_only:
            out.append(row)
    return out


def package_list(election: Election, *, user: Any = None) -> QuerySet[Any]:
    """Station result packages of an election received so far (newest first), limited to the
    user's units when a user is given."""
    qs = ResultPackage.objects.filter(election=election).select_related(
        "polling_station", "polling_station__constituency"
    )
    if user is not None:
        qs = qs.filter(
            _paths_q(user, Capability.RESULTS_MANAGE, "polling_station__constituency__unit__path")
        )
    return qs.defer("data").order_by("-received_at", "-pk")


@dataclass(frozen=True)
class RoundState:
    round: CountingRound
    stations: int

    @property
    def free(self) -> int:
        return max(0, self.round.tables - self.stations)


def round_list(contest: Contest) -> list[RoundState]:
    """The counting plan of a contest: each round with the stations counted in it."""
    counted = dict(
        StationReturn.objects.filter(contest=contest)
        .values_list("round_id")
        .annotate(n=Count("id"))
        .values_list("round_id", "n")
    )
    return [
        RoundState(r, counted.get(r.pk, 0))
        for r in CountingRound.objects.filter(contest=contest).order_by("number")
    ]


@dataclass(frozen=True)
class SheetDifference:
    centre: int
    first: dict[str, int]
    second: dict[str, int]
    keys: tuple[str, ...]  # the candidates (or NOTA) whose figures differ


def sheet_differences(contest: Contest) -> list[SheetDifference]:
    """Paper-ballot centres whose two entries differ and that are not yet resolved."""
    entries: dict[int, list[SheetEntry]] = defaultdict(list)
    for e in SheetEntry.objects.filter(contest=contest).order_by("centre", "slot"):
        entries[e.centre].append(e)
    resolved = set(
        StationReturn.objects.filter(contest=contest, segment="").values_list("number", flat=True)
    )
    out = []
    for centre, pair in sorted(entries.items()):
        if len(pair) != 2 or centre in resolved:
            continue
        a, b = pair[0].counts, pair[1].counts
        keys = tuple(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k))
        if keys:
            out.append(SheetDifference(centre, a, b, keys))
    return out


def turnout_through_the_day(
    contest: Contest, *, published_only: bool = True
) -> tuple[list[tuple[str, int]], int]:
    """Turnout of the contest's stations through polling day, from the hourly reports in their
    result packages: ([("HH:00", voters by the end of that hour), …], electors of those
    stations). Only stations whose result is public (published rounds) unless told otherwise."""
    stations = StationReturn.objects.filter(contest=contest, number__gt=0)
    if published_only:
        stations = stations.filter(round__status=CountingRound.Status.PUBLISHED)
    counted = set(stations.values_list("segment", "number"))
    if not counted:
        return [], 0
    packages = ResultPackage.objects.filter(
        election_id=contest.election_id,
        status=ResultPackage.Status.ACCEPTED,
        polling_station__constituency__code__in={seg for seg, _n in counted},
    ).values_list(
        "polling_station__constituency__code", "polling_station__number", "turnout", "form17c"
    )
    reports: list[list[tuple[str, int]]] = []
    electors = 0
    for segment, number, turnout, form in packages:
        if (segment, number) not in counted or not isinstance(turnout, list):
            continue
        points = [
            (str(p["at"])[11:13], int(p["voters"]))
            for p in turnout
            if isinstance(p, dict) and len(str(p.get("at", ""))) >= 13
            and isinstance(p.get("voters"), int)
        ]  # fmt: skip
        if points:
            reports.append(points)
            electors += int(form.get("electors") or 0) if isinstance(form, dict) else 0
    hours = sorted({hour for points in reports for hour, _v in points})
    out = [
        (f"{hour}:00", sum(max((v for h, v in pts if h <= hour), default=0) for pts in reports))
        for hour in hours
    ]
    return out, electors


def package_get_for_user(user: Any, package_id: int) -> ResultPackage:
    """A received package in the user's units (results.manage); 404 otherwise."""
    record = (
        ResultPackage.objects.select_related("election", "polling_station__constituency")
        .filter(
            _paths_q(user, Capability.RESULTS_MANAGE, "polling_station__constituency__unit__path"),
            pk=package_id,
        )
        .first()
    )
    if record is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Package %(id)s was not found.") % {"id": package_id},
            id=package_id,
        )
    return record


def package_stations(record: ResultPackage) -> QuerySet[StationReturn]:
    """The station results counted from a package (its station, in the election's contests)."""
    ps = record.polling_station
    return StationReturn.objects.filter(
        contest__election_id=record.election_id,
        segment=ps.constituency.code,
        number=ps.number,
    ).select_related("round")


def vvpat_draw_list(contest: Contest) -> list[VvpatDraw]:
    """The VVPAT draws of a contest by segment, with their paper checks."""
    return list(VvpatDraw.objects.filter(contest=contest).prefetch_related("checks__station"))


def vvpat_draw_get(*, contest: Contest, draw_id: int) -> VvpatDraw:
    draw = VvpatDraw.objects.select_related("contest").filter(contest=contest, pk=draw_id).first()
    if draw is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("VVPAT draw %(id)s of %(contest)s was not found.")
            % {"id": draw_id, "contest": contest.name},
            id=draw_id,
        )
    return draw


def postal_counts(contest: Contest) -> dict[str, int]:
    """The postal ballots entered for a contest ({} when none yet)."""
    return {
        str(c.nomination_id) if c.nomination_id else NOTA: c.votes
        for c in VoteCount.objects.filter(contest=contest, postal=True)
    }


def desk_contest_get(user: Any, *, code: str, contest_id: int) -> Contest:
    """The contest of the counting desk: in the election, in the user's scope, and managed by
    the user's role (404 / 403 otherwise)."""
    election = election_get(code=code)
    contest = contest_get_for_user(user, contest_id, for_change=True)
    if contest.election_id != election.pk:
        raise DomainError(
            Code.NOT_FOUND, _("Contest %(id)s was not found.") % {"id": contest_id}, id=contest_id
        )
    return contest
