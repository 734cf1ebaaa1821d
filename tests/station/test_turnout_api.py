"""`GET /api/v1/turnout`: the poll-day figures of the page as JSON, with the same scoping."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from nirvachan.core.roles import Role
from tests.factories import Geo, user
from tests.station.access import turnout_election
from tests.station.test_turnout_views import at, make_poll


def _client(geo: Geo, role: str = Role.RETURNING_OFFICER, unit: str = "gopalganj") -> Client:
    client = Client()
    client.force_login(user(f"{role}-{unit}", role, getattr(geo, unit)))
    return client


@pytest.mark.django_db
def test_api_shape_figures_and_pagination(geo: Geo, monkeypatch: pytest.MonkeyPatch) -> None:
    poll = make_poll(geo)
    monkeypatch.setattr(timezone, "now", lambda: at(14, 30))
    a, b = poll.own.stations
    response = _client(geo).get("/api/v1/turnout", {"election": "jsn-poll"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "election", "as_of", "count", "page", "pages", "items", "totals", "total", "series",
    }  # fmt: skip
    assert (data["election"], data["count"], data["page"], data["pages"]) == ("jsn-poll", 2, 1, 1)
    assert parse_datetime(data["as_of"]) == at(14, 30)
    first, second = data["items"]
    assert first == {
        "station": b.pk, "number": 2, "name": "School 2", "constituency": "BD-PC-215",
        "electors": 6, "last_report": first["last_report"], "voters": 3, "turnout": 0.5,
        "reports": 2, "late": True,
    }  # fmt: skip
    assert parse_datetime(first["last_report"]) == at(12)
    assert (second["station"], second["voters"], second["turnout"], second["late"]) == (
        a.pk, 3, 0.75, False,
    )  # fmt: skip
    assert data["totals"] == [
        {"constituency": "BD-PC-215", "name": "Seat BD-PC-215", "stations": 2, "reporting": 2,
         "late": 1, "electors": 10, "voters": 6, "turnout": 0.6},
    ]  # fmt: skip
    assert data["total"]["voters"] == 6
    assert [p["voters"] for p in data["series"]] == [1, 3, 4, 5, 6]
    paged = _client(geo, Role.OBSERVER).get(
        "/api/v1/turnout", {"election": "jsn-poll", "sort": "-turnout", "size": 1, "page": 2}
    )
    assert paged.status_code == 200
    body = paged.json()
    assert (body["count"], body["pages"], body["page"]) == (2, 2, 2)
    assert [item["station"] for item in body["items"]] == [b.pk]
    assert body["total"]["voters"] == 6  # totals cover every page


@pytest.mark.django_db
def test_api_scoping_and_errors(geo: Geo) -> None:
    make_poll(geo)
    turnout_election(geo.gopalganj, "jsn-lone", "BD-PC-216", electors=(3,))
    other = _client(geo, unit="kishoreganj")
    lone = other.get("/api/v1/turnout", {"election": "jsn-lone"})
    assert lone.status_code == 404 and lone.json()["code"] == "not_found"
    shared = other.get("/api/v1/turnout", {"election": "jsn-poll"}).json()
    assert [i["constituency"] for i in shared["items"]] == ["BD-PC-165"]
    outside = other.get("/api/v1/turnout", {"election": "jsn-poll", "constituency": "BD-PC-215"})
    assert outside.status_code == 404 and outside.json()["details"]["field"] == "constituency"
    denied = _client(geo, Role.FINANCE_OFFICER).get("/api/v1/turnout", {"election": "jsn-poll"})
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert Client().get("/api/v1/turnout", {"election": "jsn-poll"}).status_code == 401
    missing = _client(geo).get("/api/v1/turnout")
    assert missing.status_code == 422 and missing.json()["details"]["field"] == "election"
    bad = _client(geo, Role.OBSERVER).get("/api/v1/turnout", {"election": "jsn-poll", "sort": "x"})
    assert bad.status_code == 422 and bad.json()["details"]["field"] == "sort"
    bad_bn = _client(geo, Role.COMMISSION_ADMIN).get(
        "/api/v1/turnout", {"election": "jsn-poll", "sort": "x"}, HTTP_ACCEPT_LANGUAGE="bn"
    )
    assert "সাজান" in bad_bn.json()["message"]


@pytest.mark.django_db
def test_api_empty_state(geo: Geo) -> None:
    turnout_election(geo.gopalganj, "jsn-quiet", "BD-PC-217", electors=(2, 3))
    data = _client(geo).get("/api/v1/turnout", {"election": "jsn-quiet"}).json()
    assert data["count"] == 2 and data["series"] == []
    assert [(i["voters"], i["reports"], i["last_report"], i["turnout"]) for i in data["items"]] == [
        (None, 0, None, None), (None, 0, None, None),
    ]  # fmt: skip
    assert data["total"] == {
        "constituency": "BD-PC-217", "name": "Seat BD-PC-217", "stations": 2, "reporting": 0,
        "late": 0, "electors": 5, "voters": 0, "turnout": 0.0,
    }  # fmt: skip
