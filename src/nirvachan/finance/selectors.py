"""Reads of the finance app, including every per-user access rule (DESIGN.md convention 2).

Orders and budget heads belong to the unit that issues them; a holder of finance.view sees
those in the subtree of their unit, others get 404; in scope without finance.change gives 403.
An office's ledger is visible to whoever may see the office's unit.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.fiscal import parse_fiscal_year
from nirvachan.finance.models import (
    AllocationLine,
    AllocationOrder,
    BudgetHead,
    EconomicCode,
    FiscalYear,
)
from nirvachan.finance.tables import TableRow, office_parts
from nirvachan.locale import LocaleError, name_key

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))
CENT = Decimal("0.01")
COUNTED = (AllocationOrder.Status.ISSUED,)


def _total() -> Coalesce:
    return Coalesce(Sum("lines__amount"), ZERO)


# --- reference data ------------------------------------------------------------------------


def fiscal_year_get(*, country: str, label: str) -> FiscalYear | None:
    try:
        start = parse_fiscal_year(label)
    except LocaleError:
        raise DomainError(
            FinanceErrorCode.VALIDATION,
            _("%(value)s is not a fiscal year such as 2021-22.") % {"value": label},
            field="fiscal_year",
        ) from None
    return FiscalYear.objects.filter(country=country, start_year=start).first()


def economic_code_get(*, code: str) -> EconomicCode:
    found = EconomicCode.objects.filter(code=code.strip()).first()
    if found is None:
        raise DomainError(
            FinanceErrorCode.NOT_FOUND,
            _("No economic code %(code)s is registered.") % {"code": code},
            field="economic_code",
            code=code,
        )
    return found


def economic_code_list() -> QuerySet[EconomicCode]:
    return EconomicCode.objects.select_related("parent").order_by("code")


# --- budget heads --------------------------------------------------------------------------


def budget_head_list_for_user(user: Any, *, fiscal_year: str = "") -> QuerySet[BudgetHead]:
    qs = BudgetHead.objects.select_related("fiscal_year", "economic_code", "unit").filter(
        _paths_q(user, Capability.FINANCE_VIEW, "unit__path")
    )
    if fiscal_year:
        try:
            qs = qs.filter(fiscal_year__start_year=parse_fiscal_year(fiscal_year))
        except LocaleError:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("%(value)s is not a fiscal year such as 2021-22.") % {"value": fiscal_year},
                field="fiscal_year",
            ) from None
    return qs.order_by("-fiscal_year__start_year", "institution_code", "economic_code__code")


# --- orders --------------------------------------------------------------------------------


def order_list_for_user(
    user: Any, *, status: str = "", fiscal_year: str = "", search: str = ""
) -> QuerySet[AllocationOrder]:
    qs = (
        AllocationOrder.objects.select_related("unit", "fiscal_year")
        .filter(_paths_q(user, Capability.FINANCE_VIEW, "unit__path"))
        .annotate(total=_total(), line_count=Count("lines"))
    )
    if status:
        qs = qs.filter(status=status)
    if fiscal_year:
        try:
            qs = qs.filter(fiscal_year__start_year=parse_fiscal_year(fiscal_year))
        except LocaleError:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("%(value)s is not a fiscal year such as 2021-22.") % {"value": fiscal_year},
                field="fiscal_year",
            ) from None
    if search:
        qs = qs.filter(Q(memo_number__icontains=search) | Q(subject__icontains=search))
    return qs.order_by("-date", "-pk")


def order_get_for_user(user: Any, order_id: int, *, for_change: bool = False) -> AllocationOrder:
    order = (
        AllocationOrder.objects.select_related(
            "unit", "fiscal_year", "issuing_office", "supersedes"
        )
        .filter(_paths_q(user, Capability.FINANCE_VIEW, "unit__path"), pk=order_id)
        .annotate(total=_total(), line_count=Count("lines"))
        .first()
    )
    if order is None:
        raise DomainError(
            FinanceErrorCode.NOT_FOUND,
            _("Allocation order %(id)s was not found.") % {"id": order_id},
            id=order_id,
        )
    if for_change and scope_for(user, Capability.FINANCE_CHANGE, order.unit.path) is None:
        raise DomainError(
            FinanceErrorCode.PERMISSION_DENIED,
            _("Your role does not allow changing allocation orders."),
            id=order_id,
        )
    return order


def order_lines(order: AllocationOrder) -> QuerySet[AllocationLine]:
    return order.lines.select_related("office", "district", "economic_code").order_by("serial")


def order_total(order: AllocationOrder) -> Decimal:
    total = getattr(order, "total", None)
    if total is None:
        total = order.lines.aggregate(t=_total_lines())["t"]
    return Decimal(total).quantize(CENT)


def _total_lines() -> Coalesce:
    return Coalesce(Sum("amount"), ZERO)


def order_later(order: AllocationOrder) -> QuerySet[AllocationOrder]:
    """The orders that amend or cancel this one."""
    return order.superseded_by.select_related("unit").order_by("date", "pk")


# --- the office register -------------------------------------------------------------------


@dataclass
class OfficeRegister:
    """Offices keyed for matching the rows of an allocation table."""

    by_name: dict[str, list[Office]] = field(default_factory=lambda: defaultdict(list))
    by_place: dict[tuple[str, str], list[Office]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, Office] = field(default_factory=dict)

    def match(self, row: TableRow) -> tuple[Office | None, list[str]]:
        """The office a row names, or None and up to three suggestions (office names)."""
        found = self.by_name.get(name_key(row.office), [])
        if len(found) == 1:
            return found[0], []
        title, place, district_in_name = office_parts(row.office)
        district_key = name_key(row.district or district_in_name)
        if title and not district_in_name and name_key(place) == district_key:
            title, place = "", title  # "পাকুন্দিয়া, কিশোরগঞ্জ": place and district only
        candidates = found or self.by_place.get((district_key, name_key(place)), [])
        if title and len(candidates) > 1:
            title_key = name_key(title)
            candidates = [o for o in candidates if _title_key(o) == title_key] or candidates
        if len(candidates) == 1 and (not title or _title_key(candidates[0]) == name_key(title)):
            return candidates[0], []
        if candidates:
            return None, [_display(o) for o in candidates[:3]]
        close = difflib.get_close_matches(name_key(row.office), list(self.names), n=3, cutoff=0.6)
        return None, [_display(self.names[k]) for k in close]


def _display(office: Office) -> str:
    return office.name_bn or office.name_en


def _title_key(office: Office) -> str:
    return name_key(office_parts(office.name_bn or office.name_en)[0])


def office_register_load(*, unit: AdminUnit) -> OfficeRegister:
    """Active offices in the subtree of `unit`, keyed by full name and by (district, place)."""
    register = OfficeRegister()
    offices = Office.objects.select_related("unit", "unit__parent").filter(
        unit__path__startswith=unit.path, is_active=True
    )
    for office in offices:
        for name in {office.name_bn, office.name_en, office.name_hi} - {""}:
            key = name_key(name)
            register.by_name[key].append(office)
            register.names.setdefault(key, office)
        place_unit = office.unit
        if place_unit.kind == AdminUnit.Kind.UPAZILA and place_unit.parent is not None:
            districts = {place_unit.parent.name_bn, place_unit.parent.name_en} - {""}
            places = {place_unit.name_bn, place_unit.name_en} - {""}
            for d in {name_key(x) for x in districts}:
                for p in {name_key(x) for x in places}:
                    register.by_place[(d, p)].append(office)
    for key, offices_for_key in list(register.by_name.items()):
        register.by_name[key] = list({o.pk: o for o in offices_for_key}.values())
    for key2, offices_for_place in list(register.by_place.items()):
        register.by_place[key2] = list({o.pk: o for o in offices_for_place}.values())
    return register


def district_of(office: Office) -> AdminUnit | None:
    unit = office.unit
    while unit is not None and unit.kind not in (AdminUnit.Kind.DISTRICT, AdminUnit.Kind.STATE):
        unit = unit.parent
    return unit


# --- ledger and summaries ------------------------------------------------------------------


def ledger_for_user(user: Any, office_id: int) -> tuple[Office, QuerySet[AllocationLine]]:
    """An office's allocations across orders and fiscal years (issued, amended, cancelled)."""
    office = (
        Office.objects.select_related("unit")
        .filter(_paths_q(user, Capability.FINANCE_VIEW, "unit__path"), pk=office_id)
        .first()
    )
    if office is None:
        raise DomainError(
            FinanceErrorCode.NOT_FOUND,
            _("Office %(id)s was not found.") % {"id": office_id},
            id=office_id,
        )
    lines = (
        AllocationLine.objects.filter(office=office)
        .exclude(order__status=AllocationOrder.Status.DRAFT)
        .select_related("order", "order__fiscal_year", "economic_code")
        .order_by("order__fiscal_year__start_year", "order__date", "order__pk", "serial")
    )
    return office, lines


