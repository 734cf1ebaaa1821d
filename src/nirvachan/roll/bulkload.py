"""The roll import's fast path: whole chunks validated with Arrow compute kernels and written
with one COPY (PostgreSQL) or one executemany (SQLite) each.

`importer.roll_import` reads the file in Arrow chunks (CSV through Arrow's multi-threaded
reader, Parquet in batches) and offers each chunk here first. A chunk takes the fast path only
when every row of it is *certainly* valid under the importer's rules — EPIC/NID format for the
state's country, no key or part serial repeated in the file so far, a name, relation and gender
codes, an ISO date of birth that round-trips (or an age), 18 on the qualifying date, positive
constituency/part/serial numbers, ASCII digits only, a known state — and the roll was empty
when the import began (so nothing can already be on it). Any doubt, and the chunk goes row by
row through the importer's own `_validate`, which names the line and the field. The fast path
is therefore only an optimisation: it never accepts a row the row-by-row path would refuse.

Name keys are computed once per distinct name of a chunk (a roll repeats names) and cached for
the whole import. For a load into an empty roll the elector table's secondary indexes (and, on
PostgreSQL, its unique and foreign-key constraints) are dropped inside the import's transaction
and re-created at its end, so the load pays one index build instead of per-row maintenance; a
failure anywhere rolls the DDL back with the rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import queue
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import connection

from nirvachan.roll import rules
from nirvachan.roll.models import Elector, Part, PollingStation

ELECTOR_COLUMNS = (
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
_DIGITS = "^[0-9]+$"
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NID = "^(?:[0-9]{10}|[0-9]{13}|[0-9]{17})$"
_EPIC = "^[A-Z]{3}[0-9]{7}$"
_BIG = 1_000_000  # ac and part numbers below this pack into one int64 part slot


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _all(mask: Any) -> bool:
    return bool(pc.all(mask).as_py()) if len(mask) else True


@dataclass
class Indexes:
    """Secondary indexes and constraints of the elector table, dropped for a bulk load."""

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
                    "AND tbl_name = %s AND sql IS NOT NULL",
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
                    "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS "
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
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # For this transaction only: sort each index build in memory.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in self.statements:
                cursor.execute(sql)
        self.statements = []

    def close(self) -> None:
        """Put SQLite's page cache back (after a commit or a rollback alike)."""
        if self.cache_size is not None and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.cache_size)}")
            self.cache_size = None


@dataclass
class Prepared:
    """A chunk validated and typed, waiting for its parts and its insert."""

    table: pa.Table
    columns: dict[str, list[Any]] | None
    keys: list[str]
    slots: set[tuple[str, int, int, int]]
    units: list[Any]
    heads: pa.RecordBatch
    unit_idx: Any
    ac_no: Any
    part_no: Any
    ps_no: Any


