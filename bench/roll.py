"""Roll: `python -m bench roll [--n N] [--db sqlite|postgresql] [--queries Q] [--profile]`.

Generates an N-row roll with `bench.gen_roll` (5% planted duplicates), then on a scratch
database: imports it end to end with `nirvachan roll import`'s code (parse, validate, name
keys, insert, indexes), times the EPIC lookup selector and the public API (Django test Client,
one client address per request so that the rate limit does not interfere), and runs Q noisy
cross-script name searches (the name and the relative's name written in the other script,
half with a one-letter slip, half with the age) within the elector's district (Bangladesh) or
assembly constituency (Uttar Pradesh), reporting p95 and recall@10.

Targets (issue 4): import 1,000,000 ≤ 10 s with peak RSS ≤ 1.5 GB; selector p99 ≤ 200 µs;
API p99 ≤ 5 ms; search p95 ≤ 50 ms with recall@10 ≥ 95%.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench roll")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", help="use this generated roll instead of generating one")
    parser.add_argument("--profile", action="store_true", help="profile the import (stderr)")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="nirvachan-roll-bench-"))
    path = Path(args.file) if args.file else scratch / "roll.csv"
    started = time.perf_counter()
    if not args.file:
        gen_roll.Generator(args.n, 0.05, args.seed).run(path, scratch / "roll.truth.csv")
    generate_seconds = time.perf_counter() - started

    from bench.django_env import django_database

    with django_database(args.db) as info:
        from django.test import Client

        from nirvachan.core.geography import geography_load
        from nirvachan.roll import importer, selectors
        from nirvachan.roll.models import Elector

        geography_load()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = importer.roll_import(path=path)
        if profiler:
            profiler.disable()
        import_seconds = time.perf_counter() - started
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
        selector_times = []
        for key in keys:
            t0 = time.perf_counter()
            selectors.elector_public(epic=key)
            selector_times.append(time.perf_counter() - t0)
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

        print(
            json.dumps(
                {
                    "benchmark": "roll",
                    **info,
                    "electors": result.imported,
                    "generate_seconds": round(generate_seconds, 2),
                    "import_seconds": round(import_seconds, 2),
                    "import_rows_per_second": round(result.imported / import_seconds),
                    "target_import_seconds_per_million": 10,
                    "peak_rss_mb": round(max(rss_peak, rss_before) / 1024),
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
                },
                ensure_ascii=False,
            )
        )
    return 0


def time_today() -> Any:
    from django.utils import timezone

    return timezone.localdate()
