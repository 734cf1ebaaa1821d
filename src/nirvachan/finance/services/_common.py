"""Helpers shared by the finance services: text clean-up, the scope check, money."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Country
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.models import AllocationOrder, Currency

MAX_AMOUNT = Decimal("99999999999999.99")
CENT = Decimal("0.01")
Status = AllocationOrder.Status
Kind = AllocationOrder.Kind


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _lines_text(items: Sequence[str]) -> str:
    return "\n".join(_nfc(i) for i in items if _nfc(i))


def _require(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    """The role under which `actor` acts on `unit` ("" for the system), or a 403 DomainError."""
    return require_scope(actor, capability, unit)


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
