"""The hash-chained audit log: recording (inside the caller's transaction) and verification.

hash = SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8) of
{seq, at, actor_id, actor_name, actor_role, event_type, object_type, object_id, summary,
prev_hash}, where `at` is UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ" and `summary` is itself the
canonical JSON text of the event's summary. The first event's prev_hash is 64 zeros.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from nirvachan.core import events as catalogue
from nirvachan.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
_UTC = dt.UTC


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_timestamp(at: dt.datetime) -> str:
    return at.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# The canonical JSON of an event: keys sorted, no spaces, UTF-8 (not \u-escaped). Built with
# the C string escaper rather than a dict + json.dumps: the same bytes, twice as fast, which
# matters when `nirvachan audit verify` streams millions of events.
_escape = json.encoder.encode_basestring  # type: ignore[attr-defined]
_TEMPLATE = (
    '{"actor_id":%s,"actor_name":%s,"actor_role":%s,"at":%s,"event_type":%s,'
    '"object_id":%s,"object_type":%s,"prev_hash":%s,"seq":%d,"summary":%s}'
)


def canonical_event(
    seq: int,
    at: str,
    actor_id: int | None,
    actor_name: str,
    actor_role: str,
    event_type: str,
    object_type: str,
    object_id: str,
    summary: str,
    prev_hash: str,
) -> str:
    return _TEMPLATE % (
        "null" if actor_id is None else int(actor_id),
        _escape(actor_name),
        _escape(actor_role),
        _escape(at),
        _escape(event_type),
        _escape(object_id),
        _escape(object_type),
        _escape(prev_hash),
        seq,
        _escape(summary),
    )


def event_hash(
    *,
    seq: int,
    at: str,
    actor_id: int | None,
    actor_name: str,
    actor_role: str,
    event_type: str,
    object_type: str,
    object_id: str,
    summary: str,
    prev_hash: str,
) -> str:
    payload = canonical_event(
        seq,
        at,
        actor_id,
        actor_name,
        actor_role,
        event_type,
        object_type,
        object_id,
        summary,
        prev_hash,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audit_record(
    *,
    event_type: catalogue.EventType | str,
    actor: Any = None,
    actor_role: str = "",
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    The chain head row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions serialise writers), so concurrent writers form one unbroken chain; the unique
    constraint on prev_hash makes a fork impossible even if that lock were bypassed.
    """
    code = event_type.code if isinstance(event_type, catalogue.EventType) else event_type
    catalogue.get(code)  # refuses undeclared types
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or obj.pk
    summary_text = canonical_json(summary or {})
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    actor_name = actor.get_username() if actor_id is not None else "system"
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # a new database: create the head once, whoever comes first
            AuditChainHead.objects.bulk_create(
                [AuditChainHead(pk=1, seq=0, hash=GENESIS)], ignore_conflicts=True
            )
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        at = timezone.now()
        seq = head.seq + 1
        fields = {
            "seq": seq,
            "at": format_timestamp(at),
            "actor_id": actor_id,
            "actor_name": actor_name,
            "actor_role": actor_role,
            "event_type": code,
            "object_type": object_type,
            "object_id": str(object_id),
            "summary": summary_text,
            "prev_hash": head.hash,
        }
        digest = event_hash(**fields)
        event = AuditEvent.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            actor_role=actor_role,
            event_type=code,
            object_type=object_type,
            object_id=str(object_id),
            summary=summary_text,
            prev_hash=head.hash,
            hash=digest,
        )
        AuditChainHead.objects.filter(pk=1).update(seq=seq, hash=digest)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""


