"""Gregorian dates as our documents write them, in Bengali, Hindi and English."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

from ._types import DigitsOption, Lang
from .digits import SCRIPT_FOR_LANG, check_one_script, to_ascii_digits, to_native_digits
from .errors import LocaleError

__all__ = ["MONTHS", "format_date", "parse_date"]

#: Month names used when formatting.
MONTHS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "bn": ("জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট",
               "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"),
        "hi": ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
               "अक्टूबर", "नवंबर", "दिसंबर"),
        "en": ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"),
    }
)  # fmt: skip

# Extra spellings accepted when parsing (index 0 = January).
_VARIANTS: Final = (
    ("জানুয়ারী", "জানুয়ারি", "jan"),
    ("ফেব্রুয়ারী", "ফেব্রুয়ারি", "ফেব্রুআরি", "फरवरी", "feb"),
    ("mar",),
    ("এপ্রীল", "apr"),
    (),
    ("jun",),
    ("জুলাইয়", "जुलाइ", "jul"),
    ("আগষ্ট", "অগাস্ট", "aug"),
    ("সেপ্টেম্বার", "सितम्बर", "sep", "sept"),
    ("অক্টোবার", "अक्तूबर", "oct"),
    ("নভেম্বার", "नवम्बर", "nov"),
    ("ডিসেম্বার", "दिसम्बर", "dec"),
)  # fmt: skip


def _key(word: str) -> str:
    word = unicodedata.normalize("NFC", word).lower().rstrip(".")
    return (
        word.replace("\u200d", "")
        .replace("\u200c", "")
        .replace("ী", "ি")
        .replace("ষ্ট", "স্ট")
        .replace("़", "")
    )


_MONTH_LOOKUP: Final[Mapping[str, int]] = MappingProxyType(
    {
        _key(name): i
        for i in range(12)
        for name in (MONTHS["bn"][i], MONTHS["hi"][i], MONTHS["en"][i], *_VARIANTS[i])
    }
)

_DG: Final = "[0-9০-৯०-९]"
# Era words written after a date: খ্রিঃ, খ্রি., খ্রিস্টাব্দ, ইং, ई., ईस्वी, AD …
_ERA: Final = (
    r"(?:খ্রি(?:ঃ|:|\.)?|খ্রী(?:ঃ|:|\.)?|খৃঃ|খ্রিস্টাব্দ|খ্রিষ্টাব্দ|খ্রীষ্টাব্দ|খৃষ্টাব্দ"
    r"|ইং(?:রেজি)?\.?|ইং|সাল|ई\.?|ई०|ईस्वी|ईसवी|सन्|a\.?d\.?|ce)"
)
_PREFIX: Final = r"(?:(?:তারিখ|তাং|দিনাঙ্ক|दिनांक|तारीख|date|dated)\s*[:ঃः\-]?\s*)?"
_ORD: Final = r"(?:ই|লা|রা|ঠা|শে|এ|st|nd|rd|th)?"
_NUMERIC_RE: Final = re.compile(
    rf"{_PREFIX}(?P<d>{_DG}{{1,2}})(?P<sep>[-/.])(?P<m>{_DG}{{1,2}})(?P=sep)"
    rf"(?P<y>{_DG}{{4}}|{_DG}{{2}})\s*{_ERA}?",
    re.I,
)
_ISO_RE: Final = re.compile(rf"(?P<y>{_DG}{{4}})-(?P<m>{_DG}{{1,2}})-(?P<d>{_DG}{{1,2}})")
_DMY_RE: Final = re.compile(
    rf"{_PREFIX}(?P<d>{_DG}{{1,2}}){_ORD}\s*[-\s]\s*(?P<mon>[^\s\d০-৯०-९,.\-]+)\.?\s*[-,\s]\s*"
    rf"(?P<y>{_DG}{{4}})\s*{_ERA}?",
    re.I,
)
_MDY_RE: Final = re.compile(
    rf"{_PREFIX}(?P<mon>[A-Za-z]+)\.?\s+(?P<d>{_DG}{{1,2}}){_ORD}\s*,?\s*(?P<y>{_DG}{{4}})"
    rf"\s*{_ERA}?",
    re.I,
)


def _number(m: re.Match[str], part: str) -> int:
    check_one_script(m.group(part), part, m.start(part))
    return int(to_ascii_digits(m.group(part)))


def _make(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise LocaleError(
            f"invalid date {text!r}: month {month} is not 1-12",
            code="invalid_date",
            text=text,
            field="month",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise LocaleError(
            f"invalid date {text!r}: day {day} is out of range for month {month} of {year}",
            code="invalid_date",
            text=text,
            field="day",
        ) from None


def parse_date(text: str) -> date:
    """Read a Gregorian date as our documents write it.

    Day first: "১৩ অক্টোবর ২০২২", "14 June 2022", "१४ जून २०२२", "১৪-৬-২০২২",
    "১২/১২/২২", "০৩/০২/২০০৫ খ্রিঃ", "11/04/23ইং", "০৭.০৭.২০১৫"; also ISO "2022-06-14" and
    "June 14, 2022". Two-digit years are 2000 + yy.
    """
    norm = unicodedata.normalize("NFC", text).strip().rstrip("।")
    if not norm:
        raise LocaleError("empty date", code="empty", text=text)
    m = _ISO_RE.fullmatch(norm)
    if m:
        return _make(text, _number(m, "y"), _number(m, "m"), _number(m, "d"))
    m = _NUMERIC_RE.fullmatch(norm)
    if m:
        year = _number(m, "y")
        if len(m.group("y")) == 2:
            year += 2000
        return _make(text, year, _number(m, "m"), _number(m, "d"))
    m = _DMY_RE.fullmatch(norm) or _MDY_RE.fullmatch(norm)
    if m:
        month = _MONTH_LOOKUP.get(_key(m.group("mon")))
        if month is None:
            raise LocaleError(
                f"unknown month {m.group('mon')!r} at position {m.start('mon') + 1} in {text!r}",
                code="unknown_month",
                text=text,
                position=m.start("mon") + 1,
                field="month",
            )
        return _make(text, _number(m, "y"), month + 1, _number(m, "d"))
    raise LocaleError(
        f"not a date: {text!r} (expected e.g. '১৩ অক্টোবর ২০২২' or '14/06/2022')",
        code="invalid_date",
        text=text,
    )


def format_date(d: date, lang: Lang, *, digits: DigitsOption = "native") -> str:
    """``format_date(date(2022, 10, 13), "bn") == "১৩ অক্টোবর ২০২২"``."""
    names = MONTHS.get(lang)
    if names is None:
        raise LocaleError(f"unknown language {lang!r}", code="unknown_language", field="lang")
    text = f"{d.day} {names[d.month - 1]} {d.year}"
    if digits == "native" and lang != "en":
        text = to_native_digits(text, SCRIPT_FOR_LANG[lang])
    return text
