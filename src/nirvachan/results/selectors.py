"""Reads of the results app, including per-user access (DESIGN.md convention 2).

Public pages see only published rounds (and postal ballots); officers of the contest's unit see
everything counted so far. Where a VVPAT paper count differs from the electronic count, paper
prevails for that station.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.elections.models import Contest, Election, Nomination
from nirvachan.results import tally
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import (
    CountingRound,
    DemoResults,
    Lot,
    ResultPackage,
    SheetEntry,
    StationReturn,
    VoteCount,
    VvpatCheck,
    VvpatDraw,
)

NOTA = tally.NOTA
IND = "IND"


def election_with_results_list() -> QuerySet[Election]:
    """Elections with at least one published counting round, newest first."""
    return (
        Election.objects.filter(contests__rounds__published_at__isnull=False)
        .distinct()
        .order_by("-code")
    )


DEMO_MARKERS = ("(demo)", "(নমুনা)", "(नमूना)")  # as the elections demo names its elections


def is_demo(election: Election) -> bool:
    """Whether the election's results here are demonstration figures, not official ones: the
    results demo marks the elections it counts; the elections demo names its own "(demo)"."""
    names = (election.name_en or "", election.name_bn or "", election.name_hi or "")
    if any(marker in name for name in names for marker in DEMO_MARKERS):
        return True
    return DemoResults.objects.filter(election=election).exists()


def election_get(*, code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise DomainError(
            Code.NOT_FOUND, _("No election has the code %(code)s.") % {"code": code}, code=code
        )
    return election


def contest_get(*, election: Election, contest_id: int) -> Contest:
    contest = (
        Contest.objects.select_related("election", "constituency", "unit", "phase")
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


def contest_get_for_user(user: Any, contest_id: int, *, for_change: bool = False) -> Contest:
    """A contest the user may see as an officer (election.view in its unit); 403 when the role
    may not enter results there."""
    contest = (
        Contest.objects.select_related("election", "constituency", "unit", "phase")
        .filter(_paths_q(user, Capability.ELECTION_VIEW, "unit__path"), pk=contest_id)
        .first()
    )
    if contest is None:
        raise DomainError(
            Code.NOT_FOUND, _("Contest %(id)s was not found.") % {"id": contest_id}, id=contest_id
        )
    if for_change and not can_manage(user, contest):
        raise DomainError(
            Code.PERMISSION_DENIED,
            _("Your role does not allow entering results."),
            id=contest_id,
        )
    return contest


def require_results_role(user: Any) -> None:
    """403 unless the user's role may enter results somewhere."""
    if scope_for(user, Capability.RESULTS_MANAGE) is None:
        raise DomainError(Code.PERMISSION_DENIED, _("Your role does not allow entering results."))


def can_manage(user: Any, contest: Contest) -> bool:
    return scope_for(user, Capability.RESULTS_MANAGE, contest.unit.path) is not None


def contest_list_for_user(user: Any) -> QuerySet[Contest]:
    return (
        Contest.objects.select_related("election", "unit", "phase")
        .filter(_paths_q(user, Capability.ELECTION_VIEW, "unit__path"))
        .order_by("election__code", "code")
    )


# --- counts and outcomes -----------------------------------------------------------------------


def _visible(published_only: bool) -> Q:
    if not published_only:
        return Q()
    return Q(postal=True) | Q(station__round__status=CountingRound.Status.PUBLISHED)


