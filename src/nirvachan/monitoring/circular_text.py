"""Reading the text of a Bangladesh government circular (পরিপত্র), such as seed 000.

Pure (no Django): the text is split into the heading block, the memo number, the date, the
title, the subject, the numbered paragraphs (with their sub-items), the signatory, the
distribution list (বিতরণ) and the copy list (অনুলিপি) with its purpose line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from nirvachan.locale import LocaleError, MemoNumber, parse_date, parse_memo_number

__all__ = ["CircularText", "CircularTextError", "Paragraph", "parse_circular"]

_DIGIT: Final = r"[0-9০-৯०-९]"
_MEMO_RE: Final = re.compile(rf"^(?:স্মারক\s*)?(?:নং|নম্বর)\s*[-:ঃ]?\s*{_DIGIT}")
_DATE_RE: Final = re.compile(r"^তারিখ\s*[:ঃ]?\s*(.*)$")
_GREG_RE: Final = re.compile(
    rf"{_DIGIT}{{1,2}}\s+(?:জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|"
    rf"নভেম্বর|ডিসেম্বর)\s+{_DIGIT}{{4}}"
)
_SUBJECT_RE: Final = re.compile(r"^বিষয়\s*[:ঃ]\s*(.*)$")
_PARA_RE: Final = re.compile(rf"^({_DIGIT}+)\s*[।|]\s*(.*)$")
_SIGNED_RE: Final = re.compile(r"^স্বাক্ষর\s*[:ঃ]?\s*/?-?")
_DISTRIBUTION_RE: Final = re.compile(r"^বিতরণ\s*[:ঃ]?\s*$")
_LIST_ITEM_RE: Final = re.compile(rf"^(?:[-*]\s*)?({_DIGIT}+)\s*[।.|]\s*(.*)$")
_COPY_RE: Final = re.compile(r"^অনুলিপি")
_NAME_RE: Final = re.compile(r"^\(\s*([^)]*?)\s*\)")
_TITLE_RE: Final = re.compile(r"^#+\s*(.*)$")
_BOLD_RE: Final = re.compile(r"\*\*(.*?)\*\*")


class CircularTextError(ValueError):
    """The text is not a circular we can read; ``part`` names what is missing."""

    def __init__(self, message: str, *, part: str) -> None:
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class Paragraph:
    number: str  # as written, e.g. "৩"
    text: str  # heading and body, sub-items on their own lines


@dataclass(frozen=True)
class CircularText:
    heading: tuple[str, ...]
    memo: MemoNumber
    date: dt.date
    title: str
    subject: str
    preamble: str
    paragraphs: tuple[Paragraph, ...]
    signatory_name: str
    signatory_lines: tuple[str, ...]  # designation, office, phone, e-mail
    distribution: tuple[str, ...]
    copy_purpose: str
    copies: tuple[str, ...]


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ")
    line = _BOLD_RE.sub(r"\1", line)
    return " ".join(line.split())


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def _items(lines: list[str]) -> list[str]:
    """Numbered list items; a line without a number continues the item before it."""
    items: list[str] = []
    for line in lines:
        m = _LIST_ITEM_RE.match(line)
        if m:
            items.append(m.group(2))
        elif items:
            items[-1] = _join([items[-1], line])
    return items


def parse_circular(text: str) -> CircularText:
    """Read a circular's text (lines as in seed 000; markdown marks are ignored)."""
    all_lines = [_clean(raw) for raw in text.splitlines()]  # blank lines kept as ""
    lines = [ln for ln in all_lines if ln]
    memo_at = next((i for i, ln in enumerate(lines) if _MEMO_RE.match(ln)), None)
    if memo_at is None:
        raise CircularTextError("no memo number (a line starting with নং-)", part="memo")
    try:
        memo = parse_memo_number(lines[memo_at])
    except LocaleError as exc:
        raise CircularTextError(f"bad memo number: {exc}", part="memo") from exc
    heading = tuple(lines[:memo_at])
    subject_at = next((i for i in range(memo_at, len(lines)) if _SUBJECT_RE.match(lines[i])), None)
    if subject_at is None:
        raise CircularTextError("no subject (a line starting with বিষয়:)", part="subject")
    date: dt.date | None = None
    title_parts: list[str] = []
    for line in lines[memo_at + 1 : subject_at]:
        found = _GREG_RE.search(line)
        if date is None and found:
            try:
                parsed = parse_date(found.group(0))
            except LocaleError:
                parsed = None
            # a Bangla-era year (১৪২৯) written with a Gregorian month is not the date
            if parsed is not None and parsed.year >= 1900:
                date = parsed
        m = _TITLE_RE.match(line)
        if m:
            title_parts.append(m.group(1))
        elif not _DATE_RE.match(line) and not found and date is not None:
            title_parts.append(line)  # a title without a markdown mark
    if date is None:
        raise CircularTextError("no Gregorian date after the memo number", part="date")
    # the subject runs on to the first blank line after it
    raw_at = [k for k, ln in enumerate(all_lines) if ln][subject_at]
    subject_parts = [_SUBJECT_RE.match(all_lines[raw_at]).group(1)]  # type: ignore[union-attr]
    i = subject_at + 1
    k = raw_at + 1
    while k < len(all_lines) and all_lines[k]:
        subject_parts.append(all_lines[k])
        k += 1
        i += 1
    preamble_parts: list[str] = []
    while i < len(lines) and not _PARA_RE.match(lines[i]):
        preamble_parts.append(lines[i])
        i += 1
    paragraphs: list[tuple[str, list[str]]] = []
    while i < len(lines) and not _SIGNED_RE.match(lines[i]):
        m = _PARA_RE.match(lines[i])
        if m:
            paragraphs.append((m.group(1), [m.group(2)]))
        elif paragraphs:
            paragraphs[-1][1].append(lines[i])
        i += 1
    if not paragraphs:
        raise CircularTextError("no numbered paragraphs (১। …)", part="paragraphs")
    if i == len(lines):
        raise CircularTextError("no signature (স্বাক্ষরঃ/-)", part="signatory")
    i += 1
    sign: list[str] = []
    while i < len(lines) and not _DISTRIBUTION_RE.match(lines[i]):
        sign.append(lines[i])
        i += 1
    name_match = _NAME_RE.match(sign[0]) if sign else None
    signatory_name = name_match.group(1) if name_match else (sign[0] if sign else "")
    distribution_lines: list[str] = []
    i += 1
    while i < len(lines) and not _COPY_RE.match(lines[i]):
        if _MEMO_RE.match(lines[i]) or _is_bare_memo(lines[i]) or _DATE_RE.match(lines[i]):
            break
        distribution_lines.append(lines[i])
        i += 1
    while i < len(lines) and not _COPY_RE.match(lines[i]):
        i += 1  # the repeated memo number and dates above the copy list
    copy_purpose = lines[i] if i < len(lines) else ""
    copy_lines: list[str] = []
    i += 1
    while i < len(lines) and not _NAME_RE.match(lines[i]):
        copy_lines.append(lines[i])
        i += 1
    return CircularText(
        heading=heading,
        memo=memo,
        date=date,
        title=_join(title_parts),
        subject=_join(subject_parts),
        preamble=_join(preamble_parts),
        paragraphs=tuple(Paragraph(n, "\n".join(_merge(body))) for n, body in paragraphs),
        signatory_name=signatory_name,
        signatory_lines=tuple(sign[1:]),
        distribution=tuple(_items(distribution_lines)),
        copy_purpose=copy_purpose,
        copies=tuple(_items(copy_lines)),
    )


def _is_bare_memo(line: str) -> bool:
    """A bare memo number (the repeat above the copy list has no নং- prefix)."""
    return re.fullmatch(rf"{_DIGIT}+(?:\.{_DIGIT}+){{3,}}(?:-{_DIGIT}+)?", line) is not None


_SUB_RE: Final = re.compile(rf"^(?:[-*]\s*)?\((?:{_DIGIT}+|[ক-হ])\)")


def _merge(body: list[str]) -> list[str]:
    """Lines of a paragraph: sub-items ((১), (ক)) start a line; wrapped lines are joined."""
    out: list[str] = []
    for line in body:
        if _SUB_RE.match(line) or not out:
            out.append(re.sub(r"^[-*]\s*", "", line))
        else:
            out[-1] = _join([out[-1], line])
    return out
