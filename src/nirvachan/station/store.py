"""The station device's own database: schema, connection, and the hash-chained event log.

Pure (no Django): sqlite3 from the standard library. One file ``station.sqlite3`` in the data
directory, WAL journal and ``synchronous=FULL`` so that a committed transaction survives a power
cut. Every write of the day is one ``BEGIN IMMEDIATE … COMMIT`` (see ``day.py``).

Secrecy lives in the schema:

* ``votes`` holds only ``contest``, ``choice`` and ``day``; its row id is a random 63-bit number
  drawn when the vote is stored, so the stored (rowid) order is a random permutation of the casting
  order. No column, index or foreign key leads from a vote to an elector, a 17A entry, a ballot or
  a time finer than the day.
* ``paper`` (the sealed box of paper slips) likewise sits at random row ids, with a per-slip
  random nonce. Its integrity record ``paper_box`` keeps, per contest, the count and an
  order-independent digest (the sum modulo 2**256 of the slips' SHA-256), plus a running chain
  head. The head is an ordered hash chain over the box's successive digests and is kept only as
  its current value: a stored, ordered chain of slips would be a record of the casting order of
  the choices, which the paper box must not keep (docs/station.md, "Secrecy").

The event log ``events`` is an ordered hash chain: ``hash = SHA-256(prev || body)`` where
``body`` is the canonical JSON of ``{"seq", "kind", "at", "data"}`` and ``prev`` the previous
hash (32 zero bytes for the first). Hashes are stored as 32-byte blobs so that verification is a
tight loop over ``hashlib`` (``verify_chain``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

DB_NAME: Final = "station.sqlite3"
GENESIS: Final = bytes(32)
MOD: Final = 1 << 256
SCHEMA_VERSION: Final = 1

SCHEMA: Final = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    phase TEXT NOT NULL CHECK (phase IN
        ('ready', 'mock', 'sealed', 'open', 'closing', 'closed', 'packaged')),
    seals TEXT NOT NULL DEFAULT '[]',
    test_votes_cleared INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT, closing_at TEXT, closed_at TEXT,
    tokens_issued INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE electors (
    key TEXT PRIMARY KEY, key_kind TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
    relative_name TEXT NOT NULL, relation TEXT NOT NULL, gender TEXT NOT NULL, age INTEGER,
    part INTEGER NOT NULL, serial INTEGER NOT NULL, status TEXT NOT NULL,
    service_voter INTEGER NOT NULL DEFAULT 0,
    UNIQUE (part, serial)
);
CREATE INDEX electors_name_key ON electors (name_key);
CREATE TABLE ballot_contests (
    position INTEGER PRIMARY KEY, contest TEXT NOT NULL UNIQUE, body TEXT NOT NULL
);
CREATE TABLE pins (role TEXT PRIMARY KEY, salt BLOB NOT NULL, hash BLOB NOT NULL);
CREATE TABLE mock_votes (id INTEGER PRIMARY KEY, contest TEXT NOT NULL, choice INTEGER NOT NULL);
CREATE TABLE tokens (number INTEGER PRIMARY KEY, checkin INTEGER UNIQUE);
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    elector TEXT NOT NULL UNIQUE REFERENCES electors (key),
    document TEXT NOT NULL, document_last4 TEXT NOT NULL, token INTEGER UNIQUE,
    officer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE register (
    serial INTEGER PRIMARY KEY,
    checkin INTEGER NOT NULL UNIQUE REFERENCES checkins (id),
    elector TEXT NOT NULL UNIQUE REFERENCES electors (key),
    part INTEGER NOT NULL, part_serial INTEGER NOT NULL,
    document TEXT NOT NULL, document_last4 TEXT NOT NULL,
    mark TEXT NOT NULL CHECK (mark IN ('signature', 'thumb')),
    slip INTEGER NOT NULL UNIQUE, officer TEXT NOT NULL, at TEXT NOT NULL,
    left_note TEXT, left_by TEXT
);
CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    slip INTEGER NOT NULL UNIQUE REFERENCES register (slip),
    elector TEXT NOT NULL UNIQUE REFERENCES electors (key),
    officer TEXT NOT NULL, enabled_at TEXT NOT NULL,
    remaining TEXT NOT NULL, cast_count INTEGER NOT NULL DEFAULT 0,
    cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE votes (
    id INTEGER PRIMARY KEY, contest TEXT NOT NULL, choice INTEGER NOT NULL, day TEXT NOT NULL
);
CREATE TABLE paper (
    id INTEGER PRIMARY KEY, contest TEXT NOT NULL, serial INTEGER NOT NULL,
    name TEXT NOT NULL, symbol TEXT NOT NULL, nonce TEXT NOT NULL
);
CREATE TABLE paper_box (
    contest TEXT PRIMARY KEY, count INTEGER NOT NULL DEFAULT 0,
    digest TEXT NOT NULL, head TEXT NOT NULL
);
CREATE TABLE tendered (
    number INTEGER PRIMARY KEY, elector TEXT NOT NULL UNIQUE REFERENCES electors (key),
    name TEXT NOT NULL, document TEXT NOT NULL, document_last4 TEXT NOT NULL,
    officer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE challenges (
    id INTEGER PRIMARY KEY, elector TEXT NOT NULL REFERENCES electors (key),
    challenger TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('upheld', 'rejected')),
    note TEXT NOT NULL, officer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE companions (
    serial_17a INTEGER PRIMARY KEY REFERENCES register (serial),
    name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, declaration INTEGER NOT NULL
        CHECK (declaration = 1),
    officer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE proxies (
    elector TEXT PRIMARY KEY REFERENCES electors (key), proxy_name TEXT NOT NULL,
    officer TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE turnout (id INTEGER PRIMARY KEY, at TEXT NOT NULL, voters INTEGER NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY, body TEXT NOT NULL, prev BLOB NOT NULL, hash BLOB NOT NULL
);
"""

