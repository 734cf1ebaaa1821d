"""Bulk import and export of the roll (CSV in UTF-8 or Parquet), streaming.

Every row is validated; valid rows are inserted in batches with bulk_create inside one
transaction. All-or-nothing by default: any invalid row rolls the whole import back. With a
rejects file the valid rows are kept and the invalid ones written out with a reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.india_states import INDIA_STATES
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.roll import chunks, events, rules, services
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Elector, Part, PollingStation

COLUMNS = (
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
BATCH = 5000
FAST_BATCH = 50_000  # rows of a Parquet batch
CSV_BLOCK = 8 << 20  # bytes of a CSV chunk
PARALLEL_BYTES = 32 << 20  # from this file size chunks are prepared in worker processes
MAX_LISTED = 20
_NUMERIC = ("epic", "dob", "age", "ac_no", "part_no", "serial_no", "polling_station_no")


class ImportRefused(Exception):
    def __init__(self, errors: list[rules.RowError], total: int) -> None:
        super().__init__(f"{total} invalid rows")
        self.errors = errors
        self.total = total


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    rejected: int = 0
    constituencies: int = 0
    parts: int = 0
    errors: list[rules.RowError] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "rejected": self.rejected,
            "constituencies": self.constituencies,
            "parts": self.parts,
            "errors": [
                {"line": e.line, "field": e.field, "message": e.message}
                for e in self.errors[:MAX_LISTED]
            ],
        }


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) from a CSV (header on line 1) or a Parquet file, streaming."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        line = 1
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH):
            for record in batch.to_pylist():
                line += 1
                yield line, {k: "" if v is None else str(v) for k, v in record.items()}
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
            )
        for record in reader:
            yield reader.line_num, {k: (v or "") for k, v in record.items() if k}


class _Units:
    """State (India) or district (Bangladesh) units by any of their names, cached."""

    def __init__(self) -> None:
        self.by_name: dict[str, AdminUnit] = {}
        self.by_pk: dict[int, AdminUnit] = {}
        india = {code: en for key, (code, en, _hi) in INDIA_STATES.items()}
        for unit in AdminUnit.objects.filter(kind__in=("state", "district")):
            names = [unit.name_en, unit.name_bn, unit.name_hi, unit.code]
            if unit.code in india:
                names.append(india[unit.code])
            self.by_pk[unit.pk] = unit
            for n in names:
                if n:
                    self.by_name.setdefault(n.strip().casefold(), unit)
        for key, (code, _en, _hi) in INDIA_STATES.items():
            unit = self.by_name.get(code.casefold())
            if unit is not None:
                self.by_name.setdefault(key.casefold(), unit)

    def get(self, name: str) -> AdminUnit | None:
        return self.by_name.get(name.strip().casefold())

    def unit(self, pk: int) -> AdminUnit:
        return self.by_pk[pk]

    def refs(self) -> dict[str, chunks.UnitRef]:
        """The names for a worker process (casefolded; no model instances)."""
        return {
            name: chunks.UnitRef(unit.pk, unit.code, unit.country)
            for name, unit in self.by_name.items()
        }


@dataclass
class _Context:
    units: _Units
    qualifying_date: dt.date
    keys: set[str] = field(default_factory=set)
    serials: set[tuple[str, int, int, int]] = field(default_factory=set)
    constituencies: dict[tuple[int, int], Constituency] = field(default_factory=dict)
    parts: dict[tuple[int, int], Part] = field(default_factory=dict)
    stations: dict[tuple[int, int], PollingStation] = field(default_factory=dict)
    new_constituencies: int = 0
    new_parts: int = 0
    key_of: chunks.KeyCache = field(default_factory=chunks.KeyCache)
    empty_roll: bool = False


def _int(row: dict[str, str], name: str) -> int | None:
    text = rules.to_ascii(row.get(name, "").strip())
    return int(text) if text.isdigit() else None


def _validate(line: int, raw: dict[str, str], ctx: _Context) -> tuple[Any, list[rules.RowError]]:
    row = {k: unicodedata.normalize("NFC", v).strip() for k, v in raw.items()}
    errs: list[rules.RowError] = []

    def err(field_name: str, message: str) -> None:
        errs.append(rules.RowError(line, field_name, message))

    for name in _NUMERIC:
        if rules.mixed_digits(row.get(name, "")):
            err(name, _("mixes digits of different scripts"))
    if errs:
        return None, errs
    unit = ctx.units.get(row.get("state", ""))
    if unit is None:
        err("state", _("unknown state or district %(s)s") % {"s": row.get("state", "")})
    key = rules.clean_key(row.get("epic", ""))
    kind = rules.key_kind_for(unit.country) if unit else rules.key_kind_of(key) or "epic"
    if not rules.key_valid(kind, key):
        err("epic", _("%(key)s is not a valid %(kind)s number") % {"key": key, "kind": kind})
    elif key in ctx.keys:
        err("epic", _("%(key)s is repeated in the file") % {"key": key})
    if not row.get("name"):
        err("name", _("the name is empty"))
    relation = rules.RELATION_CODES.get(row.get("relation", "").upper())
    if relation is None:
        err("relation", _("relation must be F, M, H, W or O"))
    gender = rules.GENDER_CODES.get(row.get("gender", "").upper())
    if gender is None:
        err("gender", _("gender must be M, F or T"))
    dob = rules.parse_iso_date(row["dob"]) if row.get("dob") else None
    age = _int(row, "age")
    if row.get("dob") and dob is None:
        err("dob", _("unreadable date of birth %(d)s") % {"d": row["dob"]})
    elif dob is None and age is None:
        err("age", _("give the date of birth or the age"))
    else:
        years = rules.age_on(dob, ctx.qualifying_date) if dob else age
        if years is not None and years < 18:
            err("dob", _("under 18 on the qualifying date %(d)s") % {"d": ctx.qualifying_date})
    ac_no, part_no, serial = _int(row, "ac_no"), _int(row, "part_no"), _int(row, "serial_no")
    ps_no = _int(row, "polling_station_no") or part_no
    for name, value in (("ac_no", ac_no), ("part_no", part_no), ("serial_no", serial)):
        if not value:
            err(name, _("must be a positive whole number"))
    if unit is not None and ac_no and part_no and serial:
        slot = (unit.code, ac_no, part_no, serial)
        if slot in ctx.serials:
            err(
                "serial_no",
                _("serial %(s)s is repeated in part %(p)s") % {"s": serial, "p": part_no},
            )
    if errs:
        return None, errs
    assert unit is not None and ac_no and part_no and serial and relation and gender
    ctx.keys.add(key)
    ctx.serials.add((unit.code, ac_no, part_no, serial))
    return (
        (unit, key, kind, row, relation, gender, dob, age, ac_no, part_no, serial, ps_no),
        [],
    )


def _part_for(
    ctx: _Context, unit: AdminUnit, row: dict[str, str], ac_no: int, part_no: int, ps_no: int
) -> Part:
    ac = ctx.constituencies.get((unit.pk, ac_no))
    if ac is None:
        existed = Constituency.objects.filter(code=f"{unit.code}-AC-{ac_no}").exists()
        ac = services.constituency_ensure(
            unit=unit, number=ac_no, name=row.get("ac_name") or str(ac_no)
        )
        ctx.constituencies[(unit.pk, ac_no)] = ac
        ctx.new_constituencies += 0 if existed else 1
    part = ctx.parts.get((ac.pk, part_no))
    if part is None:
        station = ctx.stations.get((ac.pk, ps_no))
        if station is None:
            station = services.station_ensure(
                constituency=ac, number=ps_no, name=row.get("polling_station_name") or str(ps_no)
            )
            ctx.stations[(ac.pk, ps_no)] = station
        existed = Part.objects.filter(constituency=ac, number=part_no).exists()
        part = services.part_ensure(
            constituency=ac,
            number=part_no,
            name=row.get("part_name") or str(part_no),
            station=station,
        )
        ctx.parts[(ac.pk, part_no)] = part
        ctx.new_parts += 0 if existed else 1
    return part


def _flush(
    ctx: _Context,
    batch: list[tuple[int, Any]],
    result: ImportResult,
    reject: Callable[[int, dict[str, str], list[rules.RowError]], None],
) -> None:
    keys = [v[1] for _line, v in batch]
    # Into a roll that was empty when the import began only this file's rows can be there
    # (and its unique indexes are dropped for the load): the file's repeats are found by
    # ctx.keys, or by the re-creation of the indexes (bulkload.RepeatsFound).
    look = not ctx.empty_roll
    taken = (
        set(Elector.objects.filter(key__in=keys).values_list("key", flat=True)) if look else set()
    )
    taken_message = _("%(key)s is already on the roll")
    rows: list[tuple[int, dict[str, str], tuple[Any, ...]]] = []
    touched: dict[int, int] = {}
    part_numbers: dict[int, int] = {}
    now = timezone.now()
    for line, v in batch:
        unit, key, kind, row, relation, gender, dob, age, ac_no, part_no, serial, ps_no = v
        if key in taken:
            reject(line, row, [rules.RowError(line, "epic", taken_message % {"key": key})])
            continue
        part = _part_for(ctx, unit, row, ac_no, part_no, ps_no)
        part_numbers[part.pk] = part.number
        relative = row.get("relative_name", "")
        values = (
            kind,
            key,
            row["name"],
            ctx.key_of(row["name"]),
            relative,
            ctx.key_of(relative),
            relation,
            gender,
            dob,
            None if dob else age,
            None if dob else ctx.qualifying_date,
            row.get("house_no", ""),
            row.get("address", ""),
            part.constituency_id,
            part.pk,
            serial,
            Elector.Status.ACTIVE.value,
            "",
            None,
            now,
        )
        rows.append((line, row, values))
        touched[part.pk] = max(touched.get(part.pk, 0), serial)
    if rows:
        parts_serials = (
            set(
                Elector.objects.filter(
                    part_id__in=list(touched), serial__in=list({v[15] for _l, _r, v in rows})
                ).values_list("part_id", "serial")
            )
            if look
            else set()
        )
        keep = []
        for line, row, v in rows:
            if (v[14], v[15]) in parts_serials:
                message = _("serial %(s)s is taken in part %(p)s")
                reject(
                    line,
                    row,
                    [
                        rules.RowError(
                            line, "serial_no", message % {"s": v[15], "p": part_numbers[v[14]]}
                        )
                    ],
                )
            else:
                keep.append(v)
        _insert(keep)
        result.imported += len(keep)
    for part_id, top in touched.items():
        Part.objects.filter(pk=part_id, last_serial__lt=top).update(last_serial=top)


_ELECTOR_COLUMNS = (
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
    "constituency_id",
    "part_id",
    "serial",
    "status",
    "status_reason",
    "changed_by_id",
    "created_at",
)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert validated elector rows: COPY on PostgreSQL, executemany elsewhere.

    The ORM's bulk_create spends most of an import preparing each field of each object; the
    rows here are already validated and typed, so they go to the driver as they are.
    """
    if not rows:
        return
    table = connection.ops.quote_name(Elector._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in _ELECTOR_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            return
        adapt_date = connection.ops.adapt_datefield_value
        created = connection.ops.adapt_datetimefield_value(rows[0][19])
        marks = ", ".join(["%s"] * len(_ELECTOR_COLUMNS))
        cursor.executemany(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})",  # noqa: S608 (model names)
            [(*r[:8], adapt_date(r[8]), r[9], adapt_date(r[10]), *r[11:19], created) for r in rows],
        )


