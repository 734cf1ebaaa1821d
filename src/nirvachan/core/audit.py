"""The hash-chained audit log: recording (inside the caller's transaction) and verification.

hash = SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8) of
{seq, at, actor_id, actor_name, actor_role, event_type, object_type, object_id, summary,
prev_hash}, where `at` is UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ" and `summary` is itself the
canonical JSON text of the event's summary. The first event's prev_hash is 64 zeros.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
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
    payload = canonical_json(
        {
            "actor_id": actor_id,
            "actor_name": actor_name,
            "actor_role": actor_role,
            "at": at,
            "event_type": event_type,
            "object_id": object_id,
            "object_type": object_type,
            "prev_hash": prev_hash,
            "seq": seq,
            "summary": summary,
        }
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


_COLUMNS = (
    "seq, at, actor_id, actor_name, actor_role, event_type, object_type, object_id, "
    "summary, prev_hash, hash"
)


def _rows(batch: int) -> Iterator[tuple[Any, ...]]:
    """Stream the log in sequence order without loading it (server-side cursor on PostgreSQL)."""
    table = AuditEvent._meta.db_table
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {_COLUMNS} FROM {table} ORDER BY seq")  # noqa: S608
        while rows := cursor.fetchmany(batch):
            yield from rows


def _timestamp_text(value: Any) -> str:
    if isinstance(value, str):  # SQLite without type detection returns the stored text
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    if value.tzinfo is None:  # SQLite stores UTC without an offset
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return format_timestamp(value)


def verify_rows(rows: Iterable[tuple[Any, ...]]) -> VerifyResult:
    """Check every row's hash and its link to the previous row, and that seq has no gaps."""
    sha256 = hashlib.sha256
    dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for seq, at, actor_id, name, role, etype, otype, oid, summary, prev, digest in rows:
        if seq != expected_seq:
            reason = f"event {expected_seq} is missing (the next is {seq})"
            return VerifyResult(False, count, min(seq, expected_seq), reason)
        if prev != expected_prev:
            return VerifyResult(False, count, seq, "prev_hash does not match the previous event")
        payload = dumps(
            {
                "actor_id": actor_id,
                "actor_name": name,
                "actor_role": role,
                "at": _timestamp_text(at),
                "event_type": etype,
                "object_id": oid,
                "object_type": otype,
                "prev_hash": prev,
                "seq": seq,
                "summary": summary,
            }
        )
        if sha256(payload.encode("utf-8")).hexdigest() != digest:
            return VerifyResult(False, count, seq, "hash does not match the event's content")
        expected_prev = digest
        expected_seq += 1
        count += 1
    return _check_head(count, expected_prev)


def _check_head(count: int, last_hash: str) -> VerifyResult:
    """The head row records the last event written: rows removed from (or added at) the end
    of the log show up as a difference between the two."""
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    if head_seq > count:
        return VerifyResult(False, count, count + 1, f"events {count + 1}–{head_seq} are missing")
    if head_seq < count:
        return VerifyResult(
            False, count, head_seq + 1, f"events after {head_seq} were not written by the recorder"
        )
    if head_hash != last_hash:
        return VerifyResult(False, count, count, "the last event differs from the chain head")
    return VerifyResult(True, count)


def audit_verify(*, batch: int = 10_000) -> VerifyResult:
    return verify_rows(_rows(batch))
