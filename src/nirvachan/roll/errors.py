"""Error codes of the roll app (see nirvachan.core.errors)."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class RollErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    MALFORMED_KEY = "malformed_epic", 422
    NOT_FOUND = "not_found", 404
    PERMISSION_DENIED = "permission_denied", 403
    NOT_ELIGIBLE = "not_eligible", 422
    WRONG_STATE = "wrong_state", 409
    DUPLICATE = "duplicate", 409
    LIMIT_REACHED = "limit_reached", 429
    THROTTLED = "throttled", 429
    BLOCKED = "blocked", 429
    AMBIGUOUS = "ambiguous", 422
