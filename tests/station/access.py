"""Access matrix entries of the station app, merged into tests/core/test_access.py.

`POST /api/v1/turnout` is public: a station posts without a login and the body is authenticated
by its signature with the station's current key. Without a valid signature every caller, logged
in or not, gets 403 (`station_no_key` here: the matrix body names no commissioned station;
`bad_signature` when the key exists but the signature does not match — tests/station/test_central).

`GET /api/v1/turnout` and the page `station/turnout/<election>/` need election.view: 403 for the
roles without it, 404 for an election with no contest in the user's units (OTHER: Kishoreganj). The
matrix cannot send a query string, so the API answers 422 (`election` missing) to the roles that
may read turnout; its scoping is tested in tests/station/test_turnout_api.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import CAPABILITIES, Capability
from nirvachan.elections import services as es
from nirvachan.elections.models import Contest, Election
from nirvachan.locale.name_key import name_key
from nirvachan.roll.models import Elector, Part, PollingStation

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEWERS = {role for role, caps in CAPABILITIES.items() if Capability.ELECTION_VIEW in caps}


def signature_required(role: str, target: str) -> int:
    return 403


def turnout_api(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 422 if role in VIEWERS else 403  # no `election` in the query: 422


def turnout_page(role: str, target: str) -> int:
    if role == ANON:
        return 302
    if role not in VIEWERS:
        return 403
    return 200 if target == OWN else 404


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("POST", "/api/v1/turnout"): signature_required,
    ("GET", "/api/v1/turnout"): turnout_api,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "station/turnout/<slug:st_election>/"): turnout_page,
}

BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/turnout"): lambda t, o: {
        "election": "no-such-election",
        "station": 1,
        "reports": [{"at": "2019-05-19T09:00:00+05:30", "voters": 10}],
        "signature": "00" * 64,
    },
}


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    """One election with a contest in Gopalganj (OWN) and one only in Kishoreganj (OTHER)."""
    own = turnout_election(geo.gopalganj, "st-turnout-own", "BD-PC-901")
    other = turnout_election(geo.kishoreganj, "st-turnout-other", "BD-PC-902")
    return {"st_election": {OWN: own.election.code, OTHER: other.election.code}}


@dataclass
class TurnoutElection:
    election: Election
    constituency: Constituency
    contest: Contest
    stations: list[PollingStation]


def turnout_election(
    unit: AdminUnit, code: str, pc_code: str, electors: tuple[int, ...] = ()
) -> TurnoutElection:
    """A Jatiya Sangsad-like election (polls 08:00–16:00 Dhaka time on 7 January 2024) with one
    contest in `unit` and one polling station per entry of `electors`, each with one part of that
    many active electors (and one deleted elector, which does not count)."""
    election = es.election_create(
        code=code, kind="general", country="BD", name_en=f"Election {code}",
        name_bn=f"নির্বাচন {code}", polls_open=dt.time(8), polls_close=dt.time(16),
    )  # fmt: skip
    phase = es.phase_schedule(election=election, number=1, poll_date=dt.date(2024, 1, 7))
    pc = Constituency.objects.create(
        code=pc_code, kind="pc", country="BD", unit=unit, name_en=f"Seat {pc_code}",
        name_bn=f"আসন {pc_code}",
    )  # fmt: skip
    contest = es.contest_create(
        election=election, phase=phase, code=pc_code, name_en=pc.name_en, constituency=pc
    )
    stations = []
    for number, count in enumerate(electors, start=1):
        station = PollingStation.objects.create(
            constituency=pc, number=number, name=f"School {number}"
        )
        part = Part.objects.create(
            constituency=pc, number=number, name=f"Ward {number}", polling_station=station
        )
        Elector.objects.bulk_create(
            Elector(
                key_kind="nid", key=f"{pc_code}-{number}-{serial}", name=f"Voter {serial}",
                name_key=name_key(f"Voter {serial}"), relation="father", gender="female",
                age=30, age_on=dt.date(2023, 1, 1), constituency=pc, part=part, serial=serial,
                status="deleted" if serial > count else "active",
            )
            for serial in range(1, count + 2)
        )  # fmt: skip
        stations.append(station)
    return TurnoutElection(election, pc, contest, stations)
