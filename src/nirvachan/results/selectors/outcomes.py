"""Counts and outcomes: votes by contest (paper prevails where a VVPAT paper count differs),
each contest's outcome and rounds, and an election's national and state summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from nirvachan.core.models import AdminUnit
from nirvachan.elections.models import Contest, Election, Nomination
from nirvachan.results import tally
from nirvachan.results.models import (
    CountingRound,
    Lot,
    StationReturn,
    VoteCount,
    VvpatCheck,
)

NOTA = tally.NOTA
IND = "IND"


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
