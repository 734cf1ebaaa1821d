"""The search key: one spelling for the many ways the same Bengali/Hindi text is typed."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .digits import DIGITS

__all__ = ["normalise"]

_JOINERS: Final = "\u200c\u200d\u200b\u2060\ufeff\u00ad"
_TR: Final = str.maketrans(
    DIGITS["beng"] + DIGITS["deva"] + "|",
    DIGITS["latn"] * 2 + "।",
    _JOINERS,
)
_BN_COLON: Final = re.compile(r"(?<=[\u0980-\u09ff]):")
_HI_COLON: Final = re.compile(r"(?<=[\u0900-\u097f]):")


def normalise(text: str) -> str:
    """The search key of ``text``; display keeps the original.

    NFC; ত্‍ (ta, virama, ZWJ) becomes ৎ; zero-width joiners and soft hyphens are removed;
    a colon typed after a Bengali or Devanagari letter becomes the visarga; a pipe
    becomes the danda; Bengali and Devanagari digits become ASCII; case is folded and
    runs of white space become one space.

    >>> normalise("মো: ৬২৪") == normalise("মোঃ 624")
    True
    """
    s = unicodedata.normalize("NFC", text)
    if "\u200d" in s:
        s = s.replace("ত্\u200d", "ৎ").replace("ত\u200d্", "ৎ")
    s = s.translate(_TR)
    if ":" in s:
        s = _BN_COLON.sub("ঃ", s)
        s = _HI_COLON.sub("ः", s)
    s = " ".join(s.casefold().split())
    return unicodedata.normalize("NFC", s)
