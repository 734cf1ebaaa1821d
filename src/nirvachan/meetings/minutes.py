"""Reading minutes laid out as seed 003 (pure Python, no Django).

The layout: a title line; a header block of "key : value" lines (তারিখ, স্থান, সভাপতি, সচিব,
অংশগ্রহণকারী); an opening paragraph; the agenda table as tab-separated rows whose cells hold
HTML (<p>, <ul>, <table>), a nested table being repeated as flat rows after its cell (and inline
before the last two cells), rows continued after page breaks (a row whose serial and topic cells
are empty); and the signature block (labels, then the chair's and the secretary's lines).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Final

from nirvachan.locale import LocaleError, parse_number, to_ascii_digits

HEADER_KEYS: Final[dict[str, str]] = {
    "তারিখ": "date",
    "date": "date",
    "स्थान": "venue",
    "স্থান": "venue",
    "venue": "venue",
    "সভাপতি": "chair",
    "chair": "chair",
    "अध्यक्ष": "chair",
    "সচিব": "secretary",
    "secretary": "secretary",
    "सचिव": "secretary",
    "অংশগ্রহণকারী": "participants",
    "participants": "participants",
    "प्रतिभागी": "participants",
    "दिनांक": "date",
}
TOTAL_WORDS: Final = ("মোট", "সর্বমোট", "total", "कुल", "योग")
SCALES: Final[tuple[tuple[str, str], ...]] = (
    ("কোটি", "crore"),
    ("करोड़", "crore"),
    ("crore", "crore"),
    ("লক্ষ", "lakh"),
    ("লাখ", "lakh"),
    ("लाख", "lakh"),
    ("lakh", "lakh"),
)


class MinutesError(ValueError):
    def __init__(self, message: str, *, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class TargetRowData:
    name: str
    value: Decimal
    text: str
    remark: str = ""


@dataclass(frozen=True, slots=True)
class TargetTableData:
    unit_label: str
    metric: str
    value_unit: str  # "taka", "percent" or "count"
    scale: str  # "one", "lakh" or "crore" (how the values are written)
    rows: tuple[TargetRowData, ...]
    total: Decimal | None
    total_label: str = ""

    @property
    def rows_sum(self) -> Decimal:
        return sum((r.value for r in self.rows), Decimal(0))


@dataclass(slots=True)
class ItemData:
    serial: int
    label: str
    topic: str
    discussion: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    tables: list[TargetTableData] = field(default_factory=list)
    implementer: str = ""
    deadline: str = ""
    line: int = 0


@dataclass(slots=True)
class MinutesData:
    title: str = ""
    header: dict[str, str] = field(default_factory=dict)
    opening: str = ""
    items: list[ItemData] = field(default_factory=list)
    chair_signature: list[str] = field(default_factory=list)
    secretary_signature: list[str] = field(default_factory=list)


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class _CellParser(HTMLParser):
    """Splits one cell into paragraphs (discussion), list blocks (decisions) and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.lists: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._text: list[str] = []
        self._ul = 0
        self._table = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def _flush(self) -> None:
        text = _nfc("".join(self._text))
        self._text = []
        if text:
            (self.lists if self._ul else self.paragraphs).append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._flush()
            self._table += 1
            self.tables.append([])
        elif self._table:
            if tag == "tr":
                self._row = []
            elif tag in ("td", "th"):
                self._cell = []
        elif tag == "ul" or tag == "ol":
            if self._ul == 0:
                self._flush()
            self._ul += 1
        elif (tag == "li" and self._ul) or (tag == "p" and not self._ul):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._table:
            if tag in ("td", "th") and self._cell is not None and self._row is not None:
                self._row.append(_nfc("".join(self._cell)))
                self._cell = None
            elif tag == "tr" and self._row is not None:
                self.tables[-1].append(self._row)
                self._row = None
            elif tag == "table":
                self._table -= 1
        elif tag in ("ul", "ol") and self._ul:
            if self._ul == 1:
                self._flush()
            self._ul -= 1
        elif (tag == "li" and self._ul) or (tag == "p" and not self._ul):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._table:
            if self._cell is not None:
                self._cell.append(data)
        else:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _value(text: str) -> tuple[Decimal, str, str]:
    """(value in the base unit, value unit, scale) of a cell such as "১.৮০ কোটি" or "৯৫%"."""
    clean = _nfc(text)
    unit, scale = "count", "one"
    if clean.endswith("%") or clean.endswith("٪"):
        return parse_number(clean.rstrip("%٪").strip()), "percent", "one"
    for word in ("টাকা", "taka", "tk", "৳", "रुपये", "₹"):
        if word in clean.lower():
            unit = "taka"
            clean = clean.lower().replace(word, "").strip()
    for word, name in SCALES:
        if word in clean:
            unit, scale = "taka", name
    return parse_number(clean), unit, scale


