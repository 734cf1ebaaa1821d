"""The three polling officers and the ballot unit: check-in, Form 17A, enabling, casting."""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from typing import Any

from nirvachan.locale.name_key import name_key
from nirvachan.station import store
from nirvachan.station.day.base import (
    _ELECTOR_SQL,
    _PART_SERIAL,
    StationDayBase,
    StationError,
    _int,
)
from nirvachan.station.i18n import gettext as _


class VotersMixin(StationDayBase):
    def _elector_rows(self, where: str, args: tuple[Any, ...], limit: int) -> list[dict[str, Any]]:
        # `where` is one of the fixed conditions of find_electors; values are parameters.
        sql = _ELECTOR_SQL.replace("{where}", where)
        with self._lock:
            rows = self._conn.execute(sql, (*args, limit)).fetchall()
        out = []
        for key, name, rel, age, gender, part, serial, cid, rs, left, rem, cast, tnd, st in rows:
            if tnd is not None:
                state = "tendered"
            elif rem is not None and (rem == "[]" and cast > 0):
                state = "voted"
            elif left is not None:
                state = "left"
            elif rem is not None:
                state = "enabled"
            elif rs is not None:
                state = "registered"
            elif cid is not None:
                state = "checked_in"
            else:
                state = "not_seen"
            out.append(
                {
                    "key": key,
                    "name": name,
                    "relative_name": rel,
                    "age": age,
                    "gender": gender,
                    "part": part,
                    "serial": serial,
                    "state": state,
                    "status": st,
                }
            )
        return out

    def find_electors(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        query = (query or "").strip()
        if not query:
            return []
        limit = max(1, min(int(limit), 200))
        exact = self._elector_rows("e.key = ?", (query.upper(),), limit)
        if exact:
            return exact
        match = _PART_SERIAL.match(query)
        if match:
            return self._elector_rows(
                "e.part = ? AND e.serial = ?", (int(match[1]), int(match[2])), limit
            )
        if query.isdigit():
            return self._elector_rows("e.serial = ?", (int(query),), limit)
        key = name_key(query)
        if not key:
            return []
        return self._elector_rows("e.name_key LIKE ?", (f"%{key}%",), limit)

    def check_in(
        self,
        officer: str,
        key: str,
        document: str,
        document_number: str,
        token: int | None = None,
    ) -> int:
        officer = self._officer(officer)
        last4 = self._document(document, document_number)
        with self._tx() as c:
            phase = self._require_phase(c, "open", "closing")
            elector_key, _part, _serial, status, _service, _name = self._elector(c, key)
            if status != "active":
                raise StationError(
                    "not_active", _("This elector's entry is not active on the roll."), field="key"
                )
            if document == "epic" and re.sub(r"\s+", "", document_number).upper() != elector_key:
                raise StationError(
                    "document_mismatch",
                    _("The EPIC number shown is not the elector's."),
                    field="document_number",
                )
            if c.execute("SELECT 1 FROM checkins WHERE elector = ?", (elector_key,)).fetchone():
                raise StationError(
                    "already_checked_in",
                    _("This elector has already been checked in today."),
                    field="key",
                )
            token_number: int | None = None
            if phase == "closing":
                token_number = self._token(c, token)
            cur = c.execute(
                "INSERT INTO checkins (elector, document, document_last4, token, officer, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (elector_key, document, last4, token_number, officer, self._at()),
            )
            checkin = int(cur.lastrowid or 0)
            if token_number is not None:
                c.execute("UPDATE tokens SET checkin = ? WHERE number = ?", (checkin, token_number))
            self._log(
                c,
                "checked_in",
                {
                    "checkin": checkin,
                    "officer": officer,
                    "document": document,
                    "token": token_number,
                },
            )
        return checkin

    def _token(self, c: sqlite3.Connection, token: Any) -> int:
        try:
            number = int(token)
        except (TypeError, ValueError):
            raise StationError(
                "token_required",
                _("The poll is closing: only a voter holding a token may still vote."),
                field="token",
            ) from None
        row = c.execute("SELECT checkin FROM tokens WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise StationError(
                "bad_token", _("No token %(n)s was issued.") % {"n": number}, field="token"
            )
        if row[0] is not None:
            raise StationError(
                "token_used", _("Token %(n)s has already been used.") % {"n": number}, field="token"
            )
        return number

    def pending_checkins(self, limit: int = 50) -> list[dict[str, Any]]:
        """Checked in but not yet in the 17A register, oldest first (officer 2's queue)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id, e.key, e.name, e.part, e.serial, c.document, c.document_last4, "
                "c.token FROM checkins c JOIN electors e ON e.key = c.elector WHERE NOT EXISTS "
                "(SELECT 1 FROM register r WHERE r.checkin = c.id) ORDER BY c.id LIMIT ?",
                (limit,),
            ).fetchall()
        names = (
            "checkin_id",
            "key",
            "name",
            "part",
            "serial",
            "document",
            "document_last4",
            "token",
        )
        return [dict(zip(names, row, strict=True)) for row in rows]

    def register(self, officer: str, checkin_id: int, ink: bool, mark: str) -> dict[str, Any]:
        officer = self._officer(officer)
        if not ink:
            raise StationError(
                "ink_required", _("Mark the finger with indelible ink first."), field="ink"
            )
        if mark not in ("signature", "thumb"):
            raise StationError(
                "mark_required",
                _("Take the voter's signature or thumb impression."),
                field="mark",
            )
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            row = c.execute(
                "SELECT c.elector, c.document, c.document_last4, e.part, e.serial "
                "FROM checkins c JOIN electors e ON e.key = c.elector WHERE c.id = ?",
                (_int(checkin_id),),
            ).fetchone()
            if row is None:
                raise StationError("no_checkin", _("No such check-in."), field="checkin_id")
            elector, document, last4, part, part_serial = row
            if c.execute("SELECT 1 FROM register WHERE checkin = ?", (checkin_id,)).fetchone():
                raise StationError(
                    "already_registered",
                    _("This voter is already in the register (Form 17A)."),
                    field="checkin_id",
                )
            serial = self._count(c, "SELECT coalesce(max(serial), 0) + 1 FROM register")
            c.execute(
                "INSERT INTO register (serial, checkin, elector, part, part_serial, document, "
                "document_last4, mark, slip, officer, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (serial, checkin_id, elector, part, part_serial, document, last4, mark, serial,
                 officer, self._at()),
            )  # fmt: skip
            self._log(c, "registered", {"serial_17a": serial, "officer": officer, "mark": mark})
        return {
            "serial_17a": serial,
            "slip": serial,
            "part": part,
            "part_serial": part_serial,
            "document": document,
            "document_last4": last4,
        }

    def pending_slips(self, limit: int = 50) -> list[dict[str, Any]]:
        """In the register with a slip, ballot not yet enabled, not left (officer 3's queue)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.slip, r.serial, e.key, e.name, e.part, e.serial FROM register r "
                "JOIN electors e ON e.key = r.elector WHERE r.left_note IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM ballots b WHERE b.slip = r.slip) ORDER BY r.serial LIMIT ?",
                (limit,),
            ).fetchall()
        names = ("slip", "serial_17a", "key", "name", "part", "serial")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def enable_ballot(self, officer: str, slip: int, ink: bool) -> int:
        officer = self._officer(officer)
        if not ink:
            raise StationError(
                "ink_required", _("Check the ink mark on the finger first."), field="ink"
            )
        slip_no = _int(slip)
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            row = c.execute(
                "SELECT elector, left_note FROM register WHERE slip = ?", (slip_no,)
            ).fetchone()
            if row is None:
                raise StationError(
                    "no_slip", _("No voter's slip has number %(n)s.") % {"n": slip}, field="slip"
                )
            elector, left = row
            if c.execute("SELECT 1 FROM ballots WHERE elector = ?", (elector,)).fetchone():
                raise StationError(
                    "already_enabled",
                    _("The ballot unit has already been enabled for this voter."),
                    field="slip",
                )
            if left is not None:
                raise StationError(
                    "left_without_voting",
                    _("This voter was recorded as having left without voting."),
                    field="slip",
                )
            if c.execute(
                "SELECT 1 FROM ballots WHERE remaining != '[]' AND cancelled = 0"
            ).fetchone():
                raise StationError(
                    "ballot_unit_busy",
                    _("The ballot unit is still waiting for the previous voter."),
                    field="slip",
                )
            remaining = store.canonical([b["contest"] for b in self._ballots])
            try:
                cur = c.execute(
                    "INSERT INTO ballots (slip, elector, officer, enabled_at, remaining) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (slip_no, elector, officer, self._at(), remaining),
                )
            except sqlite3.IntegrityError as exc:  # the constraint, should the check be bypassed
                raise StationError(
                    "already_enabled",
                    _("The ballot unit has already been enabled for this voter."),
                    field="slip",
                ) from exc
            ballot = int(cur.lastrowid or 0)
            self._log(c, "ballot_enabled", {"officer": officer, "slip": slip_no, "ballot": ballot})
        return ballot

    def pending_ballot(self) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, remaining FROM ballots WHERE remaining != '[]' AND cancelled = 0 "
                "ORDER BY id LIMIT 1"
            ).fetchone()
        if row is None:
            return None
        return {"ballot": row[0], "contests": json.loads(row[1])}

    def cast(self, ballot: int, contest: str, choice: int) -> dict[str, Any]:
        _b, number = self._choice(contest, choice)
        slip = self._slip(contest, number)
        ballot_id = _int(ballot)
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            row = c.execute(
                "SELECT remaining, cancelled FROM ballots WHERE id = ?", (ballot_id,)
            ).fetchone()
            if row is None or row[1]:
                raise StationError(
                    "no_ballot", _("No ballot is enabled on the ballot unit."), field="ballot"
                )
            remaining: list[str] = json.loads(row[0])
            if contest not in remaining:
                raise StationError(
                    "already_cast",
                    _("This vote has already been recorded."),
                    field="contest",
                )
            remaining.remove(contest)
            day = self._clock().date().isoformat()
            nonce = secrets.token_hex(16)
            self._insert_random(
                c,
                "INSERT INTO votes (id, contest, choice, day) VALUES (?, ?, ?, ?)",
                (contest, number, day),
            )
            self._insert_random(
                c, "INSERT INTO paper (id, contest, serial, name, symbol, nonce) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (contest, number, slip["name"], slip["symbol"], nonce),
            )  # fmt: skip
            count, digest, head = c.execute(
                "SELECT count, digest, head FROM paper_box WHERE contest = ?", (contest,)
            ).fetchone()
            digest, head = store.box_add(
                digest,
                head,
                count + 1,
                store.slip_digest(contest, number, slip["name"], slip["symbol"], nonce),
            )
            c.execute(
                "UPDATE paper_box SET count = ?, digest = ?, head = ? WHERE contest = ?",
                (count + 1, digest, head, contest),
            )
            c.execute(
                "UPDATE ballots SET remaining = ?, cast_count = cast_count + 1 WHERE id = ?",
                (store.canonical(remaining), ballot_id),
            )
            self._log(c, "vote_recorded", {"contest": contest})
        return slip
