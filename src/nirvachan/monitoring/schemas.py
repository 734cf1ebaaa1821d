"""API schemas of the monitoring app, one per endpoint and direction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema


class MemberIn(Schema):
    name: str
    office: str = ""
    role: str = ""
    contact: str = ""
    is_leader: bool = False


class BodyCreateIn(Schema):
    election: str
    unit: str
    kind: str
    name: str
    formed_on: dt.date
    members: list[MemberIn] = []


class MemberOut(Schema):
    name: str
    office: str
    role: str
    contact: str
    is_leader: bool


class BodyOut(Schema):
    id: int
    election: str
    unit: str
    kind: str
    name: str
    formed_on: dt.date
    members: list[MemberOut]


class BodyListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[BodyOut]


class ObligationOut(Schema):
    id: int
    body: int
    body_name: str
    unit: str
    code: str
    due_on: dt.date
    status: str
    escalated: bool
    superseded: bool
    submitted_at: dt.datetime | None


class ObligationListOut(Schema):
    items: list[ObligationOut]


class ReportSubmitIn(Schema):
    situation: str
    law_and_order: str = ""
    code_of_conduct: str = ""
    expenses_observed: str = ""


class ReportOut(Schema):
    id: int
    body: int
    obligation: int | None
    submitted_at: dt.datetime
    late: bool


class IncidentReportIn(Schema):
    election: str
    unit: str
    kind: str
    description: str
    occurred_at: dt.datetime
    location: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    by_candidate: bool = False
    candidate: str = ""
    # officers only: the response deadline in minutes (default 100)
    response_minutes: int | None = None


class IncidentMoveIn(Schema):
    status: str
    note: str = ""
    team: int | None = None
    action: str = ""
    reason: str = ""


class IncidentStepOut(Schema):
    status: str
    at: dt.datetime


class IncidentOut(Schema):
    id: int
    unit: str
    kind: str
    status: str
    reported_at: dt.datetime
    deadline_at: dt.datetime
    overdue: bool
    team: int | None
    action: str
    steps: list[IncidentStepOut]


class IncidentCreatedOut(Schema):
    id: int
    follow_code: str | None
    deadline_at: dt.datetime


class IncidentFollowOut(Schema):
    follow_code: str
    status: str
    steps: list[IncidentStepOut]


class IncidentListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[IncidentOut]


class DashboardBodyOut(Schema):
    body: int
    name: str
    unit: str
    due: int
    on_time: int
    late: int
    missing: int
    escalated: int


class ExpenseTotalOut(Schema):
    election: str
    candidate: str
    statement: Decimal
    shadow: Decimal
    spent: Decimal
    limit: Decimal | None
    share: Decimal | None
    status: str


class DashboardCountsOut(Schema):
    due: int
    on_time: int
    late: int
    missing: int
    escalated: int
    incidents_open: int
    incidents_overdue: int


class DashboardDistrictOut(DashboardCountsOut):
    id: int
    code: str
    name: str
    bodies: int


class EscalationOut(Schema):
    body: int
    body_name: str
    district: str
    count: int
    oldest_due_at: dt.datetime
    hours_overdue: int


class CompletenessOut(Schema):
    day: dt.date
    total: int
    on_time: int
    late: int


class IncidentStatOut(Schema):
    key: str
    total: int
    handled: int
    within: int


class DashboardOut(Schema):
    level: str
    election: str | None
    district: str | None
    page: int
    pages: int
    districts: list[DashboardDistrictOut]
    bodies: list[DashboardBodyOut]
    totals: DashboardCountsOut
    incidents_open: int
    incidents_overdue: int
    escalated: int
    escalations: list[EscalationOut]
    completeness: list[CompletenessOut]
    incidents_by_kind: list[IncidentStatOut]
    incidents_by_area: list[IncidentStatOut]
    expense_alerts: list[ExpenseTotalOut]


class ExpenseLimitSetIn(Schema):
    country: str
    election_kind: str
    amount: Decimal


class ExpenseLimitOut(Schema):
    country: str
    election_kind: str
    amount: Decimal


class ExpenseLimitListOut(Schema):
    items: list[ExpenseLimitOut]


class ExpenseRecordIn(Schema):
    election: str
    unit: str
    candidate: str
    source: str
    category: str
    on: dt.date
    amount: Decimal
    note: str = ""


class ExpenseOut(Schema):
    id: int
    election: str
    unit: str
    candidate: str
    source: str
    category: str
    on: dt.date
    amount: Decimal
    note: str
    replaces: int | None = None


class ExpenseListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ExpenseOut]


class ExpenseTotalListOut(Schema):
    items: list[ExpenseTotalOut]


class ParagraphIO(Schema):
    number: str = ""
    text: str


class CircularDraftIn(Schema):
    unit: str
    election: str = ""
    memo_number: str
    date: dt.date
    subject: str
    paragraphs: list[ParagraphIO]
    signatory_name: str
    signatory_lines: list[str] = []
    distribution: list[str] = []
    copies: list[str] = []
    copy_purpose: str = "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য"
    heading: list[str] = []
    title: str = ""
    preamble: str = ""


class RecipientIn(Schema):
    unit: str
    office: str = ""


class CircularIssueIn(Schema):
    recipients: list[RecipientIn]
    ack_days: int = 3


class RecipientOut(Schema):
    id: int
    unit: str
    unit_name: str
    office: str
    office_name: str
    due_at: dt.datetime
    acknowledged_at: dt.datetime | None
    status: str
    can_acknowledge: bool


class CircularOut(Schema):
    id: int
    unit: str
    election: str | None
    memo_number: str
    memo_key: str
    date: dt.date
    bangla_date: str
    title: str
    subject: str
    preamble: str
    paragraphs: list[ParagraphIO]
    signatory_name: str
    signatory_lines: list[str]
    distribution: list[str]
    copy_purpose: str
    copies: list[str]
    status: str
    issued_at: dt.datetime | None
    ack_days: int
    recipients: list[RecipientOut]


class CircularListItemOut(Schema):
    id: int
    unit: str
    memo_number: str
    date: dt.date
    subject: str
    status: str


class CircularListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[CircularListItemOut]


class RecipientAckOut(Schema):
    id: int
    circular: int
    acknowledged_at: dt.datetime
    late: bool


class ExpenseCorrectIn(Schema):
    amount: Decimal
    category: str
    on: dt.date
    reason: str
    note: str = ""


class RuleOut(Schema):
    id: int
    election: str
    body_kind: str
    code: str
    kind: str
    every_days: int
    window_days: int
    offset_days: int


class RuleListOut(Schema):
    items: list[RuleOut]


class RuleSetIn(Schema):
    election: str
    body_kind: str
    code: str
    kind: str
    every_days: int = 0
    window_days: int = 0
    offset_days: int = 0
