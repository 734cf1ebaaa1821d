"""API of the polling-station app (central side), mounted at /api/v1/.

``POST /api/v1/turnout``: a station posts its presiding officer's turnout reports when it is
online. No login: the body is authenticated by its signature with the station's current key
(403 ``bad_signature`` / ``station_no_key`` when it does not verify, 422 on a malformed body).
Stored idempotently.

``GET /api/v1/turnout?election=…&constituency=…&sort=…&page=…``: the stations of the election in
the caller's units (election.view; 403 without it, 404 for an election or constituency outside
them) with their latest report, electors, turnout, reports and whether they are late, and the
totals per constituency — the figures of the page /station/turnout/<election>/.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS, page_out
from nirvachan.core.selectors import paginate
from nirvachan.station import selectors, services

router = Router(tags=["station"])


class TurnoutReportIn(Schema):
    at: str
    voters: int


class TurnoutPostIn(Schema):
    election: str
    station: int
    reports: list[TurnoutReportIn]
    signature: str


class TurnoutPostOut(Schema):
    stored: int
    already: int


@router.post("/turnout", response={200: TurnoutPostOut, **ERRORS}, auth=None)
def turnout_post(request: HttpRequest, body: TurnoutPostIn) -> dict[str, Any]:
    receipt = services.turnout_receive(body=body.dict())
    return {"stored": receipt.stored, "already": receipt.already}


class TurnoutStationOut(Schema):
    station: int
    number: int
    name: str
    constituency: str
    electors: int
    last_report: dt.datetime | None
    voters: int | None
    turnout: float | None
    reports: int
    late: bool


class TurnoutTotalOut(Schema):
    constituency: str
    name: str
    stations: int
    reporting: int
    late: int
    electors: int
    voters: int
    turnout: float | None


class TurnoutPointOut(Schema):
    at: dt.datetime
    voters: int


class TurnoutListOut(Schema):
    election: str
    as_of: dt.datetime
    count: int
    page: int
    pages: int
    items: list[TurnoutStationOut]
    totals: list[TurnoutTotalOut]
    total: TurnoutTotalOut | None
    series: list[TurnoutPointOut]


def _share(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _total(t: selectors.ConstituencyTurnout) -> dict[str, Any]:
    return {
        "constituency": t.constituency.code,
        "name": t.constituency.name_en,
        "stations": t.stations,
        "reporting": t.reporting,
        "late": t.late,
        "electors": t.electors,
        "voters": t.voters,
        "turnout": _share(t.share),
    }


@router.get("/turnout", response={200: TurnoutListOut, **ERRORS}, auth=django_auth)
def turnout_list(
    request: HttpRequest,
    election: str = "",
    constituency: str = "",
    sort: str = "late",
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    chosen = selectors.turnout_election_get(request.user, election)
    overview = selectors.turnout_overview(
        request.user, election=chosen, constituency=constituency, sort=sort
    )
    result = paginate(overview.stations, page, size)  # type: ignore[arg-type]
    items = [
        {
            "station": row.station.pk,
            "number": row.station.number,
            "name": row.station.name,
            "constituency": row.constituency.code,
            "electors": row.electors,
            "last_report": row.last_at,
            "voters": row.voters,
            "turnout": _share(row.share),
            "reports": row.reports,
            "late": row.late,
        }
        for row in result.object_list
    ]
    return {
        **page_out(result, items),
        "election": chosen.code,
        "as_of": overview.now,
        "totals": [_total(t) for t in overview.totals],
        "total": _total(overview.total) if overview.total else None,
        "series": [{"at": at, "voters": voters} for at, voters in overview.series],
    }
