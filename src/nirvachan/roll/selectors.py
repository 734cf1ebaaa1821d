"""Reads of the roll app, including every per-user access rule (DESIGN.md convention 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model, Q, QuerySet, TextField
from django.db.models.base import ModelState
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.locale import name_key, normalise
from nirvachan.roll import rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, Elector, Gender, Part, PollingStation, Relation

SEARCH_LIMIT = 10
# Candidates: all electors of the area with an equal key (up to EQUAL_LIMIT), and the
# NEAR_LIMIT most similar of up to PREFIX_SCAN keys sharing the first PREFIX letters.
EQUAL_LIMIT = 20_000
PREFIX = 4
PREFIX_SCAN = 5_000
NEAR_LIMIT = 100
NEAR_SCORE = 70.0
MIN_SCORE = 55.0


def poll_date_for(constituency: Constituency) -> dt.date | None:
    """The poll date of the constituency's next scheduled poll (owned by the elections app)."""
    from nirvachan.elections.selectors import next_poll_date

    return next_poll_date(constituency)


def key_parse(epic: str) -> str:
    """The cleaned EPIC/NID number, or 422 when it is neither."""
    key = rules.clean_key(epic)
    if rules.key_kind_of(key) is None:
        raise DomainError(
            RollErrorCode.MALFORMED_KEY,
            _("%(epic)s is not an EPIC number (3 letters and 7 digits) or an NID number.")
            % {"epic": epic[:40]},
            epic=epic[:40],
        )
    return key


def _public_qs() -> QuerySet[Elector]:
    return Elector.objects.select_related(
        "part__polling_station", "constituency", "constituency__unit"
    ).filter(status=Elector.Status.ACTIVE)


class _PublicLookup:
    """One prepared join (elector, part, station, constituency) by key, without the ORM's
    query building: the public lookup is the roll's hottest read (issue 4: p99 ≤ 200 µs).

    Rows become model instances through `Model.from_db` with the database's own converters
    (dates from SQLite text, booleans, decimals), so callers get the same objects as before.
    """

    def __init__(self) -> None:
        self.vendor = ""
        self.sql = self.qmark_sql = self.select = ""
        self.plan: list[tuple[type[Model], list[str], int, int]] = []
        self.converters: list[tuple[int, list[Any], Any]] = []

    def _prepare(self) -> None:
        qn = connection.ops.quote_name
        tables = (
            (Elector, "e", None),
            (Part, "p", ("e", "part_id")),
            (PollingStation, "s", ("p", "polling_station_id")),
            (Constituency, "c", ("e", "constituency_id")),
        )
        cols: list[str] = []
        joins: list[str] = []
        plan: list[tuple[type[Model], list[str], int, int]] = []
        converters: list[tuple[int, list[Any], Any]] = []
        for model, alias, on in tables:
            fields = list(model._meta.concrete_fields)
            start = len(cols)
            for f in fields:
                cols.append(f"{alias}.{qn(f.column)}")
                col = f.get_col(alias)
                conv = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
                if conv:
                    converters.append((len(cols) - 1, conv, col))
            plan.append((model, [f.attname for f in fields], start, len(cols)))
            table = f"{qn(model._meta.db_table)} {alias}"
            if on is None:
                joins.append(f"FROM {table}")
            else:
                joins.append(f"JOIN {table} ON {alias}.{qn('id')} = {on[0]}.{qn(on[1])}")
        select = f"SELECT {', '.join(cols)} {' '.join(joins)} "
        sql = select + f"WHERE e.{qn('key')} = %s AND e.{qn('status')} = %s"
        # Assigned last, vendor last of all: another thread sees the old plan or the new one.
        self.plan, self.converters, self.select, self.sql = plan, converters, select, sql
        self.qmark_sql = sql.replace("%s", "?")
        self.vendor = connection.vendor

    def __call__(self, key: str) -> Elector | None:
        if self.vendor != connection.vendor:
            self._prepare()
        params = [key, Elector.Status.ACTIVE.value]
        if self.vendor == "sqlite":
            # Straight to sqlite3 with "?" marks: Django's wrapper rewrites "%s" per call.
            connection.ensure_connection()
            row = connection.connection.execute(self.qmark_sql, params).fetchone()
        elif self.vendor == "postgresql":
            # A server-side prepared statement (Django's cursors bind on the client, so the
            # four-table join would be parsed and planned on every lookup).
            import psycopg

            connection.ensure_connection()
            with psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(self.sql, params, prepare=True)
                row = cursor.fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, params)
                row = cursor.fetchone()
        if row is None:
            return None
        return self._build(row)

    def many(self, ids: list[int]) -> dict[int, Elector]:
        """Active electors by id (the search's best ten), in one query."""
        if not ids:
            return {}
        if self.vendor != connection.vendor:
            self._prepare()
        qn = connection.ops.quote_name
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                self.select + f"WHERE e.{qn('id')} IN ({marks}) AND e.{qn('status')} = %s",
                [*ids, Elector.Status.ACTIVE.value],
            )
            rows = cursor.fetchall()
        electors = [self._build(row) for row in rows]
        return {e.pk: e for e in electors}

    def _build(self, row: Any) -> Elector:
        values = list(row)
        for i, convs, col in self.converters:
            for conv in convs:
                values[i] = conv(values[i], col, connection)
        db = connection.alias
        objs = []
        for model, names, a, b in self.plan:
            # Model.from_db without __init__'s per-field work (no init signals on these).
            obj = model.__new__(model)
            obj.__dict__.update(zip(names, values[a:b], strict=True))
            obj._state = ModelState()
            obj._state.adding, obj._state.db = False, db
            objs.append(obj)
        elector, part, station, constituency = objs
        part.polling_station = station
        elector.part, elector.constituency = part, constituency
        return elector  # type: ignore[return-value]


