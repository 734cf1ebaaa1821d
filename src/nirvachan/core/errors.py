"""One error model (DESIGN.md convention 6).

Services raise `DomainError(code, message, **details)`. The API turns it into
`{"code", "message", "details"}` with the code's HTTP status; pages show the message in the
user's language (messages are translated when raised, under the request's active language).
Each app declares its codes in an `ErrorCode` subclass.
"""

from __future__ import annotations

import enum
from typing import Any


class ErrorCode(enum.StrEnum):
    """Base for per-app error codes: members are `NAME = "code", http_status`."""

    status: int

    def __new__(cls, value: str, status: int = 400) -> ErrorCode:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.status = status
        return obj


class CoreErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    NOT_FOUND = "not_found", 404
    PERMISSION_DENIED = "permission_denied", 403
    NOT_AUTHENTICATED = "not_authenticated", 401
    CONFLICT = "conflict", 409
    DUPLICATE = "duplicate", 409
    THROTTLED = "throttled", 429
    UNKNOWN_UNIT = "unknown_unit", 422
    OUT_OF_SCOPE = "out_of_scope", 403
    INTERNAL = "internal_error", 500


class DomainError(Exception):
    def __init__(self, code: ErrorCode, message: str, /, **details: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        self.details = details

    @property
    def status(self) -> int:
        return self.code.status

    def as_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.message, "details": self.details}
