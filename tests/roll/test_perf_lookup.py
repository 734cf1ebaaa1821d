"""The public lookup's lean path: the prepared selector returns what the ORM would, and the
one-statement anti-scraping checks (`roll.throttle`) keep the rules of `services.lookups`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.roll import selectors, throttle
from nirvachan.roll.models import Elector, LookupCounter, LookupTrail
from tests.factories import Geo
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.mark.django_db
def test_selector_gives_what_the_orm_gives(roll: Roll) -> None:
    e = elector(roll.g1, name="আব্দুল করিম", dob=dt.date(1980, 5, 17), house_no="7")
    station = e.part.polling_station
    station.has_ramp, station.latitude = True, "23.012345"
    station.save()
    found = selectors.elector_public(epic=e.key.lower())
    orm = Elector.objects.select_related("part__polling_station", "constituency").get(pk=e.pk)
    for a, b in (
        (found, orm),
        (found.part, orm.part),
        (found.part.polling_station, orm.part.polling_station),
        (found.constituency, orm.constituency),
    ):
        fields = [f.attname for f in type(a)._meta.concrete_fields]
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields]
    assert found.dob == dt.date(1980, 5, 17) and found.part.polling_station.has_ramp is True
    assert found._state.adding is False
    assert selectors.public_record(found) == selectors.public_record(orm)


@pytest.mark.django_db
def test_count_over_the_limit_is_429_and_old_windows_go(roll: Roll) -> None:
    LookupCounter.objects.create(client="1.2.3.4", scope="lookup", window=1, count=9)
    for _ in range(3):
        throttle.count(client="1.2.3.4", scope="lookup", limit=3, window_seconds=60)
    with pytest.raises(DomainError) as exc:
        throttle.count(client="1.2.3.4", scope="lookup", limit=3, window_seconds=60)
    assert exc.value.code == "throttled" and 1 <= exc.value.details["retry_after"] <= 60
    rows = list(LookupCounter.objects.values_list("client", "count"))
    assert rows == [("1.2.3.4", 4)]  # the spent window of the client was removed


@pytest.mark.django_db
def test_a_family_passes_a_walker_is_blocked_for_an_hour(roll: Roll) -> None:
    for n in (11, 12, 13, 15):  # four relatives with near numbers
        throttle.trail(client="family", key=f"ABC00000{n}")
    assert LookupTrail.objects.get(client="family").blocked_until is None
    for n in range(20, 25):
        throttle.trail(client="walker", key=f"ABC00000{n}")
    with pytest.raises(DomainError) as exc:
        throttle.trail(client="walker", key="ABC0000025")
    assert exc.value.code == "blocked" and exc.value.details["retry_after"] == 3600
    with pytest.raises(DomainError) as exc:
        throttle.trail(client="walker", key="XYZ9999999")  # anything, while blocked
    assert 3500 < exc.value.details["retry_after"] <= 3601
    assert AuditEvent.objects.filter(event_type="roll.lookup_blocked").count() == 1
    LookupTrail.objects.filter(client="walker").update(
        blocked_until=timezone.now() - dt.timedelta(seconds=1)
    )
    throttle.trail(client="walker", key="ABC0000030")  # the hour is over


@pytest.mark.django_db
def test_postgresql_lookup_is_a_server_side_prepared_statement(roll: Roll) -> None:
    """Django turns psycopg's prepared statements off; the lookup lets them on for itself only
    (planning the join was half of each lookup), and puts Django's setting back."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements of the PostgreSQL lookup")
    e = elector(roll.u1, "ABC1234567")
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    for _ in range(3):
        assert selectors.elector_public(epic=e.key).pk == e.pk
    assert connection.connection.prepare_threshold == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any("roll_elector" in s and "core_constituency" in s for s in statements), statements
