"""API of the polling-station app (central side), mounted at /api/v1/.

``POST /api/v1/turnout``: a station posts its presiding officer's turnout reports when it is
online. No login: the body is authenticated by its signature with the station's current key
(403 ``bad_signature`` / ``station_no_key`` when it does not verify, 422 on a malformed body).
Stored idempotently; not shown anywhere yet.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from nirvachan.core.api_support import ERRORS
from nirvachan.station import services

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