def _counts_by_contest(
    contests: Iterable[int], published_only: bool
) -> dict[int, dict[str, tuple[int, int]]]:
    ids = list(contests)
    out: dict[int, dict[str, list[int]]] = defaultdict(dict)  # type: ignore[arg-type]
    rows = (
        VoteCount.objects.filter(_visible(published_only), contest_id__in=ids)
        .values("contest_id", "nomination_id", "postal")
        .annotate(total=Sum("votes"))
    )
    for row in rows:
        key = str(row["nomination_id"]) if row["nomination_id"] else NOTA
        pair = out[row["contest_id"]].setdefault(key, [0, 0])
        pair[1 if row["postal"] else 0] += row["total"]
    checks = VvpatCheck.objects.filter(mismatch=True, station__contest_id__in=ids).select_related(
        "station", "station__round"
    )
    for check in checks:  # paper prevails at a mismatched station
        st = check.station
        if published_only and st.round.status != CountingRound.Status.PUBLISHED:
            continue
        per = out[st.contest_id]
        for c in st.counts.all():
            key = str(c.nomination_id) if c.nomination_id else NOTA
            per.setdefault(key, [0, 0])[0] -= c.votes
        for key, votes in check.paper.items():
            per.setdefault(key, [0, 0])[0] += votes
    return {cid: {k: (v[0], v[1]) for k, v in d.items()} for cid, d in out.items()}


@dataclass(frozen=True)
class RoundRow:
    number: int
    status: str
    stations: int
    totals: dict[str, int]
    cumulative: dict[str, int]


