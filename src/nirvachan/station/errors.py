"""Error codes of the polling-station app, central side (see nirvachan.core.errors)."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class StationErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    NOT_FOUND = "not_found", 404
    NOT_SERVED = "station_not_served", 422
    NO_BALLOT = "station_no_ballot", 422
    BAD_SIGNATURE = "bad_signature", 403
    NO_KEY = "station_no_key", 403
    TURNOUT_CONFLICT = "turnout_conflict", 409
