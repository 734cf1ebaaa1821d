"""Every write of the finance app (DESIGN.md convention 1): typed, keyword-only, atomic, audited.

Issuing an order locks the budget heads it draws on (SELECT … FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions queue writers) and the database refuses `allocated > amount`, so two
orders issued at the same moment cannot overdraw a head together.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Country, Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.finance import events, selectors
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.fiscal import fiscal_year_of, parse_fiscal_year
from nirvachan.finance.models import (
    AllocationLine,
    AllocationOrder,
    BudgetHead,
    Currency,
    EconomicCode,
    FiscalYear,
)
from nirvachan.finance.tables import ParsedTable, check_table, duplicate_rows, words_for
from nirvachan.locale import LocaleError, format_number, parse_memo_number

MAX_AMOUNT = Decimal("99999999999999.99")
CENT = Decimal("0.01")
Status = AllocationOrder.Status
Kind = AllocationOrder.Kind


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _lines_text(items: Sequence[str]) -> str:
    return "\n".join(_nfc(i) for i in items if _nfc(i))


def _require(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    """The role under which `actor` may act on `unit` ("" for the system), or a 403."""
    if actor is None:
        return ""
    scope = scope_for(actor, capability, unit.path)
    if scope is None:
        raise DomainError(
            FinanceErrorCode.OUT_OF_SCOPE,
            _("You may not do this in %(unit)s.") % {"unit": unit.name},
            unit=unit.code,
            capability=str(capability),
        )
    return scope.role


def currency_for(unit: AdminUnit) -> str:
    return Currency.RUPEE if unit.country == Country.INDIA else Currency.TAKA


def money(value: Any, *, field_name: str = "amount", row: int | None = None) -> Decimal:
    """An amount of money: above zero, at most two decimal places."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > MAX_AMOUNT
        or amount != amount.quantize(Decimal("0.01"))
    ):
        where = {"row": row} if row is not None else {}
        message = (
            _("Row %(row)s: the amount %(value)s must be above zero with at most two decimals.")
            if row is not None
            else _("The amount %(value)s must be above zero with at most two decimals.")
        )
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            message % {"row": row, "value": value},
            field=field_name,
            **where,
        )
    return amount.quantize(CENT)


# --- reference data ------------------------------------------------------------------------


def fiscal_year_ensure(*, actor: Any = None, country: str, start_year: int) -> FiscalYear:
    if country not in Country.values:
        raise DomainError(FinanceErrorCode.VALIDATION, _("Unknown country."), field="country")
    with transaction.atomic():
        year, created = FiscalYear.objects.get_or_create(country=country, start_year=start_year)
        if created:
            audit_record(
                event_type=events.FISCAL_YEAR_CREATED,
                actor=actor,
                obj=year,
                summary={"country": country, "fiscal_year": year.label},
            )
    return year


def economic_code_create(
    *,
    actor: Any = None,
    code: str,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    parent: EconomicCode | None = None,
) -> EconomicCode:
    code = _nfc(code)
    if not code.isdigit():
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("An economic code is written in digits, e.g. 3211120."),
            field="code",
        )
    if parent is not None and not code.startswith(parent.code):
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("The code %(code)s does not begin with its group %(parent)s.")
            % {"code": code, "parent": parent.code},
            field="code",
        )
    if not _nfc(name_en):
        raise DomainError(FinanceErrorCode.VALIDATION, _("A name is required."), field="name_en")
    with transaction.atomic():
        if EconomicCode.objects.filter(code=code).exists():
            raise DomainError(
                FinanceErrorCode.DUPLICATE,
                _("The economic code %(code)s exists already.") % {"code": code},
                field="code",
            )
        item = EconomicCode.objects.create(
            code=code,
            parent=parent,
            name_en=_nfc(name_en),
            name_bn=_nfc(name_bn),
            name_hi=_nfc(name_hi),
        )
        audit_record(
            event_type=events.ECONOMIC_CODE_CREATED,
            actor=actor,
            obj=item,
            summary={"code": code, "name_en": item.name_en},
        )
    return item


def budget_head_create(
    *,
    actor: Any,
    unit: AdminUnit,
    fiscal_year: FiscalYear,
    institution_code: str,
    economic_code: EconomicCode,
    amount: Decimal | str | int,
) -> BudgetHead:
    actor_role = _require(actor, Capability.FINANCE_CHANGE, unit)
    institution_code = _nfc(institution_code)
    if not institution_code:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("An institution or office code is required."),
            field="institution_code",
        )
    if fiscal_year.country != unit.country:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("The fiscal year belongs to another country."),
            field="fiscal_year",
        )
    value = money(amount)
    try:
        with transaction.atomic():
            head = BudgetHead.objects.create(
                fiscal_year=fiscal_year,
                unit=unit,
                institution_code=institution_code,
                economic_code=economic_code,
                amount=value,
            )
            audit_record(
                event_type=events.BUDGET_HEAD_CREATED,
                actor=actor,
                actor_role=actor_role,
                obj=head,
                summary={
                    "fiscal_year": fiscal_year.label,
                    "institution_code": institution_code,
                    "economic_code": economic_code.code,
                    "amount": str(value),
                },
            )
    except IntegrityError:
        raise DomainError(
            FinanceErrorCode.DUPLICATE,
            _("A budget head for %(code)s in %(year)s exists already.")
            % {"code": economic_code.code, "year": fiscal_year.label},
            field="economic_code",
        ) from None
    return head


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


