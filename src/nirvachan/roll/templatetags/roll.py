"""Template filters of the roll app."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from nirvachan.locale import to_native_digits

register = template.Library()
_SCRIPTS = {"bn": "beng", "hi": "deva"}


@register.filter
def digits(value: Any, lang: str | None = None) -> Any:
    """A whole number in the page language's digits, without grouping (serials, ages)."""
    script = _SCRIPTS.get(lang or (get_language() or "en")[:2])
    if value in (None, "") or script is None:
        return "" if value is None else value
    return to_native_digits(int(value), script)
