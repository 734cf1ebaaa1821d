"""Numbers in figures: Indian/Western grouping and parsing of numerals, multipliers and words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Final

from ._types import DigitsOption, Grouping, Lang
from .digits import SCRIPT_FOR_LANG, check_one_script, to_ascii_digits, to_native_digits
from .errors import LocaleError
from .words import parse_words, words_to_decimal

__all__ = ["format_number", "group_digits", "parse_number"]


def group_digits(digits: str, grouping: Grouping = "indian") -> str:
    """Insert commas into a run of digits: Indian (12,34,567) or Western (1,234,567)."""
    if len(digits) <= 3:
        return digits
    if grouping == "western":
        head = len(digits) % 3 or 3
        parts = [digits[:head]]
        parts.extend(digits[i : i + 3] for i in range(head, len(digits), 3))
        return ",".join(parts)
    if grouping != "indian":
        raise LocaleError(f"unknown grouping {grouping!r}", code="unknown_grouping")
    rest, last = digits[:-3], digits[-3:]
    head = len(rest) % 2 or 2
    parts = [rest[:head]]
    parts.extend(rest[i : i + 2] for i in range(head, len(rest), 2))
    parts.append(last)
    return ",".join(parts)


def format_number(
    n: int | Decimal | str | float,
    lang: Lang,
    *,
    grouping: Grouping = "indian",
    digits: DigitsOption = "native",
) -> str:
    """Write ``n`` with grouping commas in the digits of ``lang``; decimals kept as given.

    >>> format_number(624607, "bn")
    '৬,২৪,৬০৭'
    """
    script = SCRIPT_FOR_LANG.get(lang)
    if script is None:
        raise LocaleError(f"unknown language {lang!r}", code="unknown_language", field="lang")
    if digits not in ("native", "latin"):
        raise LocaleError(f"unknown digits option {digits!r}", code="unknown_digits")
    if isinstance(n, bool):
        raise LocaleError(f"{n!r} is not a number", code="not_a_number")
    if isinstance(n, int):
        text = str(n)
    elif isinstance(n, Decimal):
        if not n.is_finite():
            raise LocaleError(f"{n!r} is not finite", code="not_a_number")
        text = format(n, "f")
    elif isinstance(n, float):
        if n != n or n in (float("inf"), float("-inf")):
            raise LocaleError(f"{n!r} is not finite", code="not_a_number")
        text = format(Decimal(repr(n)), "f")
    elif isinstance(n, str):
        text = format(parse_number(n), "f")
    else:
        raise LocaleError(f"{n!r} is not a number", code="not_a_number")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, dot, fraction = text.partition(".")
    out = sign + group_digits(whole, grouping) + dot + fraction
    if digits == "native" and script != "latn":
        out = to_native_digits(out, script)
    return out


_MULTIPLIERS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "হাজার": 1000, "লক্ষ": 100_000, "লাখ": 100_000, "কোটি": 10_000_000,
        "हज़ार": 1000, "हजार": 1000, "लाख": 100_000, "करोड़": 10_000_000,
        "करोड": 10_000_000, "thousand": 1000, "lakh": 100_000, "lakhs": 100_000,
        "lac": 100_000, "lacs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
        "million": 1_000_000,
    }
)  # fmt: skip
_MULTIPLIER_KEYS: Final[Mapping[str, int]] = MappingProxyType(
    {unicodedata.normalize("NFC", k): v for k, v in _MULTIPLIERS.items()}
)

_D: Final = "0-9০-৯०-९"
_NUMERAL_RE: Final = re.compile(
    rf"(?P<sign>[-−+]?)\s*(?P<int>[{_D}](?:[{_D},]*[{_D}])?)(?:\.(?P<frac>[{_D}]+))?"
    rf"(?:\s*(?P<mult>[^\s{_D}.,]+))?"
)
_CURRENCY_PREFIX_RE: Final = re.compile(r"^(?:৳|₹|Tk\.?|Rs\.?|INR|BDT|টাকা|रु\.?)\s*", re.I)
_SUFFIX_RE: Final = re.compile(r"\s*(?:/-|/=|৳|টাকা|रुपये|taka|rupees)\s*$", re.I)
_INDIAN_RE: Final = re.compile(r"\d{1,2}(?:,\d\d)*,\d{3}")
_WESTERN_RE: Final = re.compile(r"\d{1,3}(?:,\d{3})+")


def _check_grouping(text: str, int_part: str, offset: int) -> None:
    ascii_part = to_ascii_digits(int_part)
    if _INDIAN_RE.fullmatch(ascii_part) or _WESTERN_RE.fullmatch(ascii_part):
        return
    groups = ascii_part.split(",")
    # point at the first group that breaks both patterns
    pos = offset
    for i, g in enumerate(groups):
        expected_ok = (1 <= len(g) <= 3) if i == 0 else len(g) in (2, 3)
        if not expected_ok or (i == len(groups) - 1 and len(g) != 3):
            break
        pos += len(g) + 1
    raise LocaleError(
        f"bad digit grouping in {text!r} at position {pos + 1}: "
        "use Indian (12,34,567) or Western (1,234,567) groups",
        code="bad_grouping",
        text=text,
        position=pos + 1,
        field="grouping",
    )


def _stray(text: str, start: int) -> LocaleError:
    for i in range(start, len(text)):
        ch = text[i]
        if not (ch.isspace() or ch.isdigit() or ch in ",.-−+"):
            return LocaleError(
                f"unexpected character {ch!r} at position {i + 1} in number {text!r}",
                code="stray_character",
                text=text,
                position=i + 1,
            )
    return LocaleError(
        f"malformed number {text!r}: misplaced comma, point or sign",
        code="malformed_number",
        text=text,
    )


def parse_number(text: str) -> Decimal:
    """Read a number in Latin, Bengali or Devanagari digits or in words.

    Accepts Indian or Western grouping commas, a decimal point, a trailing multiplier
    (হাজার, লক্ষ/লাখ, কোটি; हज़ार, लाख, करोड़; thousand, lakh, crore) and whole
    amounts in words in any of the three languages (with paisa when a currency is named).
    A leading minus is allowed. Scaled results that are whole are returned without
    a fraction: ``parse_number("১.৮০ কোটি") == Decimal("18000000")``.
    """
    if not isinstance(text, str):
        raise LocaleError(f"parse_number expects text, got {type(text).__name__}", code="not_text")
    norm = unicodedata.normalize("NFC", text).strip()
    if not norm:
        raise LocaleError("empty number", code="empty", text=text)
    body = _CURRENCY_PREFIX_RE.sub("", norm, count=1)
    body = _SUFFIX_RE.sub("", body, count=1)
    if not body:
        raise LocaleError(f"no number in {text!r}", code="empty", text=text)
    offset = norm.find(body[:1]) if body else 0
    m = _NUMERAL_RE.fullmatch(body)
    if m is None:
        if any(c.isalpha() for c in body):
            return words_to_decimal(parse_words(body))
        raise _stray(norm, offset)
    int_part, frac = m.group("int"), m.group("frac") or ""
    numeral = int_part + ("." + frac if frac else "")
    check_one_script(numeral, "number", offset + m.start("int"))
    if "," in int_part:
        _check_grouping(text, int_part, offset + m.start("int"))
    ascii_numeral = to_ascii_digits(numeral).replace(",", "")
    try:
        value = Decimal(ascii_numeral)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise _stray(norm, offset) from exc
    mult = m.group("mult")
    if mult is not None:
        factor = _MULTIPLIER_KEYS.get(mult.lower())
        if factor is None:
            if any(c.isalpha() for c in mult):
                return words_to_decimal(parse_words(body))
            raise _stray(norm, offset + m.start("mult"))
        value *= factor
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        else:
            value = value.normalize()
    if m.group("sign") in ("-", "−"):
        value = -value
    return value