def fiscal_year_for(*, actor: Any = None, unit: AdminUnit, label: str) -> FiscalYear:
    """The fiscal year named "2021-22" of the unit's country (opened when first named)."""
    try:
        start = parse_fiscal_year(label)
    except LocaleError:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("%(value)s is not a fiscal year such as 2021-22.") % {"value": label},
            field="fiscal_year",
        ) from None
    return fiscal_year_ensure(actor=actor, country=unit.country, start_year=start)


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


def _per_code(order: AllocationOrder) -> dict[int, Decimal]:
    rows = order.lines.values("economic_code_id").annotate(total=Sum("amount"))
    return {r["economic_code_id"]: Decimal(r["total"]).quantize(CENT) for r in rows}


def allocation_order_issue(*, actor: Any, order: AllocationOrder) -> AllocationOrder:
    """Issue a draft: draw its lines from the budget heads; an amendment or a cancellation
    first gives back what the order it refers to drew."""
    actor_role = _require(actor, Capability.FINANCE_CHANGE, order.unit)
    with transaction.atomic():
        locked = AllocationOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != Status.DRAFT:
            raise DomainError(
                FinanceErrorCode.NOT_DRAFT,
                _("The order %(memo)s is %(status)s and cannot be issued again.")
                % {"memo": locked.memo_number, "status": locked.get_status_display()},
                id=order.pk,
            )
        target = None
        if locked.supersedes_id is not None:
            target = AllocationOrder.objects.select_for_update().get(pk=locked.supersedes_id)
            if target.status != Status.ISSUED:
                raise DomainError(
                    FinanceErrorCode.NOT_DRAFT,
                    _("The order %(memo)s is %(status)s already.")
                    % {"memo": target.memo_number, "status": target.get_status_display()},
                    id=target.pk,
                )
        draw = _per_code(locked)
        give_back = _per_code(target) if target is not None else {}
        heads = _lock_heads(locked, set(draw) | set(give_back))
        changes = []
        for code_id in sorted(set(draw) | set(give_back)):
            head = heads[code_id]
            delta = draw.get(code_id, Decimal(0)) - give_back.get(code_id, Decimal(0))
            if head.allocated + delta > head.amount:
                raise DomainError(
                    FinanceErrorCode.OVERDRAWN,
                    _(
                        "Budget head %(code)s of %(year)s has %(balance)s left; "
                        "this order needs %(needed)s."
                    )
                    % {
                        "code": head.economic_code.code,
                        "year": head.fiscal_year.label,
                        "balance": head.balance.quantize(CENT),
                        "needed": delta.quantize(CENT),
                    },
                    head=head.pk,
                    balance=str(head.balance.quantize(CENT)),
                    needed=str(delta.quantize(CENT)),
                )
            changes.append((head, delta))
        for head, delta in changes:
            try:
                with transaction.atomic():
                    BudgetHead.objects.filter(pk=head.pk).update(allocated=F("allocated") + delta)
            except IntegrityError:  # the database constraint: never above the amount
                raise DomainError(
                    FinanceErrorCode.OVERDRAWN,
                    _("Budget head %(code)s of %(year)s would be overdrawn.")
                    % {"code": head.economic_code.code, "year": head.fiscal_year.label},
                    head=head.pk,
                ) from None
        now = timezone.now()
        AllocationOrder.objects.filter(pk=locked.pk).update(
            status=Status.ISSUED,
            issued_at=now,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        total = sum(draw.values(), Decimal(0))
        summary = {
            "memo_number": locked.memo_number,
            "kind": locked.kind,
            "total": str(total),
            "heads": {heads[c].economic_code.code: str(d) for c, d in draw.items()},
        }
        if target is not None:
            summary["supersedes"] = target.memo_number
        audit_record(
            event_type=events.ORDER_ISSUED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary=summary,
        )
        if target is not None:
            new_status = Status.AMENDED if locked.kind == Kind.AMENDMENT else Status.CANCELLED
            AllocationOrder.objects.filter(pk=target.pk).update(status=new_status)
            audit_record(
                event_type=(
                    events.ORDER_AMENDED
                    if locked.kind == Kind.AMENDMENT
                    else events.ORDER_CANCELLED
                ),
                actor=actor,
                actor_role=actor_role,
                obj=target,
                summary={"memo_number": target.memo_number, "by": locked.memo_number},
            )
    order.refresh_from_db()
    return order


def _lock_heads(order: AllocationOrder, code_ids: set[int]) -> dict[int, BudgetHead]:
    heads = {
        h.economic_code_id: h
        for h in BudgetHead.objects.select_for_update()
        .select_related("economic_code", "fiscal_year")
        .filter(
            fiscal_year=order.fiscal_year_id,
            institution_code=order.institution_code,
            economic_code_id__in=code_ids,
        )
        .order_by("pk")
    }
    missing = sorted(code_ids - set(heads))
    if missing:
        codes = list(EconomicCode.objects.filter(pk__in=missing).values_list("code", flat=True))
        raise DomainError(
            FinanceErrorCode.NO_BUDGET_HEAD,
            _("No budget head of %(institution)s in %(year)s for %(codes)s.")
            % {
                "institution": order.institution_code,
                "year": order.fiscal_year.label,
                "codes": ", ".join(codes),
            },
            codes=codes,
        )
    return heads


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