_public_lookup = _PublicLookup()


def elector_public(*, epic: str) -> Elector:
    key = key_parse(epic)
    elector = _public_lookup(key)
    if elector is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("No elector on the roll has the number %(epic)s.") % {"epic": key},
            epic=key,
        )
    return elector


def public_record(elector: Elector, today: dt.date | None = None) -> dict[str, Any]:
    """The minimal fields anyone may see: never the date of birth, house, address or phone."""
    today = today or timezone.localdate()
    station = elector.part.polling_station
    poll = poll_date_for(elector.constituency)
    return {
        "epic": elector.key,
        "name": elector.name,
        "relative_name": elector.relative_name,
        "relation": elector.relation,
        "age": rules.current_age(elector.dob, elector.age, elector.age_on, today),
        "gender": elector.gender,
        "constituency": elector.constituency.name,
        "constituency_number": elector.constituency.number,
        "part": elector.part.number,
        "part_name": elector.part.name,
        "serial": elector.serial,
        "polling_station": station.name,
        "polling_station_address": station.address,
        "poll_date": poll,
    }


# --- search --------------------------------------------------------------------------------


def _unit_by_name(name: str, kinds: tuple[str, ...], within: str = "") -> list[AdminUnit]:
    key = name_key(name)
    qs = AdminUnit.objects.filter(kind__in=kinds)
    if within:
        qs = qs.filter(path__startswith=within)
    found = [u for u in qs.filter(code__iexact=name.strip())]
    if found:
        return found
    # A name as written (the usual case) before comparing every unit's keys.
    text = normalise(name)
    found = list(qs.filter(Q(name_en__iexact=text) | Q(name_bn=text) | Q(name_hi=text)))
    if found:
        return found
    return [
        u
        for u in qs
        if key and key in {name_key(n) for n in (u.name_en, u.name_bn, u.name_hi) if n}
    ]


def search_area(*, state: str = "", district: str = "", constituency: str = "") -> Q:
    """The filter of the search's district or assembly constituency (number or name)."""
    return Q(
        constituency_id__in=search_constituencies(
            state=state, district=district, constituency=constituency
        )
    )


