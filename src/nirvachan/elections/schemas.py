"""API schemas of the elections app, one per endpoint and direction (DESIGN.md convention 8)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class PhaseOut(Schema):
    number: int
    notification_date: dt.date | None
    nomination_last_date: dt.date | None
    scrutiny_date: dt.date | None
    withdrawal_last_date: dt.date | None
    poll_date: dt.date
    counting_date: dt.date | None
    seats: int
    contests: int


class ElectionOut(Schema):
    code: str
    kind: str
    country: str
    status: str
    name: str
    name_en: str
    name_bn: str
    name_hi: str
    poll_dates: list[dt.date]
    polls_open: str
    polls_close: str
    deposit_general: str
    deposit_reserved: str


class ElectionListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ElectionOut]


class PhaseListOut(Schema):
    election: str
    items: list[PhaseOut]


class ContestOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    name_bn: str
    name_hi: str
    phase: int
    poll_date: dt.date
    seats: int
    reservation: str
    franchise: str
    constituency: str | None
    unit: str
    polls_open: str
    polls_close: str


class ContestListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ContestOut]


class BallotEntryOut(Schema):
    serial: int
    name: str
    party: str
    symbol: str
    group: str
    nota: bool


class BallotOut(Schema):
    election: str
    contest: int
    language: str
    units: int
    entries: list[BallotEntryOut]
