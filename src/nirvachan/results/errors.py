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
    # Station result packages (`results ingest`): each refusal says which check failed.
    PACKAGE_CHANGED = "package_changed", 422
    PACKAGE_INVALID = "package_invalid", 422
    OTHER_ELECTION = "package_other_election", 422
    WRONG_STATION_KEY = "package_wrong_station_key", 422
    REVOKED_KEY = "package_revoked_key", 422
    UNKNOWN_STATION = "package_unknown_station", 422
