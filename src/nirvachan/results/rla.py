"""BRAVO ballot-polling risk-limiting audit for plurality contests (pure Python, no Django).

Lindeman, Stark and Yates (2012). For each reported winner w and loser l, s_w is w's share of
the votes for w and l; the test statistic T(w, l) starts at 1 and is multiplied by 2·s_w for a
sampled ballot for w and by 2·(1 − s_w) for a ballot for l (other ballots leave it unchanged).
The outcome is confirmed when every pair reaches T ≥ 1/α; otherwise the audit goes on, and if
the sample is exhausted it goes to a full hand count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Refusal(StrEnum):
    """Why an audit cannot start; the caller turns the code into a message in the user's
    language (this module holds no user-facing text)."""

    RISK_LIMIT_RANGE = "risk_limit_range"  # α is not strictly between 0 and 1
    NO_WINNER = "no_winner"  # the reported outcome names no winner
    WINNER_NOT_AHEAD = "winner_not_ahead"  # a winner has no more votes than some loser


class AuditError(ValueError):
    """A refusal with its code; `winner` and `loser` name the pair for WINNER_NOT_AHEAD."""

    def __init__(self, reason: Refusal, *, winner: str = "", loser: str = "") -> None:
        self.reason = reason
        self.winner = winner
        self.loser = loser
        detail = f" ({winner} does not lead {loser})" if winner or loser else ""
        super().__init__(f"{reason.value}{detail}")


@dataclass(frozen=True, slots=True)
class Pair:
    winner: str
    loser: str
    share: float  # s_w
    t: float = 1.0


@dataclass(frozen=True, slots=True)
class Bravo:
    risk_limit: float
    pairs: tuple[Pair, ...]
    sampled: int = 0

    @property
    def confirmed(self) -> bool:
        return all(p.t >= 1 / self.risk_limit for p in self.pairs)

    @property
    def risk(self) -> float:
        """The current risk level: the largest 1/T over the pairs, at most 1."""
        return max((min(1.0, 1 / p.t) for p in self.pairs), default=0.0)


def _check_alpha(risk_limit: float) -> None:
    if not 0 < risk_limit < 1:
        raise AuditError(Refusal.RISK_LIMIT_RANGE)


def start(reported: Mapping[str, int], winners: Sequence[str], risk_limit: float) -> Bravo:
    """An audit of the reported tallies {choice: votes} with the reported winners."""
    _check_alpha(risk_limit)
    if not winners:
        raise AuditError(Refusal.NO_WINNER)
    losers = [k for k in reported if k not in winners]
    pairs = []
    for w in winners:
        for loser in losers:
            total = reported[w] + reported[loser]
            if reported[w] <= reported[loser]:
                raise AuditError(Refusal.WINNER_NOT_AHEAD, winner=w, loser=loser)
            pairs.append(Pair(w, loser, reported[w] / total))
    return Bravo(risk_limit, tuple(pairs))


def step(audit: Bravo, ballot: str) -> Bravo:
    """The audit after one more sampled paper record showing a vote for `ballot`."""
    pairs = []
    for p in audit.pairs:
        if ballot == p.winner:
            p = Pair(p.winner, p.loser, p.share, p.t * 2 * p.share)
        elif ballot == p.loser:
            p = Pair(p.winner, p.loser, p.share, p.t * 2 * (1 - p.share))
        pairs.append(p)
    return Bravo(audit.risk_limit, tuple(pairs), audit.sampled + 1)


def run(audit: Bravo, ballots: Iterable[str]) -> list[Bravo]:
    """Every state of the audit as the ballots come in, stopping at confirmation."""
    states = []
    for ballot in ballots:
        audit = step(audit, ballot)
        states.append(audit)
        if audit.confirmed:
            break
    return states


def expected_sample_size(
    reported: Mapping[str, int], winners: Sequence[str], risk_limit: float
) -> int:
    """BRAVO's average sample number (ASN) from the reported margin, for the hardest pair:
    (ln(1/α) + z_w/2) / (p_w·z_w + p_l·z_l), with z_w = ln(2·s_w), z_l = ln(2·(1 − s_w)) and
    p_w, p_l the shares of all ballots."""
    audit = start(reported, winners, risk_limit)
    ballots = sum(reported.values())
    worst = 0.0
    for p in audit.pairs:
        z_w = math.log(2 * p.share)
        p_w = reported[p.winner] / ballots
        p_l = reported[p.loser] / ballots
        # A loser with no votes (s_w = 1) adds nothing: its ballots never come up.
        lose = p_l * math.log(2 * (1 - p.share)) if p_l > 0 else 0.0
        asn = (math.log(1 / risk_limit) + z_w / 2) / (p_w * z_w + lose)
        worst = max(worst, asn)
    return min(ballots, math.ceil(worst))
