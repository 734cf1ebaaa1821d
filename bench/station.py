"""Polling-station benchmarks: `python -m bench station [--votes N] [--events N] [--electors N]`.

1. Durable vote append: `StationDay.cast()` (vote at a random row id, paper slip, paper box
   digest, ballot counter and its hash-chained log event, one transaction, WAL with
   synchronous=FULL) on a station database on the ordinary disk. The ballot of each voter is
   enabled outside the timed part; a second figure times the whole voter (check-in, Form 17A,
   enable, cast). Target (issue 6): ≥ 1,000 votes/s.
2. Chain verification: the station log's verify loop (SHA-256 of previous hash + body per event)
   over N events held in memory, and `verify_log()` reading them from SQLite.
   Target: ≥ 500,000 events/s.
3. Close and package a day of N electors (default 1,500): close_poll + end_poll +
   close_and_package, with and without the Form 17C PDF. Target: ≤ 2 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nirvachan.settings")
    os.environ.setdefault("NIRVACHAN_DATA_DIR", tempfile.mkdtemp(prefix="nirvachan-bench-"))
    import django

    django.setup()


def _station(root: Path, electors: int, name: str) -> Path:
    from nirvachan.station.day import init_station
    from nirvachan.station.simulate import synthetic_package

    data, ro = synthetic_package(electors, 7)
    data_dir = root / name
    init_station(data, data_dir, frozenset({ro}))
    return data_dir


def _open(data_dir: Path) -> Any:
    from nirvachan.station.day import StationDay

    day = StationDay.open(data_dir)
    contest = day.ballots()[0]["contest"]
    for i in range(50):
        day.mock_vote(contest, 1 + i % 5)
    day.clear_and_seal("bench", ["S1"])
    day.open_poll("bench")
    return day


def raw_append(root: Path, n: int, name: str) -> float:
    """The anchor at the same moment on the same disk: one hash-chained row per transaction,
    WAL + synchronous=FULL, nothing else (fsync-bound)."""
    conn = sqlite3.connect(root / f"raw-{name}.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE e (seq INTEGER PRIMARY KEY, body TEXT, prev BLOB, hash BLOB UNIQUE)")
    prev = bytes(32)
    started = time.perf_counter()
    for seq in range(1, n + 1):
        conn.execute("BEGIN IMMEDIATE")
        body = f"event {seq}"
        digest = hashlib.sha256(prev + body.encode()).digest()
        conn.execute("INSERT INTO e VALUES (?, ?, ?, ?)", (seq, body, prev, digest))
        conn.execute("COMMIT")
        prev = digest
    seconds = time.perf_counter() - started
    conn.close()
    return n / seconds


def bench_votes(root: Path, votes: int) -> dict[str, Any]:
    raw_before = raw_append(root, 300, "before")
    day = _open(_station(root, votes, "votes"))
    contest = day.ballots()[0]["contest"]
    keys = [f"SIM{i:07d}" for i in range(1, votes + 1)]
    cast_time = 0.0
    voter_start = time.perf_counter()
    for n, key in enumerate(keys):
        checkin = day.check_in("bench", key, "epic", key)
        slip = day.register("bench", checkin, True, "signature")["slip"]
        ballot = day.enable_ballot("bench", slip, True)
        started = time.perf_counter()
        day.cast(ballot, contest, 1 + n % 5)
        cast_time += time.perf_counter() - started
    voter_time = time.perf_counter() - voter_start
    sync = day._conn.execute("PRAGMA synchronous").fetchone()[0]
    mode = day._conn.execute("PRAGMA journal_mode").fetchone()[0]
    day.close()
    raw_after = raw_append(root, 300, "after")
    return {
        "raw_chained_append_per_second_same_moment": round((raw_before + raw_after) / 2),
        "votes": votes,
        "journal_mode": mode,
        "synchronous": {2: "FULL", 3: "EXTRA"}.get(sync, sync),
        "cast_seconds": round(cast_time, 3),
        "votes_per_second": round(votes / cast_time),
        "voters_per_second_whole_flow": round(votes / voter_time, 1),
    }


def _expect(result: tuple[bool, int | None, int], events: int) -> None:
    assert result == (True, None, events), result


def _best(repeat: int, run: Any) -> float:
    """The shortest of `repeat` timed runs (the machine is shared)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_chain(root: Path, events: int, repeat: int = 3) -> dict[str, Any]:
    from nirvachan.station import store

    sha = hashlib.sha256
    rows: list[tuple[int, bytes, bytes]] = []
    prev = store.GENESIS
    for seq in range(1, events + 1):
        body = store.event_body(
            seq, "vote_recorded", "2026-11-23T10:00:00+05:30", {"contest": "IN-UP-PC-VARANASI"}
        ).encode()
        prev = sha(prev + body).digest()
        rows.append((seq, body, prev))
    memory = _best(repeat, lambda: _expect(store.verify_chain(rows), events))
    db = root / "chain.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, prev BLOB NOT NULL,"
        " hash BLOB NOT NULL UNIQUE)"
    )
    conn.execute("BEGIN")
    previous = store.GENESIS
    for seq, body, digest in rows:
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?)", (seq, body.decode(), previous, digest)
        )
        previous = digest
    conn.execute("COMMIT")
    from_db = _best(repeat, lambda: _expect((*store.verify_log(conn), events), events))
    conn.close()
    parallel = _best(repeat, lambda: _expect(store.verify_log_parallel(db), events))
    return {
        "events": events,
        "in_memory_events_per_second": round(events / memory),
        "from_sqlite_events_per_second": round(events / from_db),
        "from_sqlite_parallel_events_per_second": round(events / parallel),
    }


def bench_close(root: Path, electors: int) -> dict[str, Any]:
    from nirvachan.station.day import StationDay
    from nirvachan.station.simulate import _vote

    out: dict[str, Any] = {"electors": electors}
    for label, pdf in (("without_pdf", False), ("with_pdf", True)):
        data_dir = _station(root, electors, f"close-{label}")
        day = _open(data_dir)
        ballots = day.ballots()
        keys = [f"SIM{i:07d}" for i in range(1, electors + 1)]
        for index, key in enumerate(keys):
            _vote(day, key, seed=3, ballots=ballots, on_cast=None, index=index, n=electors,
                  tokens=0)  # fmt: skip
            if (index + 1) % 250 == 0:
                day.turnout_report("bench")
        day.close()
        day = StationDay.open(data_dir)
        started = time.perf_counter()
        day.close_poll("bench", 0)
        day.end_poll("bench")
        path = day.close_and_package(root / f"result-{label}.zip", pdf=pdf)
        seconds = time.perf_counter() - started
        day.close()
        out[label] = {"seconds": round(seconds, 3), "package_bytes": path.stat().st_size}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench station")
    parser.add_argument("--votes", type=int, default=2000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--electors", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the verification runs")
    parser.add_argument("--dir", help="where the station databases go (default: a temp dir "
                        "under the current directory, i.e. on the ordinary disk)")  # fmt: skip
    args = parser.parse_args(argv)
    _django()
    root = Path(tempfile.mkdtemp(prefix="station-bench-", dir=args.dir or "."))
    try:
        figures = {
            "durable_vote_append": bench_votes(root, args.votes),
            "chain_verification": bench_chain(root, args.events, args.repeat),
            "close_and_package": bench_close(root, args.electors),
            "cpus": os.cpu_count(),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(figures, indent=1))
    return 0
