"""Audit event types of the monitoring app (declared once; see nirvachan.core.events)."""

from nirvachan.core.events import Severity, declare

BODY_FORMED = declare("monitoring.body_formed", "A monitoring team, cell or committee was formed")
MEMBER_ADDED = declare("monitoring.member_added", "A member was added to a monitoring body")
RULES_SET = declare("monitoring.rules_set", "The reporting rules of an election were set")
OBLIGATIONS_GENERATED = declare(
    "monitoring.obligations_generated", "Reporting obligations were generated or regenerated"
)
REPORT_SUBMITTED = declare("monitoring.report_submitted", "A monitoring report was submitted")
INCIDENT_REPORTED = declare("monitoring.incident_reported", "An incident was reported")
INCIDENT_MOVED = declare(
    "monitoring.incident_moved", "An incident moved on (assigned, verified, action, closed)"
)
NOTICE_ISSUED = declare(
    "monitoring.notice_issued",
    "A written notice of a candidate's violation was made for the Commission",
    Severity.NOTICE,
)
EXPENSE_RECORDED = declare("monitoring.expense_recorded", "A candidate's expense was recorded")
EXPENSE_CORRECTED = declare(
    "monitoring.expense_corrected",
    "An expense line was corrected or withdrawn (the old line is kept)",
    Severity.NOTICE,
)
LIMIT_SET = declare("monitoring.limit_set", "An expense limit was set")
CIRCULAR_DRAFTED = declare("monitoring.circular_drafted", "A circular was drafted")
CIRCULAR_ISSUED = declare(
    "monitoring.circular_issued",
    "A circular was issued to its recipients, with acknowledgement deadlines",
    Severity.NOTICE,
)
CIRCULAR_ACKNOWLEDGED = declare(
    "monitoring.circular_acknowledged", "A recipient acknowledged receipt of a circular"
)
