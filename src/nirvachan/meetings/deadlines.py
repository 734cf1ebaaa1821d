"""Deadlines of decisions as minutes write them: a date, a month, or "ongoing" (pure Python).

parse_deadline("চলমান")          -> Deadline("ongoing", None)
parse_deadline("এপ্রিল/ ২৩ইং")    -> Deadline("month", date(2023, 4, 1))
parse_deadline("11/04/23ইং")     -> Deadline("date", date(2023, 4, 11))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from nirvachan.locale import LocaleError, parse_date, to_ascii_digits
from nirvachan.locale.dates import MONTHS

Kind = Literal["date", "month", "ongoing", "none"]

ONGOING_WORDS: Final = frozenset({"চলমান", "ongoing", "जारी", "चालू", "নিয়মিত", "continuous"})

_EXTRA: Final[dict[int, tuple[str, ...]]] = {
    1: ("জানু", "jan"),
    2: ("ফেব্রু", "ফেব্রুয়ারী", "feb"),
    3: ("mar",),
    4: ("apr",),
    6: ("jun",),
    7: ("jul",),
    8: ("আগষ্ট", "aug"),
    9: ("সেপ্টে", "sep", "sept"),
    10: ("অক্টো", "oct"),
    11: ("নভে", "nov"),
    12: ("ডিসে", "dec"),
}
_MONTH_NAMES: Final[dict[str, int]] = {
    unicodedata.normalize("NFC", name).lower(): number
    for number in range(1, 13)
    for name in (
        *(MONTHS[lang][number - 1] for lang in ("bn", "hi", "en")),
        *_EXTRA.get(number, ()),
    )
}
# "এপ্রিল/ ২৩ইং", "এপ্রিল-২৩", "April 2023", "এপ্রিল'২৩", "মে/২৩ ইং"
_MONTH_RE: Final = re.compile(r"^(?P<name>[^\d\s/\-'’.,]+)\s*[/\-'’.,]?\s*(?P<year>\d{2}|\d{4})$")
_SUFFIXES: Final = ("ইং", "খ্রিঃ", "খ্রি:", "খ্রি", "ई.", "ई", "।")


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: Kind
    day: dt.date | None = None

    @property
    def due(self) -> dt.date | None:
        """The last day on which the decision is on time (the month's last day for a month)."""
        if self.day is None:
            return None
        if self.kind == "month":
            last = calendar.monthrange(self.day.year, self.day.month)[1]
            return self.day.replace(day=last)
        return self.day


def _clean(text: str) -> str:
    norm = unicodedata.normalize("NFC", text).strip()
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if norm.endswith(suffix):
                norm = norm[: -len(suffix)].strip()
                changed = True
    return to_ascii_digits(norm)


def parse_month(text: str) -> dt.date | None:
    """The first day of the month named in ``text``, or None when it names no month."""
    m = _MONTH_RE.match(_clean(text))
    if m is None:
        return None
    number = _MONTH_NAMES.get(m.group("name").lower())
    if number is None:
        return None
    year = int(m.group("year"))
    return dt.date(year + 2000 if year < 100 else year, number, 1)


def parse_deadline(text: str) -> Deadline:
    """Read a deadline cell; raises LocaleError when it is neither a date, a month nor ongoing."""
    clean = _clean(text)
    if not clean:
        return Deadline("none")
    if clean.lower() in ONGOING_WORDS:
        return Deadline("ongoing")
    month = parse_month(clean)
    if month is not None:
        return Deadline("month", month)
    try:
        return Deadline("date", parse_date(clean))
    except LocaleError:
        raise LocaleError(f"not a deadline: {text!r}", code="not_a_deadline", text=text) from None
