"""Reading seed 004 (Hindi): the 2019 Lok Sabha phases and their constituencies by state.
Pure Python, no Django.

The phase table (number, poll date, seats) is the one the seed states; the constituency lists
are read from the seed's text, state by state, and matched to the English names of the 543
constituencies with `nirvachan.locale.name_key` (direction words such as उत्तर/नॉर्थ, पूर्व,
दक्षिण, पश्चिम, मध्य, ग्रामीण, बाहरी and आंतरिक are translated first, as they are
translated rather than transliterated in the English names). Names that do not match are
reported, never invented.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nirvachan.locale import name_key

__all__ = [
    "PHASES",
    "Match",
    "PhaseSeed",
    "SeedList",
    "match_constituencies",
    "parse_lists",
]


@dataclass(frozen=True, slots=True)
class PhaseSeed:
    number: int
    poll_date: dt.date
    seats: int


# Seed 004: "543 seats in 7 phases" with their poll dates.
PHASES: tuple[PhaseSeed, ...] = (
    PhaseSeed(1, dt.date(2019, 4, 11), 91),
    PhaseSeed(2, dt.date(2019, 4, 18), 95),
    PhaseSeed(3, dt.date(2019, 4, 23), 117),
    PhaseSeed(4, dt.date(2019, 4, 29), 71),
    PhaseSeed(5, dt.date(2019, 5, 6), 51),
    PhaseSeed(6, dt.date(2019, 5, 12), 59),
    PhaseSeed(7, dt.date(2019, 5, 19), 59),
)

# Where each phase's list of seats starts in the seed (after its heading and summary).
_HEADINGS = (
    "पहले चरण में 20 राज्य",
    "दूसरे चरण में 12 राज्य",
    "तीसरा चरण",
    "चौथे चरण में 9 राज्यों",
    "पांचवें चरण में 7 राज्य",
    "छठे चरण में 7 राज्य",
    "सातवें चरण में 8 राज्यों",
)
_LIST_STARTS = (
    "इन सीटों पर वोटिंग",
    "लोकसभा सीटें",
    "फीसदी वोटिंग हुई.",
    "सीटें शामिल हैं.",
    "ये हैं सीटें",
    "ये हैं सीटें",
    "इन सीटों पर वोटिंग",
)
_END = "यह भी देखें"

# State headings as the seed writes them → ISO 3166-2:IN code.
STATE_NAMES: Mapping[str, str] = {
    "उत्तर प्रदेश": "IN-UP",
    "उत्तराखंड": "IN-UT",
    "आंध्र प्रदेश": "IN-AP",
    "अरुणाचल": "IN-AR",
    "असम": "IN-AS",
    "बिहार": "IN-BR",
    "छत्तीसगढ़": "IN-CT",
    "जम्मू कश्मीर": "IN-JK",
    "जम्मू": "IN-JK",
    "महाराष्ट्र": "IN-MH",
    "मणिपुर": "IN-MN",
    "मेघालय": "IN-ML",
    "मिजोरम": "IN-MZ",
    "नगालैंड": "IN-NL",
    "ओडिशा": "IN-OR",
    "सिक्किम": "IN-SK",
    "तेलंगाना": "IN-TG",
    "त्रिपुरा": "IN-TR",
    "अंडमान निकोबार द्वीप समूह": "IN-AN",
    "लक्षद्वीप": "IN-LD",
    "पश्चिम बंगाल": "IN-WB",
    "कर्नाटक": "IN-KA",
    "तमिलनाडु": "IN-TN",
    "पुडुचेरी": "IN-PY",
    "गोवा": "IN-GA",
    "गुजरात": "IN-GJ",
    "केरल": "IN-KL",
    "दादर नागर हवेली": "IN-DN",
    "दमन दीव": "IN-DD",
    "राजस्थान": "IN-RJ",
    "मध्य प्रदेश": "IN-MP",
    "झारखंड": "IN-JH",
    "हरियाणा": "IN-HR",
    "दिल्ली": "IN-DL",
    "हिमाचल प्रदेश": "IN-HP",
    "पंजाब": "IN-PB",
    "चंडीगढ़": "IN-CH",
}
# A state heading: the name, then a dash or "की", at the start of a line or after a separator
# (the seed runs some lists together: "…गौतम बुद्ध नगरउत्तराखंड- …").
_STATE_RE = re.compile(
    "("
    + "|".join(re.escape(s) for s in sorted(STATE_NAMES, key=len, reverse=True))
    + r")\s*(?:[–—-]|\sकी\s)\s*"
)
_SPLIT_RE = re.compile(r"\s*(?:,|\.|\n|\sऔर\s)\s*")
_TAIL_RE = re.compile(r"\s*(?:सीट|में वोट|पर वोट).*$")
_WORDS = {
    "उत्तर": "north",
    "नॉर्थ": "north",
    "दक्षिण": "south",
    "साउथ": "south",
    "पूर्व": "east",
    "पूर्वी": "east",
    "ईस्ट": "east",
    "पश्चिम": "west",
    "वेस्ट": "west",
    "मध्य": "central",
    "सेंट्रल": "central",
    "ग्रामीण": "rural",
    "बाहरी": "outer",
    "आंतरिक": "inner",
}
_WORD_RE = re.compile("|".join(sorted(_WORDS, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class SeedList:
    phase: int
    state: str  # ISO code
    name: str  # as written in the seed


@dataclass(frozen=True, slots=True)
class Match:
    matched: dict[str, SeedList] = field(default_factory=dict)  # constituency code → first entry
    unmatched: tuple[SeedList, ...] = ()
    repeated: tuple[tuple[str, SeedList], ...] = ()  # listed again in a later phase


def parse_lists(text: str) -> list[SeedList]:
    """Every (phase, state, name) the seed lists, in the seed's order."""
    text = unicodedata.normalize("NFC", text)
    out: list[SeedList] = []
    starts = []
    position = 0
    for heading in _HEADINGS:
        position = text.index(heading, position)
        starts.append(position)
    ends = [*starts[1:], text.index(_END, starts[-1])]
    for number, (begin, end, marker) in enumerate(
        zip(starts, ends, _LIST_STARTS, strict=True), start=1
    ):
        segment = text[begin:end]
        segment = segment[segment.index(marker) + len(marker) :]
        heads = list(_STATE_RE.finditer(segment))
        for i, head in enumerate(heads):
            stop = heads[i + 1].start() if i + 1 < len(heads) else len(segment)
            for raw in _SPLIT_RE.split(segment[head.end() : stop]):
                name = _TAIL_RE.sub("", raw).strip(" -–")
                if name:
                    out.append(SeedList(number, STATE_NAMES[head.group(1)], name))
    return out


def seed_key(name: str) -> str:
    """The key of a seed name: direction words translated, then name_key."""
    return name_key(_WORD_RE.sub(lambda m: " " + _WORDS[m.group(0)] + " ", name))


def match_constituencies(
    entries: Iterable[SeedList], constituencies: Iterable[tuple[str, str, str]]
) -> Match:
    """Match seed entries to (code, state code, English name); first phase wins. A key that
    two constituencies of one state share (name_key drops vowels: Arrah, Araria) matches
    neither, so such names are reported rather than matched wrongly."""
    by_key: dict[tuple[str, str], str | None] = {}
    for pc_code, state, name_en in constituencies:
        key = (state, name_key(name_en))
        by_key[key] = None if key in by_key else pc_code  # two names, one key: ambiguous
    matched: dict[str, SeedList] = {}
    unmatched: list[SeedList] = []
    repeated: list[tuple[str, SeedList]] = []
    for entry in entries:
        code = by_key.get((entry.state, seed_key(entry.name)))
        if code is None:
            unmatched.append(entry)
        elif code in matched:
            repeated.append((code, entry))
        else:
            matched[code] = entry
    return Match(matched, tuple(unmatched), tuple(repeated))
