"""Error codes of the elections app (see nirvachan.core.errors)."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class ElectionsErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    NOT_FOUND = "not_found", 404
    PERMISSION_DENIED = "permission_denied", 403
    OUT_OF_SCOPE = "out_of_scope", 403
    DUPLICATE = "duplicate", 409
    MILESTONE_ORDER = "milestone_order", 422
    WRONG_STATE = "wrong_state", 409
    DEADLINE_PASSED = "deadline_passed", 409
    FINAL_LIST_PUBLISHED = "final_list_published", 409
    BALLOT_TOO_LONG = "ballot_too_long", 422
