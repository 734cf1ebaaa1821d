"""Bulk import and export of the roll (CSV in UTF-8 or Parquet), streaming.

Every row is validated, in one transaction: by whole chunks on the fast path (`roll.chunks`
in worker processes, `roll.bulkload` for the writes; ADR 0009) or, at any doubt, row by row
(`roll.rowpath`, which names the line and field). All-or-nothing by default: any invalid row
rolls the whole import back. With a rejects file the valid rows are kept and the invalid ones
written out with a reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.roll import chunks, events, rules, services
from nirvachan.roll import workers as workers_
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Elector, Part, PollingStation
from nirvachan.roll.rowpath import (
    BATCH,
    COLUMNS,
    MAX_LISTED,
    ImportRefused,
    ImportResult,
    _Context,
    _flush,
    _part_for,
    _Units,
    _validate,
)

FAST_BATCH = 50_000  # rows of a Parquet batch
CSV_BLOCK = 8 << 20  # bytes of a CSV chunk
PARALLEL_BYTES = 32 << 20  # from this file size chunks are prepared in worker processes
_Unreadable = chunks.Unreadable


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) from a CSV (header on line 1) or a Parquet file, streaming."""
    if path.suffix.lower() == ".parquet":
        line = 1
        for batch in _parquet_batches(path, batch_size=BATCH):
            for record in batch.to_pylist():
                line += 1
                yield line, {k: "" if v is None else str(v) for k, v in record.items()}
        return
    with path.open("rb") as handle:
        reader = csv.DictReader(_utf8_lines(handle))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
            )
        for record in reader:
            yield reader.line_num, {k: (v or "") for k, v in record.items() if k}


def _utf8_lines(handle: Any) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is refused with its number (a file
    saved in another encoding: Excel's plain "CSV", Latin-1, UTF-16…)."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _('Line %(line)s is not UTF-8 text: save the file as "CSV UTF-8".')
                % {"line": number},
                line=number,
            ) from None


def _parquet_batches(path: Path, **options: Any) -> Iterator[Any]:
    """A Parquet file's batches; a file that is not readable Parquet is refused."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        yield from pq.ParquetFile(path).iter_batches(**options)
    except (pa.ArrowInvalid, pa.ArrowException, OSError):
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("The file cannot be read as Parquet, or lacks a column the roll needs."),
        ) from None


def read_blocks(path: Path) -> Iterator[chunks.Item]:
    """The file in blocks for `chunks.parse`, streaming: whole lines of a CSV file (about
    CSV_BLOCK bytes each, cut after a line break; parsed by the workers), or Parquet batches
    of strings (the COLUMNS)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if path.suffix.lower() == ".parquet":
        for batch in _parquet_batches(path, batch_size=FAST_BATCH, columns=list(COLUMNS)):
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
        blank = False  # the lines so far end in a blank line
        while data := handle.read(CSV_BLOCK):
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                block = data[:cut]
                blank = _blank_then_rows(block, blank)
                yield chunks.CsvBlock(block, header)
        if rest.strip():
            _blank_then_rows(rest, blank)
            yield chunks.CsvBlock(rest, header)


def _blank_then_rows(block: bytes, blank_before: bool) -> bool:
    """Whether the block ends in a blank line; _Unreadable when a blank line has rows after
    it (Arrow skips blank lines, which would shift the line numbers the errors name, so such a
    file goes to the csv module). Blank lines at the end of a file are harmless."""
    body = block.rstrip(b"\r\n")
    starts_blank = body.startswith((b"\n", b"\r\n"))
    if body and (blank_before or starts_blank or _has_blank_line(body)):
        raise _Unreadable("a blank line before rows")
    ends_blank = block.endswith((b"\n\n", b"\n\r\n")) or (not body and block != b"")
    return blank_before or ends_blank


def _has_blank_line(text: bytes) -> bool:
    return b"\n\n" in text or b"\n\r\n" in text


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
                for block, prepared in workers_.prepared_chunks(read_blocks(path), spec, workers):
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
