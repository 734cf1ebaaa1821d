"""Tallying and outcome of contests: pure Python, no Django (DESIGN.md convention 9).

Choices are string keys (a candidate's key, or NOTA). Rows are (station, choice, votes, postal).
Rules:
* winners are the `seats` candidates with the most votes; NOTA is counted and shown but never
  elected;
* a tie across the last seat is decided by lot: either an order recorded by the returning
  officer, or `seeded_lot(seed, keys)`, which anyone can reproduce;
* a losing candidate forfeits the deposit when their votes are less than one sixth of the valid
  votes polled by all candidates (NOTA excluded; ECI clarification of 2013);
* vote shares are of all valid votes including NOTA.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

NOTA = "NOTA"


class TallyError(ValueError):
    """Input that cannot be tallied (negative votes, no seats, a lot naming unknown keys)."""


@dataclass(frozen=True, slots=True)
class Row:
    station: str
    choice: str
    votes: int
    postal: bool = False


@dataclass(frozen=True, slots=True)
class CandidateResult:
    key: str
    general: int
    postal: int
    rank: int
    elected: bool
    forfeits: bool

    @property
    def votes(self) -> int:
        return self.general + self.postal


@dataclass(frozen=True, slots=True)
class ContestResult:
    contest: str
    seats: int
    candidates: tuple[CandidateResult, ...]  # in rank order (lot order within a tie)
    nota_general: int
    nota_postal: int
    winners: tuple[str, ...]
    tied: tuple[str, ...]  # candidates tied across the last seat, undecided (no lot yet)
    decided_by_lot: bool
    electors: int | None = None

    @property
    def nota(self) -> int:
        return self.nota_general + self.nota_postal

    @property
    def candidate_votes(self) -> int:
        return sum(c.votes for c in self.candidates)

    @property
    def valid_votes(self) -> int:
        return self.candidate_votes + self.nota

    @property
    def runner_up(self) -> CandidateResult | None:
        losers = [c for c in self.candidates if not c.elected and c.key not in self.tied]
        return losers[0] if losers and self.winners else None

    @property
    def margin(self) -> int | None:
        """Votes between the last winner and the first loser (None before a winner)."""
        if not self.winners:
            return None
        last = next(c for c in self.candidates if c.key == self.winners[-1])
        runner = self.runner_up
        return last.votes - (runner.votes if runner else 0)

    @property
    def turnout(self) -> Fraction | None:
        if not self.electors:
            return None
        return Fraction(self.valid_votes, self.electors)

    def share(self, key: str) -> Fraction:
        total = self.valid_votes
        if total == 0:
            return Fraction(0)
        if key == NOTA:
            return Fraction(self.nota, total)
        return Fraction(next(c.votes for c in self.candidates if c.key == key), total)


def totals(rows: Iterable[Row]) -> dict[str, tuple[int, int]]:
    """{choice: (general, postal)} from per-station rows."""
    out: dict[str, list[int]] = {}
    for row in rows:
        if row.votes < 0:
            raise TallyError(f"negative votes for {row.choice} at station {row.station}")
        pair = out.setdefault(row.choice, [0, 0])
        pair[1 if row.postal else 0] += row.votes
    return {k: (v[0], v[1]) for k, v in out.items()}


def seeded_lot(seed: str, keys: Iterable[str]) -> tuple[str, ...]:
    """A reproducible order of `keys`: by sha256("seed,key"), then by key."""
    return tuple(
        sorted(keys, key=lambda k: (hashlib.sha256(f"{seed},{k}".encode()).hexdigest(), k))
    )


def decide(
    contest: str,
    counts: Mapping[str, tuple[int, int]],
    *,
    seats: int = 1,
    candidates: Sequence[str] = (),
    lot: Sequence[str] | None = None,
    electors: int | None = None,
) -> ContestResult:
    """The outcome of one contest from {choice: (general, postal)} (NOTA under the key NOTA).

    `candidates` lists every contesting candidate (those without votes get 0). `lot` is the
    order of precedence decided by lot among tied candidates (it may name more keys)."""
    if seats < 1:
        raise TallyError("a contest has at least one seat")
    keys = set(candidates) | {k for k in counts if k != NOTA}
    for key, (general, postal) in counts.items():
        if general < 0 or postal < 0:
            raise TallyError(f"negative votes for {key}")
    lot_rank = {k: i for i, k in enumerate(lot or ())}

    def votes(key: str) -> int:
        general, postal = counts.get(key, (0, 0))
        return general + postal

    by_votes = sorted(keys, key=lambda k: (-votes(k), k))
    winners: list[str] = []
    tied: tuple[str, ...] = ()
    decided_by_lot = False
    if len(by_votes) <= seats:
        winners = [k for k in by_votes if votes(k) > 0] if any(votes(k) for k in keys) else []
    else:
        boundary = votes(by_votes[seats - 1])
        above = [k for k in by_votes if votes(k) > boundary]
        at = [k for k in by_votes if votes(k) == boundary]
        open_seats = seats - len(above)
        if boundary == 0 and not above:
            winners = []  # nothing counted yet
        elif len(at) <= open_seats:
            winners = above + at
        elif all(k in lot_rank for k in at):
            decided_by_lot = True
            winners = above + sorted(at, key=lambda k: lot_rank[k])[:open_seats]
        else:
            winners = above
            tied = tuple(at)
    order = sorted(
        keys, key=lambda k: (-votes(k), lot_rank.get(k, len(lot_rank)) if decided_by_lot else 0, k)
    )
    total_candidates = sum(votes(k) for k in keys)
    elected = set(winners)
    results = tuple(
        CandidateResult(
            key=k,
            general=counts.get(k, (0, 0))[0],
            postal=counts.get(k, (0, 0))[1],
            rank=i + 1,
            elected=k in elected,
            forfeits=k not in elected and total_candidates > 0 and votes(k) * 6 < total_candidates,
        )
        for i, k in enumerate(order)
    )
    nota_general, nota_postal = counts.get(NOTA, (0, 0))
    return ContestResult(
        contest=contest,
        seats=seats,
        candidates=results,
        nota_general=nota_general,
        nota_postal=nota_postal,
        winners=tuple(k for k in order if k in elected),
        tied=tied,
        decided_by_lot=decided_by_lot,
        electors=electors,
    )


@dataclass(frozen=True, slots=True)
class PartyTally:
    party: str
    contested: int
    seats: int
    votes: int
    share: Fraction


@dataclass(frozen=True, slots=True)
class AreaTally:
    area: str
    contests: int
    declared: int
    valid_votes: int
    nota: int
    electors: int
    parties: tuple[PartyTally, ...]  # by seats, then votes

    @property
    def turnout(self) -> Fraction | None:
        return Fraction(self.valid_votes, self.electors) if self.electors else None


def area_tally(
    area: str,
    results: Iterable[ContestResult],
    party_of: Mapping[str, str],
    *,
    independent: str = "IND",
) -> AreaTally:
    """Party-wise seats and votes over contests (a state, a country). `party_of` maps candidate
    keys to a party; candidates without one count under `independent`."""
    seats: dict[str, int] = {}
    votes: dict[str, int] = {}
    contested: dict[str, int] = {}
    n = declared = valid = nota = electors = 0
    for result in results:
        n += 1
        declared += 1 if result.winners and not result.tied else 0
        valid += result.valid_votes
        nota += result.nota
        electors += result.electors or 0
        for c in result.candidates:
            party = party_of.get(c.key) or independent
            votes[party] = votes.get(party, 0) + c.votes
            contested[party] = contested.get(party, 0) + 1
            if c.elected:
                seats[party] = seats.get(party, 0) + 1
    parties = tuple(
        PartyTally(
            party=p,
            contested=contested[p],
            seats=seats.get(p, 0),
            votes=votes[p],
            share=Fraction(votes[p], valid) if valid else Fraction(0),
        )
        for p in sorted(votes, key=lambda p: (-seats.get(p, 0), -votes[p], p))
    )
    return AreaTally(area, n, declared, valid, nota, electors, parties)


def block_totals(votes: Sequence[int], width: int, start: int, stop: int) -> list[int]:
    """Column sums of stations `start`..`stop`-1 in a station-major table of `width` choices
    (votes[station * width + choice]); the fast path for national tallies."""
    if width < 1 or start < 0 or stop < start:
        raise TallyError("bad block")
    return [sum(votes[start * width + j : stop * width : width]) for j in range(width)]