def search_constituencies(
    *, state: str = "", district: str = "", constituency: str = ""
) -> list[int]:
    """The ids of the assembly constituencies of the search's district, or the one named."""
    if not district and not constituency:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Give a district or an assembly constituency."),
            field="constituency",
        )
    within = ""
    if state:
        states = _unit_by_name(state, ("state", "division", "country"))
        if len(states) != 1:
            raise DomainError(
                RollErrorCode.VALIDATION, _("Unknown state %(s)s.") % {"s": state}, field="state"
            )
        within = states[0].path
    if district:
        units = _unit_by_name(district, ("district",), within)
        if not units:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Unknown district %(d)s.") % {"d": district},
                field="district",
            )
        if len(units) > 1:
            raise DomainError(
                RollErrorCode.AMBIGUOUS,
                _("Several districts are called %(d)s; name the state.") % {"d": district},
                field="state",
            )
        path = units[0].path
        return sorted(
            set(
                Constituency.objects.filter(
                    Q(unit__path__startswith=path) | Q(covers__path__startswith=path)
                ).values_list("pk", flat=True)
            )
        )
    qs = Constituency.objects.filter(kind="ac")
    if within:
        qs = qs.filter(unit__path__startswith=within)
    text = rules.to_ascii(constituency.strip())
    if text.isdigit():
        matches = list(qs.filter(number=int(text)))
    else:
        exact = normalise(text)
        matches = list(qs.filter(Q(name_en__iexact=exact) | Q(name_bn=exact) | Q(name_hi=exact)))
        if not matches:
            key = name_key(text)
            matches = [
                c
                for c in qs
                if key in {name_key(n) for n in (c.name_en, c.name_bn, c.name_hi) if n}
            ]
    if not matches:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Unknown assembly constituency %(c)s.") % {"c": constituency},
            field="constituency",
        )
    if len(matches) > 1:
        raise DomainError(
            RollErrorCode.AMBIGUOUS,
            _("Several constituencies match %(c)s; name the state.") % {"c": constituency},
            field="state",
        )
    return [matches[0].pk]


@dataclass(frozen=True)
class SearchHit:
    elector: Elector
    score: float


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b)


_CANDIDATE_COLUMNS = ("id", "name_key", "relative_key", "dob", "age", "age_on")


def _rows(condition: str, params: list[Any], ids: list[int], limit: int) -> list[Any]:
    """(id, name_key, relative_key, dob, age, age_on) of the active electors of the
    constituencies `ids` that meet `condition`; with ids=[] the condition alone (ids the
    area's index gave already: read by primary key, not through the area's index)."""
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in _CANDIDATE_COLUMNS)
    marks = ", ".join(["%s"] * len(ids))
    area = f"{qn('constituency_id')} IN ({marks}) AND " if ids else ""
    sql = (
        f"SELECT {cols} FROM {qn(Elector._meta.db_table)} "  # noqa: S608 (names only)
        f"WHERE {area}{condition} AND {qn('status')} = %s LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *params, Elector.Status.ACTIVE.value, limit])
        return cursor.fetchall()


def _near(column: str, key: str, ids: list[int]) -> list[int]:
    """Ids of the electors of the area whose `column` starts with the key's first PREFIX
    letters and is most like it (rapidfuzz): read from the (constituency, key) index alone."""
    if len(key) < PREFIX or not ids:
        return []
    qn = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {qn('id')}, {qn(column)} FROM {qn(Elector._meta.db_table)} "  # noqa: S608
        f"WHERE {qn('constituency_id')} IN ({marks}) AND {qn(column)} >= %s "
        f"AND {qn(column)} < %s LIMIT %s"
    )
    head = key[:PREFIX]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, head, head + "\uffff", PREFIX_SCAN])
        rows = cursor.fetchall()
    best = process.extract(
        key, [r[1] for r in rows], scorer=fuzz.ratio, limit=NEAR_LIMIT, score_cutoff=NEAR_SCORE
    )
    return [rows[index][0] for _value, _score, index in best]


