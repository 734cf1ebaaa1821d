"""The Bangladesh (revised Bangla) calendar, under the 1987 and the 2019 rules.

1 Baishakh is always 14 April. Under the 1987 rules (Bangla Academy, after the 1966
Shahidullah committee) Baishakh–Bhadra have 31 days, the rest 30, and Falgun 31 when the
Gregorian year in which that Falgun ends is a leap year. Under the 2019 revision
Baishakh–Ashwin have 31 days, Falgun 29 (30 in a Gregorian leap year), the rest 30, so
that the national days fall on the same Bangla dates every year. ``rules="official"`` uses
the 1987 rules before 16 October 2019 and the 2019 rules from that day (which was 31 Ashwin
1426). Dates before 1987 are computed proleptically.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from types import MappingProxyType
from typing import Final

from ._types import Rules, Script
from .digits import check_one_script, to_ascii_digits, to_native_digits
from .errors import LocaleError

__all__ = [
    "BANGLA_MONTHS",
    "SWITCH_2019",
    "BanglaDate",
    "bangla_date",
    "format_bangla_date",
    "gregorian_from_bangla",
    "month_length",
    "parse_bangla_date",
]

#: The first day of the 2019 rules (31 Ashwin 1426).
SWITCH_2019: Final = date(2019, 10, 16)
_SWITCH_ORD: Final = SWITCH_2019.toordinal()

BANGLA_MONTHS: Final = (
    "বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন",
    "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র",
)  # fmt: skip

# Month lengths by rule set and by "the Falgun of this year falls in a Gregorian leap year".
_LENGTHS: Final[Mapping[tuple[str, bool], tuple[int, ...]]] = MappingProxyType(
    {
        ("1987", False): (31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30, 30),
        ("1987", True): (31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 31, 30),
        ("2019", False): (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 29, 30),
        ("2019", True): (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30),
    }
)
# Day offsets (from 1 Baishakh) at which each month starts.
_STARTS: Final[Mapping[tuple[str, bool], tuple[int, ...]]] = MappingProxyType(
    {k: (0, *accumulate(v[:-1])) for k, v in _LENGTHS.items()}
)
_S1987: Final = (_STARTS[("1987", False)], _STARTS[("1987", True)])
_S2019: Final = (_STARTS[("2019", False)], _STARTS[("2019", True)])
_BY_RULES: Final[Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]]] = MappingProxyType(
    {"2019": _S2019, "1987": _S1987}
)
#: Longest a month can be under either rule set (for validating a bare BanglaDate).
_MAX_DAYS: Final = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 31, 30)
_RULES: Final = ("official", "2019", "1987")


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _apr14(y: int) -> int:
    """Proleptic Gregorian ordinal of 14 April of year ``y``."""
    p = y - 1
    return 365 * p + p // 4 - p // 100 + p // 400 + 104 + _is_leap(y)


@dataclass(frozen=True, slots=True, order=True)
class BanglaDate:
    """A date of the Bangla calendar; ``month`` 1 is Baishakh, 12 is Chaitra.

    Construction checks the ranges that hold under every rule set (day 31 of Ashwin or
    Falgun is accepted here); conversion checks the rule set in use.
    """

    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise LocaleError(
                f"invalid Bangla date: month {self.month} is not 1-12",
                code="invalid_date",
                field="month",
            )
        if not 1 <= self.day <= _MAX_DAYS[self.month - 1]:
            raise LocaleError(
                f"invalid Bangla date: day {self.day} is out of range for "
                f"{BANGLA_MONTHS[self.month - 1]} (month {self.month})",
                code="invalid_date",
                field="day",
            )
        if not 1 <= self.year <= 9999:
            raise LocaleError(
                f"invalid Bangla date: year {self.year}", code="invalid_date", field="year"
            )

    @property
    def month_name(self) -> str:
        """The Bengali name of the month."""
        return BANGLA_MONTHS[self.month - 1]

    def __str__(self) -> str:
        return format_bangla_date(self)


def _new(year: int, month: int, day: int) -> BanglaDate:
    # Fast path for values computed here (already valid): skip __post_init__.
    bd = object.__new__(BanglaDate)
    object.__setattr__(bd, "year", year)
    object.__setattr__(bd, "month", month)
    object.__setattr__(bd, "day", day)
    return bd


def _check_rules(rules: str) -> None:
    if rules not in _RULES:
        raise LocaleError(
            f"unknown calendar rules {rules!r} (use 'official', '2019' or '1987')",
            code="unknown_rules",
            field="rules",
        )


def bangla_date(d: date, rules: Rules = "official") -> BanglaDate:
    """The Bangla date of the Gregorian date ``d``.

    >>> bangla_date(date(2022, 10, 13))
    BanglaDate(year=1429, month=6, day=28)
    """
    o = d.toordinal()
    gy = d.year
    start = _apr14(gy)
    if o < start:
        gy -= 1
        start = _apr14(gy)
    if rules == "official":
        starts = _S2019 if o >= _SWITCH_ORD else _S1987
    else:
        found = _BY_RULES.get(rules)
        if found is None:
            _check_rules(rules)
            raise AssertionError  # pragma: no cover - _check_rules raised
        starts = found
    y1 = gy + 1
    table = starts[y1 % 4 == 0 and (y1 % 100 != 0 or y1 % 400 == 0)]
    off = o - start
    m = bisect_right(table, off)
    return _new(gy - 593, m, off - table[m - 1] + 1)


def month_length(year: int, month: int, rules: Rules = "official") -> int:
    """Days in a Bangla month; under ``"official"`` year 1426 has a 31-day Ashwin."""
    _check_rules(rules)
    leap = _is_leap(year + 594)
    if rules == "official":
        rules = "2019" if (year, month) >= (1426, 6) else "1987"
    return _LENGTHS[(rules, leap)][month - 1]


def _ordinal(bd: BanglaDate, rules: str) -> int | None:
    leap = _is_leap(bd.year + 594)
    if bd.day > _LENGTHS[(rules, leap)][bd.month - 1]:
        return None
    return _apr14(bd.year + 593) + _STARTS[(rules, leap)][bd.month - 1] + bd.day - 1


def gregorian_from_bangla(bd: BanglaDate, rules: Rules = "official") -> date:
    """The Gregorian date of a Bangla date; the inverse of :func:`bangla_date`.

    Under ``"official"`` a Bangla date is read with the rule set in force on the day it
    names; as both rule sets agree up to 30 Ashwin 1426, no date is ambiguous, and dates
    that only one rule set has outside its period (31 Falgun 1426) are refused.
    """
    _check_rules(rules)
    if rules == "official":
        o19 = _ordinal(bd, "2019")
        if o19 is not None and o19 >= _SWITCH_ORD:
            o: int | None = o19
        else:
            o87 = _ordinal(bd, "1987")
            o = o87 if o87 is not None and o87 < _SWITCH_ORD else None
    else:
        o = _ordinal(bd, rules)
    if o is None:
        raise LocaleError(
            f"invalid Bangla date: {bd.month_name} {bd.year} has no day {bd.day} "
            f"under the {rules} rules",
            code="invalid_date",
            field="day",
        )
    if not 1 <= o <= date.max.toordinal():
        raise LocaleError(f"Bangla year {bd.year} is out of range", code="invalid_date")
    return date.fromordinal(o)


def format_bangla_date(bd: BanglaDate, digits: Script = "beng", *, era: bool = False) -> str:
    """``"২৮ আশ্বিন ১৪২৯"``; ``digits="latn"`` for Latin digits, ``era`` adds বঙ্গাব্দ."""
    text = f"{bd.day} {BANGLA_MONTHS[bd.month - 1]} {bd.year}"
    if digits != "latn":
        text = to_native_digits(text, digits)
    return text + " বঙ্গাব্দ" if era else text


_MONTH_VARIANTS: Final = (
    ("বৈশাখ", "বোশেখ", "baishakh", "boishakh", "boishak", "baisakh", "vaishakh"),
    ("জ্যৈষ্ঠ", "জৈষ্ঠ", "জ্যেষ্ঠ", "জৈষ্ঠ্য", "জ্যৈষ্ঠ্য", "jyoishtho", "jaishtha", "joishtho",
     "jyaistha", "jaistha", "jostho"),
    ("আষাঢ়", "আষাড়", "আষাঢ", "আষার", "asharh", "ashar", "asar", "asharh", "ashadh"),
    ("শ্রাবণ", "শ্রাবন", "shrabon", "srabon", "shraban", "sraban", "shrabon"),
    ("ভাদ্র", "bhadro", "bhadra", "vadro"),
    ("আশ্বিন", "ashwin", "ashshin", "ashin", "aswin", "ashvin"),
    ("কার্তিক", "কার্ত্তিক", "kartik", "kartick"),
    ("অগ্রহায়ণ", "অগ্রহায়ন", "অগ্রাহায়ণ", "অঘ্রাণ", "অঘ্রান", "agrahayan", "ogrohayon",
     "agrahayon", "aghran"),
    ("পৌষ", "poush", "paush", "pous", "pausha"),
    ("মাঘ", "magh", "mag"),
    ("ফাল্গুন", "ফাল্গুণ", "ফাগুন", "falgun", "phalgun", "falgoon"),
    ("চৈত্র", "chaitra", "choitro", "chaitro", "choitra"),
)  # fmt: skip


def _month_key(word: str) -> str:
    word = unicodedata.normalize("NFC", word).lower().replace("\u200d", "").replace("\u200c", "")
    return word.replace("ী", "ি").replace("ূ", "ু")


MONTH_LOOKUP: Final[Mapping[str, int]] = MappingProxyType(
    {_month_key(v): i for i, names in enumerate(_MONTH_VARIANTS, start=1) for v in names}
)

_BD_RE: Final = re.compile(
    r"(?P<day>[0-9০-৯]{1,2})\s*(?:ই|লা|রা|ঠা|শে|এ)?\s*,?\s*(?P<month>[^\s\d০-৯,]+)\s*,?\s*"
    r"(?P<year>[0-9০-৯]{1,4})\s*(?:বঙ্গাব্দ|বঙ্গাব্দে|বাংলা|বাং\.?|সন|সাল|BS|B\.S\.)?"
)


def parse_bangla_date(text: str, rules: Rules | None = None) -> BanglaDate:
    """Read ``"২৮ আশ্বিন ১৪২৯"`` (Bengali or Latin digits, month-name variants, বঙ্গাব্দ/বাং).

    With ``rules`` the date is also checked against that rule set.
    """
    norm = unicodedata.normalize("NFC", text).strip()
    if not norm:
        raise LocaleError("empty Bangla date", code="empty", text=text)
    m = _BD_RE.fullmatch(norm)
    if m is None:
        raise LocaleError(
            f"not a Bangla date: {text!r} (expected e.g. '২৮ আশ্বিন ১৪২৯')",
            code="invalid_date",
            text=text,
        )
    month = MONTH_LOOKUP.get(_month_key(m.group("month")))
    if month is None:
        raise LocaleError(
            f"unknown Bangla month {m.group('month')!r} at position {m.start('month') + 1} "
            f"in {text!r}",
            code="unknown_month",
            text=text,
            position=m.start("month") + 1,
            field="month",
        )
    for part in ("day", "year"):
        check_one_script(m.group(part), part, m.start(part))
    day = int(to_ascii_digits(m.group("day")))
    year = int(to_ascii_digits(m.group("year")))
    try:
        bd = BanglaDate(year, month, day)
    except LocaleError as exc:
        raise LocaleError(f"{exc} in {text!r}", code=exc.code, text=text, field=exc.field) from None
    if rules is not None:
        gregorian_from_bangla(bd, rules)
    return bd
