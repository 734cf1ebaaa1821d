"""The public EPIC lookup of the roll: the number parsed, one prepared join by key, and the
minimal record anyone may see (re-exported by `roll.selectors`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.roll import rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Elector, Part, PollingStation


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
            # A server-side prepared statement, so that the four-table join is not parsed and
            # planned on every lookup (planning was 0.13–0.24 ms of a 0.4 ms lookup). Django
            # turns psycopg's prepared statements off (prepare_threshold=None, for PgBouncer's
            # transaction pooling): they are let on for this one statement only.
            import psycopg

            connection.ensure_connection()
            raw = connection.connection
            threshold = raw.prepare_threshold
            raw.prepare_threshold = 5 if threshold is None else threshold
            try:
                with psycopg.Cursor(raw) as cursor:
                    cursor.execute(self.sql, params, prepare=True)
                    row = cursor.fetchone()
            finally:
                raw.prepare_threshold = threshold
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


def not_on_roll(key: str, **details: Any) -> DomainError:
    """404: no (active) elector has this number; details default to {"epic": key}."""
    return DomainError(
        RollErrorCode.NOT_FOUND,
        _("No elector on the roll has the number %(epic)s.") % {"epic": key},
        **(details or {"epic": key}),
    )


def elector_public(*, epic: str) -> Elector:
    key = key_parse(epic)
    elector = _public_lookup(key)
    if elector is None:
        raise not_on_roll(key)
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
