"""Reads of the monitoring app, with every per-user access rule in one place.

A package by area; every public name is importable from here."""

from __future__ import annotations

from nirvachan.monitoring.selectors._common import (
    ALERT_SHARE,
    CENTS,
    can_change,
    can_draft,
    can_manage_election,
    election_get,
)
from nirvachan.monitoring.selectors.bodies import (
    ObligationRow,
    body_get_for_user,
    body_list_for_user,
    obligation_get_for_user,
    obligation_list_for_user,
    obligation_rows,
    rule_get,
    rules_of,
)
from nirvachan.monitoring.selectors.circulars import (
    RecipientRow,
    circular_get_for_user,
    circular_list_for_user,
    circular_recipients,
    circulars_received,
    circulars_sent,
    recipient_get_for_user,
    recipients_from_codes,
)
from nirvachan.monitoring.selectors.dashboard import (
    AreaRow,
    Counts,
    Dashboard,
    DayCompleteness,
    Escalation,
    dashboard_for_user,
    district_for_user,
    monitored_elections,
)
from nirvachan.monitoring.selectors.expenses import (
    CandidateExpenses,
    ExpenseTotal,
    expense_alerts,
    expense_get_for_user,
    expense_limits,
    expense_list_for_user,
    expense_sheet,
    expense_totals,
)
from nirvachan.monitoring.selectors.incidents import (
    IncidentStat,
    incident_by_follow_code,
    incident_get_for_user,
    incident_list_for_user,
    incident_stats,
    notice_required,
)

__all__ = [
    "ALERT_SHARE",
    "CENTS",
    "AreaRow",
    "CandidateExpenses",
    "Counts",
    "Dashboard",
    "DayCompleteness",
    "Escalation",
    "ExpenseTotal",
    "IncidentStat",
    "ObligationRow",
    "RecipientRow",
    "body_get_for_user",
    "body_list_for_user",
    "can_change",
    "can_draft",
    "can_manage_election",
    "circular_get_for_user",
    "circular_list_for_user",
    "circular_recipients",
    "circulars_received",
    "circulars_sent",
    "dashboard_for_user",
    "district_for_user",
    "election_get",
    "expense_alerts",
    "expense_get_for_user",
    "expense_limits",
    "expense_list_for_user",
    "expense_sheet",
    "expense_totals",
    "incident_by_follow_code",
    "incident_get_for_user",
    "incident_list_for_user",
    "incident_stats",
    "monitored_elections",
    "notice_required",
    "obligation_get_for_user",
    "obligation_list_for_user",
    "obligation_rows",
    "recipient_get_for_user",
    "recipients_from_codes",
    "rule_get",
    "rules_of",
]
