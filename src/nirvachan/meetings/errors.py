"""Error codes of the meetings app."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class MeetingsErrorCode(ErrorCode):
    NOT_FOUND = "meeting_not_found", 404
    VALIDATION = "meeting_validation", 422
    FROZEN = "minutes_frozen", 409
    BAD_TRANSITION = "meeting_bad_transition", 409
    NOT_APPROVED = "minutes_not_approved", 409
    TOTAL_MISMATCH = "target_total_mismatch", 422
    IMPORT = "minutes_import_error", 422
    NOT_IMPLEMENTER = "not_implementer", 403
