"""LookupCounter clean-up: a client's spent windows go on its next write; the counters of
clients that never return go with `nirvachan roll_review purge-counters`."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.roll import services
from nirvachan.roll.management.commands.roll_review import rate_windows
from nirvachan.roll.models import LookupCounter

T0 = 1_800_000_000.0  # a window boundary for 60 s windows (divisible by 60 and by 3600)


def _count(client: str, at: float, scope: str = "lookup", limit: int = 30) -> None:
    with mock.patch("nirvachan.roll.services.lookups.time.time", return_value=at):
        services.lookup_count(client=client, scope=scope, limit=limit, window_seconds=60)


def _rows(**filters: Any) -> list[tuple[str, str, int, int]]:
    return sorted(
        LookupCounter.objects.filter(**filters).values_list("client", "scope", "window", "count")
    )


@pytest.mark.django_db
def test_a_clients_spent_windows_go_on_its_next_write() -> None:
    w = int(T0 // 60)
    _count("1.1.1.1", T0)
    _count("1.1.1.1", T0 + 1)
    _count("1.1.1.1", T0, scope="search")
    _count("2.2.2.2", T0)
    assert _rows(client="1.1.1.1") == [
        ("1.1.1.1", "lookup", w, 2),
        ("1.1.1.1", "search", w, 1),
    ]
    _count("1.1.1.1", T0 + 61)  # next window: the first window's row of this scope goes
    assert _rows(client="1.1.1.1") == [
        ("1.1.1.1", "lookup", w + 1, 1),
        ("1.1.1.1", "search", w, 1),
    ]
    assert _rows(client="2.2.2.2") == [("2.2.2.2", "lookup", w, 1)]  # others untouched
    _count("1.1.1.1", T0 + 62)  # same window: nothing deleted, the count goes on
    assert _rows(client="1.1.1.1", scope="lookup") == [("1.1.1.1", "lookup", w + 1, 2)]


@pytest.mark.django_db
def test_the_limit_still_holds_within_a_window_after_cleanup() -> None:
    _count("3.3.3.3", T0, limit=1)
    _count("3.3.3.3", T0 + 60, limit=1)
    with pytest.raises(DomainError) as caught:
        _count("3.3.3.3", T0 + 61, limit=1)
    assert caught.value.status == 429
    assert LookupCounter.objects.count() == 1


@pytest.mark.django_db
def test_purge_deletes_ended_windows_of_every_client() -> None:
    for i in range(5):
        _count(f"10.0.0.{i}", T0)
    _count("10.0.0.9", T0 + 61)
    deleted = services.lookup_counters_purge(windows={"lookup": 60}, now=T0 + 61)
    assert deleted == 5
    assert _rows() == [("10.0.0.9", "lookup", int(T0 // 60) + 1, 1)]
    event = AuditEvent.objects.get(event_type="roll.counters_purged")
    assert event.summary_data == {"deleted": 5}
    assert services.lookup_counters_purge(windows={"lookup": 60}, now=T0 + 61) == 0
    assert AuditEvent.objects.filter(event_type="roll.counters_purged").count() == 1


@pytest.mark.django_db
def test_purge_respects_each_scopes_window() -> None:
    with mock.patch("nirvachan.roll.services.lookups.time.time", return_value=T0):
        services.lookup_count(client="s", scope="sms", limit=10, window_seconds=3600)
    _count("l", T0)
    # 2 minutes later the lookup window (60 s) has ended, the SMS window (1 h) has not
    assert services.lookup_counters_purge(windows={"lookup": 60, "sms": 3600}, now=T0 + 120) == 1
    assert [r[1] for r in _rows()] == ["sms"]


@pytest.mark.django_db
def test_purge_command(capsys: Any) -> None:
    LookupCounter.objects.create(client="old", scope="search", window=1, count=3)
    LookupCounter.objects.create(client="old", scope="apply", window=1, count=3)
    with override_settings(ROLL_RATE_LIMITS={"apply": (5, 7200)}):
        assert rate_windows() == {"lookup": 60, "search": 60, "sms": 3600, "apply": 7200}
        call_command("roll_review", "purge-counters")
    assert capsys.readouterr().out.strip() == '{"deleted": 2}'
    assert LookupCounter.objects.count() == 0
