"""Roll: `python -m bench roll [--n N] [--db sqlite|postgresql] [--queries Q] [--profile]`.

Generates an N-row roll with `bench.gen_roll` (5% planted duplicates), then on a scratch
database: imports it end to end with `nirvachan roll import`'s code (parse, validate, name
keys, insert, indexes), times the EPIC lookup selector and the public API (Django test Client,
one client address per request so that the rate limit does not interfere), and runs Q noisy
cross-script name searches (the name and the relative's name written in the other script,
half with a one-letter slip, half with the age) within the elector's district (Bangladesh) or
assembly constituency (Uttar Pradesh), reporting p95 and recall@10.

Then it simulates ordinary users against the public lookup API (real rate limits and the
sequential-walk rule): households of 1–8 electors whose EPICs are often near-sequential (people
registered together), looked up by one member in list order or shuffled, sometimes twice, each
household from its own address, and again on a poll eve behind carrier NAT (`--nat` households
sharing an address within the same minute). It reports the share of households that met a 429.
With `--dedupe` it runs `nirvachan roll dedupe`'s code on the imported roll against the
generator's truth file (precision, recall, seconds).

Import CPU seconds (this process, user + system; and apart, the worker processes that prepare
the chunks of a large file) are reported beside the wall-clock time. The dedupe time includes
reading the roll out of the database (`dedupe_read_seconds` is that part).

Targets (issue 4): import 1,000,000 ≤ 10 s with peak RSS ≤ 1.5 GB; selector p99 ≤ 200 µs;
API p99 ≤ 5 ms; search p95 ≤ 50 ms with recall@10 ≥ 95%; dedupe of 1,000,000 ≤ 60 s with
precision ≥ 0.98 and recall ≥ 0.95.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import gen_roll


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _tokens() -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for group in (gen_roll.MALE, gen_roll.FEMALE, gen_roll.SURNAME, gen_roll.FEMALE_SURNAME):
        for t in group:
            for spelling in t[0].split("/"):
                table.setdefault(spelling, t)
            table.setdefault(t[1], t)
            table.setdefault(t[2], t)
    return table


def _cross(text: str, native: int, rng: random.Random, table: dict[str, Any]) -> str | None:
    """The name written in the other script (Latin ↔ the region's script), or None."""
    out = []
    for word in text.split():
        t = table.get(word)
        if t is None:
            return None
        out.append(t)
    script = native if text.isascii() else 0
    return gen_roll.render(tuple(out), script, rng.randrange(3))


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    """User + system seconds of this process (or of its finished children: the import's
    worker processes, once their pool has exited)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


FAMILY_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
FAMILY_WEIGHTS = (12, 28, 22, 18, 10, 5, 3, 2)


def _household(rng: random.Random) -> list[str]:
    """The requests one household makes: its members' EPICs (often near-sequential)."""
    size = rng.choices(FAMILY_SIZES, FAMILY_WEIGHTS)[0]
    prefix = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    number = rng.randrange(1_000_000, 9_000_000)
    together = rng.random() < 0.6  # registered together: numbers a step or three apart
    epics = []
    for _ in range(size):
        epics.append(f"{prefix}{number:07d}")
        number += rng.choice((1, 1, 1, 2, 3)) if together else rng.randrange(50, 500_000)
    looked = [e for i, e in enumerate(epics) if i == 0 or rng.random() < 0.9]
    if rng.random() < 0.5:
        rng.shuffle(looked)
    if rng.random() < 0.2:
        looked.append(looked[0])  # checks their own entry again
    return looked


def simulate_users(households: int, nat: int, seed: int) -> dict[str, Any]:
    """Share of households that meet a 429: alone on an address, `nat` to an address, and
    `nat` to an address as browsers holding the find page's device cookie."""
    import logging

    from django.test import Client

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s and 429s are expected
    client = Client()
    rng = random.Random(seed)
    out: dict[str, Any] = {"households": households, "nat_households_per_address": nat}
    scenarios = (("own_address", 1, False), ("carrier_nat", nat, False))
    scenarios += (("carrier_nat_with_device_cookie", nat, True),)
    for scenario, per_address, devices in scenarios:
        blocked = 0
        requests = 0
        for start in range(0, households, per_address):
            group = [_household(rng) for _ in range(min(per_address, households - start))]
            queue = [(h, epic) for h, epics in enumerate(group) for epic in epics]
            if per_address > 1:
                rng.shuffle(queue)  # their requests interleave within the minute
                order: dict[int, list[str]] = {}
                for h, epic in queue:
                    order.setdefault(h, []).append(epic)
                queue = [(h, order[h].pop(0)) for h, _epic in queue]  # own order kept
            net = {"own_address": "172", "carrier_nat": "100"}.get(scenario, "101")
            addr = f"{net}.{start // 65536 % 256}.{start // 256 % 256}.{start % 256}"
            browsers = [Client(REMOTE_ADDR=addr) for _ in group] if devices else []
            for browser in browsers:  # opens the find page first: a device cookie
                browser.get("/roll/find/")
            hit = set()
            for h, epic in queue:
                requests += 1
                who = browsers[h] if devices else client
                status = who.get(f"/api/v1/roll/electors/{epic}", REMOTE_ADDR=addr).status_code
                if status == 429:
                    hit.add(h)
            blocked += len(hit)
        out[f"{scenario}_blocked_share"] = round(blocked / households, 4)
        out[f"{scenario}_requests"] = requests
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench roll")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", help="use this generated roll instead of generating one")
    parser.add_argument("--profile", action="store_true", help="profile the import (stderr)")
    parser.add_argument("--households", type=int, default=2000, help="simulated users")
    parser.add_argument("--nat", type=int, default=10, help="households per NAT address")
    parser.add_argument("--dedupe", action="store_true", help="also time the dedupe")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="nirvachan-roll-bench-"))
    path = Path(args.file) if args.file else scratch / "roll.csv"
    started = time.perf_counter()
    if not args.file:
        gen_roll.Generator(args.n, 0.05, args.seed).run(path, scratch / "roll.truth.csv")
    generate_seconds = time.perf_counter() - started

    from bench.django_env import django_database

    # Persistent database connections, as a production site runs (settings read CONN_MAX_AGE;
    # its default of 0 opens a PostgreSQL connection per request).
    os.environ.setdefault("CONN_MAX_AGE", "600")

    with django_database(args.db) as info:
        from django.test import Client

        from nirvachan.core.geography import geography_load
        from nirvachan.roll import importer, selectors
        from nirvachan.roll.models import Elector

        geography_load()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        profiler = cProfile.Profile() if args.profile else None
        cpu_started, workers_started = _cpu(), _cpu(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = importer.roll_import(path=path)
        if profiler:
            profiler.disable()
        import_seconds = time.perf_counter() - started
        import_cpu = _cpu() - cpu_started
        import_workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_started
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if profiler:
            buf = io.StringIO()
            pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(25)
            print(buf.getvalue(), file=sys.stderr)

        rng = random.Random(args.seed)
        top = Elector.objects.order_by("-pk").values_list("pk", flat=True)[0]
        sample_ids = rng.sample(range(1, top + 1), min(args.lookups, top))
        keys = list(Elector.objects.filter(pk__in=sample_ids).values_list("key", flat=True))
        rng.shuffle(keys)
        # Twice over the same numbers: the first pass reads the pages from disk or the OS
        # (a cold cache right after the import), the second finds them cached (a running site).
        cold_times, selector_times = [], []
        for times in (cold_times, selector_times):
            for key in keys:
                t0 = time.perf_counter()
                selectors.elector_public(epic=key)
                times.append(time.perf_counter() - t0)
        client = Client()
        api_times = []
        for i, key in enumerate(keys):
            t0 = time.perf_counter()
            addr = f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"
            response = client.get(f"/api/v1/roll/electors/{key}", REMOTE_ADDR=addr)
            api_times.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content

        table = _tokens()
        queries = []
        candidates = list(
            Elector.objects.filter(pk__in=rng.sample(range(1, top + 1), min(top, args.queries * 3)))
            .select_related("constituency__unit")
            .order_by("pk")
        )
        rng.shuffle(candidates)
        for e in candidates:
            native = 1 if e.key_kind == "nid" else 2
            name = _cross(e.name, native, rng, table)
            relative = _cross(e.relative_name, native, rng, table)
            if name is None or relative is None:
                continue  # a planted typo: not a clean target
            if rng.random() < 0.5:
                name = gen_roll.typo(name, rng)
            area: dict[str, Any]
            if e.key_kind == "nid":
                area = {"district": e.constituency.unit.name_en}
            else:
                area = {"state": "Uttar Pradesh", "constituency": str(e.constituency.number)}
            age = None
            if rng.random() < 0.5:
                from nirvachan.roll import rules

                age = rules.current_age(e.dob, e.age, e.age_on, time_today())
            queries.append((e.pk, {"name": name, "relative": relative, "age": age, **area}))
            if len(queries) >= args.queries:
                break
        search_times = []
        found = 0
        for pk, q in queries:
            t0 = time.perf_counter()
            hits = selectors.elector_search(**q)
            search_times.append(time.perf_counter() - t0)
            found += any(h.elector.pk == pk for h in hits)

        users = simulate_users(args.households, args.nat, args.seed)
        dedupe_figures: dict[str, Any] = {}
        truth_path = path.with_suffix(".truth.csv")
        if args.dedupe and truth_path.exists():
            import csv

            from nirvachan.roll import dedupe

            started = time.perf_counter()
            records = selectors.dedupe_table()
            read_seconds = time.perf_counter() - started
            pairs = dedupe.find_duplicates(records, threshold=0.9)
            dedupe_seconds = time.perf_counter() - started
            with truth_path.open(encoding="utf-8", newline="") as handle:
                truth = [(r["original"], r["duplicate"]) for r in csv.DictReader(handle)]
            dedupe_figures = {
                "dedupe_read_seconds": round(read_seconds, 2),
                "dedupe_seconds": round(dedupe_seconds, 2),  # reading the roll + Splink
                "target_dedupe_seconds": 60,
                **{f"dedupe_{k}": v for k, v in dedupe.score(
                    [(p.key_a, p.key_b) for p in pairs], truth).items()},
            }  # fmt: skip

        print(
            json.dumps(
                {
                    "benchmark": "roll",
                    **info,
                    "electors": result.imported,
                    "generate_seconds": round(generate_seconds, 2),
                    "import_seconds": round(import_seconds, 2),
                    "import_rows_per_second": round(result.imported / import_seconds),
                    "import_cpu_seconds": round(import_cpu, 2),
                    "import_worker_processes_cpu_seconds": round(import_workers_cpu, 2),
                    "target_import_seconds_per_million": 10,
                    "peak_rss_mb": round(max(rss_peak, rss_before) / 1024),
                    "selector_cold_p50_us": round(statistics.median(cold_times) * 1e6),
                    "selector_cold_p99_us": round(_pct(cold_times, 0.99) * 1e6),
                    "selector_p50_us": round(statistics.median(selector_times) * 1e6),
                    "selector_p99_us": round(_pct(selector_times, 0.99) * 1e6),
                    "target_selector_p99_us": 200,
                    "api_p50_ms": _ms(statistics.median(api_times)),
                    "api_p99_ms": _ms(_pct(api_times, 0.99)),
                    "target_api_p99_ms": 5,
                    "search_queries": len(queries),
                    "search_p50_ms": _ms(statistics.median(search_times)),
                    "search_p95_ms": _ms(_pct(search_times, 0.95)),
                    "target_search_p95_ms": 50,
                    "search_recall_at_10": round(found / len(queries), 3),
                    "target_recall_at_10": 0.95,
                    **{f"users_{k}": v for k, v in users.items()},
                    **dedupe_figures,
                },
                ensure_ascii=False,
            )
        )
    return 0


def time_today() -> Any:
    from django.utils import timezone

    return timezone.localdate()
