"""The import's row-by-row path: each row validated with a message naming its line and
field, parts and stations created on first sight, valid rows inserted in batches (COPY on
PostgreSQL, executemany on SQLite). The fast path (`roll.chunks`, `roll.bulkload`) sends a chunk
here whenever it is in any doubt; `roll.importer` drives both."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.india_states import INDIA_STATES
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.templatetags.nirvachan import lakh
from nirvachan.roll import chunks, rules, services
from nirvachan.roll.models import Elector, Part, PollingStation

COLUMNS = rules.IMPORT_COLUMNS
BATCH = 5000
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
    for name, limit in rules.FIELD_LIMITS.items():
        if len(row.get(name, "")) > limit:
            err(name, _("longer than %(n)s characters") % {"n": lakh(limit)})
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
        elif years is not None and years > rules.MAX_AGE:
            err(
                "dob" if dob else "age",
                _("over %(n)s years old: check the date of birth or the age")
                % {"n": lakh(rules.MAX_AGE)},
            )
    ac_no, part_no, serial = _int(row, "ac_no"), _int(row, "part_no"), _int(row, "serial_no")
    ps_no = _int(row, "polling_station_no") or part_no
    for name, value in (("ac_no", ac_no), ("part_no", part_no), ("serial_no", serial)):
        if not value:
            err(name, _("must be a positive whole number"))
        elif value > rules.MAX_NUMBER:
            err(name, _("must be at most %(n)s") % {"n": lakh(rules.MAX_NUMBER)})
    if ps_no is not None and ps_no > rules.MAX_NUMBER:
        err("polling_station_no", _("must be at most %(n)s") % {"n": lakh(rules.MAX_NUMBER)})
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


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert validated elector rows: COPY on PostgreSQL, executemany elsewhere.

    The ORM's bulk_create spends most of an import preparing each field of each object; the
    rows here are already validated and typed, so they go to the driver as they are.
    """
    if not rows:
        return
    table = connection.ops.quote_name(Elector._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in chunks.ELECTOR_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            return
        adapt_date = connection.ops.adapt_datefield_value
        created = connection.ops.adapt_datetimefield_value(rows[0][19])
        marks = ", ".join(["%s"] * len(chunks.ELECTOR_COLUMNS))
        cursor.executemany(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})",  # noqa: S608 (model names)
            [(*r[:8], adapt_date(r[8]), r[9], adapt_date(r[10]), *r[11:19], created) for r in rows],
        )
