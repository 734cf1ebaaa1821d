"""The ballot unit: no sign-in; it records only when officer 3 has enabled a ballot; one press,
one vote; the slip for 7 seconds, during which nothing more is recorded."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client

from nirvachan.station.web import kiosk
from tests.station.web.conftest import CONTEST, Station


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeClock]:
    fake = FakeClock()
    monkeypatch.setattr(kiosk, "clock", fake)
    yield fake


def enabled(station: Station, key: str) -> int:
    entry = station.voter_at_po3(key)
    return station.enable(entry["slip"])


def test_waiting_without_an_enabled_ballot(station: Station) -> None:
    station.to_open()
    response = Client().get("/kiosk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="bn">' in html
    assert 'data-mode="waiting"' in html and 'hx-trigger="every 1s"' in html
    assert 'class="choice' not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_kiosk_refuses_to_record_without_an_enabled_ballot(station: Station) -> None:
    station.to_open()
    entry = station.voter_at_po3("ABC1000001")  # in 17A, but officer 3 has not enabled
    for ballot in ("1", "0", str(entry["slip"])):
        response = Client().post(
            "/kiosk/cast/", {"ballot": ballot, "contest": CONTEST, "choice": "1"}
        )
        assert response.status_code == 409
        assert "কিছুই নথিভুক্ত হয়নি" in response.content.decode()
    response = Client().post("/kiosk/cast/", {"ballot": "x", "contest": CONTEST, "choice": "1"})
    assert response.status_code == 400
    counts = station.counts()
    assert counts["votes"] == 0 and counts["paper"] == 0


def test_ballot_in_the_station_language_nota_last(station: Station) -> None:
    station.to_open()
    ballot = enabled(station, "ABC1000001")
    html = Client().get("/kiosk/state/").content.decode()
    assert 'data-mode="ballot"' in html and f'name="ballot" value="{ballot}"' in html
    serials = re.findall(r'data-serial="(\d+)"', html)
    assert serials == ["1", "2", "3", "4"]
    names = re.findall(r'<span class="name">([^<]+)</span>', html)
    assert names == ["শফিকুল ইসলাম", "মীনা কুমারী", "অনিতা রায়", "উপরের কাউকে নয়"]
    assert "আওয়ামী লীগ" in html and "স্বতন্ত্র" in html  # party; independent
    assert "নৌকা" in html and "ধানের শীষ" in html  # symbols
    assert 'aria-label="২: মীনা কুমারী, জাতীয়তাবাদী দল, প্রতীক ধানের শীষ"' in html
    assert 'aria-label="৪: উপরের কাউকে নয় (নোটা)"' in html
    assert "কোটালীপাড়া বিধানসভা" in html


def test_one_press_one_vote_and_the_slip(station: Station, clock: FakeClock) -> None:
    station.to_open()
    ballot = enabled(station, "ABC1000001")
    client = Client()
    response = client.post(
        "/kiosk/cast/",
        {"ballot": ballot, "contest": CONTEST, "choice": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-mode="slip"' in html and 'data-slip-ms="7000"' in html
    assert "মীনা কুমারী" in html and "ধানের শীষ" in html and 'class="slip-serial">২<' in html
    assert "<html" not in html  # the htmx fragment only
    assert station.counts()["votes"] == 1 and station.counts()["paper"] == 1

    # A second press while the slip is shown records nothing, even for the next voter.
    response = client.post("/kiosk/cast/", {"ballot": ballot, "contest": CONTEST, "choice": "1"})
    assert response.status_code == 409
    clock.now += 3
    nxt = enabled(station, "ABC1000002")
    assert 'data-mode="waiting"' in client.get("/kiosk/state/").content.decode()
    response = client.post("/kiosk/cast/", {"ballot": nxt, "contest": CONTEST, "choice": "1"})
    assert response.status_code == 409
    assert station.counts()["votes"] == 1 and station.counts()["paper"] == 1

    # After 7 seconds the slip has dropped: the next voter's ballot is shown and counts.
    clock.now += 4.01
    assert 'data-mode="ballot"' in client.get("/kiosk/state/").content.decode()
    response = client.post("/kiosk/cast/", {"ballot": nxt, "contest": CONTEST, "choice": "4"})
    assert response.status_code == 200
    assert "উপরের কাউকে নয়" in response.content.decode()  # NOTA on the slip
    assert station.counts()["votes"] == 2 and station.counts()["paper"] == 2

    # The first voter's ballot cannot be used again, after the slip either.
    clock.now += 8
    response = client.post("/kiosk/cast/", {"ballot": ballot, "contest": CONTEST, "choice": "1"})
    assert response.status_code == 409
    assert station.counts()["votes"] == 2
    assert 'data-mode="waiting"' in client.get("/kiosk/state/").content.decode()


def test_bad_choice_records_nothing(station: Station, clock: FakeClock) -> None:
    station.to_open()
    ballot = enabled(station, "ABC1000001")
    response = Client().post("/kiosk/cast/", {"ballot": ballot, "contest": CONTEST, "choice": "9"})
    assert response.status_code == 409
    response = Client().post("/kiosk/cast/", {"ballot": ballot, "contest": "OTHER", "choice": "1"})
    assert response.status_code == 409
    assert station.counts()["votes"] == 0
    assert station.call("pending_ballot") == {"ballot": ballot, "contests": [CONTEST]}


def test_kiosk_without_htmx_gets_the_whole_page(station: Station) -> None:
    station.to_open()
    ballot = enabled(station, "ABC1000001")
    response = Client().post("/kiosk/cast/", {"ballot": ballot, "contest": CONTEST, "choice": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and 'data-testid="paper-slip"' in html and "kiosk.js" in html


def test_kiosk_in_hindi_station(station_factory) -> None:  # type: ignore[no-untyped-def]
    station = station_factory("hi")
    station.to_open()
    enabled(station, "ABC1000001")
    html = Client().get("/kiosk/").content.decode()
    assert '<html lang="hi">' in html
    names = re.findall(r'<span class="name">([^<]+)</span>', html)
    assert names == ["शफ़ीक़ुल इस्लाम", "मीना कुमारी", "अनीता राय", "इनमें से कोई नहीं"]


def test_kiosk_speaks_the_station_language_whatever_the_cookie(station: Station) -> None:
    station.to_open()
    enabled(station, "ABC1000001")
    client = Client()
    client.cookies["nirvachan_station_language"] = "en"
    html = client.get("/kiosk/").content.decode()
    assert '<html lang="bn">' in html and "শফিকুল ইসলাম" in html
    response = client.post("/kiosk/cast/", {"ballot": "999", "contest": CONTEST, "choice": "1"})
    assert "কিছুই নথিভুক্ত হয়নি" in response.content.decode()
    assert '<html lang="en">' in client.get("/").content.decode()  # the officers' pages follow it