_Unreadable = chunks.Unreadable


def read_blocks(path: Path) -> Iterator[chunks.Item]:
    """The file in blocks for `chunks.parse`, streaming: whole lines of a CSV file (about
    CSV_BLOCK bytes each, cut after a line break; parsed by the workers), or Parquet batches
    of strings (the COLUMNS)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=FAST_BATCH, columns=COLUMNS):
            yield pa.RecordBatch.from_arrays(
                [pc.cast(batch.column(c), pa.string()) for c in COLUMNS], names=list(COLUMNS)
            )
        return
    with path.open("rb") as handle:
        first = handle.readline()
        try:
            header = tuple(next(csv.reader([first.decode("utf-8-sig")]), []))
        except UnicodeDecodeError as exc:
            raise _Unreadable(str(exc)) from exc
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
            )
        rest = b""
        while data := handle.read(CSV_BLOCK):
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield chunks.CsvBlock(data[:cut], header)
        if rest.strip():
            yield chunks.CsvBlock(rest, header)


def default_workers(path: Path) -> int:
    """Worker processes for a file: none for a small one (starting them costs more than it
    saves), else one per core up to two (the importing process keeps a core busy with the
    database's side)."""
    if path.stat().st_size < PARALLEL_BYTES:
        return 0
    return max(1, min(2, (os.cpu_count() or 1)))


def roll_import(
    *,
    path: Path,
    rejects: TextIO | None = None,
    actor: Any = None,
    qualifying_date: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Import a roll file. Without `rejects`, any invalid row refuses the whole file
    (ImportRefused with the first 20 errors); with it, invalid rows are written there.

    Chunks read by Arrow go through `bulkload.FastLoader` when all their rows are certainly
    valid, and row by row otherwise; a file Arrow cannot split is read row by row throughout.
    `workers` processes prepare the chunks (None: `default_workers`; 0: a thread of this
    process).
    """
    qualifying_date = qualifying_date or rules.qualifying_date_for(
        timezone.localdate(), services.qualifying_dates()
    )
    from nirvachan.roll.bulkload import RepeatsFound

    def again() -> None:
        if rejects is not None:
            rejects.seek(0)
            rejects.truncate()

    try:
        return _run(path, rejects, actor, qualifying_date, progress, fast=True, workers=workers)
    except _Unreadable:
        again()
        return _run(path, rejects, actor, qualifying_date, progress, fast=False)
    except RepeatsFound:
        # The file repeats a key or a part serial between two chunks: all was rolled back;
        # once more, keeping the key sets, so that the rows are named.
        again()
        return _run(
            path, rejects, actor, qualifying_date, progress, fast=True, workers=workers, track=True
        )


def _run(
    path: Path,
    rejects: TextIO | None,
    actor: Any,
    qualifying_date: dt.date,
    progress: Callable[[int], None] | None,
    *,
    fast: bool,
    workers: int | None = None,
    track: bool = False,
) -> ImportResult:
    from nirvachan.roll import bulkload

    result = ImportResult()
    ctx = _Context(units=_Units(), qualifying_date=qualifying_date)
    writer = None
    if rejects is not None:
        writer = csv.writer(rejects)
        writer.writerow(["line", *COLUMNS, "reason"])

    def reject(line: int, row: dict[str, str], errs: list[rules.RowError]) -> None:
        result.rejected += 1
        if len(result.errors) < 1000:
            result.errors.extend(errs)
        if writer is not None:
            reason = "; ".join(f"{e.field}: {e.message}" for e in errs)
            writer.writerow([line, *(row.get(c, "") for c in COLUMNS), reason])

    batch: list[tuple[int, Any]] = []

    def row_by_row(rows: Iterator[tuple[int, dict[str, str]]]) -> None:
        nonlocal batch
        for line, raw in rows:
            result.rows += 1
            value, errs = _validate(line, raw, ctx)
            if errs:
                reject(line, raw, errs)
            else:
                batch.append((line, value))
            if len(batch) >= BATCH:
                _flush(ctx, batch, result, reject)
                batch = []
                if progress:
                    progress(result.rows)

    indexes = loader = scratch = None
    # SQLite checks each row's foreign keys as it goes (a third of a load's insert time);
    # outside a transaction they can be switched off and all checked once before the commit.
    unchecked = (
        fast and connection.vendor == "sqlite" and not connection.in_atomic_block
    ) and connection.disable_constraint_checking()
    try:
        with transaction.atomic():
            audit_record(event_type=events.IMPORT_STARTED, actor=actor, summary={"file": path.name})
            ctx.empty_roll = not Elector.objects.exists()
            indexes = bulkload.Indexes.drop() if fast and ctx.empty_roll else None
            if fast:
                # The unique indexes find the file's repeats: at once on a roll that is not
                # empty, or when they are re-created after a load into an empty one.
                loader = bulkload.FastLoader(ctx, _part_for, timezone.now(), track=track)
                loader.open()
                scratch = tempfile.mkdtemp(prefix="nirvachan-roll-import-")
                spec = chunks.Spec(
                    ctx.units.refs(), qualifying_date, connection.vendor, track, scratch, COLUMNS
                )
                if workers is None:
                    workers = default_workers(path)
                for block, prepared in chunks.prepared_chunks(read_blocks(path), spec, workers):
                    line = result.rows + 2
                    written = (
                        loader.commit(prepared) if prepared is not None and not batch else None
                    )
                    if written is not None:
                        result.rows += written
                        result.imported += written
                    else:
                        rows = chunks.parse(block, COLUMNS).to_pylist()
                        row_by_row(
                            (line + i, {k: v or "" for k, v in r.items()})
                            for i, r in enumerate(rows)
                        )
                    if batch and len(batch) < BATCH:
                        _flush(ctx, batch, result, reject)
                        batch = []
                    if progress:
                        progress(result.rows)
                loader.finish()
            else:
                row_by_row(read_rows(path))
            if batch:
                _flush(ctx, batch, result, reject)
            if progress:
                progress(result.rows)
            result.constituencies, result.parts = ctx.new_constituencies, ctx.new_parts
            if result.rejected and rejects is None:
                transaction.set_rollback(True)
                raise ImportRefused(result.errors[:MAX_LISTED], result.rejected)
            if unchecked:  # IntegrityError naming the row, should a part id ever be wrong
                connection.check_constraints(
                    table_names=[
                        m._meta.db_table for m in (Elector, Part, PollingStation, Constituency)
                    ]
                )
            if indexes is not None:
                indexes.restore()
            audit_record(
                event_type=events.IMPORT_COMPLETED,
                actor=actor,
                summary={k: v for k, v in result.summary().items() if k != "errors"},
            )

    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if unchecked:
            connection.enable_constraint_checking()
        if indexes is not None:
            indexes.close()
        if loader is not None:
            loader.close()
    return result


def roll_export(*, constituency: Constituency, out: Path, fmt: str) -> int:
    """Write the active electors of one constituency in the import format."""
    relation = {v: k for k, v in rules.RELATION_CODES.items()}
    gender = {v: k for k, v in rules.GENDER_CODES.items()}
    state = constituency.unit.name_en
    qs = (
        Elector.objects.filter(constituency=constituency, status=Elector.Status.ACTIVE)
        .select_related("part__polling_station")
        .order_by("part__number", "serial")
    )

    def rows() -> Iterator[dict[str, Any]]:
        for e in qs.iterator(chunk_size=BATCH):
            yield {
                "epic": e.key,
                "name": e.name,
                "relative_name": e.relative_name,
                "relation": relation[e.relation],
                "gender": gender[e.gender],
                "dob": e.dob.isoformat() if e.dob else "",
                "age": "" if e.age is None else e.age,
                "house_no": e.house_no,
                "address": e.address,
                "state": state,
                "ac_no": constituency.number,
                "ac_name": constituency.name_en,
                "part_no": e.part.number,
                "part_name": e.part.name,
                "serial_no": e.serial,
                "polling_station_no": e.part.polling_station.number,
                "polling_station_name": e.part.polling_station.name,
            }

    count = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.string()) for c in COLUMNS])
        with pq.ParquetWriter(out, schema) as pw:
            chunk: list[dict[str, Any]] = []
            for r in rows():
                chunk.append({k: str(v) for k, v in r.items()})
                if len(chunk) >= BATCH:
                    pw.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    count += len(chunk)
                    chunk = []
            if chunk:
                pw.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
        return count
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.DictWriter(handle, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows():
            w.writerow(r)
            count += 1
    return count
