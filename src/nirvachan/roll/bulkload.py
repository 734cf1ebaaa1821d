"""The roll import's fast path, database half: whole chunks (validated, typed and name-keyed
by `roll.chunks`, usually in worker processes) get their parts and are written with one
INSERT … SELECT from a deserialized staging database (SQLite) or one COPY (PostgreSQL).

A chunk is written inside a savepoint: if the database refuses it (an EPIC or a part serial
already taken, by the roll or by an earlier chunk of the file), nothing of it stays and the
importer sends the chunk row by row, where each such row is named.

For a load into an empty roll the elector table's secondary indexes, the unique ones included
(and on PostgreSQL its foreign keys), are dropped inside the import's transaction and
re-created at its end, so the load pays one index build instead of per-row maintenance; a
failure anywhere rolls the DDL back with the rows. A unique index that cannot be re-created
means a repeat between two chunks that each looked clean (RepeatsFound): the importer runs
again with key sets kept here (`track`), which name the line (ADR 0009).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import IntegrityError, OperationalError, connection, transaction

from nirvachan.roll import rules
from nirvachan.roll.chunks import ELECTOR_COLUMNS, STAGE_TABLE, TYPED_COLUMNS, Chunk
from nirvachan.roll.models import Elector, Part, PollingStation

STAGE = "roll_stage"  # the attached schema a staged chunk is deserialized into
SLOTS = "roll_import_slot"  # temp table: a chunk's slot → part, constituency and key kind


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class RepeatsFound(Exception):
    """A load that left the file's repeats to the unique indexes wrote one."""


@dataclass
class Indexes:
    """Secondary indexes and constraints of the elector table, dropped for a bulk load.

    Partial indexes stay: a loaded row that their condition leaves out costs them nothing
    (changed_by's covers only electors an application changed)."""

    statements: list[str] = field(default_factory=list)
    cache_size: int | None = None

    @classmethod
    def drop(cls) -> Indexes:
        table = Elector._meta.db_table
        qn = connection.ops.quote_name
        out = cls()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # A page cache of 256 MB for the load and the index builds (the unique key's
                # B-tree stays); `close` puts the connection's own size back.
                cursor.execute("PRAGMA cache_size")
                (out.cache_size,) = cursor.fetchone()
                cursor.execute("PRAGMA cache_size = -262144")
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = %s AND sql IS NOT NULL AND sql NOT LIKE '%% WHERE %%'",
                    [table],
                )
                for name, sql in cursor.fetchall():
                    out.statements.append(sql)
                    cursor.execute(f"DROP INDEX {qn(name)}")
            elif connection.vendor == "postgresql":
                # Deferred foreign-key checks already queued in this transaction (a delete
                # before the import) would forbid ALTER TABLE: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
                    "AND x.indpred IS NULL AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                    [table],
                )
                plain = cursor.fetchall()
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') "
                    "ORDER BY contype DESC",
                    [table],
                )
                constraints = cursor.fetchall()
                for name, sql in plain:
                    out.statements.append(sql)
                    cursor.execute(f"DROP INDEX {qn(name)}")
                for name, sql, _kind in constraints:  # unique ('u') before foreign keys ('f')
                    out.statements.append(
                        f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {sql}"
                    )
                    cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
        return out

    def restore(self) -> None:
        """Re-create what `drop` dropped; RepeatsFound when a unique index cannot be made
        (the load wrote a key or a part serial twice). Any other refusal (a foreign key)
        is an IntegrityError as it is."""
        threads = None
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # For this transaction only: sort each index build in memory.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            else:  # let SQLite's sorter use a second core for each index build
                cursor.execute("PRAGMA threads")
                (threads,) = cursor.fetchone()
                cursor.execute("PRAGMA threads = 2")
            try:
                for sql in self.statements:
                    try:
                        cursor.execute(sql)
                    except IntegrityError as exc:
                        if "UNIQUE" in sql.upper():
                            raise RepeatsFound(str(exc)) from exc
                        raise
            finally:
                if threads is not None:
                    cursor.execute(f"PRAGMA threads = {int(threads)}")
        self.statements = []

    def close(self) -> None:
        """Put SQLite's page cache back (after a commit or a rollback alike)."""
        if self.cache_size is not None and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.cache_size)}")
            self.cache_size = None


