from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from nirvachan.core import dbguards, events
from nirvachan.core.audit import GENESIS, audit_record, audit_verify, event_hash
from nirvachan.core.models import AuditChainHead, AuditEvent
from tests.factories import user


def _record(n: int, actor: Any = None) -> None:
    for i in range(n):
        with transaction.atomic():
            audit_record(
                event_type=events.OFFICE_CREATED, actor=actor, summary={"i": i, "name": "গোপালগঞ্জ"}
            )


def _tamper(sql: str, params: list[Any]) -> None:
    """Bypass the append-only triggers the way an attacker with SQL access would."""
    dbguards.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        dbguards.install(connection)


@pytest.mark.django_db
class TestChain:
    def test_events_link_into_one_chain(self) -> None:
        actor = user("ro1")
        _record(3, actor)
        rows = list(AuditEvent.objects.order_by("seq"))
        assert [e.seq for e in rows] == [1, 2, 3]
        assert rows[0].prev_hash == GENESIS
        assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
        assert rows[0].actor_name == "ro1" and rows[0].actor_id == actor.pk
        assert rows[0].summary == '{"i":0,"name":"গোপালগঞ্জ"}'
        head = AuditChainHead.objects.get()
        assert (head.seq, head.hash) == (3, rows[2].hash)

    def test_hash_is_sha256_of_canonical_fields(self) -> None:
        _record(1)
        e = AuditEvent.objects.get()
        expected = event_hash(
            seq=1,
            at=e.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            actor_id=None,
            actor_name="system",
            actor_role="",
            event_type="office.created",
            object_type="",
            object_id="",
            summary=e.summary,
            prev_hash=GENESIS,
        )
        assert e.hash == expected and len(e.hash) == 64

    def test_undeclared_event_type_is_refused_and_nothing_written(self) -> None:
        with pytest.raises(ValueError, match="not declared"):
            audit_record(event_type="made.up")
        assert AuditEvent.objects.count() == 0

    def test_catalogue_refuses_a_second_declaration(self) -> None:
        with pytest.raises(ValueError, match="declared twice"):
            events.declare("office.created", "again")

    def test_verify_counts_an_intact_chain(self) -> None:
        _record(5)
        result = audit_verify()
        assert (result.ok, result.count, result.first_bad_seq) == (True, 5, None)

    def test_empty_log_verifies(self) -> None:
        assert audit_verify().ok and audit_verify().count == 0

    def test_edit_is_detected_at_its_sequence_number(self) -> None:
        _record(5)
        _tamper("UPDATE core_auditevent SET summary = %s WHERE seq = 3", ['{"i":99}'])
        result = audit_verify()
        assert (result.ok, result.first_bad_seq, result.count) == (False, 3, 2)

    def test_deletion_in_the_middle_is_detected(self) -> None:
        _record(5)
        _tamper("DELETE FROM core_auditevent WHERE seq = 2", [])
        result = audit_verify()
        assert (result.ok, result.first_bad_seq) == (False, 2)

    def test_deletion_of_the_last_event_is_detected(self) -> None:
        _record(4)
        _tamper("DELETE FROM core_auditevent WHERE seq = 4", [])
        result = audit_verify()
        assert (result.ok, result.first_bad_seq) == (False, 4)

    def test_insertion_is_detected(self) -> None:
        _record(3)
        last = AuditEvent.objects.get(seq=3)
        forged = event_hash(
            seq=4,
            at="2026-01-01T00:00:00.000000Z",
            actor_id=None,
            actor_name="x",
            actor_role="",
            event_type="office.created",
            object_type="",
            object_id="",
            summary="{}",
            prev_hash=last.hash,
        )
        AuditEvent.objects.create(
            seq=4,
            at="2026-01-01T00:00:00Z",
            actor_name="x",
            event_type="office.created",
            summary="{}",
            prev_hash=last.hash,
            hash=forged,
        )
        result = audit_verify()
        assert (result.ok, result.first_bad_seq) == (False, 4)

    def test_renumbered_insertion_in_the_middle_is_detected(self) -> None:
        _record(3)
        _tamper("UPDATE core_auditevent SET seq = seq + 10 WHERE seq >= 2", [])
        result = audit_verify()
        assert (result.ok, result.first_bad_seq) == (False, 2)

    @pytest.mark.parametrize(
        "sql", ["UPDATE core_auditevent SET actor_name = 'x'", "DELETE FROM core_auditevent"]
    )
    def test_database_refuses_update_and_delete(self, sql: str) -> None:
        _record(2)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
        assert AuditEvent.objects.count() == 2
        assert audit_verify().ok


@pytest.mark.django_db
class TestVerifyCommand:
    def test_intact_chain_exits_zero_and_prints_count(self, capsys: Any) -> None:
        _record(7)
        call_command("audit", "verify")
        assert capsys.readouterr().out.strip() == "audit chain intact: 7 events"

    def test_broken_chain_exits_one_naming_the_sequence(self, capsys: Any) -> None:
        _record(4)
        _tamper("UPDATE core_auditevent SET actor_role = 'forged' WHERE seq = 3", [])
        with pytest.raises(SystemExit) as exc:
            call_command("audit", "verify")
        assert exc.value.code == 1
        assert "sequence number 3" in capsys.readouterr().err


def test_concurrent_writers_form_one_unbroken_chain(tx_db: None) -> None:
    """Parallel writers in separate connections (threads): no fork, no gap, verify passes."""
    writers, per_writer = 8, 15
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def work(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(per_writer):
                with transaction.atomic():
                    audit_record(event_type=events.OFFICE_UPDATED, summary={"writer": n, "i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert AuditEvent.objects.count() == writers * per_writer
    result = audit_verify()
    assert (result.ok, result.count) == (True, writers * per_writer)
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, writers * per_writer + 1))


@pytest.mark.django_db(transaction=True)
class TestParallelVerify:
    """Large logs are verified in parallel stretches; the result must equal one pass."""

    @pytest.fixture(autouse=True)
    def _guards(self, tx_db: None) -> None:
        _record(9)

    def test_intact(self) -> None:
        result = audit_verify(workers=3, parallel_from=1)
        assert (result.ok, result.count) == (True, 9)

    @pytest.mark.parametrize("seq", [1, 3, 4, 6, 7, 9])
    def test_edit_in_any_stretch(self, seq: int) -> None:
        _tamper("UPDATE core_auditevent SET actor_name = 'z' WHERE seq = %s", [seq])
        result = audit_verify(workers=3, parallel_from=1)
        assert (result.ok, result.first_bad_seq) == (False, seq)

    @pytest.mark.parametrize("seq", [3, 4, 9])
    def test_deletion_at_a_stretch_boundary(self, seq: int) -> None:
        _tamper("DELETE FROM core_auditevent WHERE seq = %s", [seq])
        result = audit_verify(workers=3, parallel_from=1)
        assert (result.ok, result.first_bad_seq) == (False, seq)
