"""Pages of the monitoring app: thin views over the services and selectors.

A package by subject; every view the urls use is importable from here."""

from __future__ import annotations

from nirvachan.monitoring.views.circulars import (
    circular_acknowledge,
    circular_detail,
    circular_issue,
    circular_list,
    circular_new,
    circular_pdf,
)
from nirvachan.monitoring.views.dashboard import body_detail, dashboard, report_submit
from nirvachan.monitoring.views.expenses import (
    expense_add,
    expense_correct,
    expense_limits,
    expense_withdraw,
    expenses,
)
from nirvachan.monitoring.views.incidents import (
    follow,
    incident_detail,
    incident_list,
    incident_move,
    incident_notice_pdf,
    public_report,
)
from nirvachan.monitoring.views.rules import rule_delete, rule_save, rules

__all__ = [
    "body_detail",
    "circular_acknowledge",
    "circular_detail",
    "circular_issue",
    "circular_list",
    "circular_new",
    "circular_pdf",
    "dashboard",
    "expense_add",
    "expense_correct",
    "expense_limits",
    "expense_withdraw",
    "expenses",
    "follow",
    "incident_detail",
    "incident_list",
    "incident_move",
    "incident_notice_pdf",
    "public_report",
    "report_submit",
    "rule_delete",
    "rule_save",
    "rules",
]
