"""Audit event types of the finance app (declared once; see nirvachan.core.events)."""

from nirvachan.core.events import Severity, declare

FISCAL_YEAR_CREATED = declare("finance.fiscal_year_created", "A fiscal year was opened")
ECONOMIC_CODE_CREATED = declare("finance.economic_code_created", "An economic code was added")
BUDGET_HEAD_CREATED = declare(
    "finance.budget_head_created", "A budget head was set", Severity.NOTICE
)
ORDER_DRAFTED = declare("finance.order_drafted", "An allocation order was drafted")
ORDER_DRAFT_DELETED = declare("finance.order_draft_deleted", "A draft order was deleted")
ORDER_ISSUED = declare("finance.order_issued", "An allocation order was issued", Severity.NOTICE)
ORDER_AMENDED = declare(
    "finance.order_amended", "An issued order was amended by a later order", Severity.NOTICE
)
ORDER_CANCELLED = declare(
    "finance.order_cancelled", "An issued order was cancelled by a later order", Severity.WARNING
)
ORDER_IMPORT_STARTED = declare("finance.order_import.started", "Import of an order table started")
ORDER_IMPORT_COMPLETED = declare("finance.order_import.completed", "Import of an order table ended")
