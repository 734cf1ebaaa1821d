"""Pure rules of the roll (no Django): elector keys, qualifying dates, ages, import rows.

Typed for mypy --strict; the services and the importer call these.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

EPIC_RE = re.compile(r"[A-Z]{3}[0-9]{7}")
NID_RE = re.compile(r"[0-9]{10}|[0-9]{13}|[0-9]{17}")
# India's qualifying dates since 2022 (month, day).
DEFAULT_QUALIFYING_DATES: tuple[tuple[int, int], ...] = ((1, 1), (4, 1), (7, 1), (10, 1))
# The columns of a roll file (`nirvachan roll import` / `export`, `bench.gen_roll`).
IMPORT_COLUMNS = (
    "epic",
    "name",
    "relative_name",
    "relation",
    "gender",
    "dob",
    "age",
    "house_no",
    "address",
    "state",
    "ac_no",
    "ac_name",
    "part_no",
    "part_name",
    "serial_no",
    "polling_station_no",
    "polling_station_name",
)

RELATION_CODES = {"F": "father", "M": "mother", "H": "husband", "W": "wife", "O": "other"}
GENDER_CODES = {"M": "male", "F": "female", "T": "third"}
MAX_AGE = 120  # beyond this an age or date of birth on the roll is a mistake
MAX_NUMBER = 999_999_999  # constituency, part, station and serial numbers (the columns' range)
# The longest text an import row may carry in each column (the columns' sizes in the database).
FIELD_LIMITS = {
    "name": 200,
    "relative_name": 200,
    "house_no": 60,
    "address": 400,
    "ac_name": 200,
    "part_name": 300,
    "polling_station_name": 300,
}
_BN_DIGITS = frozenset("০১২৩৪৫৬৭৮৯")
_HI_DIGITS = frozenset("०१२३४५६७८९")
_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯०१२३४५६७८९", "01234567890123456789")


def key_kind_for(country: str) -> str:
    """EPIC in India, NID in Bangladesh: the one place the two countries differ."""
    return "nid" if country == "BD" else "epic"


def clean_key(text: str) -> str:
    """Upper-case, spaces removed, native digits made ASCII."""
    return unicodedata.normalize("NFC", text).translate(_ASCII).replace(" ", "").upper()


def key_valid(kind: str, key: str) -> bool:
    pattern = NID_RE if kind == "nid" else EPIC_RE
    return pattern.fullmatch(key) is not None


def key_kind_of(key: str) -> str | None:
    """Which kind a cleaned key is, or None when it is neither."""
    if EPIC_RE.fullmatch(key):
        return "epic"
    if NID_RE.fullmatch(key):
        return "nid"
    return None


def mixed_digits(text: str) -> bool:
    """True when one value mixes ASCII, Bengali and Devanagari digits."""
    kinds = {
        "ascii" if ch.isascii() else "bn" if ch in _BN_DIGITS else "hi"
        for ch in text
        if ch.isdigit()
    }
    return len(kinds) > 1


def to_ascii(text: str) -> str:
    return text.translate(_ASCII)


def qualifying_date_for(
    on: dt.date, dates: Sequence[tuple[int, int]] = DEFAULT_QUALIFYING_DATES
) -> dt.date:
    """The next qualifying date on or after `on` (an application made on 2 Jan waits for 1 Apr)."""
    candidates = [dt.date(on.year, m, d) for m, d in dates]
    candidates += [dt.date(on.year + 1, m, d) for m, d in dates]
    return min(c for c in candidates if c >= on)


def age_on(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def current_age(
    dob: dt.date | None, age: int | None, age_date: dt.date | None, today: dt.date
) -> int | None:
    if dob is not None:
        return age_on(dob, today)
    if age is not None and age_date is not None:
        return age + max(0, age_on(age_date, today))
    return None


def birth_year(dob: dt.date | None, age: int | None, age_date: dt.date | None) -> int | None:
    if dob is not None:
        return dob.year
    if age is not None and age_date is not None:
        return age_date.year - age
    return None


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str
    message: str


def parse_iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(to_ascii(text.strip()))
    except ValueError:
        return None


SEQUENTIAL_STEP = 3  # a client stepping by at most this much counts as walking
# Five sequential steps in a row block the client for an hour (anti-scraping).
SEQUENTIAL_RUN_LIMIT = 5
BLOCK_SECONDS = 3600


def epic_parts(key: str) -> tuple[str, int]:
    """("ABC", 1234567) for "ABC1234567"; NIDs have no prefix."""
    m = re.fullmatch(r"([A-Z]*)([0-9]+)", key)
    if m is None:
        return key, 0
    return m.group(1), int(m.group(2))


def sms_segments(text: str) -> int:
    """How many SMS segments a reply takes: GSM-7 160/153, UCS-2 70/67 characters."""
    if text.isascii():
        single, multi = 160, 153
    else:
        single, multi = 70, 67
    n = len(text)
    return 1 if n <= single else -(-n // multi)
