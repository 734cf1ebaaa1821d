"""Bengali/Hindi/English locale rules for Nirvachan, in pure Python.

Digits and words in both directions, Indian grouping, the Bangladesh calendar (1987 and
2019 rules), Saka dates, Gregorian dates in three languages, memo numbers, search
normalisation and cross-script name keys. Never imports Django.
"""

from __future__ import annotations

from ._types import Currency, DigitsOption, Grouping, Lang, Rules, Script, Style
from .bangla_calendar import (
    BanglaDate,
    bangla_date,
    format_bangla_date,
    gregorian_from_bangla,
    parse_bangla_date,
)
from .dates import format_date, parse_date
from .digits import to_ascii_digits, to_native_digits
from .errors import LocaleError
from .memo import MemoNumber, parse_memo_number
from .name_key import name_key
from .normalise import normalise
from .numbers import format_number, parse_number
from .saka import SakaDate, format_saka_date, gregorian_from_saka, saka_date
from .words import from_words, to_words

__all__ = [
    "BanglaDate",
    "Currency",
    "DigitsOption",
    "Grouping",
    "Lang",
    "LocaleError",
    "MemoNumber",
    "Rules",
    "SakaDate",
    "Script",
    "Style",
    "bangla_date",
    "format_bangla_date",
    "format_date",
    "format_number",
    "format_saka_date",
    "from_words",
    "gregorian_from_bangla",
    "gregorian_from_saka",
    "name_key",
    "normalise",
    "parse_bangla_date",
    "parse_date",
    "parse_memo_number",
    "parse_number",
    "saka_date",
    "to_ascii_digits",
    "to_native_digits",
    "to_words",
]
