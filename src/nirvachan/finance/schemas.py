"""API schemas of the finance app, one per endpoint and direction (DESIGN.md convention 8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from nirvachan.core.schemas import Page


class EconomicCodeOut(Schema):
    code: str
    parent: str | None
    name: str
    name_en: str
    name_bn: str
    name_hi: str


class EconomicCodeListOut(Page):
    items: list[EconomicCodeOut]


class BudgetHeadOut(Schema):
    id: int
    fiscal_year: str
    unit: str
    institution_code: str
    economic_code: str
    amount: Decimal
    allocated: Decimal
    balance: Decimal


class BudgetHeadListOut(Page):
    items: list[BudgetHeadOut]


class BudgetHeadCreateIn(Schema):
    unit: str = Field(description="code of the admin unit that holds the budget")
    fiscal_year: str = Field(description='e.g. "2021-22"')
    institution_code: str = Field(min_length=1, max_length=20)
    economic_code: str = Field(min_length=1, max_length=12)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)


class OrderLineIn(Schema):
    office_id: int
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    economic_code: str = Field(min_length=1, max_length=12)


class OrderCreateIn(Schema):
    unit: str = Field(description="code of the issuing admin unit")
    fiscal_year: str = Field(description='e.g. "2021-22"')
    institution_code: str = Field("", max_length=20)
    memo_number: str = Field(min_length=1, max_length=200)
    date: dt.date
    subject: str = Field(min_length=1, max_length=2000)
    body: str = Field("", max_length=20000)
    conditions: list[str] = []
    references: list[str] = []
    signatory_name: str = Field("", max_length=200)
    signatory_designation: str = Field("", max_length=200)
    distribution: list[str] = []
    copies: list[str] = []
    kind: str = "allocation"
    supersedes_id: int | None = None
    lines: list[OrderLineIn] = Field(default_factory=list, max_length=20000)


class OrderLineOut(Schema):
    serial: int
    district: str
    office_id: int
    office: str
    economic_code: str
    amount: Decimal


class OrderSummaryOut(Schema):
    id: int
    memo_number: str
    date: dt.date
    kind: str
    status: str
    unit: str
    fiscal_year: str
    subject: str
    currency: str
    lines: int
    total: Decimal


class OrderOut(OrderSummaryOut):
    date_bangla: str
    institution_code: str
    total_words: str
    body: str
    conditions: list[str]
    references: list[str]
    signatory_name: str
    signatory_designation: str
    distribution: list[str]
    copies: list[str]
    supersedes: int | None
    superseded_by: list[int]
    issued_at: dt.datetime | None
    items: list[OrderLineOut]


class OrderListOut(Page):
    items: list[OrderSummaryOut]


class LedgerLineOut(Schema):
    order_id: int
    memo_number: str
    date: dt.date
    fiscal_year: str
    status: str
    economic_code: str
    amount: Decimal


class LedgerOut(Schema):
    office_id: int
    office: str
    total: Decimal
    items: list[LedgerLineOut]


class SummaryRowOut(Schema):
    code: str
    name_en: str
    name_bn: str
    total: Decimal
    lines: int


class SummaryOut(Schema):
    fiscal_year: str
    by_district: list[SummaryRowOut]
    by_economic_code: list[SummaryRowOut]