def _lines_for_user(user: Any, fiscal_year: str) -> QuerySet[AllocationLine]:
    qs = AllocationLine.objects.filter(
        _paths_q(user, Capability.FINANCE_VIEW, "order__unit__path"),
        order__status__in=COUNTED,
    )
    if fiscal_year:
        try:
            qs = qs.filter(order__fiscal_year__start_year=parse_fiscal_year(fiscal_year))
        except LocaleError:
            raise DomainError(
                FinanceErrorCode.VALIDATION,
                _("%(value)s is not a fiscal year such as 2021-22.") % {"value": fiscal_year},
                field="fiscal_year",
            ) from None
    return qs


def summary_by_district(user: Any, *, fiscal_year: str = "") -> list[dict[str, Any]]:
    """Issued allocations per district, largest first."""
    rows = (
        _lines_for_user(user, fiscal_year)
        .values("district__code", "district__name_en", "district__name_bn")
        .annotate(total=Sum("amount"), lines=Count("pk"))
        .order_by("-total", "district__code")
    )
    return [
        {
            "code": r["district__code"] or "",
            "name_en": r["district__name_en"] or "—",
            "name_bn": r["district__name_bn"] or r["district__name_en"] or "—",
            "total": Decimal(r["total"]).quantize(CENT),
            "lines": r["lines"],
        }
        for r in rows
    ]


def summary_by_economic_code(user: Any, *, fiscal_year: str = "") -> list[dict[str, Any]]:
    rows = (
        _lines_for_user(user, fiscal_year)
        .values("economic_code__code", "economic_code__name_en", "economic_code__name_bn")
        .annotate(total=Sum("amount"), lines=Count("pk"))
        .order_by("economic_code__code")
    )
    return [
        {
            "code": r["economic_code__code"],
            "name_en": r["economic_code__name_en"],
            "name_bn": r["economic_code__name_bn"],
            "total": Decimal(r["total"]).quantize(CENT),
            "lines": r["lines"],
        }
        for r in rows
    ]
