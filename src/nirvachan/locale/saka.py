"""The Indian national (Saka) calendar.

1 Chaitra is 22 March (21 March in a Gregorian leap year); the Saka year is the Gregorian
year minus 78 from that day. Chaitra has 30 days (31 in a leap year), Vaishakha–Bhadra 31,
Ashvina–Phalguna 30. A Saka year is a leap year when the Gregorian year 78 later is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from types import MappingProxyType
from typing import Final

from ._types import DigitsOption, Lang
from .digits import SCRIPT_FOR_LANG, to_native_digits
from .errors import LocaleError

__all__ = ["SAKA_MONTHS", "SakaDate", "format_saka_date", "gregorian_from_saka", "saka_date"]

SAKA_MONTHS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "hi": ("चैत्र", "वैशाख", "ज्येष्ठ", "आषाढ़", "श्रावण", "भाद्रपद",
               "आश्विन", "कार्तिक", "अग्रहायण", "पौष", "माघ", "फाल्गुन"),
        "bn": ("চৈত্র", "বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র",
               "আশ্বিন", "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন"),
        "en": ("Chaitra", "Vaishakha", "Jyaishtha", "Ashadha", "Shravana", "Bhadra",
               "Ashvina", "Kartika", "Agrahayana", "Pausha", "Magha", "Phalguna"),
    }
)  # fmt: skip
_ERA: Final = MappingProxyType({"hi": "शक", "bn": "শকাব্দ", "en": "Saka"})

_LENGTHS: Final = (
    (30, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30),
    (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30),
)
_STARTS: Final = tuple((0, *accumulate(t[:-1])) for t in _LENGTHS)


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _chaitra1(gy: int) -> int:
    """Ordinal of 1 Chaitra in Gregorian year ``gy`` (22 March, 21 in a leap year)."""
    p = gy - 1
    # day 81 of the year is 22 March, or 21 March in a leap year
    return 365 * p + p // 4 - p // 100 + p // 400 + 81


@dataclass(frozen=True, slots=True, order=True)
class SakaDate:
    """A date of the Indian national calendar; ``month`` 1 is Chaitra."""

    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise LocaleError(
                f"invalid Saka date: month {self.month} is not 1-12",
                code="invalid_date",
                field="month",
            )
        leap = _is_leap(self.year + 78)
        if not 1 <= self.day <= _LENGTHS[leap][self.month - 1]:
            raise LocaleError(
                f"invalid Saka date: day {self.day} is out of range for "
                f"{SAKA_MONTHS['en'][self.month - 1]} {self.year}",
                code="invalid_date",
                field="day",
            )


def saka_date(d: date) -> SakaDate:
    """The Saka date of ``d``: ``saka_date(date(2022, 6, 14)) == SakaDate(1944, 3, 24)``."""
    o = d.toordinal()
    gy = d.year
    start = _chaitra1(gy)
    if o < start:
        gy -= 1
        start = _chaitra1(gy)
    off = o - start
    table = _STARTS[_is_leap(gy)]
    m = bisect_right(table, off)
    return SakaDate(gy - 78, m, off - table[m - 1] + 1)


def gregorian_from_saka(sd: SakaDate) -> date:
    """The Gregorian date of a Saka date."""
    gy = sd.year + 78
    o = _chaitra1(gy) + _STARTS[_is_leap(gy)][sd.month - 1] + sd.day - 1
    if not 1 <= o <= date.max.toordinal():
        raise LocaleError(f"Saka year {sd.year} is out of range", code="invalid_date")
    return date.fromordinal(o)


def format_saka_date(
    value: SakaDate | date,
    lang: Lang = "hi",
    *,
    digits: DigitsOption = "native",
    era: bool = False,
) -> str:
    """``"२४ ज्येष्ठ १९४४"``; ``era=True`` adds शक / শকাব্দ / Saka."""
    sd = saka_date(value) if isinstance(value, date) else value
    names = SAKA_MONTHS.get(lang)
    if names is None:
        raise LocaleError(f"unknown language {lang!r}", code="unknown_language", field="lang")
    text = f"{sd.day} {names[sd.month - 1]} {sd.year}"
    if era:
        text += " " + _ERA[lang]
    if digits == "native" and lang != "en":
        text = to_native_digits(text, SCRIPT_FOR_LANG[lang])
    return text
