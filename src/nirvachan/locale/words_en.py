"""English number words in the Indian system (lakh, crore)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = ["EN_0_99", "EN_HUNDRED", "EN_SCALES", "EN_VARIANTS"]

_ONES: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS: Final = (
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)

#: 0-99, tens and units joined by a hyphen ("twenty-four").
EN_0_99: Final[tuple[str, ...]] = tuple(
    _ONES[n] if n < 20 else _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    for n in range(100)
)
EN_HUNDRED: Final = "hundred"
#: (thousand, lakh, crore).
EN_SCALES: Final = ("thousand", "lakh", "crore")

#: Spellings accepted by the parser besides EN_0_99 (value -> variants).
EN_VARIANTS: Final = MappingProxyType(
    {
        40: ("fourty",),
        90: ("ninty",),
    }
)
