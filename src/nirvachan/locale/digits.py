"""Digits of the three scripts: conversion and mixed-script detection."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Final

from ._types import Lang, Script
from .errors import LocaleError

__all__ = [
    "DIGITS",
    "SCRIPT_FOR_LANG",
    "check_one_script",
    "digit_script",
    "to_ascii_digits",
    "to_native_digits",
]

DIGITS: Final = MappingProxyType(
    {
        "latn": "0123456789",
        "beng": "০১২৩৪৫৬৭৮৯",
        "deva": "०१२३४५६७८९",
    }
)
SCRIPT_FOR_LANG: Final[MappingProxyType[str, Script]] = MappingProxyType(
    {"bn": "beng", "hi": "deva", "en": "latn"}
)
_SCRIPT_NAMES: Final = MappingProxyType({"latn": "Latin", "beng": "Bengali", "deva": "Devanagari"})

_DIGIT_SCRIPT: Final[MappingProxyType[str, Script]] = MappingProxyType(
    {ch: script for script, chars in DIGITS.items() for ch in chars}  # type: ignore[misc]
)
_TO_ASCII: Final = str.maketrans(DIGITS["beng"] + DIGITS["deva"], DIGITS["latn"] * 2)
_TO_SCRIPT: Final = MappingProxyType(
    {
        script: str.maketrans(
            "".join(d for s, d in DIGITS.items() if s != script),
            DIGITS[script] * 2,
        )
        for script in DIGITS
    }
)


def digit_script(ch: str) -> Script | None:
    """The script of the digit ``ch`` (``"latn"``, ``"beng"``, ``"deva"``), or ``None``."""
    return _DIGIT_SCRIPT.get(ch)


def to_ascii_digits(text: str) -> str:
    """Replace Bengali and Devanagari digits by ASCII digits; everything else is kept."""
    return text.translate(_TO_ASCII)


def to_native_digits(value: int | Decimal | str, script: Script) -> str:
    """Write the digits of ``value`` in ``script``; other characters are kept as they are.

    >>> to_native_digits(624607, "beng")
    '৬২৪৬০৭'
    """
    if script not in DIGITS:
        raise LocaleError(f"unknown script {script!r}", code="unknown_script", field="script")
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.translate(_TO_SCRIPT[script])


def check_one_script(text: str, what: str = "number", start: int = 0) -> Script | None:
    """Return the one digit script used in ``text``; raise ``mixed_scripts`` if several are.

    ``start`` is the offset of ``text`` inside the caller's input, for the position.
    """
    first: Script | None = None
    for i, ch in enumerate(text):
        script = _DIGIT_SCRIPT.get(ch)
        if script is None:
            continue
        if first is None:
            first = script
        elif script != first:
            raise LocaleError(
                f"mixed scripts in {what} {text!r}: {_SCRIPT_NAMES[script]} digit {ch!r} "
                f"at position {start + i + 1} among {_SCRIPT_NAMES[first]} digits",
                code="mixed_scripts",
                text=text,
                position=start + i + 1,
            )
    return first


def native_script(lang: Lang) -> Script:
    """The digit script a language writes natively."""
    return SCRIPT_FOR_LANG[lang]
