"""Memo (স্মারক) numbers of Bangladesh government letters and similar file numbers.

Since 2016 Bangladesh offices number letters as dotted code groups, for example
``৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১`` (ministry, department, office, … file, year, serial),
sometimes with ``-৬৭৯`` or ``/১(৭)`` after them. We keep every segment as written and
add an ASCII key for indexing; :class:`MemoNumber` turns back into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from .digits import check_one_script, to_ascii_digits
from .errors import LocaleError

__all__ = ["MemoNumber", "parse_memo_number"]

_PREFIX_RE: Final = re.compile(
    r"(?:স্মারক\s*(?:নং|নম্বর|নম্বরঃ|নম্বর)|স্মারক|সূত্র(?:\s*নং)?|নং|নম্বর|পত্রাংক|पत्रांक|"
    r"क्रमांक|संख्या|सं\.|memo\s*no\.?|memo|ref(?:erence)?\s*no\.?|ref\.?|no\.?)"
    r"\s*[:ঃः\-–]?\s*",
    re.I,
)
_SEG: Final = r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097f\u0980-\u09ff])+"
_BODY_RE: Final = re.compile(
    rf"{_SEG}(?:\s*[./\-–]\s*{_SEG}|\s*\(\s*{_SEG}\s*\))*(?:\s*[./\-–]\s*)?"
)
_SEGMENT_RE: Final = re.compile(_SEG)
_SEPARATORS: Final = str.maketrans({"–": "-"})


def _romanise(segment: str) -> str:
    """A crude ASCII spelling of a letter segment (for the key only)."""
    out: list[str] = []
    for ch in segment:
        if ch.isascii():
            out.append(ch.lower())
            continue
        name = unicodedata.name(ch, "")
        last = name.rsplit(" ", 1)[-1].lower() if name else f"u{ord(ch):04x}"
        if " LETTER " in name:
            out.append(last[:-1] if len(last) > 1 and last.endswith("a") else last)
        elif " VOWEL SIGN " in name:
            out.append(last)
        elif "ANUSVARA" in name or "CANDRABINDU" in name:
            out.append("n")
        elif "VISARGA" in name:
            out.append("h")
        # virama, nukta and other marks add nothing
    return "".join(out)


@dataclass(frozen=True, slots=True)
class MemoNumber:
    """A memo number: ``text`` as given, its ``segments`` as written, an ASCII ``key``."""

    text: str
    prefix: str
    segments: tuple[str, ...]
    key: str

    def __str__(self) -> str:
        return self.text

    @property
    def number(self) -> str:
        """The memo number without the prefix (নং-, স্মারক নম্বর: …)."""
        return unicodedata.normalize("NFC", self.text).strip()[len(self.prefix) :]


def parse_memo_number(text: str) -> MemoNumber:
    """Read a memo number such as ``"১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯"``.

    A prefix (নং-, স্মারক নম্বর:, Memo No.) is recognised and kept in ``prefix``;
    ``str(memo)`` gives back ``text`` unchanged. Segments are runs of digits or letters
    between ``.``, ``-``, ``/`` and parentheses; at least one must contain a digit.
    """
    norm = unicodedata.normalize("NFC", text).strip()
    if not norm:
        raise LocaleError("empty memo number", code="empty", text=text)
    pm = _PREFIX_RE.match(norm)
    prefix_len = 0
    # a prefix must end in a separator or be followed by a digit ("নং১৭…")
    if (
        pm is not None
        and pm.end() < len(norm)
        and (not norm[pm.end() - 1].isalnum() or norm[pm.end()].isdigit())
    ):
        prefix_len = pm.end()
    body = norm[prefix_len:]
    m = _BODY_RE.fullmatch(body)
    if m is None:
        bad = next(
            (i for i, c in enumerate(body) if not (c.isalnum() or c.isspace() or c in "./-–()")),
            0,
        )
        raise LocaleError(
            f"unexpected character {body[bad]!r} at position {prefix_len + bad + 1} "
            f"in memo number {text!r}",
            code="stray_character",
            text=text,
            position=prefix_len + bad + 1,
        )
    segments = tuple(_SEGMENT_RE.findall(body))
    if not any(ch.isdigit() for seg in segments for ch in seg):
        raise LocaleError(
            f"memo number {text!r} has no digits", code="no_digits", text=text, field="segments"
        )
    key_parts: list[str] = []
    pos = 0
    for sm in _SEGMENT_RE.finditer(body):
        sep = "".join(body[pos : sm.start()].split()).translate(_SEPARATORS)
        key_parts.append(sep)
        seg = sm.group()
        check_one_script(seg, "memo segment", prefix_len + sm.start())
        seg = to_ascii_digits(seg)
        key_parts.append(seg if seg.isascii() else _romanise(seg))
        pos = sm.end()
    key_parts.append("".join(body[pos:].split()).translate(_SEPARATORS))
    prefix = norm[:prefix_len]
    return MemoNumber(text=text, prefix=prefix, segments=segments, key="".join(key_parts))