def _select_sql(vendor: str) -> str:
    """One range of the log in sequence order, the timestamp already as canonical UTC text."""
    if vendor == "postgresql":
        at = """to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    else:  # SQLite stores 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; reading it as text skips
        at = "at || ''"  # Django's per-row datetime converter
    columns = (
        f"seq, {at}, actor_id, actor_name, actor_role, event_type, object_type, object_id, "
        "summary, prev_hash, hash"
    )
    table = AuditEvent._meta.db_table
    return f"SELECT {columns} FROM {table} WHERE seq >= %s AND seq <= %s ORDER BY seq"  # noqa: S608


def _sqlite_timestamp(text: str) -> str:
    if len(text) == 19:  # no fraction stored when the microseconds are zero
        text += ".000000"
    return text.replace(" ", "T", 1) + "Z"


@dataclass(frozen=True)
class RangeResult:
    """What one stretch of the log says about itself; links between stretches are checked by
    the caller."""

    count: int
    first_prev: str | None
    last_hash: str | None
    first_bad_seq: int | None = None
    reason: str = ""


def verify_range(lo: int, hi: int, *, batch: int = 10_000) -> RangeResult:
    """Stream events lo..hi (a server-side cursor on PostgreSQL) and check that seq has no gap,
    that each event links to the one before it and that each hash matches its content."""
    sha256 = hashlib.sha256
    build = canonical_event
    expected_seq = lo
    expected_prev: str | None = None
    first_prev: str | None = None
    count = 0
    # PostgreSQL: a server-side cursor inside a transaction streams in batches. SQLite: no
    # transaction (an IMMEDIATE one would take the write lock); WAL gives one read snapshot.
    postgres = connection.vendor == "postgresql"
    with (
        transaction.atomic() if postgres else contextlib.nullcontext(),
        connection.chunked_cursor() as cursor,
    ):
        cursor.execute(_select_sql(connection.vendor), [lo, hi])
        while rows := cursor.fetchmany(batch):
            for seq, at, actor_id, name, role, etype, otype, oid, summary, prev, digest in rows:
                if seq != expected_seq:
                    reason = f"event {expected_seq} is missing (the next is {seq})"
                    return RangeResult(count, first_prev, expected_prev, expected_seq, reason)
                if expected_prev is None:
                    first_prev = prev
                elif prev != expected_prev:
                    reason = "prev_hash does not match the previous event"
                    return RangeResult(count, first_prev, expected_prev, seq, reason)
                if at[-1] != "Z":
                    at = _sqlite_timestamp(at)
                payload = build(seq, at, actor_id, name, role, etype, otype, oid, summary, prev)
                if sha256(payload.encode("utf-8")).hexdigest() != digest:
                    reason = "hash does not match the event's content"
                    return RangeResult(count, first_prev, expected_prev, seq, reason)
                expected_prev = digest
                expected_seq += 1
                count += 1
    if expected_seq <= hi:
        reason = f"events {expected_seq}–{hi} are missing"
        return RangeResult(count, first_prev, expected_prev, expected_seq, reason)
    return RangeResult(count, first_prev, expected_prev)


def _verify_range_in_child(bounds: tuple[int, int]) -> RangeResult:
    from django.db import connections

    connections.close_all()  # the forked child opens its own connection
    try:
        return verify_range(*bounds)
    finally:
        connections.close_all()


def _ranges(last: int, parts: int) -> list[tuple[int, int]]:
    size = -(-last // parts)
    return [(lo, min(lo + size - 1, last)) for lo in range(1, last + 1, size)]


def audit_verify(*, workers: int | None = None, parallel_from: int = 100_000) -> VerifyResult:
    """Verify the whole chain up to the head recorded when verification starts.

    Large logs are split into consecutive stretches verified in parallel processes (one per
    core by default); the links between stretches are then checked here, so the result is the
    same as one sequential pass."""
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    parts = workers or os.cpu_count() or 1
    use = parts if head_seq >= parallel_from and parts > 1 else 1
    bounds = _ranges(head_seq, use) if head_seq else []
    if len(bounds) > 1:
        from django.db import connections

        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(len(bounds)) as pool:
            results = pool.map(_verify_range_in_child, bounds)
    else:
        results = [verify_range(lo, hi) for lo, hi in bounds]
    count, expected_prev = 0, GENESIS
    for (lo, _hi), part in zip(bounds, results, strict=True):
        if part.count and part.first_prev != expected_prev:
            reason = "prev_hash does not match the previous event"
            return VerifyResult(False, count, lo, reason)
        if part.first_bad_seq is not None:
            return VerifyResult(False, count + part.count, part.first_bad_seq, part.reason)
        count += part.count
        expected_prev = part.last_hash or expected_prev
    if head_hash != expected_prev:
        return VerifyResult(False, count, count, "the last event differs from the chain head")
    extra = _first_beyond_head()
    if extra is not None:
        reason = f"event {extra} lies beyond the chain head: it was not written by the recorder"
        return VerifyResult(False, count, extra, reason)
    return VerifyResult(True, count)


def _first_beyond_head() -> int | None:
    """Rows past the head (read in the same statement, so a writer committing meanwhile moves
    both together) were inserted behind the recorder's back."""
    table, head_table = AuditEvent._meta.db_table, AuditChainHead._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN(seq) FROM {table} WHERE seq > "  # noqa: S608 - table names only
            f"COALESCE((SELECT seq FROM {head_table} WHERE id = 1), 0)"
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None
