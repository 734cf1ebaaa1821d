"""Every write of the finance app (DESIGN.md convention 1): typed, keyword-only, atomic, audited.

Issuing an order locks the budget heads it draws on (SELECT … FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions queue writers) and the database refuses `allocated > amount`, so two
orders issued at the same moment cannot overdraw a head together.
"""

from nirvachan.finance.services._common import CENT, MAX_AMOUNT, Kind, Status, currency_for, money
from nirvachan.finance.services.budget import (
    budget_head_create,
    economic_code_create,
    fiscal_year_ensure,
    fiscal_year_for,
)
from nirvachan.finance.services.imports import ImportResult, allocation_order_import
from nirvachan.finance.services.issue import allocation_order_issue
from nirvachan.finance.services.orders import (
    LineIn,
    allocation_order_create,
    allocation_order_create_from_ids,
    allocation_order_delete,
)

__all__ = [
    "CENT",
    "MAX_AMOUNT",
    "ImportResult",
    "Kind",
    "LineIn",
    "Status",
    "allocation_order_create",
    "allocation_order_create_from_ids",
    "allocation_order_delete",
    "allocation_order_import",
    "allocation_order_issue",
    "budget_head_create",
    "currency_for",
    "economic_code_create",
    "fiscal_year_ensure",
    "fiscal_year_for",
    "money",
]
