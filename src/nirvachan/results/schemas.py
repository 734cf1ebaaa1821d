"""API input and output schemas of the results app (one per endpoint)."""

from __future__ import annotations

from ninja import Schema


class CountingPlanSetIn(Schema):
    tables: int
    rounds: int


class RoundOut(Schema):
    number: int
    tables: int
    status: str


class CountingPlanOut(Schema):
    contest: int
    rounds: list[RoundOut]


class StationResultEnterIn(Schema):
    number: int
    round: int
    counts: dict[str, int]
    segment: str = ""
    voters_17a: int | None = None
    paper_count: int | None = None
    electors: int | None = None


class StationResultOut(Schema):
    contest: int
    number: int
    round: int
    created: bool
    digest: str


class CandidateResultOut(Schema):
    key: str
    name: str
    party: str
    general: int
    postal: int
    votes: int
    share: float
    elected: bool
    forfeits: bool


class ContestResultOut(Schema):
    contest: int
    code: str
    name: str
    declared: bool
    valid_votes: int
    nota: int
    margin: int | None
    winners: list[str]
    tied: list[str]
    candidates: list[CandidateResultOut]


class PartyOut(Schema):
    party: str
    seats: int
    votes: int
    share: float


class ElectionResultOut(Schema):
    election: str
    contests: int
    declared: int
    valid_votes: int
    nota: int
    parties: list[PartyOut]


class PostalEnterIn(Schema):
    counts: dict[str, int]


class PostalOut(Schema):
    contest: int
    created: bool
    votes: int


class LotRecordIn(Schema):
    seed: str = ""
    order: list[str] | None = None


class LotOut(Schema):
    contest: int
    method: str
    seed: str
    order: list[str]


class VvpatDrawIn(Schema):
    segment: str
    seed: str


class VvpatDrawOut(Schema):
    id: int
    contest: int
    segment: str
    seed: str
    stations: list[int]


class VvpatCheckEnterIn(Schema):
    station: int
    paper: dict[str, int]


class VvpatCheckOut(Schema):
    draw: int
    station: int
    mismatch: bool
