"""Error codes of the monitoring app."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class MonitoringErrorCode(ErrorCode):
    VALIDATION = "monitoring_validation", 422
    NO_POLL_DATE = "monitoring_no_poll_date", 409
    ALREADY_REPORTED = "obligation_already_reported", 409
    BAD_TRANSITION = "incident_bad_transition", 409
    UNKNOWN_FOLLOW_CODE = "incident_unknown_code", 404
    CIRCULAR_DUPLICATE = "circular_duplicate_memo", 409
    CIRCULAR_NOT_DRAFT = "circular_not_draft", 409
    ALREADY_ACKNOWLEDGED = "circular_already_acknowledged", 409
    EXPENSE_SUPERSEDED = "expense_superseded", 409