# Tables holding mock-poll data; clear-and-seal empties them and opening refuses while any remain.
MOCK_TABLES: Final = ("mock_votes",)


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME


def connect(path: Path, *, timeout: float = 60.0) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, synchronous=FULL."""
    conn = sqlite3.connect(
        str(path), timeout=timeout, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_body(seq: int, kind: str, at: str, data: dict[str, Any]) -> str:
    return canonical({"seq": seq, "kind": kind, "at": at, "data": data})


def append_event(
    conn: sqlite3.Connection, kind: str, at: str, data: dict[str, Any]
) -> tuple[int, bytes]:
    """Append one event inside the caller's transaction; returns (seq, hash)."""
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, bytes(row[1])) if row else (1, GENESIS)
    body = event_body(seq, kind, at, data)
    digest = hashlib.sha256(prev + body.encode()).digest()
    conn.execute(
        "INSERT INTO events (seq, body, prev, hash) VALUES (?, ?, ?, ?)", (seq, body, prev, digest)
    )
    return seq, digest


def verify_chain(rows: Iterable[tuple[int, bytes, bytes]]) -> tuple[bool, int | None, int]:
    """Check (seq, body bytes, hash) rows in order: seq contiguous from 1 and every hash equal
    to SHA-256(previous hash || body). Returns (ok, first bad seq, events checked)."""
    sha = hashlib.sha256
    prev = GENESIS
    expected = 1
    for seq, body, digest in rows:
        if seq != expected or sha(prev + body).digest() != digest:
            return False, expected, expected - 1
        prev = digest
        expected += 1
    return True, None, expected - 1


def verify_log(conn: sqlite3.Connection) -> tuple[bool, int | None]:
    rows = conn.execute("SELECT seq, CAST(body AS BLOB), hash FROM events ORDER BY seq")
    ok, bad, _count = verify_chain(rows)
    return ok, bad


