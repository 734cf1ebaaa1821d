"""Database triggers that make the audit log append-only on SQLite and PostgreSQL.

The application never updates or deletes audit rows; these triggers refuse it to anyone who
tries with SQL too (short of dropping the trigger, which `nirvachan audit verify` then exposes
through the broken chain)."""

from __future__ import annotations

from typing import Any

TABLE = "core_auditevent"
MESSAGE = "core_auditevent is append-only: audit events cannot be changed or deleted"

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
]
_PG_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END;
        $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS core_auditevent_append_only ON {TABLE}",
    f"""CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse()""",
]
_PG_REMOVE = [f"DROP TRIGGER IF EXISTS core_auditevent_append_only ON {TABLE}"]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: Any) -> None:
    _run(connection, _PG_INSTALL if connection.vendor == "postgresql" else _SQLITE_INSTALL)


def remove(connection: Any) -> None:
    _run(connection, _PG_REMOVE if connection.vendor == "postgresql" else _SQLITE_REMOVE)
