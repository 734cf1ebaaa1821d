"""A whole polling day, headless: `nirvachan station simulate --data-dir DIR --voters N [--seed S]`.

Used by the demo, the tests (including the crash harness, which kills this process at random
points and runs it again on the same directory) and the benchmarks. The run is *resumable*: it
looks at the station's state and carries on from there, so a restarted run finishes the day.

Without Django configured it runs untranslated and without the PDF (the crash-test child).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nirvachan.station import package
from nirvachan.station.day import MIN_MOCK_VOTES, StationDay, StationError, init_station

GIVEN = ["Abdul", "Rahima", "Karim", "Sultana", "Amit", "Priya", "Rahul", "Fatema", "Nasir", "Lata"]
FAMILY = ["Hossain", "Begum", "Sarkar", "Das", "Verma", "Khatun", "Mondal", "Sharma", "Roy"]
CANDIDATES = [
    ("Shafiqul Islam", "শফিকুল ইসলাম", "शफ़ीक़ुल इस्लाम", "boat", "নৌকা", "नाव"),
    ("Meena Kumari", "মীনা কুমারী", "मीना कुमारी", "sheaf", "ধানের শীষ", "धान की बाली"),
    ("Jahangir Alam", "জাহাঙ্গীর আলম", "जहाँगीर आलम", "plough", "লাঙ্গল", "हल"),
    ("Anita Roy", "অনিতা রায়", "अनीता राय", "lamp", "প্রদীপ", "दीपक"),
]
STATION_ID = 999_001


def synthetic_package(voters: int, seed: int, *, contests: int = 1) -> tuple[bytes, str]:
    """A station package for a synthetic station of ``voters`` electors, signed by a throwaway
    returning-officer key. Returns (package bytes, the signer's public key)."""
    rng = random.Random(seed)
    ro = package.new_key_pair()
    station_key = package.new_key_pair()
    station = {
        "id": STATION_ID,
        "constituency": "SIM-AC-1",
        "number": 1,
        "name": "Simulated polling station",
        "address": "Nowhere",
        "language": "bn",
    }
    roll = [
        {
            "key": f"SIM{i:07d}",
            "key_kind": "epic",
            "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            "relative_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            "relation": "father",
            "gender": rng.choice(["male", "female"]),
            "age": rng.randint(18, 90),
            "part": 1,
            "serial": i,
            "status": "active",
            "service_voter": i % 97 == 0,
        }
        for i in range(1, voters + 1)
    ]
    for elector in roll:
        from nirvachan.locale.name_key import name_key

        elector["name_key"] = name_key(str(elector["name"]))
    ballots = []
    for number in range(1, contests + 1):
        ballots.append(
            {
                "contest": f"SIM-{number}",
                "name_en": f"Simulated contest {number}",
                "name_bn": f"নমুনা নির্বাচন {number}",
                "name_hi": f"नमूना चुनाव {number}",
                "seats": 1,
                "candidates": [
                    {
                        "serial": serial,
                        "nomination": 9_000 + 10 * number + serial,
                        "name_en": en,
                        "name_bn": bn,
                        "name_hi": hi,
                        "party": None,
                        "symbol": {"code": sym, "name_en": sym, "name_bn": sbn, "name_hi": shi},
                    }
                    for serial, (en, bn, hi, sym, sbn, shi) in enumerate(CANDIDATES, start=1)
                ],
                "nota": True,
            }
        )
    station_json = {
        "election": {
            "code": "sim",
            "name_bn": "নমুনা ভোট",
            "name_hi": "नमूना मतदान",
            "name_en": "Simulated poll",
            "country": "IN",
            "poll_date": datetime.now(UTC).date().isoformat(),
            "hours": {"open": "07:00", "close": "18:00"},
            "id_documents": ["epic", "aadhaar", "passport", "pan"],
        },
        "station": station,
        "station_key": {"public": station_key.public_hex, "private": station_key.private_hex},
        "ro_key": {"public": ro.public_hex, "fingerprint": package.fingerprint(ro.public_hex)},
        "commissioned_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    header = {
        "election": "sim",
        "station": {k: station[k] for k in ("id", "constituency", "number", "name")},
    }
    members = {
        "station.json": package.canonical_json(station_json),
        "roll.json": package.canonical_json(roll),
        "ballots.json": package.canonical_json(ballots),
    }
    return package.build(package.KIND_STATION, header, members, ro.private_hex), ro.public_hex


def _choice(seed: int, key: str, contest: str, choices: int) -> int:
    return random.Random(f"{seed}:{key}:{contest}").randint(1, choices)


def _leaves(seed: int, key: str) -> bool:
    return random.Random(f"{seed}:{key}:left").random() < 0.03


def run_day(
    day: StationDay,
    *,
    seed: int,
    out: Path | None,
    tokens: int = 2,
    pdf: bool = True,
    on_cast: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Carry the station's day from its current state to a packaged result."""
    officer = "sim"
    ballots = day.ballots()
    phase = day.phase
    if phase in ("ready", "mock"):
        rng = random.Random(f"{seed}:mock")
        while day.info()["counts"]["mock_votes"] < MIN_MOCK_VOTES:
            b = rng.choice(ballots)
            day.mock_vote(b["contest"], rng.randint(1, len(b["candidates"]) + 1))
        day.clear_and_seal(officer, ["SEAL-A-1", "SEAL-B-2"])
        phase = day.phase
    if phase == "sealed":
        day.open_poll(officer)
        phase = day.phase
    if phase in ("open", "closing"):
        electors = day.find_electors("1/1", 1)  # existence check
        roll = _roll(day)
        n = len(roll)
        report_every = max(1, n // 4)
        for index, key in enumerate(roll):
            if day.phase == "open" and index >= n - tokens:
                day.close_poll(officer, tokens)
            _vote(day, key, seed=seed, ballots=ballots, on_cast=on_cast, index=index, n=n,
                  tokens=tokens)  # fmt: skip
            if (index + 1) % report_every == 0 and day.turnout_reports().__len__() < (
                index + 1
            ) // report_every:
                day.turnout_report(officer)
        if day.phase == "open":
            day.close_poll(officer, 0)
        del electors
        day.end_poll(officer)
        phase = day.phase
    result: Path | None = None
    if phase in ("closed", "packaged") and out is not None:
        result = day.close_and_package(out, pdf=pdf)
    form = day.form17c()
    return {
        "package": str(result) if result else None,
        "form17c": form,
        "counts": day.counts(),
        "log_ok": day.verify_log()[0],
    }


def _roll(day: StationDay) -> list[str]:
    rows = day._conn.execute("SELECT key FROM electors ORDER BY part, serial")
    return [key for (key,) in rows]


def _state(day: StationDay, key: str) -> dict[str, Any]:
    return day.find_electors(key, 1)[0]


def _vote(
    day: StationDay,
    key: str,
    *,
    seed: int,
    ballots: list[dict[str, Any]],
    on_cast: Callable[[], None] | None,
    index: int,
    n: int,
    tokens: int,
) -> None:
    officer = "sim"
    state = _state(day, key)["state"]
    if state == "not_seen":
        token = index - (n - tokens) + 1 if day.phase == "closing" else None
        day.check_in(officer, key, "epic", key, token=token)
        state = "checked_in"
    conn = day._conn
    if state == "checked_in":
        (checkin,) = conn.execute("SELECT id FROM checkins WHERE elector = ?", (key,)).fetchone()
        day.register(officer, checkin, True, "signature")
        state = "registered"
    serial, slip = conn.execute(
        "SELECT serial, slip FROM register WHERE elector = ?", (key,)
    ).fetchone()
    if state == "registered":
        if _leaves(seed, key):
            day.left_without_voting(officer, serial, "left the queue")
            return
        day.enable_ballot(officer, slip, True)
        state = "enabled"
    if state == "enabled":
        pending = day.pending_ballot()
        assert pending is not None
        for contest in pending["contests"]:
            ballot = next(b for b in ballots if b["contest"] == contest)
            day.cast(
                pending["ballot"],
                contest,
                _choice(seed, key, contest, len(ballot["candidates"]) + 1),
            )
            if on_cast is not None:
                on_cast()


def simulate(
    data_dir: Path,
    voters: int,
    seed: int,
    *,
    pdf: bool = True,
    contests: int = 1,
    on_cast: Callable[[], None] | None = None,
    hook: Callable[[StationDay], None] | None = None,
) -> dict[str, Any]:
    """Build a synthetic station in an empty ``data_dir`` (or resume the one there) and run the
    day to its signed result package ``data_dir/result-<station>.zip``."""
    data_dir = Path(data_dir)
    from nirvachan.station.store import db_path

    if not db_path(data_dir).exists():
        if voters < 1:
            raise StationError("bad_voters", "--voters must be at least 1.", field="voters")
        data, ro_public = synthetic_package(voters, seed, contests=contests)
        init_station(data, data_dir, frozenset({ro_public}))
    with StationDay.open(data_dir) as day:
        if hook is not None:
            hook(day)
        out = data_dir / f"result-{day.station['id']}.zip"
        summary = run_day(day, seed=seed, out=out, pdf=pdf, on_cast=on_cast)
    return summary


def main(argv: list[str] | None = None) -> int:
    """Plain entry point without Django (the crash harness's child): prints ACK after each
    acknowledged vote, and the summary as JSON at the end."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--voters", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kill-at-step", type=int, default=0)
    args = parser.parse_args(argv)

    def ack() -> None:
        sys.stdout.write("ACK\n")
        sys.stdout.flush()

    def hook(day: StationDay) -> None:
        if args.kill_at_step > 0:
            import os
            import signal

            steps = [0]

            def progress() -> int:
                steps[0] += 1
                if steps[0] >= args.kill_at_step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return 0

            day._conn.set_progress_handler(progress, 50)

    summary = simulate(
        Path(args.data_dir), args.voters, args.seed, pdf=False, on_cast=ack, hook=hook
    )
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
