"""The station contract end to end: a station commissioned by the station app, a whole polling
day run on the device side, its signed result package ingested by the results app."""

from __future__ import annotations

from pathlib import Path

import pytest

from nirvachan.core.errors import DomainError
from nirvachan.results import selectors, services
from nirvachan.results.models import VoteCount
from tests.factories import Geo

station_day = pytest.importorskip("nirvachan.station.day")
simulate = pytest.importorskip("nirvachan.station.simulate")
station_services = pytest.importorskip("nirvachan.station.services")
station_factories = pytest.importorskip("tests.station.factories")


def test_a_real_station_day_is_ingested_and_reconciles(geo: Geo, tmp_path: Path) -> None:
    central = station_factories.make_central(geo, electors=12)
    contest = central.ls.contest
    built = station_services.station_package_build(
        election=contest.election, station=central.station
    )
    station_day.init_station(built.data, tmp_path / "st", frozenset({built.signer}))
    with station_day.StationDay.open(tmp_path / "st") as day:
        summary = simulate.run_day(day, seed=3, out=tmp_path / "result.zip", pdf=False)
    services.counting_plan_set(contest=contest, tables=4, rounds=1)
    data = (tmp_path / "result.zip").read_bytes()
    done = services.package_ingest(data=data, election_code=contest.election.code)
    assert done.created and len(done.stations) == 1
    station = done.stations[0]
    assert (station.segment, station.number) == ("IN-UP-AC-390", 17)
    counted = summary["counts"]["contests"][0]
    assert (
        sum(VoteCount.objects.filter(station=station).values_list("votes", flat=True))
        == (counted["total"])
    )
    assert station.votes_recorded == summary["form17c"]["votes_recorded"]
    rows = selectors.reconciliation(contest)
    assert [(r.station.number, r.flagged) for r in rows] == [(17, False)]
    # The station's package is idempotent; re-commissioning revokes the key it was signed with.
    assert not services.package_ingest(data=data).created
    station_services.station_package_build(election=contest.election, station=central.station)
    with pytest.raises(DomainError) as info:
        services.package_ingest(data=data)
    assert info.value.code == "package_revoked_key"
