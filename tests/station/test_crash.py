"""Crash harness: a forked process runs a simulated polling day on a small roll and is SIGKILLed
at a random point (inside SQLite's work by a progress handler at a random step, or from outside
after a random delay); then the station is reopened and checked, and the day is resumed to the
end. ≥ 200 kill points per run of the test; the master seed is printed on failure and can be
replayed with NIRVACHAN_CRASH_SEED=<seed>.

An *acknowledged vote* is a `cast()` call that returned (the child writes one byte to a pipe
after each return). After every kill:

* `PRAGMA integrity_check` is ok and the station log's hash chain verifies;
* votes = paper slips = sum of the paper box counts = votes counted on ballots = "vote_recorded"
  events, and the paper box digest recomputed from the slips matches (no half-vote);
* acknowledged votes ≤ votes ≤ acknowledged + 1 (the one vote that may have committed just
  before the kill, without its acknowledgement reaching the caller: never a lost one);
* 17A entries = voted + left without voting + pending, with at most one pending voter (the
  simulation is sequential; a pending voter is registered or has an enabled ballot not yet cast,
  which the resumed day lets vote).

After resuming, the day ends with every elector in the register, Form 17C adding up, and every
voter who did not leave having exactly one vote per contest.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nirvachan.station import result, store
from nirvachan.station.day import StationDay
from nirvachan.station.simulate import run_day
from tests.station.factories import make_station

VOTERS = 8
KILLS = 220  # runs continue until this many kills have landed mid-day


def _child(data_dir: Path, seed: int, kill_step: int, ack_fd: int) -> None:  # pragma: no cover
    """In the forked child: run the day; never returns."""
    try:
        day = StationDay.open(data_dir)
        if kill_step:
            steps = [0]

            def progress() -> int:
                steps[0] += 1
                if steps[0] >= kill_step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return 0

            day._conn.set_progress_handler(progress, 20)
        run_day(day, seed=seed, out=None, pdf=False, on_cast=lambda: os.write(ack_fd, b"A"))
    finally:
        os._exit(0)


def _run_and_kill(data_dir: Path, seed: int, kill_step: int, delay: float) -> tuple[int, bool]:
    """Fork a child running the day; returns (acknowledged votes, whether it was killed)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        _child(data_dir, seed, kill_step, write_fd)
    os.close(write_fd)
    if not kill_step:
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    acks = b""
    while chunk := os.read(read_fd, 65536):
        acks += chunk
    os.close(read_fd)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return len(acks), killed


def _check_after_kill(data_dir: Path, acked: int, where: str) -> None:
    conn = sqlite3.connect(store.db_path(data_dir))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", where
        assert store.verify_log(conn) == (True, None), where
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        votes = one("SELECT count(*) FROM votes")
        assert votes == one("SELECT count(*) FROM paper"), where
        assert votes == one("SELECT coalesce(sum(count), 0) FROM paper_box"), where
        assert votes == one("SELECT coalesce(sum(cast_count), 0) FROM ballots"), where
        recorded = one('SELECT count(*) FROM events WHERE body LIKE \'%"kind":"vote_recorded"%\'')
        assert votes == recorded, where
        result.paper(conn)  # the box digest matches the slips (raises otherwise)
        assert acked <= votes <= acked + 1, f"{where}: acknowledged {acked}, stored {votes}"
        register = one("SELECT count(*) FROM register")
        voted = one("SELECT count(*) FROM ballots WHERE cast_count > 0")
        left = one("SELECT count(*) FROM register WHERE left_note IS NOT NULL")
        assert 0 <= register - voted - left <= 1, where
    finally:
        conn.close()


def _check_finished(data_dir: Path, where: str) -> None:
    with StationDay.open(data_dir) as day:
        form = day.form17c()
        assert day.phase == "closed", where
        assert form["voters_17a"] == VOTERS, where
        assert form["voters_17a"] == form["votes_recorded"] + form["left_without_voting"], where
        for contest in day.counts()["contests"]:
            assert contest["total"] == form["votes_recorded"], where
        assert day.verify_log() == (True, None), where


@pytest.fixture
def work_dir(tmp_path: Path) -> Iterator[Path]:
    """A SIGKILL leaves the page cache intact, so the harness may run on tmpfs (where fsync is
    free and 220 days take seconds); power loss is what synchronous=FULL is for (docs)."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(prefix="station-crash-", dir=shm))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def test_killing_the_station_at_random_points_loses_no_acknowledged_vote(work_dir: Path) -> None:
    tmp_path = work_dir
    master = int(os.environ.get("NIRVACHAN_CRASH_SEED") or random.SystemRandom().randrange(10**9))
    rng = random.Random(master)
    st = make_station(tmp_path / "template", voters=VOTERS, seed=master % 1000)
    template = store.db_path(st.data_dir)

    # Calibrate: how many progress steps and how long does a whole day take?
    calib = tmp_path / "calibrate"
    calib.mkdir()
    shutil.copy(template, store.db_path(calib))
    steps = [0]
    start = time.perf_counter()
    with StationDay.open(calib) as day:
        day._conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 20)
        run_day(day, seed=1, out=None, pdf=False)
    duration = time.perf_counter() - start
    total_steps = steps[0]

    killed_runs = run = 0
    while killed_runs < KILLS:
        run += 1
        assert run <= 2 * KILLS, f"kills do not land (seed {master})"
        where = f"run {run} (replay: NIRVACHAN_CRASH_SEED={master})"
        data_dir = tmp_path / f"run{run}"
        data_dir.mkdir()
        shutil.copy(template, store.db_path(data_dir))
        seed = rng.randrange(10**6)
        if run % 2 == 0:
            acked, killed = _run_and_kill(data_dir, seed, rng.randint(1, total_steps), 0.0)
        else:
            acked, killed = _run_and_kill(data_dir, seed, 0, rng.uniform(0, duration))
        killed_runs += killed
        _check_after_kill(data_dir, acked, where)
        with StationDay.open(data_dir) as day:  # restart and finish the day
            run_day(day, seed=seed, out=None, pdf=False)
        _check_finished(data_dir, where)
        shutil.rmtree(data_dir)
