"""API schemas of the meetings app, one per endpoint and direction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema


class MeetingCreateIn(Schema):
    unit: str
    body: str
    title: str
    date: dt.date
    venue: str = ""
    chair: str = ""
    secretary: str = ""
    participants: str = ""


class MeetingStatusIn(Schema):
    status: str


class AmendmentCreateIn(Schema):
    target: str
    text: str
    reason: str = ""


class ItemCreateIn(Schema):
    topic: str
    discussion: str = ""
    label: str = ""


class DecisionCreateIn(Schema):
    text: str
    implementer: str = ""
    implementer_username: str = ""
    deadline: str = ""


class DecisionUpdateIn(Schema):
    status: str
    note: str = ""
    evidence: str = ""
    on: dt.date | None = None


class TargetRowIn(Schema):
    name: str
    target: Decimal
    remark: str = ""


class TargetTableCreateIn(Schema):
    unit_label: str
    metric: str
    value_unit: str = "count"
    scale: str = "one"
    rows: list[TargetRowIn]
    total: Decimal | None = None


class ProgressCreateIn(Schema):
    achieved: Decimal
    on: dt.date | None = None
    note: str = ""


class DecisionOut(Schema):
    id: int
    meeting: int
    item: int
    serial: int
    text: str
    implementer: str
    implementer_username: str | None
    deadline_kind: str
    deadline: dt.date | None
    due: dt.date | None
    status: str
    overdue: bool


class DecisionListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[DecisionOut]


class DecisionUpdateOut(Schema):
    id: int
    decision: int
    on: dt.date
    status: str
    note: str
    evidence: str


class TargetRowOut(Schema):
    id: int
    name: str
    target: Decimal
    achieved: Decimal
    percent: Decimal


class TargetTableOut(Schema):
    id: int
    item: int
    unit_label: str
    metric: str
    value_unit: str
    scale: str
    total: Decimal | None
    rows: list[TargetRowOut]


class ItemOut(Schema):
    id: int
    serial: int
    label: str
    topic: str
    discussion: str
    is_review: bool
    decisions: list[DecisionOut]
    tables: list[TargetTableOut]


class MeetingOut(Schema):
    id: int
    unit: str
    body: str
    title: str
    date: dt.date
    venue: str
    chair: str
    secretary: str
    participants: str
    status: str
    previous: int | None


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]
    amendments: list[AmendmentOut]


class MeetingListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[MeetingOut]


class AmendmentOut(Schema):
    serial: int
    target: str
    text: str
    reason: str


class ProgressOut(Schema):
    id: int
    row: int
    on: dt.date
    achieved: Decimal


MeetingDetailOut.model_rebuild()
