"""Every write of the monitoring app: typed, keyword-only, atomic, audited."""

from nirvachan.monitoring.services.bodies import MemberData, body_form, member_add
from nirvachan.monitoring.services.circulars import (
    Recipient,
    circular_acknowledge,
    circular_draft,
    circular_from_text,
    circular_issue,
)
from nirvachan.monitoring.services.expenses import (
    expense_correct,
    expense_limit_set,
    expense_record,
    expense_withdraw,
)
from nirvachan.monitoring.services.incidents import (
    DROP_REASONS,
    FOLLOW_ALPHABET,
    RESPONSE_MINUTES,
    TRANSITIONS,
    S,
    incident_move,
    incident_report,
    notice_text,
)
from nirvachan.monitoring.services.reports import report_submit
from nirvachan.monitoring.services.schedule import (
    GenerateResult,
    event_obligations,
    obligations_generate,
    poll_date_of,
    rule_delete,
    rule_set,
    rules_for,
)

__all__ = [
    "DROP_REASONS",
    "FOLLOW_ALPHABET",
    "RESPONSE_MINUTES",
    "TRANSITIONS",
    "GenerateResult",
    "MemberData",
    "Recipient",
    "S",
    "body_form",
    "circular_acknowledge",
    "circular_draft",
    "circular_from_text",
    "circular_issue",
    "event_obligations",
    "expense_correct",
    "expense_limit_set",
    "expense_record",
    "expense_withdraw",
    "incident_move",
    "incident_report",
    "member_add",
    "notice_text",
    "obligations_generate",
    "poll_date_of",
    "report_submit",
    "rule_delete",
    "rule_set",
    "rules_for",
]
