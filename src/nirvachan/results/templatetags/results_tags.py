"""Template filters of the results pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from nirvachan.core.templatetags.nirvachan import lakh

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value: Any, places: int = 2) -> Any:
    """A share (0..1) as a percentage in the user's digits: 0.61475 → ৬১.৪৮% in Bengali."""
    if value is None or value == "":
        return value
    try:
        if hasattr(value, "denominator") and not isinstance(value, int):  # a Fraction
            share = Decimal(value.numerator) / Decimal(value.denominator)
        else:
            share = Decimal(str(value))
        number = (share * 100).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    except (ArithmeticError, ValueError, TypeError):
        return value
    return f"{lakh(number)}%"
