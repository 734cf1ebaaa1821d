"""Template filters of the finance app: money in the active language's digits."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from nirvachan.core.templatetags.nirvachan import _lang
from nirvachan.finance.fiscal import format_fiscal_year
from nirvachan.locale import LocaleError, format_number, to_words

register = template.Library()


@register.filter
def money(value: Any, lang: str | None = None) -> Any:
    """6,24,607 / ৬,২৪,৬০৭ (paisa shown only when there are any)."""
    try:
        amount = Decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        return value
    amount = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
    try:
        return format_number(
            amount.quantize(Decimal("0.01")) if amount % 1 else amount, _lang(lang)
        )
    except LocaleError:
        return value


@register.filter
def amount_words(value: Any, currency: str = "BDT") -> Any:
    """The amount in words in the active language, in taka or rupees."""
    try:
        return to_words(Decimal(value), _lang(), currency="INR" if currency == "INR" else "BDT")
    except (LocaleError, TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def fiscal_label(year: Any, lang: str | None = None) -> Any:
    start = getattr(year, "start_year", year)
    try:
        return format_fiscal_year(int(start), _lang(lang))
    except (TypeError, ValueError):
        return year


@register.filter
def digits(value: Any, lang: str | None = None) -> Any:
    """Whole numbers (serials) in the active language's digits, without grouping."""
    try:
        return (
            format_number(int(value), _lang(lang), grouping="western")
            .replace(",", "")
            .replace("٬", "")
        )
    except (TypeError, ValueError, LocaleError):
        return value
