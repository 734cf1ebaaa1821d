"""Error codes of the results app (see nirvachan.core.errors)."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class ResultsErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    NOT_FOUND = "not_found", 404
    PERMISSION_DENIED = "permission_denied", 403
    CONFLICT = "conflict", 409
    WRONG_STATE = "wrong_state", 409
    NOT_ALL_IN = "results_incomplete", 409
    IMPORT_ERROR = "import_error", 422