def pipeline(
    chunks: Iterator[pa.RecordBatch], prepare: Callable[[pa.RecordBatch], Prepared | None]
) -> Iterator[tuple[pa.RecordBatch, Prepared | None]]:
    """(chunk, prepared) with reading and preparing in a second thread, one or two chunks
    ahead of the database work (Arrow's kernels and sqlite3/psycopg release the GIL, so the
    two overlap on two cores). Errors of the reader are raised here, in order."""
    out: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            for chunk in chunks:
                item = (chunk, prepare(chunk))
                while not stop.is_set():
                    try:
                        out.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            out.put(done)
        except BaseException as exc:  # handed to the main thread
            out.put(exc)

    thread = threading.Thread(target=work, name="roll-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a blocked put() finish
            with contextlib.suppress(queue.Empty):
                out.get(timeout=0.1)
        thread.join()


class FastLoader:
    """Validates and writes whole chunks; `offer` returns False to send a chunk row by row."""

    def __init__(
        self,
        ctx: Any,
        part_for: Callable[[Any, Any, dict[str, str], int, int, int], Part],
        now: dt.datetime,
    ) -> None:
        self.ctx = ctx
        self.part_for = part_for
        self.now = now
        self.top_serial: dict[int, int] = {}
        self.loaded: set[int] = set()  # constituencies whose parts and stations are cached
        self.vendor = connection.vendor  # read here: prepare() runs in another thread
        qd = ctx.qualifying_date
        self.qd_year, self.qd_monthday = qd.year, qd.month * 100 + qd.day

    def offer(self, batch: pa.RecordBatch) -> int | None:
        """Insert the chunk and return its row count, or None (nothing changed) when any row
        of it needs the row-by-row validation."""
        prepared = self.prepare(batch)
        return None if prepared is None else self.commit(prepared)

    def commit(self, prepared: Prepared) -> int | None:
        """The database half (main thread): repeats against the file so far, parts, insert."""
        ctx = self.ctx
        if not ctx.keys.isdisjoint(prepared.keys) or not ctx.serials.isdisjoint(prepared.slots):
            return None
        part_id, constituency_id = self._parts(prepared)
        ctx.keys.update(prepared.keys)
        ctx.serials.update(prepared.slots)
        self._write(prepared, part_id, constituency_id)
        return prepared.table.num_rows

    # --- validation ------------------------------------------------------------------------

    def prepare(self, batch: pa.RecordBatch) -> Prepared | None:
        """The pure half (no database; runs in the reader thread): validation, name keys,
        typed columns. None when any row needs the row-by-row validation."""
        ctx = self.ctx
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
        for name in ("epic", "dob", "age", "ac_no", "part_no", "serial_no", "polling_station_no"):
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
        units = [ctx.units.get(s) for s in states]
        if any(u is None for u in units):
            return None
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
            pc.add(pc.multiply(pc.month(stamp), 100), pc.day(stamp)), self.qd_monthday
        )
        dob_age = pc.subtract(pc.subtract(self.qd_year, pc.year(stamp)), pc.cast(later, pa.int64()))
        age_text = pc.if_else(has_dob, "18", col["age"])
        if not _all(pc.match_substring_regex(age_text, _DIGITS)) or not _all(
            pc.less(pc.utf8_length(age_text), 6)
        ):
            return None
        age = pc.cast(age_text, pa.int64())
        years = pc.if_else(has_dob, dob_age, age)
        if not _all(pc.greater_equal(years, 18)):
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
        ps_ok = pc.and_(
            pc.match_substring_regex(ps_text, _DIGITS), pc.less(pc.utf8_length(ps_text), 10)
        )
        ps_no = pc.if_else(ps_ok, pc.cast(pc.if_else(ps_ok, ps_text, "0"), pa.int64()), 0)
        ps_no = pc.if_else(pc.greater(ps_no, 0), ps_no, part_no)
        # Repeats within the chunk (commit checks the rest of the file; row by row names them).
        keys = key.to_pylist()
        if len(set(keys)) != n:
            return None
        codes = pc.take(pa.array([u.code for u in units], pa.string()), unit_idx).to_pylist()
        slots = set(
            zip(codes, ac_no.to_pylist(), part_no.to_pylist(), serial.to_pylist(), strict=True)
        )
        if len(slots) != n:
            return None
        table = pa.table(
            {
                "key_kind": kind,
                "key": key,
                "name": col["name"],
                "name_key": self._keys(col["name"]),
                "relative_name": col["relative_name"],
                "relative_key": self._keys(col["relative_name"]),
                "relation": relation,
                "gender": gender,
                "dob": pc.if_else(has_dob, dob, pa.scalar(None, pa.date32())),
                "age": pc.if_else(has_dob, pa.scalar(None, pa.int64()), age),
                "age_on": pc.if_else(
                    has_dob,
                    pa.scalar(None, pa.date32()),
                    pa.scalar(ctx.qualifying_date, pa.date32()),
                ),
                "house_no": col["house_no"],
                "address": col["address"],
                "serial": serial,
            }
        )
        columns = None
        if self.vendor == "sqlite":  # the Python values executemany binds, made here too
            columns = {
                c: (pc.cast(v, pa.string()) if c in ("dob", "age_on") else v).to_pylist()
                for c, v in zip(table.column_names, table.columns, strict=True)
            }
        return Prepared(
            table=table,
            columns=columns,
            keys=keys,
            slots=slots,
            units=units,
            heads=batch.select(["ac_name", "part_name", "polling_station_name"]),
            unit_idx=unit_idx,
            ac_no=ac_no,
            part_no=part_no,
            ps_no=ps_no,
        )

    def _parts(self, p: Prepared) -> tuple[Any, Any]:
        """Part and constituency ids per row; parts, stations, constituencies created on
        first sight in file order."""
        slot = pc.add(
            pc.multiply(pc.cast(p.unit_idx, pa.int64()), _BIG * _BIG),
            pc.add(pc.multiply(p.ac_no, _BIG), p.part_no),
        )
        distinct = pc.unique(slot)
        first = pc.index_in(distinct, value_set=slot).to_pylist()
        firsts = sorted(first)
        part_ids: dict[int, tuple[int, int]] = {}
        heads = p.heads.take(pa.array(firsts)).to_pylist()
        idx_py, ac_py, part_py, ps_py = (
            pc.take(a, pa.array(firsts)).to_pylist()
            for a in (p.unit_idx, p.ac_no, p.part_no, p.ps_no)
        )
        heads = [{k: (v or "").strip() for k, v in h.items()} for h in heads]
        self._create_parts(p.units, heads, idx_py, ac_py, part_py, ps_py)
        for j, i in enumerate(firsts):
            head = heads[j]
            part = self.part_for(self.ctx, p.units[idx_py[j]], head, ac_py[j], part_py[j], ps_py[j])
            part_ids[i] = (part.pk, part.constituency_id)
        ordered = [part_ids[i] for i in first]
        which = pc.index_in(slot, value_set=distinct)
        part_id = pc.take(pa.array([x for x, _c in ordered], pa.int64()), which)
        constituency_id = pc.take(pa.array([c for _x, c in ordered], pa.int64()), which)
        serial = p.table.column("serial")
        for row in (
            pa.table({"p": part_id, "s": serial})
            .group_by("p")
            .aggregate([("s", "max")])
            .to_pylist()
        ):
            top = row["s_max"]
            if top > self.top_serial.get(row["p"], 0):
                self.top_serial[row["p"]] = top
        return part_id, constituency_id

    def _create_parts(
        self,
        units: list[Any],
        heads: list[dict[str, str]],
        idx: list[int],
        acs: list[int],
        parts: list[int],
        stations: list[int],
    ) -> None:
        """Put the chunk's parts and stations in the importer's caches with a few queries:
        those of a constituency seen for the first time are read at once, the new ones made
        with one bulk_create each (one get_or_create per part took 10 queries)."""
        ctx = self.ctx
        new_stations: dict[tuple[int, int], PollingStation] = {}
        new_parts: list[tuple[tuple[int, int], Part, tuple[int, int]]] = []
        for j, head in enumerate(heads):
            unit, ac_no = units[idx[j]], acs[j]
            ac = ctx.constituencies.get((unit.pk, ac_no))
            if ac is None:  # created (and audited) by the importer, as row by row
                self.part_for(ctx, unit, head, ac_no, parts[j], stations[j])
                ac = ctx.constituencies[(unit.pk, ac_no)]
            if ac.pk not in self.loaded:
                self.loaded.add(ac.pk)
                for st in PollingStation.objects.filter(constituency=ac):
                    ctx.stations.setdefault((ac.pk, st.number), st)
                for pt in Part.objects.filter(constituency=ac):
                    ctx.parts.setdefault((ac.pk, pt.number), pt)
            slot, ps = (ac.pk, parts[j]), (ac.pk, stations[j])
            if slot in ctx.parts or any(s == slot for s, _p, _t in new_parts):
                continue
            if ps not in ctx.stations and ps not in new_stations:
                name = head.get("polling_station_name") or str(stations[j])
                new_stations[ps] = PollingStation(
                    constituency=ac, number=stations[j], name=_nfc(name), address=""
                )
            name = head.get("part_name") or str(parts[j])
            new_parts.append((slot, Part(constituency=ac, number=parts[j], name=_nfc(name)), ps))
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

    def _keys(self, names: Any) -> Any:
        encoded = pc.dictionary_encode(names)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        distinct = [self.ctx.key_of(t) for t in encoded.dictionary.to_pylist()]
        return pc.take(pa.array(distinct, pa.string()), encoded.indices)

    # --- writing ---------------------------------------------------------------------------

    def _write(self, p: Prepared, part_id: Any, constituency_id: Any) -> None:
        n = p.table.num_rows
        qn = connection.ops.quote_name
        target = qn(Elector._meta.db_table)
        cols = ", ".join(qn(c) for c in ELECTOR_COLUMNS)
        status = Elector.Status.ACTIVE.value
        with connection.cursor() as cursor:
            if p.columns is None:  # PostgreSQL: one COPY of the chunk written as CSV by Arrow
                full = pa.table(
                    {
                        **{c: p.table.column(c) for c in ELECTOR_COLUMNS[:13]},
                        "constituency_id": constituency_id,
                        "part_id": part_id,
                        "serial": p.table.column("serial"),
                        "status": pa.array([status] * n, pa.string()),
                        "status_reason": pa.array([""] * n, pa.string()),
                        "changed_by_id": pa.nulls(n, pa.int64()),
                        "created_at": pa.array([self.now.isoformat()] * n, pa.string()),
                    }
                )
                buffer = io.BytesIO()
                pacsv.write_csv(full, buffer, pacsv.WriteOptions(include_header=False))
                with cursor.cursor.copy(
                    f"COPY {target} ({cols}) FROM STDIN WITH (FORMAT csv)"
                ) as copy:
                    copy.write(buffer.getbuffer())
                return
            created = connection.ops.adapt_datetimefield_value(self.now)
            columns = [p.columns[c] for c in ELECTOR_COLUMNS[:13]]
            columns += [constituency_id.to_pylist(), part_id.to_pylist(), p.columns["serial"]]
            # The constant columns as literals (fewer parameters per row): our own enum value
            # and a timestamp Django formatted, neither from the file.
            marks = ", ".join(["%s"] * 16)
            constants = f"'{status}', '', NULL, '{created}'"
            cursor.executemany(
                f"INSERT INTO {target} ({cols}) VALUES ({marks}, {constants})",  # noqa: S608
                list(zip(*columns, strict=True)),
            )

    def finish(self) -> None:
        for part_id, top in self.top_serial.items():
            Part.objects.filter(pk=part_id, last_serial__lt=top).update(last_serial=top)
