"""The station log's hash chain (store.py): sequential and parallel verification."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from nirvachan.station import store


def _log(path: Path, n: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, prev BLOB NOT NULL,"
        " hash BLOB NOT NULL)"
    )
    conn.execute("BEGIN")
    prev = store.GENESIS
    for seq in range(1, n + 1):
        body = store.event_body(seq, "checked_in", "2026-11-23T09:00:00+05:30", {"checkin": seq})
        digest = hashlib.sha256(prev + body.encode()).digest()
        conn.execute("INSERT INTO events VALUES (?, ?, ?, ?)", (seq, body, prev, digest))
        prev = digest
    conn.execute("COMMIT")
    return conn


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("log") / "events.sqlite3"
    _log(path, 120_000).close()
    return path


def test_parallel_and_sequential_verification_agree_on_an_intact_log(big_log: Path) -> None:
    assert store.verify_log_parallel(big_log, workers=2) == (True, None, 120_000)
    conn = sqlite3.connect(big_log)
    assert store.verify_log(conn) == (True, None)


@pytest.mark.parametrize("seq", [1, 59_999, 60_000, 60_001, 119_999, 120_000])
def test_a_changed_event_is_named_by_both(big_log: Path, tmp_path: Path, seq: int) -> None:
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(big_log.read_bytes())
    conn = sqlite3.connect(path, isolation_level=None)
    body = conn.execute("SELECT body FROM events WHERE seq = ?", (seq,)).fetchone()[0]
    conn.execute("UPDATE events SET body = ? WHERE seq = ?", (body.replace("09:00", "09:01"), seq))
    assert store.verify_log(conn) == (False, seq)
    ok, bad, _n = store.verify_log_parallel(path, workers=2)
    assert (ok, bad) == (False, seq)


def test_deleted_and_inserted_events_are_found(tmp_path: Path) -> None:
    conn = _log(tmp_path / "e.sqlite3", 500)
    conn.execute("DELETE FROM events WHERE seq = 200")
    assert store.verify_log(conn) == (False, 200)
    assert store.verify_log_parallel(tmp_path / "e.sqlite3")[:2] == (False, 200)
    conn = _log(tmp_path / "f.sqlite3", 50)
    conn.execute("INSERT INTO events VALUES (51, 'x', x'00', x'00')")
    assert store.verify_log(conn) == (False, 51)


def test_exported_jsonl_verifies_and_names_a_changed_line(tmp_path: Path) -> None:
    conn = _log(tmp_path / "g.sqlite3", 30)
    rows = conn.execute("SELECT seq, body, prev, hash FROM events ORDER BY seq").fetchall()
    data = store.events_jsonl(rows)
    assert store.verify_jsonl(data) == (True, None, 30)
    lines = data.decode().splitlines()
    lines[9] = lines[9].replace('"checkin":10', '"checkin":11')
    assert store.verify_jsonl(("\n".join(lines) + "\n").encode())[:2] == (False, 10)