def elector_search(
    *,
    name: str,
    relative: str = "",
    age: int | None = None,
    state: str = "",
    district: str = "",
    constituency: str = "",
    today: dt.date | None = None,
) -> list[SearchHit]:
    """At most 10 active electors ranked by cross-script name keys (rapidfuzz).

    Candidates come from the (constituency, key) indexes of migration 0003, within the area's
    constituencies: every elector with the same name key or relative's key, and the
    `NEAR_LIMIT` electors whose name key or relative's key, among those sharing its first
    `PREFIX` letters, is most like the query's (a slip of the pen, or a spelling the key does
    not fold). Only their keys and ages are read; they are ranked by name similarity (0.6),
    relative's similarity (0.3) and closeness of age (0.1, or 0.4 without a relative), and
    only the best ten are loaded whole.
    """
    name = normalise(name)
    relative = normalise(relative)
    if not name:
        raise DomainError(RollErrorCode.VALIDATION, _("Give the name."), field="name")
    if not relative and age is None:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Give the relative's name or the age as well as the name."),
            field="relative",
        )
    ids = search_constituencies(state=state, district=district, constituency=constituency)
    if not ids:
        return []
    today = today or timezone.localdate()
    qkey = name_key(name)
    rkey = name_key(relative) if relative else ""
    qn = connection.ops.quote_name
    found: dict[int, tuple[Any, ...]] = {}
    # Equal keys (the usual case: the key is the same across scripts) ...
    routes = [(f"{qn('name_key')} = %s", [qkey])]
    if rkey:
        routes.append((f"{qn('relative_key')} = %s", [rkey]))
    for condition, params in routes:
        for row in _rows(condition, params, ids, EQUAL_LIMIT):
            found[row[0]] = row
    # ... and the nearest keys with the same beginning (a slip, a spelling the key misses).
    near = {
        pk
        for column, key in (("name_key", qkey), ("relative_key", rkey))
        for pk in _near(column, key, ids)
    }
    near -= found.keys()
    if near:
        marks = ", ".join(["%s"] * len(near))
        for row in _rows(f"{qn('id')} IN ({marks})", sorted(near), [], len(near)):
            found[row[0]] = row
    scored: list[tuple[float, int]] = []
    for pk, nkey, relkey, dob, years, age_date in found.values():
        score = _similarity(qkey, nkey) * 0.6
        if rkey:
            score += _similarity(rkey, relkey) * 0.3
        if age is not None:
            current = rules.current_age(dob, years, age_date, today)
            gap = abs((current or 0) - age)
            score += max(0.0, 100.0 - 25.0 * gap) * (0.1 if rkey else 0.4)
        elif not rkey:
            score /= 0.6
        if score >= MIN_SCORE:
            scored.append((round(score, 1), pk))
    scored.sort(key=lambda h: (-h[0], h[1]))
    best = scored[:SEARCH_LIMIT]
    electors = _public_lookup.many([pk for _score, pk in best])
    return [SearchHit(electors[pk], score) for score, pk in best if pk in electors]


# --- officers ------------------------------------------------------------------------------


def elector_list_for_user(user: Any) -> QuerySet[Elector]:
    return Elector.objects.select_related(
        "part__polling_station", "constituency", "constituency__unit"
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))


def elector_get_for_user(user: Any, epic: str) -> Elector:
    key = key_parse(epic)
    elector = elector_list_for_user(user).filter(key=key).first()
    if elector is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("No elector on the roll has the number %(epic)s.") % {"epic": key},
            epic=key,
        )
    return elector


def part_list_for_user(user: Any, *, constituency: str = "") -> QuerySet[Part]:
    qs = Part.objects.select_related("constituency", "polling_station").filter(
        _paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path")
    )
    if constituency:
        qs = qs.filter(constituency__code=constituency)
    return qs.order_by("constituency__code", "number")


def part_get_for_user(user: Any, part_id: int) -> Part:
    part = part_list_for_user(user).filter(pk=part_id).first()
    if part is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND, _("Part %(id)s was not found.") % {"id": part_id}, id=part_id
        )
    return part


PART_SORTS = {"serial": "serial", "-serial": "-serial", "name": "name", "-name": "-name"}


def part_electors(part: Part, *, sort: str = "serial") -> QuerySet[Elector]:
    return Elector.objects.filter(part=part).order_by(PART_SORTS.get(sort, "serial"), "pk")


def application_list_for_user(
    user: Any, *, status: str = "", form: str = ""
) -> QuerySet[Application]:
    qs = Application.objects.select_related(
        "constituency", "part", "elector", "possible_duplicate"
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))
    if status:
        qs = qs.filter(status=status)
    if form:
        qs = qs.filter(form=form)
    return qs.order_by("-burst_flag", "submitted_at", "pk")


def application_get_for_user(
    user: Any, application_id: int, *, for_change: bool = False
) -> Application:
    application = application_list_for_user(user).filter(pk=application_id).first()
    if application is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("Application %(id)s was not found.") % {"id": application_id},
            id=application_id,
        )
    if for_change and (
        scope_for(user, Capability.ROLL_MANAGE, application.constituency.unit.path) is None
    ):
        raise DomainError(
            RollErrorCode.PERMISSION_DENIED,
            _("Your role does not allow deciding roll applications."),
            id=application_id,
        )
    return application


