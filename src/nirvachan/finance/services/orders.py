"""Allocation orders: drafting and deleting drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Office
from nirvachan.core.roles import Capability
from nirvachan.finance import events, selectors
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.models import AllocationLine, AllocationOrder, EconomicCode, FiscalYear
from nirvachan.finance.services._common import (
    Kind,
    Status,
    _lines_text,
    _nfc,
    _require,
    currency_for,
    money,
)
from nirvachan.finance.services.budget import fiscal_year_for
from nirvachan.locale import LocaleError, parse_memo_number

# --- orders --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineIn:
    office: Office
    amount: Decimal
    economic_code: EconomicCode
    serial: int | None = None
    district_name: str = ""
    office_name: str = ""
    row: int | None = None  # where the line came from, for error messages


def _validate_lines(unit: AdminUnit, lines: Sequence[LineIn]) -> list[AllocationLine]:
    built: list[AllocationLine] = []
    for index, line in enumerate(lines, start=1):
        row = line.row or index
        serial = line.serial or index
        if serial != index:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("Row %(row)s: serial %(found)s, expected %(expected)s.")
                % {"row": row, "found": serial, "expected": index},
                field="lines",
                row=row,
            )
        if not line.office.unit.path.startswith(unit.path):
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("Row %(row)s: the office %(office)s is outside %(unit)s.")
                % {"row": row, "office": line.office.name, "unit": unit.name},
                field="lines",
                row=row,
            )
        district = selectors.district_of(line.office)
        built.append(
            AllocationLine(
                serial=serial,
                district=district,
                district_name=_nfc(line.district_name)
                or (district.name_bn or district.name_en if district else ""),
                office=line.office,
                office_name=_nfc(line.office_name) or line.office.name_bn or line.office.name_en,
                economic_code=line.economic_code,
                amount=money(line.amount, field_name="lines", row=row),
            )
        )
    return built


def allocation_order_create(
    *,
    actor: Any,
    unit: AdminUnit,
    fiscal_year: FiscalYear,
    institution_code: str,
    memo_number: str,
    date: dt.date,
    subject: str,
    lines: Sequence[LineIn],
    body: str = "",
    conditions: Sequence[str] = (),
    references: Sequence[str] = (),
    signatory_name: str = "",
    signatory_designation: str = "",
    distribution: Sequence[str] = (),
    copies: Sequence[str] = (),
    issuing_office: Office | None = None,
    kind: str = Kind.ALLOCATION,
    supersedes: AllocationOrder | None = None,
) -> AllocationOrder:
    """A draft order; its total is the sum of its lines."""
    actor_role = _require(actor, Capability.FINANCE_CHANGE, unit)
    try:
        memo = parse_memo_number(_nfc(memo_number))
    except LocaleError:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("%(value)s is not a memo number.") % {"value": memo_number},
            field="memo_number",
        ) from None
    if not _nfc(subject):
        raise DomainError(FinanceErrorCode.VALIDATION, _("A subject is required."), field="subject")
    if fiscal_year.country != unit.country:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("The fiscal year belongs to another country."),
            field="fiscal_year",
        )
    _check_kind(kind, supersedes, unit, lines)
    built = _validate_lines(unit, lines)
    try:
        with transaction.atomic():
            if AllocationOrder.objects.filter(memo_key=memo.key).exists():
                raise DomainError(
                    FinanceErrorCode.DUPLICATE,
                    _("An order with the memo number %(memo)s exists already.")
                    % {"memo": memo_number},
                    field="memo_number",
                )
            order = AllocationOrder.objects.create(
                kind=kind,
                unit=unit,
                issuing_office=issuing_office,
                fiscal_year=fiscal_year,
                institution_code=_nfc(institution_code),
                currency=currency_for(unit),
                memo_number=_nfc(memo_number),
                memo_key=memo.key,
                date=date,
                subject=_nfc(subject),
                body=_nfc(body),
                conditions=_lines_text(conditions),
                references=_lines_text(references),
                signatory_name=_nfc(signatory_name),
                signatory_designation=_nfc(signatory_designation),
                distribution=_lines_text(distribution),
                copies=_lines_text(copies),
                supersedes=supersedes,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            for line in built:
                line.order = order
            AllocationLine.objects.bulk_create(built, batch_size=2000)
            total = sum((line.amount for line in built), Decimal(0))
            audit_record(
                event_type=events.ORDER_DRAFTED,
                actor=actor,
                actor_role=actor_role,
                obj=order,
                summary={
                    "memo_number": order.memo_number,
                    "kind": kind,
                    "lines": len(built),
                    "total": str(total),
                    "supersedes": supersedes.memo_number if supersedes else "",
                },
            )
    except IntegrityError:
        raise DomainError(
            FinanceErrorCode.DUPLICATE,
            _("An order with the memo number %(memo)s exists already.") % {"memo": memo_number},
            field="memo_number",
        ) from None
    return order


def allocation_order_create_from_ids(
    *,
    actor: Any,
    unit: AdminUnit,
    fiscal_year: str,
    lines: Sequence[dict[str, Any]],
    supersedes_id: int | None = None,
    **fields: Any,
) -> AllocationOrder:
    """allocation_order_create with offices, economic codes and the earlier order named by id
    and code (as the API sends them)."""
    _require(actor, Capability.FINANCE_CHANGE, unit)
    offices = Office.objects.select_related("unit", "unit__parent").in_bulk(
        {line["office_id"] for line in lines}
    )
    codes = {c.code: c for c in EconomicCode.objects.all()}
    built = []
    for row, line in enumerate(lines, start=1):
        office = offices.get(line["office_id"])
        if office is None:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("Row %(row)s: office %(id)s was not found.")
                % {"row": row, "id": line["office_id"]},
                field="lines",
                row=row,
            )
        code = codes.get(str(line["economic_code"]).strip())
        if code is None:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("Row %(row)s: no economic code %(code)s is registered.")
                % {"row": row, "code": line["economic_code"]},
                field="lines",
                row=row,
            )
        built.append(LineIn(office=office, amount=line["amount"], economic_code=code, row=row))
    supersedes = None
    if supersedes_id is not None:
        supersedes = selectors.order_get_for_user(actor, supersedes_id)
    return allocation_order_create(
        actor=actor,
        unit=unit,
        fiscal_year=fiscal_year_for(actor=actor, unit=unit, label=fiscal_year),
        lines=built,
        supersedes=supersedes,
        **fields,
    )


def _check_kind(
    kind: str, supersedes: AllocationOrder | None, unit: AdminUnit, lines: Sequence[LineIn]
) -> None:
    if kind not in Kind.values:
        raise DomainError(FinanceErrorCode.VALIDATION, _("Unknown order kind."), field="kind")
    if kind == Kind.ALLOCATION:
        if supersedes is not None:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("Only an amendment or a cancellation refers to an earlier order."),
                field="supersedes",
            )
    else:
        if supersedes is None:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("An amendment or a cancellation must name the order it changes."),
                field="supersedes",
            )
        if supersedes.status != Status.ISSUED:
            raise DomainError(
                FinanceErrorCode.NOT_DRAFT,
                _("Only an issued order can be amended or cancelled; %(memo)s is %(status)s.")
                % {"memo": supersedes.memo_number, "status": supersedes.get_status_display()},
                field="supersedes",
            )
        if not supersedes.unit.path.startswith(unit.path):
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("The order %(memo)s was issued outside %(unit)s.")
                % {"memo": supersedes.memo_number, "unit": unit.name},
                field="supersedes",
            )
    if kind == Kind.CANCELLATION and lines:
        raise DomainError(
            FinanceErrorCode.VALIDATION, _("A cancellation has no lines."), field="lines"
        )
    if kind != Kind.CANCELLATION and not lines:
        raise DomainError(
            FinanceErrorCode.VALIDATION, _("An order needs at least one line."), field="lines"
        )


def allocation_order_delete(*, actor: Any, order: AllocationOrder) -> None:
    """Delete a draft (issued orders are never deleted)."""
    actor_role = _require(actor, Capability.FINANCE_CHANGE, order.unit)
    with transaction.atomic():
        locked = AllocationOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != Status.DRAFT:
            raise DomainError(
                FinanceErrorCode.NOT_DRAFT,
                _("Only a draft can be deleted; %(memo)s is %(status)s.")
                % {"memo": locked.memo_number, "status": locked.get_status_display()},
                id=order.pk,
            )
        audit_record(
            event_type=events.ORDER_DRAFT_DELETED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary={"memo_number": locked.memo_number},
        )
        locked.delete()