def parse_table(rows: list[list[str]]) -> TargetTableData:
    """A target table: a header row (unit, metric, remarks), unit rows and a total row."""
    if len(rows) < 2 or len(rows[0]) < 2:
        raise MinutesError("a target table needs a header row and at least one row")
    header = rows[0]
    body: list[TargetRowData] = []
    total: Decimal | None = None
    total_label = ""
    unit, scale = "count", "one"
    for row in rows[1:]:
        if len(row) < 2 or not row[0]:
            continue
        try:
            value, unit, scale = _value(row[1])
        except LocaleError as exc:
            raise MinutesError(f"{row[0]}: {row[1]!r} is not a number ({exc})") from None
        name = row[0].rstrip("-–: ").strip()
        if name.lower().startswith(TOTAL_WORDS):
            total, total_label = value, name
        else:
            remark = row[2] if len(row) > 2 else ""
            body.append(TargetRowData(name, value, row[1], remark))
    return TargetTableData(header[0], header[1], unit, scale, tuple(body), total, total_label)


def parse_cell(
    html: str,
) -> tuple[list[str], list[str], list[TargetTableData], list[list[str]]]:
    """(paragraphs, list blocks, target tables, the tables' raw rows) of one cell."""
    parser = _CellParser()
    parser.feed(html)
    parser.close()
    tables = [parse_table(t) for t in parser.tables if t]
    return parser.paragraphs, parser.lists, tables, [r for t in parser.tables for r in t]


def _serial(text: str) -> int | None:
    digits = to_ascii_digits(text).strip().rstrip(".।)").strip()
    return int(digits) if digits.isdigit() else None


def _header_line(line: str) -> tuple[str, str] | None:
    if ":" not in line:
        return None
    key, value = line.split(":", 1)
    name = HEADER_KEYS.get(_nfc(key).lower())
    return (name, _nfc(value)) if name else None


def parse_minutes(text: str) -> MinutesData:
    """Read minutes laid out as seed 003; raises MinutesError naming the line."""
    minutes = MinutesData()
    lines = unicodedata.normalize("NFC", text).replace("\f", "\n").splitlines()
    i = 0
    opening: list[str] = []
    # header block and opening paragraph, up to the table's heading row
    while i < len(lines):
        line = lines[i].strip()
        if "\t" in lines[i] and to_ascii_digits(line).startswith(("ক্রম", "क्रम", "Serial", "SL")):
            i += 1
            break
        if line:
            header = _header_line(line)
            if header is not None:
                minutes.header[header[0]] = header[1]
            elif not minutes.title:
                minutes.title = _nfc(line)
            else:
                opening.append(_nfc(line))
        i += 1
    else:
        raise MinutesError("no agenda table (a row starting with ক্রম) was found")
    minutes.opening = "\n".join(opening)
    flat_rows: set[tuple[str, ...]] = set()
    current: ItemData | None = None
    # the agenda table: rows with tabs; blank lines are page breaks; a line without tabs ends it
    while i < len(lines):
        raw = lines[i]
        i += 1
        if not raw.strip():
            continue
        if "\t" not in raw:
            i -= 1
            break
        cells = raw.split("\t")
        while cells and not cells[-1].strip():
            cells.pop()
        stripped = tuple(_nfc(c) for c in cells if c.strip())
        if stripped in flat_rows or not stripped:
            continue  # a nested table repeated as flat rows
        serial_text, topic = _nfc(cells[0]), _nfc(cells[1]) if len(cells) > 1 else ""
        html = cells[2] if len(cells) > 2 else ""
        try:
            paragraphs, lists, tables, raw_rows = parse_cell(html)
        except MinutesError as exc:
            raise MinutesError(str(exc), line=i) from None
        flat_rows.update(tuple(c for c in row if c) for row in raw_rows)
        if not serial_text and not topic:
            if current is None:
                raise MinutesError("a continued row comes before any agenda item", line=i)
            current.discussion.extend(paragraphs)
            current.decisions.extend(lists)
            current.tables.extend(tables)
            continue
        serial = _serial(serial_text) if serial_text else 0
        if serial is None:
            raise MinutesError(f"the serial {serial_text!r} is not a number", line=i)
        tail = [_nfc(c) for c in cells[3:]]
        current = ItemData(
            serial=serial,
            label=serial_text,
            topic=topic,
            implementer=tail[-2] if len(tail) >= 2 else "",
            deadline=tail[-1] if tail else "",
            line=i,
        )
        if not lists and not tables:
            lists, paragraphs = paragraphs, []  # a plain cell is one decision
        current.discussion.extend(paragraphs)
        current.decisions.extend(lists)
        current.tables.extend(tables)
        minutes.items.append(current)
    # the signature block: labels, then one block of lines for the chair and one for the secretary
    blocks: list[list[str]] = [[]]
    for raw in lines[i:]:
        line = _nfc(raw)
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b and _nfc(b[0]) not in HEADER_KEYS]
    if blocks:
        minutes.chair_signature = blocks[0]
    if len(blocks) > 1:
        minutes.secretary_signature = blocks[1]
    return minutes
