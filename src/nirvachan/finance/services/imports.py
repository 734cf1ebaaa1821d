"""Importing an allocation order from a parsed table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Office
from nirvachan.core.roles import Capability
from nirvachan.finance import events, selectors
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.fiscal import fiscal_year_of, parse_fiscal_year
from nirvachan.finance.models import AllocationOrder, Currency
from nirvachan.finance.services._common import _require, currency_for
from nirvachan.finance.services.budget import fiscal_year_ensure
from nirvachan.finance.services.orders import LineIn, allocation_order_create
from nirvachan.finance.tables import ParsedTable, check_table, duplicate_rows, words_for
from nirvachan.locale import LocaleError, format_number

# --- import --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    lines: int
    total: Decimal
    words: str
    warnings: list[str] = field(default_factory=list)
    order: AllocationOrder | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "total": str(
                self.total.normalize() if self.total == self.total.to_integral() else self.total
            ),
            "words": self.words,
            "warnings": self.warnings,
            "order": self.order.pk if self.order else None,
            "memo_number": self.order.memo_number if self.order else "",
        }


def allocation_order_import(
    *,
    actor: Any = None,
    table: ParsedTable,
    unit: AdminUnit,
    fiscal_year: str = "",
    economic_code: str = "",
    memo_number: str = "",
    date: dt.date | None = None,
    subject: str = "",
    dry_run: bool = False,
) -> ImportResult:
    """Check a table (serials, total row, words line), match its offices to the register and,
    unless `dry_run`, save it as a draft order. Every problem is reported at once."""
    _require(actor, Capability.FINANCE_CHANGE, unit)
    currency = currency_for(unit)
    lang = "hi" if currency == Currency.RUPEE else "bn"
    text = table.text
    differences = [d.as_dict() for d in check_table(table, currency)]  # type: ignore[arg-type]
    register = selectors.office_register_load(unit=unit)
    unknown = []
    matched: list[Office] = []
    for row in table.rows:
        office, suggestions = register.match(row)
        if office is None:
            unknown.append(
                {
                    "row": row.row,
                    "serial": row.serial,
                    "office": row.office,
                    "suggestions": suggestions,
                }
            )
        else:
            matched.append(office)
    if differences or unknown:
        first = (differences or unknown)[0]
        raise DomainError(
            FinanceErrorCode.TABLE_MISMATCH if differences else FinanceErrorCode.UNKNOWN_OFFICE,
            (
                _("Row %(row)s: expected %(expected)s, found %(found)s.") % first
                if differences
                else _("Row %(row)s: no office %(office)s in the register.") % first
            ),
            differences=differences,
            unknown_offices=unknown,
        )
    total = table.total
    warnings = [
        _(
            "Rows %(first)s and %(second)s (serials %(a)s and %(b)s) name the same office: "
            "%(office)s."
        )
        % {"first": a.row, "second": b.row, "a": a.serial, "b": b.serial, "office": b.office}
        for a, b in duplicate_rows(table.rows)
    ]
    result = ImportResult(len(table.rows), total, words_for(total, lang, currency), warnings)  # type: ignore[arg-type]
    year_label = fiscal_year or text.fiscal_year
    order_date = date or text.date
    if not year_label and order_date is not None:
        year_label = str(fiscal_year_of(order_date, unit.country))
        year_label = f"{year_label}-{(int(year_label) + 1) % 100:02d}"
    code = economic_code or text.economic_code
    if not year_label:
        raise DomainError(
            FinanceErrorCode.VALIDATION, _("Name the fiscal year."), field="fiscal_year"
        )
    if not code:
        raise DomainError(
            FinanceErrorCode.VALIDATION, _("Name the economic code."), field="economic_code"
        )
    try:
        start_year = parse_fiscal_year(year_label)
    except LocaleError:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("%(value)s is not a fiscal year such as 2021-22.") % {"value": year_label},
            field="fiscal_year",
        ) from None
    economic = selectors.economic_code_get(code=code)
    if dry_run:
        return result
    memo = memo_number or text.memo_number
    if not memo or order_date is None:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("The memo number and the date are required to save the order."),
            field="memo_number" if not memo else "date",
        )
    lines = [
        LineIn(
            office=office,
            amount=row.amount,
            economic_code=economic,
            serial=row.serial,
            district_name=row.district,
            office_name=row.office,
            row=row.row,
        )
        for row, office in zip(table.rows, matched, strict=True)
    ]
    with transaction.atomic():
        audit_record(
            event_type=events.ORDER_IMPORT_STARTED,
            actor=actor,
            summary={"memo_number": memo, "rows": len(lines)},
        )
    year = fiscal_year_ensure(actor=actor, country=unit.country, start_year=start_year)
    result.order = allocation_order_create(
        actor=actor,
        unit=unit,
        fiscal_year=year,
        institution_code=text.institution_code,
        memo_number=memo,
        date=order_date,
        subject=subject or text.subject or _("Allocation order"),
        lines=lines,
        body="\n".join(text.paragraphs),
        conditions=text.conditions,
        references=text.references,
        signatory_name=text.signatory_name,
        signatory_designation=text.signatory_designation,
        distribution=text.distribution,
    )
    with transaction.atomic():
        audit_record(
            event_type=events.ORDER_IMPORT_COMPLETED,
            actor=actor,
            obj=result.order,
            summary={
                "memo_number": memo,
                "outcome": "ok",
                "lines": result.lines,
                "total": str(total),
                "warnings": len(warnings),
                "amount_bn": format_number(total, "bn"),
            },
        )
    return result
