"""The base of `StationDay`: connection, transactions, log, shared reads, and the constants
of the day."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from nirvachan.station import store
from nirvachan.station.i18n import gettext as _
from nirvachan.station.i18n import gettext_noop as N_

ROLES = ("presiding", "po1", "po2", "po3")
PIN_ITERATIONS = 60_000
NOTA = {"bn": "উপরের কাউকে নয় (নোটা)", "hi": "इनमें से कोई नहीं (नोटा)", "en": "None of the above (NOTA)"}

# Identity documents (seed 004); an election may allow a subset (station.json id_documents).
ID_DOCUMENTS: dict[str, str] = {
    "epic": N_("Elector's photo identity card (EPIC)"),
    "aadhaar": N_("Aadhaar card"),
    "pan": N_("PAN card"),
    "passport": N_("Passport"),
    "driving_licence": N_("Driving licence"),
    "passbook": N_("Bank or post-office passbook with photograph"),
    "pension": N_("Pension document with photograph"),
    "mgnrega": N_("MGNREGA job card"),
    "health_card": N_("Health insurance smart card"),
    "service_id": N_("Service identity card with photograph"),
    "mp_mla_id": N_("Official identity card of an MP, MLA or MLC"),
    "udid": N_("Unique disability ID (UDID) card"),
    "nid": N_("National identity card (NID)"),
}
MIN_MOCK_VOTES = 50
_ELECTOR_SQL = (
    "SELECT e.key, e.name, e.relative_name, e.age, e.gender, e.part, e.serial, "
    "c.id, r.serial, r.left_note, b.remaining, b.cast_count, t.number, e.status "
    "FROM electors e LEFT JOIN checkins c ON c.elector = e.key "
    "LEFT JOIN register r ON r.elector = e.key LEFT JOIN ballots b ON b.elector = e.key "
    "LEFT JOIN tendered t ON t.elector = e.key WHERE {where} "
    "ORDER BY e.part, e.serial LIMIT ?"
)
_PART_SERIAL = re.compile(r"^\s*(\d+)\s*[/\-]\s*(\d+)\s*$")


class StationError(Exception):
    """A refused action. ``message`` is translated into the active language when raised."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        self.details = details


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def _hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class StationDayBase:
    """One connection to the station database, the transaction and log plumbing, and the
    reads every part of the day shares."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        data_dir: Path,
        clock: Callable[[], datetime],
        position_rng: Any = None,
    ):
        self._conn = conn
        # Draws the random row ids of votes and paper slips; the system CSPRNG unless a test
        # passes a seeded random.Random to make a measurement reproducible.
        self._rng = position_rng or secrets.SystemRandom()
        self.data_dir = data_dir
        self._clock = clock
        self._lock = threading.RLock()
        self._meta: dict[str, Any] = {
            k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM meta")
        }
        self._ballots: list[dict[str, Any]] = [
            json.loads(body)
            for (body,) in conn.execute("SELECT body FROM ballot_contests ORDER BY position")
        ]
        self._ballot_by_contest = {b["contest"]: b for b in self._ballots}

    @classmethod
    def open(
        cls,
        data_dir: Path,
        clock: Callable[[], datetime] | None = None,
        *,
        position_rng: Any = None,
    ) -> Self:
        path = store.db_path(Path(data_dir))
        if not path.exists():
            raise StationError(
                "not_initialised",
                _("%(dir)s holds no station; run `nirvachan station init` first.")
                % {"dir": data_dir},
            )
        return cls(store.connect(path), Path(data_dir), clock or _now, position_rng)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _at(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _log(self, conn: sqlite3.Connection, kind: str, data: dict[str, Any]) -> int:
        seq, _digest = store.append_event(conn, kind, self._at(), data)
        return seq

    def _phase(self, conn: sqlite3.Connection) -> str:
        return str(conn.execute("SELECT phase FROM state WHERE id = 1").fetchone()[0])

    def _require_phase(self, conn: sqlite3.Connection, *allowed: str) -> str:
        phase = self._phase(conn)
        if phase not in allowed:
            messages = {
                "ready": _("The mock poll has not been held yet."),
                "mock": _("The mock poll is not cleared and sealed yet."),
                "sealed": _("The mock poll has been cleared and sealed."),
                "open": _("The poll is open."),
                "closing": _("The poll is closing: only token holders may still vote."),
                "closed": _("The poll is closed."),
                "packaged": _("The poll is closed and its result is packaged."),
            }
            before = phase in ("ready", "mock", "sealed") and "open" in allowed
            message = _("The poll is not open yet.") if phase == "sealed" and before else None
            raise StationError(
                "not_open" if before else "wrong_phase",
                message or messages[phase],
                phase=phase,
                allowed=list(allowed),
            )
        return phase

    def _officer(self, officer: str) -> str:
        officer = (officer or "").strip()
        if not officer:
            raise StationError("officer_required", _("Name the officer."), field="officer")
        return officer

    @property
    def phase(self) -> str:
        with self._lock:
            return self._phase(self._conn)

    @property
    def station(self) -> dict[str, Any]:
        return dict(self._meta["station"]["station"])

    @property
    def election(self) -> dict[str, Any]:
        return dict(self._meta["station"]["election"])

    @property
    def language(self) -> str:
        return str(self.station.get("language") or "bn")

    def _count(self, conn: sqlite3.Connection, sql: str, *args: Any) -> int:
        return int(conn.execute(sql, args).fetchone()[0])

    def info(self) -> dict[str, Any]:
        with self._lock:
            c = self._conn
            counts = {
                "electors": self._count(c, "SELECT count(*) FROM electors"),
                "checked_in": self._count(c, "SELECT count(*) FROM checkins"),
                "voters_17a": self._count(c, "SELECT count(*) FROM register"),
                "votes": self._count(c, "SELECT count(*) FROM ballots WHERE cast_count > 0"),
                "left": self._count(c, "SELECT count(*) FROM register WHERE left_note IS NOT NULL"),
                "tendered": self._count(c, "SELECT count(*) FROM tendered"),
                "mock_votes": self._count(c, "SELECT count(*) FROM mock_votes"),
                "paper": self._count(c, "SELECT count(*) FROM paper"),
            }
            phase = self._phase(c)
        return {
            "election": self.election,
            "station": self.station,
            "phase": phase,
            "counts": counts,
            "id_documents": self.id_documents(),
        }

    def id_documents(self) -> list[dict[str, str]]:
        allowed = self.election.get("id_documents") or list(ID_DOCUMENTS)
        return [
            {"code": code, "label": _(ID_DOCUMENTS[code])}
            for code in allowed
            if code in ID_DOCUMENTS
        ]

    def verify_pin(self, role: str, pin: str) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT salt, hash FROM pins WHERE role = ?", (role,)
            ).fetchone()
        if row is None or not pin:
            return False
        return secrets.compare_digest(_hash_pin(str(pin), bytes(row[0])), bytes(row[1]))

    def ballots(self) -> list[dict[str, Any]]:
        return json.loads(json.dumps(self._ballots))  # type: ignore[no-any-return]

    def _choice(self, contest: str, choice: Any) -> tuple[dict[str, Any], int]:
        ballot = self._ballot_by_contest.get(contest)
        if ballot is None:
            raise StationError(
                "unknown_contest",
                _("This station has no ballot for contest %(contest)s.") % {"contest": contest},
                field="contest",
            )
        try:
            number = int(choice)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= len(ballot["candidates"]) + 1:
            raise StationError(
                "bad_choice",
                _("Choice %(choice)s is not on the ballot.") % {"choice": choice},
                field="choice",
            )
        return ballot, number

    def _elector(self, c: sqlite3.Connection, key: str) -> tuple[Any, ...]:
        row = c.execute(
            "SELECT key, part, serial, status, service_voter, name FROM electors WHERE key = ?",
            ((key or "").strip().upper(),),
        ).fetchone()
        if row is None:
            raise StationError(
                "not_on_roll",
                _("No elector %(key)s is on this station's roll.") % {"key": key},
                field="key",
            )
        return tuple(row)

    def _document(self, document: str, number: str) -> str:
        allowed = {d["code"] for d in self.id_documents()}
        if document not in allowed:
            raise StationError(
                "bad_document",
                _("This identity document is not accepted at this election."),
                field="document",
            )
        number = re.sub(r"\s+", "", number or "")
        if len(number) < 4:
            raise StationError(
                "document_number_required",
                _("Enter the document's number (at least its last four characters)."),
                field="document_number",
            )
        return number[-4:].upper()

    def _slip(self, contest: str, number: int) -> dict[str, Any]:
        ballot = self._ballot_by_contest[contest]
        lang = self.language
        if number == len(ballot["candidates"]) + 1:
            return {
                "contest": contest,
                "serial": number,
                "name": NOTA.get(lang, NOTA["en"]),
                "symbol": "",
            }
        cand = ballot["candidates"][number - 1]
        name = cand.get(f"name_{lang}") or cand.get("name_en") or ""
        symbol = cand.get("symbol") or {}
        return {
            "contest": contest,
            "serial": number,
            "name": name,
            "symbol": symbol.get(f"name_{lang}") or symbol.get("name_en") or symbol.get("code", ""),
        }

    def _insert_random(self, c: sqlite3.Connection, sql: str, values: tuple[Any, ...]) -> None:
        """Insert at a random row id, so the stored order is not the casting order."""
        for _attempt in range(8):
            try:
                c.execute(sql, (self._rng.getrandbits(63) or 1, *values))
                return
            except sqlite3.IntegrityError:  # a taken id (probability ~ n / 2**63)
                continue
        raise sqlite3.IntegrityError("no free random id")

    def events(self, offset: int = 0, limit: int = 50) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body, hash FROM events ORDER BY seq LIMIT ? OFFSET ?",
                (max(0, int(limit)), max(0, int(offset))),
            ).fetchall()
        out = []
        for body, digest in rows:
            event = json.loads(body)
            event["hash"] = bytes(digest).hex()
            out.append(event)
        return out

    def verify_log(self) -> tuple[bool, int | None]:
        with self._lock:
            return store.verify_log(self._conn)