class FastLoader:
    """Writes prepared chunks; `commit` returns None to send a chunk row by row."""

    def __init__(
        self,
        ctx: Any,
        part_for: Callable[[Any, Any, dict[str, str], int, int, int], Part],
        now: dt.datetime,
        *,
        track: bool,
    ) -> None:
        self.ctx = ctx
        self.part_for = part_for
        self.now = now
        self.top_serial: dict[int, int] = {}
        self.loaded: set[int] = set()  # constituencies whose parts and stations are cached
        self.vendor = connection.vendor
        # Key sets for the file's repeats, kept here (`track`) or left to the database: its
        # unique indexes refuse a chunk at once when they are in place, or refuse to be
        # re-created at the end of a load into an empty roll (RepeatsFound).
        self.track = track
        self.staging = False

    def open(self) -> None:
        """SQLite: the schema staged chunks are deserialized into, and the slot table."""
        if self.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA database_list")
            if STAGE not in {row[1] for row in cursor.fetchall()}:
                cursor.execute(f"ATTACH DATABASE ':memory:' AS {STAGE}")
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {SLOTS} "
                "(slot INTEGER PRIMARY KEY, part_id INTEGER, constituency_id INTEGER, key_kind)"
            )
        self.staging = True

    def close(self) -> None:
        """Detach the staging schema once the import's transaction is over (within an outer
        transaction SQLite keeps it attached until that ends; a later import reuses it)."""
        if not self.staging or connection.connection is None:
            return
        self.staging = False
        with connection.cursor() as cursor:
            try:
                cursor.execute(f"DROP TABLE IF EXISTS temp.{SLOTS}")
                cursor.execute(f"DETACH DATABASE {STAGE}")
            except OperationalError:
                pass  # "database is locked": still inside an outer transaction

    def commit(self, chunk: Chunk) -> int | None:
        """Parts, then the rows in a savepoint; None (nothing of the chunk written) when the
        database or the key sets find a repeat, for the row-by-row path to name."""
        ctx = self.ctx
        if self.track and (
            not ctx.keys.isdisjoint(chunk.keys) or not ctx.serials.isdisjoint(chunk.serials)
        ):
            return None
        part_ids, constituency_ids = self._parts(chunk)
        try:
            with transaction.atomic():
                self._write(chunk, part_ids, constituency_ids)
        except IntegrityError:
            return None
        if self.track:
            ctx.keys.update(chunk.keys)
            ctx.serials.update(chunk.serials)
        for part_id, top in zip(part_ids, chunk.top_serial, strict=True):
            if top > self.top_serial.get(part_id, 0):
                self.top_serial[part_id] = top
        return chunk.rows

    def _parts(self, chunk: Chunk) -> tuple[list[int], list[int]]:
        """Part and constituency id per slot; parts, stations and constituencies created on
        first sight, in file order."""
        self._create_parts(chunk)
        part_ids, constituency_ids = [], []
        for (idx, ac_no, part_no, ps_no), head in zip(chunk.slots, chunk.heads, strict=True):
            unit = self.ctx.units.unit(chunk.units[idx].pk)
            part = self.part_for(self.ctx, unit, head, ac_no, part_no, ps_no)
            part_ids.append(part.pk)
            constituency_ids.append(part.constituency_id)
        return part_ids, constituency_ids

    def _create_parts(self, chunk: Chunk) -> None:
        """Put the chunk's parts and stations in the importer's caches with a few queries:
        those of a constituency seen for the first time are read at once, the new ones made
        with one bulk_create each (one get_or_create per part took 10 queries)."""
        ctx = self.ctx
        new_stations: dict[tuple[int, int], PollingStation] = {}
        new_parts: list[tuple[tuple[int, int], Part, tuple[int, int]]] = []
        for (idx, ac_no, part_no, ps_no), head in zip(chunk.slots, chunk.heads, strict=True):
            unit = ctx.units.unit(chunk.units[idx].pk)
            ac = ctx.constituencies.get((unit.pk, ac_no))
            if ac is None:  # created (and audited) by the importer, as row by row
                self.part_for(ctx, unit, head, ac_no, part_no, ps_no)
                ac = ctx.constituencies[(unit.pk, ac_no)]
            if ac.pk not in self.loaded:
                self.loaded.add(ac.pk)
                for st in PollingStation.objects.filter(constituency=ac):
                    ctx.stations.setdefault((ac.pk, st.number), st)
                for pt in Part.objects.filter(constituency=ac):
                    ctx.parts.setdefault((ac.pk, pt.number), pt)
            slot, ps = (ac.pk, part_no), (ac.pk, ps_no)
            if slot in ctx.parts or any(s == slot for s, _p, _t in new_parts):
                continue
            if ps not in ctx.stations and ps not in new_stations:
                name = head.get("polling_station_name") or str(ps_no)
                new_stations[ps] = PollingStation(
                    constituency=ac, number=ps_no, name=_nfc(name), address=""
                )
            name = head.get("part_name") or str(part_no)
            new_parts.append((slot, Part(constituency=ac, number=part_no, name=_nfc(name)), ps))
        if new_stations:
            made = PollingStation.objects.bulk_create(list(new_stations.values()))
            for st in made:
                ctx.stations[(st.constituency_id, st.number)] = st
        if new_parts:
            for _slot, part, ps in new_parts:
                part.polling_station = ctx.stations[ps]
            for part in Part.objects.bulk_create([pt for _s, pt, _p in new_parts]):
                ctx.parts[(part.constituency_id, part.number)] = part
            ctx.new_parts += len(new_parts)

    # --- writing ---------------------------------------------------------------------------

    def _write(self, chunk: Chunk, part_ids: list[int], constituency_ids: list[int]) -> None:
        qn = connection.ops.quote_name
        target = qn(Elector._meta.db_table)
        cols = ", ".join(qn(c) for c in ELECTOR_COLUMNS)
        status = Elector.Status.ACTIVE.value
        with connection.cursor() as cursor:
            if chunk.staged is not None:  # SQLite: the staged rows copied by SQLite itself
                kinds = [rules.key_kind_for(chunk.units[idx].country) for idx, *_n in chunk.slots]
                cursor.execute(f"DELETE FROM temp.{SLOTS}")  # noqa: S608 (our names)
                cursor.executemany(
                    f"INSERT INTO temp.{SLOTS} VALUES (%s, %s, %s, %s)",  # noqa: S608
                    list(zip(range(len(kinds)), part_ids, constituency_ids, kinds, strict=True)),
                )
                connection.connection.deserialize(chunk.staged, name=STAGE)
                typed = ", ".join(
                    "m.key_kind"
                    if c == "key_kind"
                    else "CASE WHEN r.dob IS NULL THEN %s END"
                    if c == "age_on"
                    else f"r.{c}"
                    for c in TYPED_COLUMNS
                )
                cursor.execute(
                    f"INSERT INTO {target} ({cols}) SELECT {typed}, m.constituency_id, "  # noqa: S608
                    f"m.part_id, r.serial, %s, '', NULL, %s "
                    f"FROM {STAGE}.{STAGE_TABLE} r JOIN temp.{SLOTS} m ON m.slot = r.slot "
                    "ORDER BY r.rowid",
                    [
                        self.ctx.qualifying_date.isoformat(),
                        status,
                        connection.ops.adapt_datetimefield_value(self.now),
                    ],
                )
                return
            # PostgreSQL: one COPY of the chunk written as CSV by Arrow; status, its reason,
            # changed_by and created_at come from the columns' defaults (now(): the import's
            # transaction time), which saves the server a quarter of its parsing.
            assert chunk.table is not None
            slot = chunk.table.column("slot")
            full = pa.table(
                {
                    **{c: chunk.table.column(c) for c in TYPED_COLUMNS},
                    "constituency_id": pc.take(pa.array(constituency_ids, pa.int64()), slot),
                    "part_id": pc.take(pa.array(part_ids, pa.int64()), slot),
                    "serial": chunk.table.column("serial"),
                }
            )
            buffer = io.BytesIO()
            pacsv.write_csv(full, buffer, pacsv.WriteOptions(include_header=False))
            copied = ", ".join(qn(c) for c in full.column_names)
            sql = f"COPY {target} ({copied}) FROM STDIN WITH (FORMAT csv)"
            with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
                copy.write(buffer.getbuffer())  # psycopg's errors as Django's (IntegrityError)

    def finish(self) -> None:
        for part_id, top in self.top_serial.items():
            Part.objects.filter(pk=part_id, last_serial__lt=top).update(last_serial=top)
