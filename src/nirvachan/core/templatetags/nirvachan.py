"""Template filters of the project: role labels and, from nirvachan.locale, numbers, words and
dates in the active language. A filter never raises: a value it cannot read is shown as given.

    {{ amount|lakh }}            6,24,607 / ৬,২৪,৬০৭ / ६,२४,६०७ (the active language's digits)
    {{ amount|words:"bn" }}      ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত (language defaults to the active one)
    {{ amount|taka_words }}      … টাকা (currency words, BDT; `rupee_words` for INR)
    {{ date|bangla_date }}       ২৮ আশ্বিন ১৪২৯
    {{ date|local_date }}        ১৩ অক্টোবর ২০২২ / १३ अक्टूबर २०२२ / 13 October 2022
    {{ date|local_month }}       এপ্রিল ২০২৩ / अप्रैल २०२३ / April 2023
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import template
from django.utils.translation import get_language

from nirvachan.core.roles import Role
from nirvachan.locale import (
    Lang,
    LocaleError,
    format_bangla_date,
    format_date,
    format_number,
    to_native_digits,
    to_words,
)
from nirvachan.locale import (
    bangla_date as to_bangla,
)
from nirvachan.locale.dates import MONTHS

register = template.Library()


def _lang(value: str | None = None) -> Lang:
    code = (value or get_language() or "en")[:2]
    return cast(Lang, code if code in ("bn", "hi", "en") else "en")


@register.filter
def role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value


@register.filter
def lakh(value: Any, lang: str | None = None) -> Any:
    if value is None or value == "":
        return value
    try:
        return format_number(value, _lang(lang))
    except (LocaleError, TypeError, ValueError):
        return value


@register.filter
def words(value: Any, lang: str | None = None) -> Any:
    try:
        return to_words(value, _lang(lang))
    except (LocaleError, TypeError, ValueError):
        return value


@register.filter
def taka_words(value: Any, lang: str | None = None) -> Any:
    try:
        return to_words(value, _lang(lang), currency="BDT")
    except (LocaleError, TypeError, ValueError):
        return value


@register.filter
def rupee_words(value: Any, lang: str | None = None) -> Any:
    try:
        return to_words(value, _lang(lang), currency="INR")
    except (LocaleError, TypeError, ValueError):
        return value


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


@register.filter
def bangla_date(value: Any, digits: str = "beng") -> Any:
    day = _as_date(value)
    if day is None:
        return value
    return format_bangla_date(to_bangla(day), "latn" if digits == "latn" else "beng")


@register.filter
def local_month(value: Any, lang: str | None = None) -> Any:
    day = _as_date(value)
    if day is None:
        return value
    code = _lang(lang)
    script = {"bn": "beng", "hi": "deva"}.get(code, "latn")
    return f"{MONTHS[code][day.month - 1]} {to_native_digits(str(day.year), script)}"


@register.filter
def local_date(value: Any, lang: str | None = None) -> Any:
    day = _as_date(value)
    if day is None:
        return value
    return format_date(day, _lang(lang))
