"""API schemas, one per endpoint and direction (DESIGN.md convention 8)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema


class HealthOut(Schema):
    status: Literal["ok"]
    database: Literal["sqlite", "postgresql"]
    version: str


class ScopeOut(Schema):
    role: str
    unit: str


class MeOut(Schema):
    username: str
    name: str
    language: str
    roles: list[str]
    scopes: list[ScopeOut]


class LanguageIn(Schema):
    language: Literal["bn", "hi", "en"]


class UnitOut(Schema):
    code: str
    kind: str
    country: str
    parent: str | None
    name: str
    name_en: str
    name_bn: str
    name_hi: str


class ConstituencyOut(Schema):
    code: str
    kind: str
    number: int | None
    country: str
    unit: str
    name: str
    name_en: str
    name_bn: str
    name_hi: str


class OfficeOut(Schema):
    id: int
    code: str
    kind: str
    unit: str
    name: str
    name_en: str
    name_bn: str
    name_hi: str
    address: str
    phone: str
    email: str
    is_active: bool


class OfficeCreateIn(Schema):
    code: str = Field(min_length=1, max_length=60)
    kind: str
    unit: str = Field(description="code of the admin unit the office belongs to")
    name_en: str = Field(min_length=1, max_length=200)
    name_bn: str = Field("", max_length=200)
    name_hi: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class OfficeUpdateIn(Schema):
    kind: str | None = None
    name_en: str | None = Field(None, min_length=1, max_length=200)
    name_bn: str | None = Field(None, max_length=200)
    name_hi: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=300)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    is_active: bool | None = None


class AuditEventOut(Schema):
    seq: int
    at: dt.datetime
    actor: str
    actor_role: str
    event_type: str
    object_type: str
    object_id: str
    summary: dict[str, Any]
    hash: str


class Page(Schema):
    count: int
    page: int
    pages: int


class UnitListOut(Page):
    items: list[UnitOut]


class ConstituencyListOut(Page):
    items: list[ConstituencyOut]


class OfficeListOut(Page):
    items: list[OfficeOut]


class AuditEventListOut(Page):
    items: list[AuditEventOut]


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any]
