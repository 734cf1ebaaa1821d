"""API schemas of the roll app, one per endpoint and direction (DESIGN.md convention 8)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ElectorPublicOut(Schema):
    epic: str
    name: str
    relative_name: str
    relation: str
    age: int | None
    gender: str
    constituency: str
    constituency_number: int | None
    part: int
    part_name: str
    serial: int
    polling_station: str
    polling_station_address: str
    poll_date: dt.date | None


class ElectorSearchOut(Schema):
    count: int
    items: list[ElectorPublicOut]


class SmsInboundOut(Schema):
    reply: str


class ElectorOut(Schema):
    epic: str
    key_kind: str
    name: str
    relative_name: str
    relation: str
    gender: str
    dob: dt.date | None
    age: int | None
    house_no: str
    address: str
    constituency: str
    part: int
    serial: int
    status: str
    status_reason: str


class PartOut(Schema):
    id: int
    constituency: str
    number: int
    name: str
    polling_station: str


class PartListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[PartOut]


class PartElectorListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ElectorOut]


class ApplicationOut(Schema):
    id: int
    form: str
    status: str
    constituency: str
    part: int | None
    epic: str | None
    name: str
    applicant: str
    possible_duplicate: str | None
    burst_flag: bool
    notice_date: dt.date | None
    hearing_date: dt.date | None
    field_report: str
    decision_reason: str


class ApplicationListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ApplicationOut]


class ApplicationVerifyIn(Schema):
    report: str


class ApplicationDecideIn(Schema):
    accept: bool
    reason: str = ""