def _verify_stretch(args: tuple[str, int, int]) -> tuple[bool, int | None, int]:
    """Verify events lo..hi of the database at ``path`` (read-only), starting from the stored
    hash of event lo - 1: one stretch of a parallel verification."""
    path, lo, hi = args
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        prev = GENESIS
        if lo > 1:
            row = conn.execute("SELECT hash FROM events WHERE seq = ?", (lo - 1,)).fetchone()
            if row is None:
                return False, lo - 1, 0
            prev = bytes(row[0])
        sha = hashlib.sha256
        expected = lo
        rows = conn.execute(
            "SELECT seq, CAST(body AS BLOB), hash FROM events WHERE seq BETWEEN ? AND ? "
            "ORDER BY seq",
            (lo, hi),
        )
        for seq, body, digest in rows:
            if seq != expected or sha(prev + body).digest() != digest:
                return False, expected, expected - lo
            prev = digest
            expected += 1
        if expected != hi + 1:
            return False, expected, expected - lo
        return True, None, hi - lo + 1
    finally:
        conn.close()


def verify_log_parallel(path: Path, workers: int | None = None) -> tuple[bool, int | None, int]:
    """The log of the database file at ``path`` verified in one stretch per worker process
    (each stretch starts from the stored hash before it, so together they check every link).
    For large logs; a station day's log (thousands of events) is verified by ``verify_log``."""
    from concurrent.futures import ProcessPoolExecutor

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0])
        count = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()
    if count != last:
        ok, bad, checked = _verify_stretch((str(path), 1, last))
        return ok, bad, checked
    workers = max(1, min(workers or os.cpu_count() or 1, last // 50_000 or 1))
    step = -(-last // workers) if last else 1
    stretches = [(str(path), lo, min(last, lo + step - 1)) for lo in range(1, last + 1, step)]
    if workers == 1 or len(stretches) <= 1:
        return _verify_stretch((str(path), 1, last)) if last else (True, None, 0)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_verify_stretch, stretches))
    checked = 0
    for ok, bad, n in results:
        checked += n
        if not ok:
            return False, bad, checked
    return True, None, checked


def events_jsonl(rows: Sequence[tuple[int, str, bytes, bytes]]) -> bytes:
    """The log as exported: one JSON object per line with seq, kind, at, data, prev, hash."""
    lines = []
    for _seq, body, prev, digest in rows:
        event = json.loads(body)
        event["prev"] = bytes(prev).hex()
        event["hash"] = bytes(digest).hex()
        lines.append(canonical(event))
    return ("\n".join(lines) + "\n").encode() if lines else b""


def verify_jsonl(data: bytes) -> tuple[bool, int | None, int]:
    """Verify an exported events.jsonl the same way as the database log."""
    rows: list[tuple[int, bytes, bytes]] = []
    for number, line in enumerate(data.decode().splitlines(), start=1):
        try:
            event = json.loads(line)
            body = event_body(event["seq"], event["kind"], event["at"], event["data"])
            rows.append((int(event["seq"]), body.encode(), bytes.fromhex(event["hash"])))
        except (ValueError, KeyError, TypeError):
            return False, number, number - 1
    return verify_chain(rows)


# --- the paper box ------------------------------------------------------------------------------


def slip_digest(contest: str, serial: int, name: str, symbol: str, nonce: str) -> int:
    text = canonical([contest, serial, name, symbol, nonce]).encode()
    return int.from_bytes(hashlib.sha256(text).digest(), "big")


def box_head(contest: str) -> tuple[str, str]:
    """(digest, head) of an empty box for ``contest``."""
    head = hashlib.sha256(canonical(["paper-box", contest]).encode()).hexdigest()
    return "0" * 64, head


def box_add(digest_hex: str, head_hex: str, count: int, slip: int) -> tuple[str, str]:
    digest = (int(digest_hex, 16) + slip) % MOD
    new_digest = f"{digest:064x}"
    head = hashlib.sha256(bytes.fromhex(head_hex) + f"{count}:{new_digest}".encode()).hexdigest()
    return new_digest, head


def box_digest(rows: Iterable[tuple[str, int, str, str, str]]) -> dict[str, tuple[int, str]]:
    """Recompute (count, digest) per contest from the slips in any order."""
    out: dict[str, list[int]] = {}
    for contest, serial, name, symbol, nonce in rows:
        acc = out.setdefault(contest, [0, 0])
        acc[0] += 1
        acc[1] = (acc[1] + slip_digest(contest, serial, name, symbol, nonce)) % MOD
    return {contest: (count, f"{digest:064x}") for contest, (count, digest) in out.items()}
