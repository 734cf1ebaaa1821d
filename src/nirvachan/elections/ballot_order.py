"""The order of names on a ballot, and the ballot units it needs. Pure Python, no Django.

Order (ECI Handbook for Returning Officers; the same grouping is used for Bangladesh):

1. candidates of recognised national and state parties,
2. candidates of registered (unrecognised) parties,
3. independent candidates,

each group in alphabetical order of the names in the ballot's language, then NOTA last.
Serial numbers 1..n follow this order (NOTA takes n + 1).

Alphabetical order in Bengali and Devanagari (`sort_key`)
---------------------------------------------------------
Unicode lays out both scripts in the traditional (Brahmi) order of the alphabet: vowels
অ আ ই ঈ উ ঊ ঋ এ ঐ ও ঔ / अ आ इ ई उ ऊ ऋ ए ऐ ओ औ, then consonants क ख ग घ ङ च … ह. A plain
code-point sort still gets dictionary order wrong, because a word is a row of syllables
(consonant + vowel sign) rather than of letters. `sort_key` therefore reads the name syllable
by syllable and gives each consonant a second weight for its vowel slot:

* the inherent vowel (क, ক) first, then the vowel signs in the order of the vowels
  (का कि की कु कू कृ के कै को कौ), then the virama (conjuncts, क्ष क्र, come after कौ);
* anusvara, chandrabindu and visarga (ं ँ ः) weigh less than any letter, so कंकड comes
  before ककड़ी, as in Hindi and Bengali dictionaries;
* nukta: in Devanagari ड़ ढ़ क़ ज़ … sort with their base letter (the tie is broken by the text);
  in Bengali ড় ঢ় য় are letters of their own, placed after হ as in the Bangla Academy order;
  খণ্ড ত (ৎ) sorts as ত with virama;
* spaces weigh least (word-by-word order), other punctuation is ignored;
* Latin letters (the fallback when a name has no Bengali/Hindi form) come after both Indic
  scripts, compared case- and accent-insensitively; digits before letters.

Ties are broken by the text itself, then by the candidate key, so the order is total.
"""

from __future__ import annotations

import enum
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ENTRIES_PER_UNIT",
    "MAX_ENTRIES",
    "BallotCandidate",
    "BallotEntry",
    "BallotError",
    "Group",
    "ballot_order",
    "sort_key",
    "units_needed",
]

ENTRIES_PER_UNIT: Final = 16
MAX_ENTRIES: Final = 384  # 24 ballot units of 16 entries, NOTA included
NOTA_KEY: Final = "NOTA"


class BallotError(ValueError):
    """A ballot that cannot be laid out (too many entries)."""

    def __init__(self, entries: int) -> None:
        super().__init__(f"{entries} entries exceed the {MAX_ENTRIES} a ballot may have")
        self.entries = entries


class Group(enum.IntEnum):
    RECOGNISED = 1
    REGISTERED = 2
    INDEPENDENT = 3


@dataclass(frozen=True, slots=True)
class BallotCandidate:
    key: str
    name: str
    group: Group
    party: str = ""
    symbol: str = ""


@dataclass(frozen=True, slots=True)
class BallotEntry:
    serial: int
    key: str
    name: str
    group: Group | None
    party: str = ""
    symbol: str = ""

    @property
    def is_nota(self) -> bool:
        return self.group is None


# --- weights --------------------------------------------------------------------------------

_SPACE: Final = 0
_MARK: Final = 1  # anusvara, chandrabindu (+0), visarga (+1)
_INHERENT: Final = 10  # vowel slot after a consonant: inherent a
_VIRAMA_SLOT: Final = 40
_DIGIT: Final = 50
_VOWEL: Final = 100  # independent vowels 100..
_CONSONANT: Final = 200  # consonants 200..
_LATIN: Final = 1000

_BENG: Final = 0x0980
_DEVA: Final = 0x0900


