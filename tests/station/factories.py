"""Factories of the station tests: a polling station in an assembly segment of Varanasi (PC) with
a part roll, and the Lok Sabha contest with accepted candidates; a synthetic station for the
device-side tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from nirvachan.core.models import Constituency
from nirvachan.elections import services as election_services
from nirvachan.elections.models import Nomination
from nirvachan.locale.name_key import name_key
from nirvachan.roll.models import Elector, Part, PollingStation
from nirvachan.station.day import StationDay, init_station
from nirvachan.station.simulate import synthetic_package
from tests.elections.factories import LokSabha, lok_sabha
from tests.factories import Geo

D = dt.date
NAMES = ["Ram Prasad", "Sita Devi", "Mohan Lal", "Geeta Verma", "Abdul Karim", "Rahima Begum"]


@dataclass
class Central:
    ls: LokSabha
    ac: Constituency
    station: PollingStation
    other_station: PollingStation
    part: Part
    electors: list[Elector]
    nominations: list[Nomination]


def make_central(geo: Geo, electors: int = 12) -> Central:
    ls = lok_sabha(geo)
    ac = Constituency.objects.create(
        code="IN-UP-AC-390", kind="ac", number=390, country="IN", unit=geo.up,
        name_en="Varanasi Cantt.", name_hi="वाराणसी कैंट", parent=ls.varanasi,
    )  # fmt: skip
    other_ac = Constituency.objects.create(
        code="IN-UP-AC-1", kind="ac", number=1, country="IN", unit=geo.up, name_en="Behat"
    )
    station = PollingStation.objects.create(
        constituency=ac, number=17, name="Primary School, Room 1", address="Lanka, Varanasi"
    )
    other_station = PollingStation.objects.create(
        constituency=other_ac, number=1, name="Other school"
    )
    part = Part.objects.create(constituency=ac, number=17, name="Lanka", polling_station=station)
    rows = []
    for i in range(1, electors + 1):
        name = NAMES[i % len(NAMES)] + f" {i}"
        rows.append(
            Elector.objects.create(
                key_kind="epic",
                key=f"UPV{i:07d}",
                name=name,
                name_key=name_key(name),
                relative_name="Shyam",
                relation="father",
                gender="male",
                age=30 + i,
                age_on=D(2024, 1, 1),
                constituency=ac,
                part=part,
                serial=i,
            )
        )
    Elector.objects.create(
        key_kind="epic", key="UPV9999999", name="Deleted Voter", name_key=name_key("Deleted"),
        relation="father", gender="male", age=40, age_on=D(2024, 1, 1), constituency=ac,
        part=part, serial=999, status="deleted",
    )  # fmt: skip
    nominations = []
    for name, hi, party in (
        ("Narendra Modi", "नरेंद्र मोदी", ls.bjp),
        ("Ajay Rai", "अजय राय", ls.inc),
        ("Shalini Yadav", "शालिनी यादव", ls.sp),
    ):
        n = election_services.nomination_file(
            contest=ls.contest, name_en=name, name_hi=hi, party=party, on=D(2019, 4, 25)
        )
        nominations.append(election_services.nomination_scrutinise(nomination=n, accept=True))
    return Central(ls, ac, station, other_station, part, rows, nominations)


@dataclass
class Synthetic:
    data: bytes
    ro_public: str
    data_dir: Path


def make_station(tmp_path: Path, voters: int = 20, seed: int = 1, contests: int = 1) -> Synthetic:
    data, ro_public = synthetic_package(voters, seed, contests=contests)
    data_dir = tmp_path / "station"
    init_station(data, data_dir, frozenset({ro_public}))
    return Synthetic(data, ro_public, data_dir)


def open_station(day: StationDay, mock: int = 50) -> None:
    """Mock poll of `mock` votes, clear and seal, open."""
    ballot = day.ballots()[0]
    for i in range(mock):
        day.mock_vote(ballot["contest"], 1 + i % (len(ballot["candidates"]) + 1))
    day.clear_and_seal("PrO", ["S-1"])
    day.open_poll("PrO")


def vote(day: StationDay, key: str, choice: int = 1, token: int | None = None) -> int:
    """Check in by EPIC, register, enable and cast every contest; returns the 17A serial."""
    checkin = day.check_in("PO1", key, "epic", key, token=token)
    entry = day.register("PO2", checkin, True, "signature")
    ballot = day.enable_ballot("PO3", entry["slip"], True)
    for contest in [b["contest"] for b in day.ballots()]:
        day.cast(ballot, contest, choice)
    return int(entry["serial_17a"])
