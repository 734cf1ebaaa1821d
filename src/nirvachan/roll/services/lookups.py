"""Anti-scraping: counting and tracing roll look-ups."""

from __future__ import annotations

import time

from django.db import transaction

from nirvachan.core.audit import audit_record
from nirvachan.roll import events, throttle
from nirvachan.roll.models import LookupCounter

# --- anti-scraping -------------------------------------------------------------------------


def lookup_count(*, client: str, scope: str, limit: int, window_seconds: int) -> None:
    """Count one request of `client`; over `limit` in the window → 429 with Retry-After.

    One implementation for the API and the pages: the single-statement upsert in throttle.py."""
    throttle.count(client=client, scope=scope, limit=limit, window_seconds=window_seconds)


def lookup_counters_purge(*, windows: dict[str, int], now: float | None = None) -> int:
    """Delete the counters of windows that have ended ({scope: window seconds}); clients that
    never come back leave one row per scope, which this removes. Audited when rows went."""
    now = time.time() if now is None else now
    deleted = 0
    with transaction.atomic():
        for scope, seconds in sorted(windows.items()):
            current = int(now // seconds)
            deleted += LookupCounter.objects.filter(scope=scope, window__lt=current).delete()[0]
        if deleted:
            audit_record(event_type=events.COUNTERS_PURGED, summary={"deleted": deleted})
    return deleted


def lookup_trail(*, client: str, key: str) -> None:
    """Block a client whose lookups walk sequential EPIC numbers (5 steps of at most 3)."""
    throttle.trail(client=client, key=key)
