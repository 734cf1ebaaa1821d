"""The pure half of the roll import's fast path: one Arrow chunk of the file validated, typed
and name-keyed without the database, in a worker process or a thread (no Django here).

`prepare` returns None when any row of the chunk needs the importer's row-by-row validation
(which names the line and the field); otherwise every row is *certainly* valid under the
importer's rules: EPIC/NID format for the state's country, no key or part serial repeated
within the chunk, a name, relation and gender codes, an ISO date of birth that round-trips (or
an age), 18 on the qualifying date, positive constituency/part/serial numbers, ASCII digits
only, a known state or district. Repeats *between* chunks and against the roll are the
database's to find (unique constraints) or the loader's (key sets on PostgreSQL).

For SQLite the worker also writes the chunk's rows into a small SQLite database (with ADBC's
driver, straight from the Arrow columns) and returns its bytes: the importing connection
deserializes them into an attached in-memory schema and copies the rows with one INSERT …
SELECT, so that no Python binding of a million rows happens anywhere, and none in the process
that holds the write transaction. `roll.workers.prepared_chunks` runs `prepare` in a pool of
processes (large files) or in one thread, and yields the chunks in file order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import uuid
from dataclasses import dataclass
from typing import Any, TypeAlias

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from nirvachan.locale import name_key
from nirvachan.roll import rules

# The typed columns of an elector row as the worker makes them (the loader adds the part,
# the constituency, the status and the time).
TYPED_COLUMNS = (
    "key_kind",
    "key",
    "name",
    "name_key",
    "relative_name",
    "relative_key",
    "relation",
    "gender",
    "dob",
    "age",
    "age_on",
    "house_no",
    "address",
)
# Every column an import writes: the typed ones, then the part's and the row's state.
ELECTOR_COLUMNS = (
    *TYPED_COLUMNS,
    "constituency_id",
    "part_id",
    "serial",
    "status",
    "status_reason",
    "changed_by_id",
    "created_at",
)
# The staged rows of SQLite: the key kind follows the slot's country and age_on the date of
# birth's absence, so the loader's INSERT … SELECT supplies those two.
STAGE_TABLE = "elector_rows"
STAGED_COLUMNS = (
    *(c for c in TYPED_COLUMNS if c not in ("key_kind", "age_on")),
    "slot",
    "serial",
)
_TEXT = (
    "name",
    "relative_name",
    "house_no",
    "address",
    "state",
    "ac_name",
    "part_name",
    "polling_station_name",
    "relation",
    "gender",
)
_NUMERIC = ("epic", "dob", "age", "ac_no", "part_no", "serial_no", "polling_station_no")
_DIGITS = "^[0-9]+$"
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NID = "^(?:[0-9]{10}|[0-9]{13}|[0-9]{17})$"
_EPIC = "^[A-Z]{3}[0-9]{7}$"
_BIG = 1_000_000  # constituency and part numbers stay below this (checked)
_KEY_CACHE_LIMIT = 500_000


@dataclass(frozen=True)
class UnitRef:
    """A state (India) or district (Bangladesh) as the worker needs it."""

    pk: int
    code: str
    country: str


class Unreadable(Exception):
    """Arrow could not read a block of the file (e.g. a quoted value spanning lines): the
    importer reads such a file with the csv module, row by row."""


@dataclass(frozen=True)
class CsvBlock:
    """Whole lines of a CSV file (no header), as read from disk."""

    data: bytes
    header: tuple[str, ...]


@dataclass(frozen=True)
class Spec:
    """What a worker needs to check rows: units by any of their names (casefolded), the
    qualifying date, which database the rows are for, and whether the loader wants each
    chunk's keys and part serials (`track`) to find the file's repeats itself."""

    units: dict[str, UnitRef]
    qualifying_date: dt.date
    vendor: str
    track: bool = True
    scratch: str = ""  # a directory for the staging files (SQLite); "" = the system's
    columns: tuple[str, ...] = ()  # the file columns the importer reads


@dataclass
class Chunk:
    """A chunk's rows, certainly valid, waiting for their parts and their insert.

    Slots are the chunk's distinct (unit, constituency, part) in first-seen order; each row
    refers to its slot by index (`table["slot"]`, or the staged database's `slot` column)."""

    rows: int
    units: list[UnitRef]
    slots: list[tuple[int, int, int, int]]  # (unit index, ac_no, part_no, polling station no)
    heads: list[dict[str, str]]  # per slot: ac_name, part_name, polling_station_name
    top_serial: list[int]  # per slot
    keys: list[str]  # empty unless the spec tracks them
    serials: set[tuple[str, int, int, int]]  # (unit code, ac_no, part_no, serial), ditto
    table: pa.Table | None = None  # typed columns + slot + serial (PostgreSQL)
    staged: bytes | None = None  # serialized SQLite database (SQLite)


def _all(mask: Any) -> bool:
    return bool(pc.all(mask).as_py()) if len(mask) else True


class KeyCache:
    """name_key once per distinct name (a roll repeats names and relatives' names)."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        found = self.cache.get(text)
        if found is None:
            if len(self.cache) > _KEY_CACHE_LIMIT:
                self.cache.clear()
            found = self.cache[text] = name_key(text)
        return found

    def column(self, names: Any) -> Any:
        encoded = pc.dictionary_encode(names)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        distinct = [self(t) for t in encoded.dictionary.to_pylist()]
        return pc.take(pa.array(distinct, pa.string()), encoded.indices)


Item: TypeAlias = CsvBlock | pa.RecordBatch  # a CSV block, or a Parquet batch


def parse(item: Item, columns: tuple[str, ...]) -> pa.RecordBatch:
    """A block's lines as a record batch of strings (a Parquet batch is one already)."""
    if not isinstance(item, CsvBlock):
        return item
    try:
        table = pacsv.read_csv(
            pa.BufferReader(item.data),
            read_options=pacsv.ReadOptions(column_names=list(item.header), use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in columns},
                include_columns=list(columns),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise Unreadable(str(exc)) from exc
    batches = table.combine_chunks().to_batches()
    batch = batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)
    # A quoted value over several lines shifts line numbers (and may have been cut).
    if spans_lines(batch):
        raise Unreadable("a value spans lines")
    return batch


def spans_lines(batch: pa.RecordBatch) -> bool:
    """Whether any value holds a line break: a byte search over each column's character
    data (a regular expression over every value took a third of a million-row import)."""
    for column in batch.columns:
        data = column.buffers()[2]  # (validity, offsets, characters) of a string array
        if data is not None:
            raw = data.to_pybytes()
            if b"\n" in raw or b"\r" in raw:
                return True
    return False


def prepare(batch: pa.RecordBatch, spec: Spec, key_of: KeyCache) -> Chunk | None:
    """Validate and type a chunk; None when any row needs the row-by-row validation."""
    n = batch.num_rows
    if n == 0:
        return None
    col: dict[str, Any] = {}
    for name in batch.schema.names:
        v = batch.column(name)
        if v.null_count:
            v = pc.fill_null(v, "")
        col[name] = v
    # Digits: ASCII only (native or mixed digits go row by row, where they are named).
    for name in _NUMERIC:
        if not _all(pc.string_is_ascii(col[name])):
            return None
        col[name] = pc.ascii_trim_whitespace(col[name])
    for name in _TEXT:
        v = col[name]
        if not _all(pc.string_is_ascii(v)):
            v = pc.utf8_normalize(v, "NFC")
        col[name] = pc.utf8_trim_whitespace(v)
    # State or district → unit; the key kind follows its country.
    states = pc.unique(col["state"]).to_pylist()
    found = [spec.units.get(s.strip().casefold()) for s in states]
    if any(u is None for u in found):
        return None
    units = [u for u in found if u is not None]
    unit_idx = pc.index_in(col["state"], value_set=pa.array(states, pa.string()))
    kinds = [rules.key_kind_for(u.country) for u in units]
    kind = pc.take(pa.array(kinds, pa.string()), unit_idx)
    key = pc.utf8_upper(pc.replace_substring(col["epic"], " ", ""))
    key_ok = pc.if_else(
        pc.equal(kind, "nid"),
        pc.match_substring_regex(key, _NID),
        pc.match_substring_regex(key, _EPIC),
    )
    if not _all(key_ok):
        return None
    if not _all(pc.greater(pc.utf8_length(col["name"]), 0)):
        return None
    for name, limit in rules.FIELD_LIMITS.items():
        if not _all(pc.less_equal(pc.utf8_length(col[name]), limit)):
            return None
    relation = pc.utf8_upper(col["relation"])
    gender = pc.utf8_upper(col["gender"])
    rel_codes = pa.array(list(rules.RELATION_CODES), pa.string())
    gen_codes = pa.array(list(rules.GENDER_CODES), pa.string())
    if not (
        _all(pc.is_in(relation, value_set=rel_codes))
        and _all(pc.is_in(gender, value_set=gen_codes))
    ):
        return None
    relation = pc.take(
        pa.array(list(rules.RELATION_CODES.values())),
        pc.index_in(relation, value_set=rel_codes),
    )
    gender = pc.take(
        pa.array(list(rules.GENDER_CODES.values())), pc.index_in(gender, value_set=gen_codes)
    )
    # Date of birth (ISO, a real day) or age; 18 on the qualifying date.
    qd = spec.qualifying_date
    has_dob = pc.greater(pc.utf8_length(col["dob"]), 0)
    dob_text = pc.if_else(has_dob, col["dob"], "2000-01-01")
    if not _all(pc.match_substring_regex(dob_text, _DATE)):
        return None
    stamp = pc.strptime(dob_text, format="%Y-%m-%d", unit="s", error_is_null=True)
    if stamp.null_count:
        return None
    dob = pc.cast(stamp, pa.date32())
    if not _all(pc.equal(pc.cast(dob, pa.string()), dob_text)):
        return None  # 2023-02-30 would read as 2 March
    later = pc.greater(
        pc.add(pc.multiply(pc.month(stamp), 100), pc.day(stamp)), qd.month * 100 + qd.day
    )
    dob_age = pc.subtract(pc.subtract(qd.year, pc.year(stamp)), pc.cast(later, pa.int64()))
    age_text = pc.if_else(has_dob, "18", col["age"])
    if not _all(pc.match_substring_regex(age_text, _DIGITS)) or not _all(
        pc.less(pc.utf8_length(age_text), 6)
    ):
        return None
    age = pc.cast(age_text, pa.int64())
    years = pc.if_else(has_dob, dob_age, age)
    if not (_all(pc.greater_equal(years, 18)) and _all(pc.less_equal(years, rules.MAX_AGE))):
        return None
    numbers = {}
    for name in ("ac_no", "part_no", "serial_no"):
        v = col[name]
        if not _all(pc.match_substring_regex(v, _DIGITS)) or not _all(
            pc.less(pc.utf8_length(v), 10)
        ):
            return None
        numbers[name] = pc.cast(v, pa.int64())
        if not _all(pc.greater(numbers[name], 0)):
            return None
    ac_no, part_no, serial = numbers["ac_no"], numbers["part_no"], numbers["serial_no"]
    if not (_all(pc.less(ac_no, _BIG)) and _all(pc.less(part_no, _BIG))):
        return None
    ps_text = col["polling_station_no"]
    if not _all(pc.less(pc.utf8_length(ps_text), 10)):
        return None  # out of range: the row path names it
    ps_ok = pc.and_(
        pc.match_substring_regex(ps_text, _DIGITS), pc.less(pc.utf8_length(ps_text), 10)
    )
    ps_no = pc.if_else(ps_ok, pc.cast(pc.if_else(ps_ok, ps_text, "0"), pa.int64()), 0)
    ps_no = pc.if_else(pc.greater(ps_no, 0), ps_no, part_no)
    # Repeats within the chunk.
    if pc.count_distinct(key).as_py() != n:
        return None
    packed = pc.add(
        pc.multiply(pc.cast(unit_idx, pa.int64()), _BIG * _BIG),
        pc.add(pc.multiply(ac_no, _BIG), part_no),
    )
    if len(pa.table({"p": packed, "s": serial}).group_by(["p", "s"]).aggregate([])) != n:
        return None
    keys: list[str] = []
    serials: set[tuple[str, int, int, int]] = set()
    if spec.track:
        keys = key.to_pylist()
        codes = pc.take(pa.array([u.code for u in units], pa.string()), unit_idx).to_pylist()
        serials = set(
            zip(codes, ac_no.to_pylist(), part_no.to_pylist(), serial.to_pylist(), strict=True)
        )
    # Slots: the chunk's distinct parts in first-seen order, and each row's slot.
    distinct = pc.unique(packed)  # in first-seen order
    firsts = pa.array(pc.index_in(distinct, value_set=packed).to_pylist(), pa.int64())
    slot = pc.cast(pc.index_in(packed, value_set=distinct), pa.int32())
    heads = batch.select(["ac_name", "part_name", "polling_station_name"]).take(firsts)
    top = (
        pa.table({"slot": slot, "serial": serial})
        .group_by("slot")
        .aggregate([("serial", "max")])
        .sort_by("slot")
        .column("serial_max")
        .to_pylist()
    )
    table = pa.table(
        {
            "key_kind": kind,
            "key": key,
            "name": col["name"],
            "name_key": key_of.column(col["name"]),
            "relative_name": col["relative_name"],
            "relative_key": key_of.column(col["relative_name"]),
            "relation": relation,
            "gender": gender,
            "dob": pc.if_else(has_dob, dob, pa.scalar(None, pa.date32())),
            "age": pc.if_else(has_dob, pa.scalar(None, pa.int64()), age),
            "age_on": pc.if_else(has_dob, pa.scalar(None, pa.date32()), pa.scalar(qd, pa.date32())),
            "house_no": col["house_no"],
            "address": col["address"],
            "slot": slot,
            "serial": serial,
        }
    )
    chunk = Chunk(
        rows=n,
        units=units,
        slots=list(
            zip(
                *(pc.take(a, firsts).to_pylist() for a in (unit_idx, ac_no, part_no, ps_no)),
                strict=True,
            )
        ),
        heads=[{k: (v or "").strip() for k, v in h.items()} for h in heads.to_pylist()],
        top_serial=top,
        keys=keys,
        serials=serials,
    )
    if spec.vendor == "sqlite":
        chunk.staged = stage(table, spec.scratch)
    else:
        chunk.table = table
    return chunk


def stage(table: pa.Table, directory: str) -> bytes:
    """The typed rows (STAGED_COLUMNS) as a serialized SQLite database (dates as ISO text,
    as Django stores them in SQLite). ADBC's SQLite driver writes the Arrow columns with its
    own C loop (a third of the time of sqlite3's executemany over Python values) into a
    scratch file, whose bytes are the serialized database."""
    from adbc_driver_sqlite import dbapi as adbc  # type: ignore[import-not-found,unused-ignore]

    staged = pa.table(
        {
            c: (pc.cast(table.column(c), pa.string()) if c == "dob" else table.column(c))
            for c in STAGED_COLUMNS
        }
    )
    name = f"roll-stage-{os.getpid()}-{uuid.uuid4().hex}.sqlite3"
    path = os.path.join(directory or tempfile.gettempdir(), name)
    try:
        with adbc.connect(path) as db:
            with db.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode = OFF")
                cursor.adbc_ingest(STAGE_TABLE, staged, mode="create")
            db.commit()
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
