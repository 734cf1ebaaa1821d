"""Results speed: `python -m bench results [--stations N] [--choices K] [--constituencies C]`
and `python -m bench results --ingest N [--db sqlite|postgresql] [--workers W]`.

Ingest mode: on a scratch database, N polling stations in 10 assembly constituencies (one
contest each, 4 candidates + NOTA), a station key issued to each, and N signed station-result
packages built as the station does at close of poll (not timed). Timed: verifying every
package (zip, hashes, Ed25519 signature; in W processes) and counting each through
`packages_ingest` in batches of 500 (header, election, station key, contents, station
results, audit event), as `nirvachan results ingest` does; then the same packages again (all
idempotent). Checks that every station was counted once with the right total.

Tallies N polling stations × K choices (default 1,050,000 × 16 = 16.8 million rows) to national
results with the pure module `nirvachan.results.tally`: constituency totals (`block_totals`
over a station-major table of votes), each constituency's outcome (`decide`: winner, NOTA,
forfeited deposits), then party-wise seats and votes (`area_tally`). One process, one core.

The data are generated compactly with the `array` module: one unsigned byte per station and
choice (0–255 votes, random but seeded), 16.8 MB in all; the last choice of each constituency
is NOTA and candidate j of every constituency stands for party P<j>. Generation is not timed.
Prints a JSON object with the figures; the national total is checked against sum(votes).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from array import array

from nirvachan.results.tally import NOTA, area_tally, block_totals, decide


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench results")
    parser.add_argument("--stations", type=int, default=1_050_000)
    parser.add_argument("--choices", type=int, default=16)
    parser.add_argument("--constituencies", type=int, default=543)
    parser.add_argument("--ingest", type=int, default=0, help="ingest N station packages")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.ingest:
        return _ingest(args.ingest, args.db, args.workers)
    n, k, c = args.stations, args.choices, args.constituencies
    rng = random.Random(2019)
    started = time.perf_counter()
    votes = array("B", rng.randbytes(n * k))
    generate_seconds = time.perf_counter() - started

    keys = [f"C{j}" for j in range(k - 1)] + [NOTA]
    started = time.perf_counter()
    results = []
    party_of: dict[str, str] = {}
    for pc in range(c):
        start, stop = n * pc // c, n * (pc + 1) // c
        sums = block_totals(votes, k, start, stop)
        counts = {key: (sums[j], 0) for j, key in enumerate(keys)}
        names = {key: f"{pc}:{key}" for key in keys if key != NOTA}
        party_of.update({name: f"P{j}" for j, name in enumerate(names.values())})
        results.append(
            decide(str(pc), {names.get(key, key): v for key, v in counts.items()},
                   candidates=list(names.values()))
        )  # fmt: skip
    national = area_tally("national", results, party_of)
    tally_seconds = time.perf_counter() - started

    expected = sum(votes)
    if national.valid_votes != expected:
        print(f"mismatch: {national.valid_votes} != {expected}", file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "stations": n,
                "choices": k,
                "rows": n * k,
                "constituencies": c,
                "generate_seconds": round(generate_seconds, 3),
                "tally_seconds": round(tally_seconds, 3),
                "rows_per_second": round(n * k / tally_seconds),
                "valid_votes": national.valid_votes,
                "nota": national.nota,
                "top_party": [national.parties[0].party, national.parties[0].seats],
                "target_seconds": 5,
                "python": platform.python_version(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


ACS = 10


def _ingest(n: int, db: str, workers: int) -> int:
    from bench.django_env import django_database

    with django_database(db) as info:
        import datetime as dt

        from django.db.models import Sum

        from nirvachan.core.models import AdminUnit, Constituency
        from nirvachan.elections import services as es
        from nirvachan.results import services
        from nirvachan.results.models import StationReturn, VoteCount
        from nirvachan.roll.models import PollingStation
        from nirvachan.station import package
        from nirvachan.station.models import StationKey

        started = time.perf_counter()
        country = AdminUnit.objects.filter(code="IN", depth=0).first()
        if country is None:
            country = AdminUnit.objects.create(code="IN", kind="country", country="IN",
                                               path="IN/", name_en="India")  # fmt: skip
        unit = AdminUnit.objects.create(code="BENCH", kind="district", country="IN",
                                        parent=country, depth=1, path="IN/BENCH/",
                                        name_en="Bench district")  # fmt: skip
        election = es.election_create(
            code="bench-ingest", kind="assembly", country="IN", name_en="Bench",
            polls_open=dt.time(7), polls_close=dt.time(18),
        )  # fmt: skip
        phase = es.phase_schedule(election=election, number=1, poll_date=dt.date(2026, 4, 1))
        contests = []
        per_ac = -(-n // ACS)
        for i in range(ACS):
            ac = Constituency.objects.create(code=f"BENCH-AC-{i}", kind="ac", country="IN",
                                             unit=unit, name_en=f"AC {i}")  # fmt: skip
            contest = es.contest_create(election=election, phase=phase, code=f"AC-{i}",
                                        name_en=f"AC {i}", constituency=ac)  # fmt: skip
            keys = []
            for j in range(4):
                nom = es.nomination_file(contest=contest, name_en=f"Candidate {i}.{j}",
                                         on=dt.date(2026, 3, 1))  # fmt: skip
                keys.append(es.nomination_scrutinise(nomination=nom, accept=True).pk)
            services.counting_plan_set(contest=contest, tables=14, rounds=-(-per_ac // 14))
            contests.append((ac, contest, keys))
        rng = random.Random(7)
        datas, expected = [], 0
        pairs = [package.new_key_pair() for _ in range(n)]
        stations = PollingStation.objects.bulk_create(
            PollingStation(constituency=contests[s % ACS][0], number=s // ACS + 1, name=f"PS {s}")
            for s in range(n)
        )  # fmt: skip
        StationKey.objects.bulk_create(
            StationKey(election=election, polling_station=ps, public_key=pair.public_hex)
            for ps, pair in zip(stations, pairs, strict=True)
        )
        for s, (ps, pair) in enumerate(zip(stations, pairs, strict=True)):
            ac, contest, keys = contests[s % ACS]
            votes = [rng.randrange(50, 400) for _ in keys]
            nota = rng.randrange(0, 20)
            total = sum(votes) + nota
            expected += total
            cands = [
                {"serial": j + 1, "nomination": k, "votes": v}
                for j, (k, v) in enumerate(zip(keys, votes, strict=True))
            ]
            counts = {"contests": [{"contest": contest.code, "nota": nota, "total": total,
                                    "candidates": cands}]}  # fmt: skip
            form17c = {"electors": 1200, "voters_17a": total + 1, "left_without_voting": 1,
                       "votes_recorded": total, "tendered": 0, "test_votes_cleared": 0,
                       "challenged": 0, "proxy": 0, "companions": 0, "seals": ["S"],
                       "opened_at": "2026-04-01T07:00:00+05:30", "tokens_issued": total + 1,
                       "closed_at": "2026-04-01T18:00:00+05:30"}  # fmt: skip
            paper = {
                "contests": [{"contest": contest.code, "count": total, "chain_head": "0" * 64}]
            }
            members = {
                "counts.json": package.canonical_json(counts),
                "form17c.json": package.canonical_json(form17c),
                "paper.json": package.canonical_json(paper),
                "events.jsonl": b"",
                "turnout.json": package.canonical_json([{"at": "2026-04-01T18:00:00+05:30",
                                                         "voters": total}]),
            }  # fmt: skip
            header = {"election": election.code, "closed_on": "2026-04-01",
                      "station": {"id": ps.pk, "constituency": ac.code, "number": ps.number,
                                  "name": ps.name}}  # fmt: skip
            datas.append(package.build(package.KIND_RESULT, header, members, pair.private_hex))
        setup_seconds = time.perf_counter() - started

        def run() -> tuple[float, float, int]:
            t0 = time.perf_counter()
            verified = list(services.verify_many(datas, workers=workers))
            t1 = time.perf_counter()
            created = 0
            for start in range(0, n, 500):
                for done in services.packages_ingest(
                    items=list(zip(datas[start : start + 500], verified[start : start + 500],
                                   strict=True)),
                    election_code=election.code,
                ):  # fmt: skip
                    assert not isinstance(done, Exception), done
                    created += done.created
            return t1 - t0, time.perf_counter() - t1, created

        verify_seconds, count_seconds, created = run()
        again_verify, again_count, again_created = run()
        counted = VoteCount.objects.filter(contest__election=election).aggregate(
            total=Sum("votes")
        )["total"]
        ok = created == n and again_created == 0 and counted == expected
        ok = ok and StationReturn.objects.filter(contest__election=election).count() == n
        print(
            json.dumps(
                {
                    "packages": n,
                    "database": db,
                    "workers": workers,
                    "package_bytes": sum(map(len, datas)) // n,
                    "setup_seconds": round(setup_seconds, 2),
                    "verify_seconds": round(verify_seconds, 2),
                    "count_seconds": round(count_seconds, 2),
                    "ingest_seconds": round(verify_seconds + count_seconds, 2),
                    "packages_per_second": round(n / (verify_seconds + count_seconds)),
                    "again_seconds": round(again_verify + again_count, 2),
                    "target_seconds": 60,
                    "checked": ok,
                    **info,
                }
            )
        )
        return 0 if ok else 1
