"""Reference data of the finance app: fiscal years, economic codes and budget heads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Country
from nirvachan.core.roles import Capability
from nirvachan.finance import events
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.fiscal import parse_fiscal_year
from nirvachan.finance.models import BudgetHead, EconomicCode, FiscalYear
from nirvachan.finance.services._common import _nfc, _require, money
from nirvachan.locale import LocaleError

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