@dataclass(frozen=True)
class ContestOutcome:
    contest: Contest
    result: tally.ContestResult
    candidates: dict[str, Nomination]
    declared: bool
    rounds: list[RoundRow] = field(default_factory=list)
    lot: Lot | None = None

    def name(self, key: str) -> str:
        return _("None of the Above") if key == NOTA else self.candidates[key].name

    def party(self, key: str) -> str:
        n = self.candidates.get(key)
        return n.party.abbreviation if n is not None and n.party else IND

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Candidates in rank order then NOTA, with name, party, votes and share."""
        out = []
        for c in self.result.candidates:
            n = self.candidates[c.key]
            out.append(
                {
                    "key": c.key,
                    "nomination": n,
                    "name": n.name,
                    "party": n.party.name if n.party else _("Independent"),
                    "abbr": self.party(c.key),
                    "general": c.general,
                    "postal": c.postal,
                    "votes": c.votes,
                    "share": float(self.result.share(c.key)),
                    "elected": c.elected,
                    "forfeits": c.forfeits,
                    "nota": False,
                }
            )
        r = self.result
        out.append(
            {
                "key": NOTA,
                "nomination": None,
                "name": _("None of the Above"),
                "party": "NOTA",
                "abbr": "NOTA",
                "general": r.nota_general,
                "postal": r.nota_postal,
                "votes": r.nota,
                "share": float(r.share(NOTA)),
                "elected": False,
                "forfeits": False,
                "nota": True,
            }
        )
        return out


def _candidates(contests: Iterable[Contest]) -> dict[int, dict[str, Nomination]]:
    out: dict[int, dict[str, Nomination]] = defaultdict(dict)
    nominations = Nomination.objects.filter(
        contest__in=list(contests), status=Nomination.Status.ACCEPTED
    ).select_related("party")
    for n in nominations:
        out[n.contest_id][str(n.pk)] = n
    return out


def _outcomes(
    contests: list[Contest], *, published_only: bool, with_lot: bool = True
) -> list[ContestOutcome]:
    ids = [c.pk for c in contests]
    counts = _counts_by_contest(ids, published_only)
    candidates = _candidates(contests)
    lots = (
        {lot.contest_id: lot for lot in Lot.objects.filter(contest_id__in=ids)} if with_lot else {}
    )
    electors: dict[int, int] = dict(
        StationReturn.objects.filter(contest_id__in=ids, electors__isnull=False)
        .filter(Q(round__status=CountingRound.Status.PUBLISHED) if published_only else Q())
        .values_list("contest_id")
        .annotate(total=Sum("electors"))
        .values_list("contest_id", "total")
    )
    status: dict[int, set[str]] = defaultdict(set)
    for cid, st in CountingRound.objects.filter(contest_id__in=ids).values_list(
        "contest_id", "status"
    ):
        status[cid].add(st)
    out = []
    for contest in contests:
        lot = lots.get(contest.pk)
        result = tally.decide(
            contest.code,
            counts.get(contest.pk, {}),
            seats=contest.seats,
            candidates=list(candidates[contest.pk]),
            lot=lot.order if lot else None,
            electors=electors.get(contest.pk),
        )
        declared = status[contest.pk] == {CountingRound.Status.PUBLISHED} and not result.tied
        out.append(ContestOutcome(contest, result, candidates[contest.pk], declared, lot=lot))
    return out


def contest_outcome(
    contest: Contest, *, published_only: bool = True, with_lot: bool = True
) -> ContestOutcome:
    outcome = _outcomes([contest], published_only=published_only, with_lot=with_lot)[0]
    return ContestOutcome(
        outcome.contest,
        outcome.result,
        outcome.candidates,
        outcome.declared,
        _round_rows(contest, published_only),
        outcome.lot,
    )


def _round_rows(contest: Contest, published_only: bool) -> list[RoundRow]:
    rounds = CountingRound.objects.filter(contest=contest).order_by("number")
    if published_only:
        rounds = rounds.filter(status=CountingRound.Status.PUBLISHED)
    per: dict[int, dict[str, int]] = defaultdict(dict)
    for rid, nid, total in (
        VoteCount.objects.filter(station__round__in=rounds)
        .values_list("station__round_id", "nomination_id")
        .annotate(total=Sum("votes"))
        .values_list("station__round_id", "nomination_id", "total")
    ):
        per[rid][str(nid) if nid else NOTA] = total
    stations: dict[int, int] = {}
    rows = []
    running: dict[str, int] = defaultdict(int)
    for rnd in rounds:
        totals = per.get(rnd.pk, {})
        for k, v in totals.items():
            running[k] += v
        stations[rnd.pk] = rnd.stations.count()
        rows.append(RoundRow(rnd.number, rnd.status, stations[rnd.pk], totals, dict(running)))
    return rows


def election_outcomes(election: Election, *, published_only: bool = True) -> list[ContestOutcome]:
    contests = list(
        Contest.objects.filter(election=election)
        .select_related("constituency", "unit", "election")
        .order_by("code")
    )
    return _outcomes(contests, published_only=published_only)


def state_of(contest: Contest) -> AdminUnit:
    """The state (or division) a contest lies in: the depth-1 unit on its path."""
    unit = contest.unit
    while unit.parent_id is not None and unit.depth > 1:
        unit = unit.parent  # type: ignore[assignment]
    return unit


@dataclass(frozen=True)
class ElectionSummary:
    election: Election
    national: tally.AreaTally
    states: list[tuple[AdminUnit, tally.AreaTally]]
    outcomes: list[ContestOutcome]
    party_names: dict[str, str]


def election_summary(election: Election, *, published_only: bool = True) -> ElectionSummary:
    outcomes = election_outcomes(election, published_only=published_only)
    party_of: dict[str, str] = {}
    names: dict[str, str] = {IND: _("Independent")}
    for o in outcomes:
        for key, n in o.candidates.items():
            if n.party:
                party_of[key] = n.party.abbreviation
                names[n.party.abbreviation] = n.party.name
    units = {u.pk: u for u in AdminUnit.objects.filter(depth__lte=1)}
    by_state: dict[int, list[ContestOutcome]] = defaultdict(list)
    for o in outcomes:
        path = o.contest.unit.path.split("/")
        code = path[1] if len(path) > 2 else path[0]
        state = next((u for u in units.values() if u.code == code), o.contest.unit)
        units[state.pk] = state
        by_state[state.pk].append(o)
    national = tally.area_tally(election.code, (o.result for o in outcomes), party_of)
    states = [
        (units[pk], tally.area_tally(units[pk].code, (o.result for o in items), party_of))
        for pk, items in sorted(by_state.items(), key=lambda kv: units[kv[0]].name_en)
    ]
    return ElectionSummary(election, national, states, outcomes, names)


# --- officer views -----------------------------------------------------------------------------


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
