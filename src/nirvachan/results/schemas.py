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
    demonstration: bool = False  # demo figures, not official results
    note: str = ""
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


class PackageStationOut(Schema):
    contest: int
    segment: str
    number: int
    round: int


class PackageOut(Schema):
    status: str  # "counted" or "already_counted"
    election: str
    station: int
    digest: str
    stations: list[PackageStationOut]


class ReconciliationOut(Schema):
    segment: str
    number: int
    round: int
    voters_17a: int | None
    left_without_voting: int | None
    votes_recorded: int | None
    counted: int
    paper_count: int | None
    flagged: bool
    reasons: list[str]
    conflict: bool


class SheetEntryIn(Schema):
    centre: int
    round: int
    counts: dict[str, int]


class SheetEntryOut(Schema):
    contest: int
    centre: int
    status: str  # awaiting_second_entry | different | counted
    differences: dict[str, list[int | None]]


class SheetResolveIn(Schema):
    round: int
    counts: dict[str, int]


class RlaIn(Schema):
    risk_limit: float = 0.05
    ballots: list[str] = []


class RlaStepOut(Schema):
    sampled: int
    risk: float


class RlaOut(Schema):
    contest: int
    risk_limit: float
    winners: list[str]
    expected_sample_size: int
    steps: list[RlaStepOut]
    outcome: str  # confirmed | sampling | full_count


class PackageResolveIn(Schema):
    accept: bool  # true: count the offered package instead; false: keep the count
    reason: str


class PackageResolveOut(Schema):
    id: int
    status: str
    digest: str
