"""The public API: elections, phases, contests and ballots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nirvachan.elections import services
from tests.elections.factories import D, LokSabha, lok_sabha
from tests.factories import Geo


@pytest.fixture
def ls(geo: Geo) -> LokSabha:
    data = lok_sabha(geo)
    services.phase_schedule(
        election=data.election, number=1, poll_date=D(2019, 4, 11), seats_declared=91
    )
    services.polling_hours_set(
        election=data.election, unit=geo.up, opens=dt.time(7), closes=dt.time(17)
    )
    for kw in (
        {"name_en": "Narendra Modi", "name_hi": "नरेंद्र मोदी", "party": data.bjp},
        {"name_en": "Ajay Rai", "name_hi": "अजय राय", "party": data.inc},
        {"name_en": "Ashok", "name_hi": "अशोक", "symbol": data.kite},
    ):
        n = services.nomination_file(contest=data.contest, on=D(2019, 4, 25), **kw)  # type: ignore[arg-type]
        services.nomination_scrutinise(nomination=n, accept=True)
    return data


@pytest.mark.django_db
def test_election_list_and_detail(ls: LokSabha) -> None:
    data = Client().get("/api/v1/elections").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert (item["code"], item["kind"], item["poll_dates"]) == (
        "ls2019",
        "general",
        ["2019-04-11", "2019-05-19"],
    )
    detail = Client().get("/api/v1/elections/ls2019", HTTP_ACCEPT_LANGUAGE="hi").json()
    assert (detail["name"], detail["deposit_general"], detail["polls_close"]) == (
        "लोकसभा 2019",
        "25000.00",
        "18:00",
    )


@pytest.mark.django_db
def test_unknown_election_is_404_in_the_language(ls: LokSabha) -> None:
    response = Client().get("/api/v1/elections/nope")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No election has the code nope.",
        "details": {"code": "nope"},
    }


@pytest.mark.django_db
def test_phases(ls: LokSabha) -> None:
    data = Client().get("/api/v1/elections/ls2019/phases").json()
    assert [(p["number"], p["poll_date"], p["seats"], p["contests"]) for p in data["items"]] == [
        (1, "2019-04-11", 91, 0),
        (7, "2019-05-19", 1, 1),
    ]
    assert data["items"][1]["withdrawal_last_date"] == "2019-05-02"


@pytest.mark.django_db
def test_contests_with_hours(ls: LokSabha) -> None:
    data = Client().get("/api/v1/elections/ls2019/contests", {"state": "IN-UP"}).json()
    assert data["count"] == 1
    c = data["items"][0]
    assert (c["code"], c["phase"], c["poll_date"], c["polls_open"], c["polls_close"]) == (
        "IN-UP-PC-VARANASI",
        7,
        "2019-05-19",
        "07:00",
        "17:00",
    )
    assert Client().get("/api/v1/elections/ls2019/contests", {"phase": 1}).json()["count"] == 0
    response = Client().get("/api/v1/elections/ls2019/contests", {"state": "XX"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_ballot_in_order_with_nota_last(ls: LokSabha) -> None:
    url = f"/api/v1/elections/ls2019/contests/{ls.contest.pk}/ballot"
    data = Client().get(url, {"lang": "hi"}).json()
    assert data["units"] == 1 and data["language"] == "hi"
    assert [(e["serial"], e["name"], e["group"], e["symbol"]) for e in data["entries"]] == [
        (1, "अजय राय", "recognised", "हाथ"),
        (2, "नरेंद्र मोदी", "recognised", "कमल"),
        (3, "अशोक", "independent", "पतंग"),
        (4, "इनमें से कोई नहीं (नोटा)", "nota", ""),
    ]
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [e["name"] for e in english["entries"]] == [
        "Ajay Rai",
        "Narendra Modi",
        "Ashok",
        "None of the above (NOTA)",
    ]
    assert Client().get("/api/v1/elections/ls2019/contests/999999/ballot").status_code == 404
    assert Client().get(url, {"lang": "fr"}).status_code == 422
