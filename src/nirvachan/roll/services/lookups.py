"""Anti-scraping: counting and tracing roll look-ups."""

from __future__ import annotations

import datetime as dt
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import LookupCounter, LookupTrail

# --- anti-scraping -------------------------------------------------------------------------


def lookup_count(*, client: str, scope: str, limit: int, window_seconds: int) -> None:
    """Count one request of `client`; over `limit` in the window → 429 with Retry-After."""
    now = time.time()
    window = int(now // window_seconds)
    with transaction.atomic():
        counter, _created = LookupCounter.objects.get_or_create(
            client=client[:80], scope=scope, window=window
        )
        LookupCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        count = counter.count + 1
    if count > limit:
        retry_after = max(1, int((window + 1) * window_seconds - now))
        raise DomainError(
            RollErrorCode.THROTTLED,
            _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": retry_after},
            retry_after=retry_after,
        )


SEQUENTIAL_RUN_LIMIT = 5
BLOCK_SECONDS = 3600


def lookup_trail(*, client: str, key: str) -> None:
    """Block a client whose lookups walk sequential EPIC numbers (5 steps of at most 3)."""
    prefix, number = rules.epic_parts(key)
    now = timezone.now()
    with transaction.atomic():
        trail, _created = LookupTrail.objects.select_for_update().get_or_create(client=client[:80])
        if trail.blocked_until and trail.blocked_until > now:
            blocked_for = int((trail.blocked_until - now).total_seconds()) + 1
        else:
            step = abs(number - trail.last_number)
            sequential = prefix == trail.last_prefix and 0 < step <= rules.SEQUENTIAL_STEP
            trail.run = trail.run + 1 if sequential else 0
            trail.last_prefix, trail.last_number = prefix, number
            blocked_for = 0
            if trail.run >= SEQUENTIAL_RUN_LIMIT:
                trail.blocked_until = now + dt.timedelta(seconds=BLOCK_SECONDS)
                trail.run = 0
                blocked_for = BLOCK_SECONDS
                audit_record(
                    event_type=events.LOOKUP_BLOCKED,
                    summary={"client": client[:80], "last": key},
                )
            trail.save()
    if blocked_for:
        raise DomainError(
            RollErrorCode.BLOCKED,
            _("Lookups from your address are paused for walking through EPIC numbers."),
            retry_after=blocked_for,
        )
