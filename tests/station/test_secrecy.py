"""Secrecy of the vote on the station device: the schema has no path from a vote (or a paper
slip) to an elector, a 17A entry, a ballot or a time finer than the day, and the stored order of
votes does not follow the casting order (Kendall's tau against the 17A order)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from nirvachan.station import store
from nirvachan.station.day import StationDay
from nirvachan.station.simulate import run_day
from tests.station.factories import make_station


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_votes_and_paper_have_no_link_to_electors_17a_ballots_or_times(tmp_path: Path) -> None:
    st = make_station(tmp_path, voters=5)
    conn = sqlite3.connect(store.db_path(st.data_dir))
    assert _columns(conn, "votes") == {"id", "contest", "choice", "day"}
    assert _columns(conn, "paper") == {"id", "contest", "serial", "name", "symbol", "nonce"}
    assert _columns(conn, "paper_box") == {"contest", "count", "digest", "head"}
    for table in ("votes", "paper", "paper_box"):
        assert conn.execute(f"PRAGMA foreign_key_list({table})").fetchall() == []
        assert conn.execute(f"PRAGMA index_list({table})").fetchall() in (
            [],
            [(0, "sqlite_autoindex_paper_box_1", 1, "pk", 0)],
        )
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:  # nothing points at a vote or a slip either
        targets = {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
        assert not targets & {"votes", "paper", "paper_box"}, table
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone() == (
        0,
    )
    # the only time on a vote is the day
    with StationDay.open(st.data_dir) as day:
        run_day(day, seed=1, out=None, pdf=False)
        days = {d for (d,) in day._conn.execute("SELECT DISTINCT day FROM votes")}
        assert all(len(d) == 10 for d in days)
        # and the log records that a vote was recorded, never its choice
        for event in day.events(0, 10_000):
            if event["kind"] == "vote_recorded":
                assert set(event["data"]) == {"contest"}


def kendall_tau(xs: list[int], ys: list[int]) -> float:
    n = len(xs)
    concordant = discordant = 0
    for i in range(n):
        for j in range(i + 1, n):
            s = (xs[i] - xs[j]) * (ys[i] - ys[j])
            concordant += s > 0
            discordant += s < 0
    return (concordant - discordant) / (n * (n - 1) / 2)


def _casting_vs_stored(tmp_path: Path, rng: random.Random | None) -> float:
    """Run a 500-voter day; the test watches which row each cast adds (the station itself keeps
    no such record) and compares the 17A/casting order with the stored (table scan) order."""
    st = make_station(tmp_path, voters=500, seed=11)
    cast_ids: list[int] = []
    with StationDay.open(st.data_dir, position_rng=rng) as day:
        seen: set[int] = set()

        def watch() -> None:
            ids = {i for (i,) in day._conn.execute("SELECT id FROM votes")}
            (new,) = ids - seen
            seen.add(new)
            cast_ids.append(new)

        from nirvachan.station import simulate

        simulate.run_day(day, seed=11, out=None, pdf=False, on_cast=watch)
        stored = [i for (i,) in day._conn.execute("SELECT id FROM votes")]  # table-scan order
        register = [s for (s,) in day._conn.execute(
            "SELECT serial FROM register WHERE left_note IS NULL ORDER BY serial")]  # fmt: skip
    assert len(cast_ids) == len(stored) == len(register) > 450
    rank = {vote_id: position for position, vote_id in enumerate(stored)}
    return kendall_tau(register, [rank[i] for i in cast_ids])


def test_stored_order_does_not_reveal_casting_order_seeded(tmp_path: Path) -> None:
    # Reproducible: row ids from a seeded generator (the station uses the system CSPRNG).
    tau = _casting_vs_stored(tmp_path, random.Random(2026))
    assert abs(tau) < 0.05, tau


def test_stored_order_with_the_system_random_source(tmp_path: Path) -> None:
    # The station's own source. For a random permutation of 500, tau has a standard deviation
    # of 0.030, so |tau| < 0.05 fails ~10% of honest runs; 0.15 (5 SD) never does, and any
    # order kept by insertion (tau near 1) fails it.
    tau = _casting_vs_stored(tmp_path, None)
    assert abs(tau) < 0.15, tau