def _script_tables(base: int) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(independent vowel → weight, vowel sign → slot weight, consonant → weight)."""
    vowels = {chr(cp): _VOWEL + cp - base - 0x05 for cp in range(base + 0x05, base + 0x15)}
    signs = {chr(cp): _INHERENT + 1 + cp - base - 0x3E for cp in range(base + 0x3E, base + 0x4D)}
    consonants = {chr(cp): _CONSONANT + cp - base - 0x15 for cp in range(base + 0x15, base + 0x3A)}
    return vowels, signs, consonants


_BN_VOWELS, _BN_SIGNS, _BN_CONS = _script_tables(_BENG)
_HI_VOWELS, _HI_SIGNS, _HI_CONS = _script_tables(_DEVA)
_HI_SIGNS.update({"\u0949": _HI_SIGNS["\u094b"] - 1})  # ॉ just before ो
_VOWELS: Final = {**_BN_VOWELS, **_HI_VOWELS, "\u09e0": _VOWEL + 8, "\u0960": _VOWEL + 8}
_SIGNS: Final = {**_BN_SIGNS, **_HI_SIGNS, "\u09d7": _INHERENT + 15}
_CONSONANTS: Final = {**_BN_CONS, **_HI_CONS}
# Bengali letters with nukta are letters of their own after হ (ড় ঢ় য়).
_BN_NUKTA: Final = {"ড": _CONSONANT + 60, "ঢ": _CONSONANT + 61, "য": _CONSONANT + 62}
_MARKS: Final = {"\u0981": 0, "\u0982": 0, "\u0983": 1, "\u0901": 0, "\u0902": 0, "\u0903": 1}
_VIRAMAS: Final = frozenset("\u09cd\u094d")
_NUKTAS: Final = frozenset("\u09bc\u093c")
_KHANDA_TA: Final = "\u09ce"


def _latin_weight(ch: str) -> int | None:
    base = unicodedata.normalize("NFKD", ch.casefold())[:1]
    if base.isdigit():
        return _DIGIT + int(unicodedata.digit(base, 0))
    if base.isalpha():
        return _LATIN + ord(base)
    return None


def sort_key(name: str) -> tuple[int, ...]:
    """The dictionary-order key of a name in Bengali, Devanagari or (fallback) Latin script."""
    text = unicodedata.normalize("NFC", name).strip()
    key: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        i += 1
        if ch.isspace():
            if key and key[-1] != _SPACE:
                key.append(_SPACE)
            continue
        if ch == _KHANDA_TA:
            key += [_CONSONANTS["ত"], _VIRAMA_SLOT]
            continue
        cons = _CONSONANTS.get(ch)
        if cons is not None:
            if i < n and text[i] in _NUKTAS:
                i += 1
                cons = _BN_NUKTA.get(ch, cons)
            slot = _INHERENT
            if i < n and text[i] in _SIGNS:
                slot = _SIGNS[text[i]]
                i += 1
            elif i < n and text[i] in _VIRAMAS:
                slot = _VIRAMA_SLOT
                i += 1
            key += [cons, slot]
            continue
        if ch in _VOWELS:
            key.append(_VOWELS[ch])
        elif ch in _MARKS:
            key.append(_MARK + _MARKS[ch])
        elif ch in _SIGNS:  # a vowel sign without a consonant (bad input): keep its order
            key.append(_SIGNS[ch])
        elif ch.isdigit():
            key.append(_DIGIT + unicodedata.digit(ch, 0))
        else:
            weight = _latin_weight(ch)
            if weight is not None:
                key.append(weight)
    while key and key[-1] == _SPACE:
        key.pop()
    return tuple(key)


def ballot_order(
    candidates: Iterable[BallotCandidate], *, nota_label: str = "NOTA", with_nota: bool = True
) -> tuple[BallotEntry, ...]:
    """The ballot: groups in order, names alphabetical in each, serials 1..n, NOTA last."""
    ordered = sorted(candidates, key=lambda c: (int(c.group), sort_key(c.name), c.name, c.key))
    entries = [
        BallotEntry(serial, c.key, c.name, c.group, c.party, c.symbol)
        for serial, c in enumerate(ordered, start=1)
    ]
    if with_nota:
        entries.append(BallotEntry(len(entries) + 1, NOTA_KEY, nota_label, None))
    if len(entries) > MAX_ENTRIES:
        raise BallotError(len(entries))
    return tuple(entries)


def units_needed(entries: int | Sequence[BallotEntry]) -> int:
    """Ballot units of 16 entries (NOTA included) for a ballot; refuses more than 384."""
    count = entries if isinstance(entries, int) else len(entries)
    if count > MAX_ENTRIES:
        raise BallotError(count)
    return max(1, math.ceil(count / ENTRIES_PER_UNIT))
