"""Audit chain verification speed: `python -m bench audit [--events N] [--db sqlite|postgresql]`.

Writes N chained events straight into the table (hashes computed as the recorder does), then
times `audit_verify()`, which streams them back and checks every hash and link.
Target (issue 2): at least 200,000 events/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time


def _fill(n: int) -> float:
    from django.db import connection, transaction

    from nirvachan.core.audit import GENESIS, canonical_json, event_hash, format_timestamp
    from nirvachan.core.models import AuditChainHead, AuditEvent

    started = time.perf_counter()
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev = GENESIS
    batch: list[AuditEvent] = []
    with transaction.atomic():
        for seq in range(1, n + 1):
            at = base + dt.timedelta(milliseconds=seq)
            summary = canonical_json(
                {"office": f"EO-BD-UPZ-{seq % 494}", "changes": {"phone": ["", "02"]}}
            )
            fields = {
                "seq": seq,
                "at": format_timestamp(at),
                "actor_id": None,
                "actor_name": "ro",
                "actor_role": "returning_officer",
                "event_type": "office.updated",
                "object_type": "core.office",
                "object_id": str(seq % 558),
                "summary": summary,
                "prev_hash": prev,
            }
            digest = event_hash(**fields)
            batch.append(
                AuditEvent(
                    seq=seq,
                    at=at,
                    actor_name="ro",
                    actor_role="returning_officer",
                    event_type="office.updated",
                    object_type="core.office",
                    object_id=str(seq % 558),
                    summary=summary,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
            if len(batch) == 10_000:
                AuditEvent.objects.bulk_create(batch)
                batch.clear()
        AuditEvent.objects.bulk_create(batch)
        AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": n, "hash": prev})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_auditevent")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench audit")
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from bench.django_env import django_database

    with django_database(args.db) as info:
        from nirvachan.core.audit import audit_verify

        fill_seconds = _fill(args.events)
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = audit_verify()
            runs.append(time.perf_counter() - started)
            assert result.ok and result.count == args.events, result
        best = min(runs)
        print(
            json.dumps(
                {
                    "benchmark": "audit verify",
                    **info,
                    "events": args.events,
                    "fill_seconds": round(fill_seconds, 2),
                    "verify_seconds": [round(r, 3) for r in runs],
                    "events_per_second": round(args.events / best),
                    "target_events_per_second": 200_000,
                }
            )
        )
    return 0
