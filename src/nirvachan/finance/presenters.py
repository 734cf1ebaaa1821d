"""Plain dicts of finance records for the API schemas and the exports (no writes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nirvachan.finance import selectors
from nirvachan.finance.models import AllocationLine, AllocationOrder, BudgetHead, EconomicCode
from nirvachan.locale import bangla_date, format_bangla_date, to_words


def economic_code(c: EconomicCode) -> dict[str, Any]:
    return {
        "code": c.code,
        "parent": c.parent.code if c.parent else None,
        "name": c.name,
        "name_en": c.name_en,
        "name_bn": c.name_bn,
        "name_hi": c.name_hi,
    }


def budget_head(h: BudgetHead) -> dict[str, Any]:
    return {
        "id": h.pk,
        "fiscal_year": h.fiscal_year.label,
        "unit": h.unit.code,
        "institution_code": h.institution_code,
        "economic_code": h.economic_code.code,
        "amount": h.amount,
        "allocated": h.allocated,
        "balance": h.balance,
    }


def order_summary(o: AllocationOrder) -> dict[str, Any]:
    return {
        "id": o.pk,
        "memo_number": o.memo_number,
        "date": o.date,
        "kind": o.kind,
        "status": o.status,
        "unit": o.unit.code,
        "fiscal_year": o.fiscal_year.label,
        "subject": o.subject,
        "currency": o.currency,
        "lines": getattr(o, "line_count", 0),
        "total": selectors.order_total(o),
    }


def total_words(o: AllocationOrder, lang: str) -> str:
    return to_words(selectors.order_total(o), lang, currency=o.currency)  # type: ignore[arg-type]


def order_detail(o: AllocationOrder) -> dict[str, Any]:
    lines = list(selectors.order_lines(o))
    return {
        **order_summary(o),
        "date_bangla": format_bangla_date(bangla_date(o.date)),
        "institution_code": o.institution_code,
        "total_words": total_words(o, "hi" if o.currency == "INR" else "bn"),
        "body": o.body,
        "conditions": o.condition_list,
        "references": o.reference_list,
        "signatory_name": o.signatory_name,
        "signatory_designation": o.signatory_designation,
        "distribution": o.distribution_list,
        "copies": o.copy_list,
        "supersedes": o.supersedes_id,
        "superseded_by": [later.pk for later in selectors.order_later(o)],
        "issued_at": o.issued_at,
        "items": [order_line(line) for line in lines],
    }


def order_line(line: AllocationLine) -> dict[str, Any]:
    return {
        "serial": line.serial,
        "district": line.district_name,
        "office_id": line.office_id,
        "office": line.office_name,
        "economic_code": line.economic_code.code,
        "amount": line.amount,
    }


def ledger_line(line: AllocationLine) -> dict[str, Any]:
    return {
        "order_id": line.order_id,
        "memo_number": line.order.memo_number,
        "date": line.order.date,
        "fiscal_year": line.order.fiscal_year.label,
        "status": line.order.status,
        "economic_code": line.economic_code.code,
        "amount": Decimal(line.amount),
    }