def constituency_for_key(*, number: int, unit: AdminUnit) -> Constituency | None:
    return Constituency.objects.filter(kind="ac", number=number, unit=unit).first()


# --- de-duplication ------------------------------------------------------------------------


def _dedupe_qs(state: str) -> QuerySet[Elector]:
    qs = Elector.objects.filter(status=Elector.Status.ACTIVE)
    if state:
        units = [
            u
            for u in AdminUnit.objects.filter(kind__in=("state", "division", "district", "country"))
            if state.strip().casefold()
            in {(n or "").casefold() for n in (u.code, u.name_en, u.name_bn, u.name_hi)}
        ]
        if len(units) != 1:
            raise DomainError(
                RollErrorCode.VALIDATION, _("Unknown state %(s)s.") % {"s": state}, field="state"
            )
        qs = qs.filter(constituency__unit__path__startswith=units[0].path)
    return qs


def dedupe_table(*, state: str = "") -> Any:
    """The active electors (of one state or district) as an Arrow table of the dedupe's
    FIELDS, read in chunks straight from the cursor and computed column-wise: a million
    DedupeRecord objects took 16 s, this a few."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from nirvachan.roll.dedupe import FIELDS

    cols = (
        "id", "key", "constituency_id", "part_id", "name", "name_key", "relative_key", "dob",
        "age", "age_on", "gender", "house_no", "address",
    )  # fmt: skip
    types = (
        pa.int64(), pa.string(), pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string(),
        pa.string(), pa.int64(), pa.string(), pa.string(), pa.string(), pa.string(),
    )  # fmt: skip
    # Dates as text (CAST): no per-value date objects on the way out of the driver.
    qs = _dedupe_qs(state).annotate(
        dob_text=Cast("dob", TextField()), age_on_text=Cast("age_on", TextField())
    )
    fetched = [{"dob": "dob_text", "age_on": "age_on_text"}.get(c, c) for c in cols]
    sql, params = qs.order_by("pk").values_list(*fetched).query.sql_with_params()
    batches = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(50_000):
            columns = list(zip(*rows, strict=True))
            batches.append(
                pa.record_batch(
                    [pa.array(c, t) for c, t in zip(columns, types, strict=True)], names=cols
                )
            )
    schema = pa.schema(list(zip(cols, types, strict=True)))
    t = pa.Table.from_batches(batches, schema=schema)
    for name in ("dob", "age_on"):
        t = t.set_column(t.column_names.index(name), name, pc.cast(t[name], pa.date32()))
    # Birth year: of the date of birth, else of the qualifying date less the age; 0 unknown.
    year = pc.coalesce(
        pc.year(t["dob"]), pc.subtract(pc.year(t["age_on"]), t["age"]), pa.scalar(0, pa.int64())
    )
    dob = pc.coalesce(pc.cast(t["dob"], pa.string()), pc.cast(year, pa.string()))
    first = pc.list_element(pc.split_pattern(t["name"], " ", max_splits=1), 0)
    encoded = pc.dictionary_encode(first).combine_chunks()
    keys = pa.array([name_key(n) for n in encoded.dictionary.to_pylist()], pa.string())
    out = {
        "unique_id": t["id"],
        "key": t["key"],
        "constituency_id": t["constituency_id"],
        "part_id": t["part_id"],
        "name_key": t["name_key"],
        "first_key": pc.take(keys, encoded.indices),
        "relative_key": t["relative_key"],
        "birth_year": pc.cast(year, pa.int64()),
        "dob": dob,
        "gender": t["gender"],
        "house_no": t["house_no"],
        "address": t["address"],
    }
    return pa.table({f: out[f] for f in FIELDS})


def part_roll_rows(part: Part, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The printable part roll: active electors by serial with their age on `on`."""
    on = on or timezone.localdate()
    relations, genders = dict(Relation.choices), dict(Gender.choices)  # lazy: PDF's language
    rows = []
    for e in Elector.objects.filter(part=part, status=Elector.Status.ACTIVE).order_by("serial"):
        rows.append(
            {
                "serial": e.serial,
                "name": e.name,
                "relative_name": e.relative_name,
                "relation": relations[e.relation],
                "age": rules.current_age(e.dob, e.age, e.age_on, on),
                "gender": genders[e.gender],
                "house_no": e.house_no,
            }
        )
    return rows
