"""Parsing of finished results for `nirvachan results import-csv`: pure Python, no Django.

Columns: state, constituency, candidate, party, general_votes, postal_votes and, optionally,
electors (given on any row of a constituency; where given on several rows it must agree). The
NOTA row has candidate "None of the Above" and party "NOTA". Votes may be written in Latin,
Bengali or Devanagari digits, with Indian or Western grouping commas.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from nirvachan.locale import LocaleError, name_key, parse_number

REQUIRED = ("state", "constituency", "candidate", "party", "general_votes", "postal_votes")
OPTIONAL = ("electors",)
NOTA_NAME = "none of the above"
NOTA_PARTY = "NOTA"


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    state: str
    constituency: str
    candidate: str  # "" for the NOTA row
    party: str
    general: int
    postal: int
    electors: int | None

    @property
    def nota(self) -> bool:
        return self.candidate == ""


@dataclass
class CsvConstituency:
    state: str
    constituency_name: str
    line: int  # first line of the constituency
    rows: list[CsvRow] = field(default_factory=list)
    electors: int | None = None


@dataclass(frozen=True, slots=True)
class CsvProblem:
    line: int
    message: str  # English; the service wraps the known kinds in gettext
    kind: str
    value: str = ""


def _text(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def _count(raw: str) -> int:
    text = _text(raw)
    if not text:
        return 0
    try:
        number = parse_number(text)
    except (LocaleError, ValueError, ArithmeticError):
        raise ValueError(raw) from None
    if number < 0 or number != number.to_integral_value():
        raise ValueError(raw)
    return int(number)


def parse(text: str) -> tuple[list[CsvConstituency], list[CsvProblem]]:
    """The constituencies of a results CSV in file order, and every problem found (by line).
    A constituency is the pair (state, constituency) compared by name_key."""
    problems: list[CsvProblem] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [_text(h).lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [CsvProblem(1, "missing columns", "columns", ", ".join(missing))]
    reader.fieldnames = header
    found: dict[tuple[str, str], CsvConstituency] = {}
    seen: dict[tuple[str, str], set[str]] = {}
    for raw in reader:
        line = reader.line_num
        if not any(_text(v) for k, v in raw.items() if k is not None and isinstance(v, str)):
            continue
        state, name = _text(raw.get("state")), _text(raw.get("constituency"))
        candidate, party = _text(raw.get("candidate")), _text(raw.get("party"))
        empty = [c for c in ("state", "constituency", "candidate") if not _text(raw.get(c))]
        if empty:
            problems.append(CsvProblem(line, "empty field", "empty", empty[0]))
            continue
        values: dict[str, int | None] = {}
        bad = False
        for column in ("general_votes", "postal_votes", "electors"):
            raw_value = raw.get(column)
            if column == "electors" and not _text(raw_value):
                values[column] = None
                continue
            try:
                values[column] = _count(raw_value or "")
            except ValueError:
                problems.append(CsvProblem(line, "not a count", "count", column))
                bad = True
                break
        if bad:
            continue
        is_nota = candidate.lower() == NOTA_NAME or party.upper() == NOTA_PARTY
        if is_nota and (candidate.lower() != NOTA_NAME or party.upper() != NOTA_PARTY):
            problems.append(CsvProblem(line, "bad NOTA row", "nota", candidate))
            continue
        key = (name_key(state), name_key(name))
        entry = found.setdefault(key, CsvConstituency(state, name, line))
        ckey = "NOTA" if is_nota else name_key(candidate)
        names = seen.setdefault(key, set())
        if ckey in names:
            problems.append(CsvProblem(line, "duplicate candidate", "duplicate", candidate))
            continue
        names.add(ckey)
        electors = values["electors"]
        if electors is not None:
            if entry.electors is not None and entry.electors != electors:
                problems.append(CsvProblem(line, "electors differ", "electors", str(electors)))
                continue
            entry.electors = electors
        general, postal = values["general_votes"], values["postal_votes"]
        assert general is not None and postal is not None
        entry.rows.append(
            CsvRow(line, state, name, "" if is_nota else candidate, party, general, postal,
                   electors)
        )  # fmt: skip
    if not found and not problems:
        problems.append(CsvProblem(1, "no rows", "empty_file"))
    return list(found.values()), problems
