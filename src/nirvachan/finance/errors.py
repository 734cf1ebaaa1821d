"""Error codes of the finance app (see nirvachan.core.errors)."""

from __future__ import annotations

from nirvachan.core.errors import ErrorCode


class FinanceErrorCode(ErrorCode):
    VALIDATION = "validation_error", 422
    NOT_FOUND = "not_found", 404
    PERMISSION_DENIED = "permission_denied", 403
    OUT_OF_SCOPE = "out_of_scope", 403
    DUPLICATE = "duplicate", 409
    NOT_DRAFT = "order_not_draft", 409
    OVERDRAWN = "budget_overdrawn", 409
    NO_BUDGET_HEAD = "no_budget_head", 422
    UNKNOWN_OFFICE = "unknown_office", 422
    TABLE_MISMATCH = "table_mismatch", 422
