"""Fiscal years, in pure Python (no Django).

Bangladesh's fiscal year runs July–June, India's April–March. A year is named by its start year
and the last two digits of the next: "2021-22" (Bengali "২০২১-২২", Hindi "२०२१-२२").

>>> fiscal_year_of(date(2022, 6, 14), "BD")
2021
>>> format_fiscal_year(2021, "bn")
'২০২১-২২'
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final, Literal

from nirvachan.locale import Lang, LocaleError, to_ascii_digits, to_native_digits

__all__ = [
    "FISCAL_START_MONTH",
    "FiscalCountry",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_fiscal_year",
    "parse_fiscal_year",
]

FiscalCountry = Literal["BD", "IN"]
FISCAL_START_MONTH: Final[dict[str, int]] = {"BD": 7, "IN": 4}
_YEAR_RE: Final = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\s*$")
_SCRIPT: Final[dict[str, Literal["beng", "deva", "latn"]]] = {
    "bn": "beng",
    "hi": "deva",
    "en": "latn",
}


def _start_month(country: str) -> int:
    try:
        return FISCAL_START_MONTH[country]
    except KeyError:
        raise LocaleError(
            f"unknown country {country!r} for a fiscal year", code="unknown_country"
        ) from None


def parse_fiscal_year(text: str) -> int:
    """The start year of a fiscal year written "2021-22", "2021-2022" or "২০২১-২২"."""
    match = _YEAR_RE.match(to_ascii_digits(text))
    if match is None:
        raise LocaleError(
            f"{text!r} is not a fiscal year such as 2021-22", code="malformed_fiscal_year"
        )
    start, end = int(match.group(1)), match.group(2)
    expected = start + 1
    if int(end) != (expected if len(end) == 4 else expected % 100):
        raise LocaleError(
            f"{text!r}: the second year must follow the first", code="malformed_fiscal_year"
        )
    return start


def format_fiscal_year(start_year: int, lang: Lang = "en") -> str:
    label = f"{start_year}-{(start_year + 1) % 100:02d}"
    return to_native_digits(label, _SCRIPT[lang]) if lang != "en" else label


def fiscal_year_of(day: date, country: str) -> int:
    """The start year of the fiscal year that contains `day`."""
    return day.year if day.month >= _start_month(country) else day.year - 1


def fiscal_year_bounds(start_year: int, country: str) -> tuple[date, date]:
    """First and last day of the fiscal year."""
    month = _start_month(country)
    first = date(start_year, month, 1)
    last = date(start_year + 1, month - 1, 30 if month - 1 in (4, 6, 9, 11) else 31)
    return first, last
