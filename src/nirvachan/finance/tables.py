"""Reading allocation tables, in pure Python (no Django).

Reads the text of an allocation order as in seed 002 (tab-separated rows of serial, district,
office and amount in Bengali digits; a header row; a total row; the "কথায়ঃ (…)" words line;
page breaks and blank lines anywhere) and CSV/XLSX sheets with the columns
`serial, district, office, amount`. `check_table` compares the serials, the total row and the
words line with what the rows add up to and lists every difference (row, expected, found).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from nirvachan.locale import (
    Currency,
    Lang,
    LocaleError,
    name_key,
    parse_date,
    parse_number,
    to_ascii_digits,
    to_words,
)

__all__ = [
    "Difference",
    "OrderText",
    "ParsedTable",
    "TableRow",
    "check_table",
    "duplicate_rows",
    "office_parts",
    "parse_csv",
    "parse_rows",
    "parse_text",
    "parse_xlsx",
    "words_for",
]

COLUMNS: Final = ("serial", "district", "office", "amount")
_WORDS_RE: Final = re.compile(
    r"^\s*(?:কথায়|in\s+words|शब्दों\s+में)\s*[ঃ:ः]?\s*[-–]?\s*\(?(?P<words>.*?)\)?\s*[।.]?\s*$",
    re.I,
)
_LABEL_RE: Final = re.compile(r"^\s*(?P<label>স্মারক নম্বর|স্মারক নং|তারিখ|বিষয়)\s*[:ঃ]\s*(?P<v>.*)$")
_NUMBERED_PARA_RE: Final = re.compile(r"^\s*[০-৯0-9]{1,2}\s*[।.]\s*")
_LIST_ITEM_RE: Final = re.compile(r"^\s*[০-৯0-9]{1,3}\s*[)）]\s*(?P<item>.+)$")
_FISCAL_RE: Final = re.compile(r"(\d{4}\s*-\s*\d{2,4})\s*(?:অর্থ\s*বছর|অর্থবছর|fiscal|वित्त)", re.I)
_INSTITUTION_RE: Final = re.compile(r"\((\d{13})\)")
_CODE_IN_HEADER_RE: Final = re.compile(r"(?P<name>[^()]*?)\s*\((?P<code>\d{5,8})\)\s*$")
_REFERENCE_RE: Final = re.compile(r"[০-৯0-9]{2}(?:\.[০-৯0-9]+){4,}(?:-[০-৯0-9]+)?")
_TOTAL_WORDS: Final = ("মোট", "সর্বমোট", "total", "कुल", "योग")
_SPACES_RE: Final = re.compile(r"\s+")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _clean(text: str) -> str:
    """NFC, page-break and control characters removed, spaces collapsed."""
    text = _nfc(text).replace("\f", " ").replace("\u200c", "").replace("\ufeff", "")
    return _SPACES_RE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class TableRow:
    """One allocation row; `row` is the line of the file (or the sheet row) it came from."""

    row: int
    serial: int
    district: str
    office: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Difference:
    """One discrepancy: `kind` is serial, total, words, amount, columns or empty."""

    kind: str
    row: int | None
    expected: str
    found: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "row": self.row, "expected": self.expected, "found": self.found}


@dataclass(frozen=True, slots=True)
class OrderText:
    """What the text around the table says (empty where it says nothing)."""

    memo_number: str = ""
    date: date | None = None
    date_bangla: str = ""
    subject: str = ""
    paragraphs: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    fiscal_year: str = ""
    institution_code: str = ""
    economic_code: str = ""
    economic_name: str = ""
    signatory_name: str = ""
    signatory_designation: str = ""
    distribution: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedTable:
    rows: tuple[TableRow, ...]
    total_row: Decimal | None = None
    total_row_line: int | None = None
    words_line: str | None = None
    words_line_no: int | None = None
    text: OrderText = field(default_factory=OrderText)
    problems: tuple[Difference, ...] = ()  # rows that could not be read

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal(0))


def words_for(amount: Decimal, lang: Lang, currency: Currency) -> str:
    return to_words(amount, lang, currency=currency)


def _words_lang(text: str) -> Lang:
    if any("\u0980" <= ch <= "\u09ff" for ch in text):
        return "bn"
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return "en"


def check_table(table: ParsedTable, currency: Currency = "BDT") -> list[Difference]:
    """Every difference between what the table states and what its rows add up to."""
    found: list[Difference] = list(table.problems)
    if not table.rows and not table.problems:
        found.append(Difference("empty", None, "at least one row", "none"))
    expected = 1
    for row in table.rows:
        if row.serial != expected:
            found.append(Difference("serial", row.row, str(expected), str(row.serial)))
        expected = row.serial + 1
    total = table.total
    if table.total_row is not None and table.total_row != total:
        found.append(
            Difference("total", table.total_row_line, _plain(total), _plain(table.total_row))
        )
    if table.words_line is not None:
        lang = _words_lang(table.words_line)
        words = words_for(total, lang, "INR" if lang == "hi" else currency)
        if _clean(table.words_line).casefold() != _clean(words).casefold():
            found.append(Difference("words", table.words_line_no, words, table.words_line))
    return found


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f") if amount == amount.to_integral() else f"{amount:.2f}"


def office_parts(office: str) -> tuple[str, str, str]:
    """(title, place, district) of "উপজেলা কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ"; missing parts empty."""
    parts = [p.strip() for p in _clean(office).split(",") if p.strip()]
    if len(parts) >= 3:
        return parts[0], ", ".join(parts[1:-1]), parts[-1]
    if len(parts) == 2:
        return parts[0], parts[1], ""
    return "", parts[0] if parts else "", ""


def duplicate_rows(rows: Iterable[TableRow]) -> list[tuple[TableRow, TableRow]]:
    """Pairs (first, repeat) of rows naming the same office in the same district."""
    seen: dict[tuple[str, str], TableRow] = {}
    pairs: list[tuple[TableRow, TableRow]] = []
    for row in rows:
        key = (name_key(row.district), name_key(row.office))
        if key in seen:
            pairs.append((seen[key], row))
        else:
            seen[key] = row
    return pairs


def _amount(text: str) -> Decimal | None:
    try:
        value = parse_number(text.replace(" ", ""))
    except (LocaleError, ValueError):
        return None
    return value


def _serial(text: str) -> int | None:
    text = to_ascii_digits(text.strip()).rstrip(".।")
    return int(text) if text.isdigit() else None


def _is_total_label(cells: Sequence[str]) -> bool:
    return any(c.strip().casefold() in _TOTAL_WORDS for c in cells)


class _Builder:
    def __init__(self) -> None:
        self.rows: list[TableRow] = []
        self.problems: list[Difference] = []
        self.total_row: Decimal | None = None
        self.total_line: int | None = None
        self.words: str | None = None
        self.words_line: int | None = None

    def cells(self, line_no: int, cells: list[str]) -> str:
        """Read one row of cells; returns "row", "total", "words", "header" or ""."""
        cells = [_clean(c) for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            return ""
        match = _WORDS_RE.match(cells[0])
        if match and len([c for c in cells if c]) == 1:
            self.words, self.words_line = match.group("words").strip(), line_no
            return "words"
        serial = _serial(cells[0])
        if serial is None:
            if not cells[0] or _is_total_label(cells[:-1]):
                amount = _amount(cells[-1])
                if amount is not None and all(not c or _is_total_label([c]) for c in cells[:-1]):
                    self.total_row, self.total_line = amount, line_no
                    return "total"
            return "header"
        if len(cells) != 4:
            self.problems.append(
                Difference(
                    "columns", line_no, "serial, district, office, amount", " | ".join(cells)
                )
            )
            return "row"
        amount = _amount(cells[3])
        if amount is None or amount <= 0:
            self.problems.append(Difference("amount", line_no, "an amount above zero", cells[3]))
            return "row"
        self.rows.append(TableRow(line_no, serial, cells[1], cells[2], amount))
        return "row"

    def build(self, text: OrderText | None = None) -> ParsedTable:
        return ParsedTable(
            rows=tuple(self.rows),
            total_row=self.total_row,
            total_row_line=self.total_line,
            words_line=self.words,
            words_line_no=self.words_line,
            text=text or OrderText(),
            problems=tuple(self.problems),
        )


def parse_rows(rows: Iterable[Sequence[object]], *, first_row: int = 1) -> ParsedTable:
    """Rows of a sheet (CSV or XLSX): a header naming the four columns, then the rows."""
    builder = _Builder()
    index: dict[str, int] | None = None
    for number, raw in enumerate(rows, start=first_row):
        cells = ["" if c is None else _plain_cell(c) for c in raw]
        if index is None:
            names = [_clean(c).casefold() for c in cells]
            if all(col in names for col in COLUMNS):
                index = {col: names.index(col) for col in COLUMNS}
                continue
            if any(c.strip() for c in cells):
                builder.problems.append(
                    Difference("columns", number, ", ".join(COLUMNS), " | ".join(cells))
                )
                break
            continue
        picked = [cells[index[col]] if index[col] < len(cells) else "" for col in COLUMNS]
        extra = [c for i, c in enumerate(cells) if i not in index.values() and c.strip()]
        if not any(picked) and extra:
            picked = [extra[0]]
        builder.cells(number, picked)
    if index is None and not builder.problems:
        builder.problems.append(Difference("columns", first_row, ", ".join(COLUMNS), ""))
    return builder.build()


def _plain_cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_csv(data: str) -> ParsedTable:
    return parse_rows(csv.reader(io.StringIO(data.lstrip("\ufeff"))))


def parse_xlsx(data: bytes) -> ParsedTable:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return parse_rows(list(sheet.iter_rows(values_only=True)))
    finally:
        book.close()


def parse_text(data: str) -> ParsedTable:
    """The text of an order as in seed 002: the table and what the text around it says."""
    builder = _Builder()
    lines = _nfc(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: dict[str, str] = {}
    paragraphs: list[str] = []
    conditions: list[str] = []
    distribution: list[str] = []
    after: list[str] = []
    economic = ("", "")
    gregorian: date | None = None
    state = "top"  # top → table → after
    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "")
        if "\t" in line:
            kind = builder.cells(number, line.split("\t"))
            if kind == "header" and not builder.rows:
                match = _CODE_IN_HEADER_RE.search(to_ascii_digits(_clean(line.split("\t")[-1])))
                if match:
                    economic = (match.group("code"), match.group("name").strip())
            if kind:
                state = "table"
            continue
        clean = _clean(line)
        if not clean:
            continue
        if _WORDS_RE.match(clean) and builder.rows:
            builder.cells(number, [clean])
            state = "after"
            continue
        label = _LABEL_RE.match(clean)
        if label and label.group("label") not in header:
            header[label.group("label")] = label.group("v").strip().strip("*").strip()
            if label.group("label") == "তারিখ":
                state = "date"
            continue
        if state == "date":
            state = "top"
            try:
                gregorian = parse_date(clean)
                continue
            except (LocaleError, ValueError):
                pass
        if state == "top":
            if header.get("বিষয়") is not None and not builder.rows:
                paragraphs.append(clean)
        elif state in ("table", "after"):
            state = "after"
            item = _LIST_ITEM_RE.match(clean)
            if item:
                distribution.append(item.group("item").strip())
            elif _NUMBERED_PARA_RE.match(clean) and not distribution:
                conditions.append(clean)
            else:
                after.append(clean)
    name, designation = _signatory(lines)
    body = " ".join(paragraphs)
    fiscal = _FISCAL_RE.search(to_ascii_digits(body))
    institution = _INSTITUTION_RE.search(to_ascii_digits(body))
    text = OrderText(
        memo_number=header.get("স্মারক নম্বর", header.get("স্মারক নং", "")),
        date=gregorian,
        date_bangla=header.get("তারিখ", ""),
        subject=header.get("বিষয়", "").strip("*; ").strip(),
        paragraphs=tuple(paragraphs),
        conditions=tuple(conditions),
        references=tuple(_REFERENCE_RE.findall(body)),
        fiscal_year=fiscal.group(1).replace(" ", "") if fiscal else "",
        institution_code=institution.group(1) if institution else "",
        economic_code=economic[0],
        economic_name=economic[1],
        signatory_name=name,
        signatory_designation=designation,
        distribution=tuple(distribution),
    )
    return builder.build(text)


def _signatory(lines: list[str]) -> tuple[str, str]:
    """The first two consecutive plain lines after the words line: name and designation."""
    started = False
    for first, second in itertools.pairwise(lines):
        a, b = _clean(first), _clean(second)
        if not started:
            started = bool(_WORDS_RE.match(a)) and "\t" not in first
            continue
        plain = not (_NUMBERED_PARA_RE.match(a) or _LIST_ITEM_RE.match(a))
        if a and b and "\t" not in first and ":" not in a + b and plain:
            return a, b
    return "", ""
