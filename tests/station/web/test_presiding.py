"""The presiding officer's pages: mock poll, clear and seal, open, close with tokens, end, the
special records, turnout, Form 17C (page and PDF), the result package and the event log."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from nirvachan.station.day import StationError
from tests.station.web.conftest import CONTEST, Station, signed_in

CHOICE = f"{CONTEST}:2"


def errors_of(html: str, field: str) -> str:
    match = re.search(rf'id="id_{field}_errors"[^>]*>(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def nonfield_errors(html: str) -> str:
    return " ".join(re.findall(r'class="errorlist nonfield"[^>]*>(.*?)</ul>', html, re.S))


def day_message(station: Station, language: str, method: str, *args: object) -> str:
    """The message the day itself gives for a refused call, in ``language``."""
    with translation.override(language), pytest.raises(StationError) as caught:
        station.call(method, *args)
    return str(escape(caught.value.message))  # as the page shows it


@pytest.fixture
def po(station: Station) -> Client:
    return signed_in(station, "presiding")


def test_dashboard_shows_state_and_counts(station: Station, po: Client) -> None:
    html = po.get("/presiding/").content.decode()
    assert "প্রস্তুত: প্যাকেজ লোড হয়েছে" in html  # phase "ready" in Bengali
    assert "মক পোল" in html
    assert "৮" in html  # 8 electors, in Bengali digits


def test_mock_poll_result_then_clear_and_seal_then_open(station: Station, po: Client) -> None:
    response = po.post("/presiding/mock/", {"choice": CHOICE, "count": "30"})
    assert response.status_code == 302
    po.post("/presiding/mock/", {"choice": f"{CONTEST}:4", "count": "20"})  # NOTA is serial 4
    assert station.counts()["mock_votes"] == 50
    html = po.get("/presiding/").content.decode()
    assert "২০টি পরীক্ষামূলক ভোট নেওয়া হয়েছে।" in html  # the message, once
    html = po.get("/presiding/").content.decode()
    assert "পরীক্ষামূলক ভোট নেওয়া হয়েছে" not in html
    table = html.split("মক পোলের ফলাফল")[1]
    assert "মীনা কুমারী" in table and "৩০" in table and "২০" in table and "৫০" in table

    # The poll cannot open while mock data remains: the day's refusal, shown above the form.
    expected = day_message(station, "bn", "open_poll", "presiding")
    before = station.counts()
    response = po.post("/presiding/open/")
    assert response.status_code == 422
    assert expected in nonfield_errors(response.content.decode())
    assert station.phase() == "mock" and station.counts() == before

    response = po.post("/presiding/seal/", {"seals": "S-101, S-102\nS-103"})
    assert response.status_code == 302
    assert station.counts()["mock_votes"] == 0 and station.phase() == "sealed"
    assert po.post("/presiding/open/").status_code == 302
    assert station.phase() == "open"
    assert "ভোটগ্রহণ চলছে" in po.get("/presiding/").content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"choice": CHOICE, "count": "0"}, "count"),
        ({"choice": CHOICE, "count": "abc"}, "count"),
        ({"choice": CHOICE, "count": "101"}, "count"),
        ({"choice": "AC-217:9", "count": "1"}, "choice"),
        ({"choice": "", "count": "1"}, "choice"),
    ],
)
def test_mock_vote_bad_input(
    station: Station, po: Client, data: dict[str, str], field: str
) -> None:
    response = po.post("/presiding/mock/", data)
    assert response.status_code == 422
    assert errors_of(response.content.decode(), field)
    assert station.counts()["mock_votes"] == 0


def test_clear_and_seal_needs_seals_and_fifty_votes(station: Station, po: Client) -> None:
    response = po.post("/presiding/seal/", {"seals": " , \n"})
    assert response.status_code == 422
    assert "অন্তত একটি সিলের নম্বর লিখুন।" in errors_of(response.content.decode(), "seals")
    po.post("/presiding/mock/", {"choice": CHOICE, "count": "10"})
    with translation.override("bn"):
        try:
            station.call("clear_and_seal", "presiding", ["S-1"])
        except StationError as exc:
            expected, field = str(escape(exc.message)), exc.details.get("field")
        else:  # pragma: no cover - the day must refuse fewer than 50 test votes
            pytest.fail("clear_and_seal accepted 10 mock votes")
    response = po.post("/presiding/seal/", {"seals": "S-1"})
    assert response.status_code == 422
    html = response.content.decode()
    shown = errors_of(html, field) if field == "seals" else nonfield_errors(html)
    assert expected in shown
    assert station.counts()["mock_votes"] == 10 and station.phase() == "mock"


@pytest.mark.parametrize("language", ["bn", "hi", "en"])
def test_close_with_queue_prints_tokens_then_end(station: Station, language: str) -> None:
    station.to_open()
    client = signed_in(station, "presiding", language=language)
    response = client.post("/presiding/close/", {"queue": "-1"})
    assert response.status_code == 422
    assert errors_of(response.content.decode(), "queue")
    assert station.phase() == "open"
    response = client.post("/presiding/close/", {"queue": "3"})
    assert response.status_code == 302 and response["Location"] == "/presiding/tokens/"
    html = client.get("/presiding/tokens/").content.decode()
    digits = {"bn": "১২৩", "hi": "१२३", "en": "123"}[language]
    numbers = re.findall(r'class="token-number">([^<]+)<', html)
    assert "".join(numbers) == digits
    assert station.phase() == "closing"
    assert client.post("/presiding/end/").status_code == 302
    assert station.phase() == "closed"


def test_end_refused_while_a_voter_has_not_voted(station: Station, po: Client) -> None:
    station.to_open()
    station.voter_at_po3("ABC1000001")
    po.post("/presiding/close/", {"queue": "0"})
    expected = day_message(station, "bn", "end_poll", "presiding")
    response = po.post("/presiding/end/")
    assert response.status_code == 422
    assert expected in nonfield_errors(response.content.decode())
    assert station.phase() == "closing"


def test_records_good_and_bad(station: Station, po: Client) -> None:
    station.to_open()
    entry = station.voter_at_po3("ABC1000001")
    assert po.get("/presiding/records/").status_code == 200

    response = po.post("/presiding/records/left/", {"left-serial_17a": "99", "left-note": "x"})
    assert response.status_code == 422
    assert errors_of(response.content.decode(), "left-serial_17a")
    response = po.post(
        "/presiding/records/left/",
        {"left-serial_17a": str(entry["serial_17a"]), "left-note": "ill"},
    )
    assert response.status_code == 302
    assert station.counts()["left"] == 1

    data = {
        "tendered-key": "ABC1000002",
        "tendered-name": "Karim Sarkar",
        "tendered-document": "aadhaar",
        "tendered-document_number": "1234 5678 9012",
    }
    response = po.post("/presiding/records/tendered/", {**data, "tendered-document": "bogus"})
    assert response.status_code == 422 and errors_of(response.content.decode(), "tendered-document")
    expected = day_message(
        station,
        "bn",
        "tendered_vote",
        "presiding",
        "ABC1000002",
        "Karim Sarkar",
        "aadhaar",
        "1234 5678 9012",
    )
    response = po.post("/presiding/records/tendered/", data)  # nobody has voted in this name
    assert response.status_code == 422
    assert expected in errors_of(response.content.decode(), "tendered-key")
    assert station.counts()["tendered"] == 0

    response = po.post(
        "/presiding/records/challenge/",
        {"challenge-key": "ABC1000003", "challenge-challenger": "", "challenge-outcome": "upheld"},
    )
    assert response.status_code == 422
    assert errors_of(response.content.decode(), "challenge-challenger")
    response = po.post(
        "/presiding/records/challenge/",
        {
            "challenge-key": "ABC1000003",
            "challenge-challenger": "Agent of AL",
            "challenge-outcome": "rejected",
        },
    )
    assert response.status_code == 302
    assert "চ্যালেঞ্জ নথিভুক্ত" in po.get("/presiding/records/").content.decode()

    entry2 = station.voter_at_po3("ABC1000004")
    response = po.post(
        "/presiding/records/companion/",
        {"companion-serial_17a": str(entry2["serial_17a"]), "companion-companion_name": "Nasir"},
    )
    assert response.status_code == 422
    assert "সঙ্গীর ঘোষণাপত্র প্রয়োজন।" in errors_of(response.content.decode(), "companion-declaration")
    response = po.post(
        "/presiding/records/companion/",
        {
            "companion-serial_17a": str(entry2["serial_17a"]),
            "companion-companion_name": "Nasir",
            "companion-declaration": "on",
        },
    )
    assert response.status_code == 302

    response = po.post("/presiding/records/proxy/", {"proxy-key": "NOPE", "proxy-proxy_name": "A"})
    assert response.status_code == 422
    assert errors_of(response.content.decode(), "proxy-key")
    response = po.post(
        "/presiding/records/proxy/", {"proxy-key": "ABC1000008", "proxy-proxy_name": "Raj"}
    )
    assert response.status_code == 302
    assert po.post("/presiding/records/unknown/", {}).status_code == 404


def test_tendered_vote_after_someone_voted_in_the_name(station: Station, po: Client) -> None:
    station.to_open()
    entry = station.voter_at_po3("ABC1000005")
    ballot = station.enable(entry["slip"])
    station.call("cast", ballot, CONTEST, 1)
    data = {
        "tendered-key": "ABC1000005",
        "tendered-name": "Rahul Verma",
        "tendered-document": "passport",
        "tendered-document_number": "Z1234567",
    }
    response = po.post("/presiding/records/tendered/", data)
    assert response.status_code == 302
    assert station.counts()["tendered"] == 1
    assert "টেন্ডার ব্যালট নম্বর" in po.get("/presiding/records/").content.decode()


def test_turnout_17c_pdf_package_and_log(station: Station, po: Client) -> None:
    # Before the poll the turnout report is refused: the message is shown, nothing is stored.
    po.post("/presiding/turnout/")
    assert station.call("turnout_reports") == []
    station.to_open()
    entry = station.voter_at_po3("ABC1000006")
    station.call("cast", station.enable(entry["slip"]), CONTEST, 3)
    assert po.post("/presiding/turnout/").status_code == 302
    html = po.get("/presiding/turnout/").content.decode()
    assert "ভোটদানের প্রতিবেদন নথিভুক্ত: ১ জন ভোটার।" in html
    assert re.search(r"<td>[০-৯]{2}-[০-৯]{2}-[০-৯]{4} [০-৯]{2}:[০-৯]{2}</td>", html)  # its time
    assert len(station.call("turnout_reports")) == 1

    po.post("/presiding/close/", {"queue": "0"})
    po.post("/presiding/end/")
    html = po.get("/presiding/17c/").content.decode()
    assert "ফরম ১৭গ, প্রথম অংশ" in html and "S-1001" in html
    for language in ("bn", "hi", "en"):
        response = po.get(f"/presiding/17c.pdf?lang={language}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    html = po.get("/presiding/package/").content.decode()
    assert "?download=1" not in html
    assert po.post("/presiding/package/").status_code == 302
    assert (station.data_dir / "station-result.zip").is_file()
    response = po.get("/presiding/package/?download=1")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == (station.data_dir / "station-result.zip").read_bytes()
    assert body[:2] == b"PK"

    html = po.get("/presiding/log/").content.decode()
    assert 'class="message success verify-ok"' in html
    assert "vote_recorded" in html and "poll_opened" in html
    assert "verify-bad" not in html


def test_log_shows_a_broken_chain(station: Station, po: Client) -> None:
    import sqlite3

    station.to_open()
    conn = sqlite3.connect(station.data_dir / "station.sqlite3")
    try:
        seq, body = conn.execute(
            "SELECT seq, body FROM events ORDER BY seq LIMIT 1 OFFSET 2"
        ).fetchone()
        triggers = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        ]
        for name in triggers:  # an attacker with the file drops the guards first
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(
            "UPDATE events SET body = ? WHERE seq = ?", (body.replace("presiding", "xx"), seq)
        )
        conn.commit()
    finally:
        conn.close()
    html = po.get("/presiding/log/").content.decode()
    assert "verify-bad" in html and "verify-ok" not in html


def test_log_pages(station: Station, po: Client) -> None:
    station.to_open()
    assert po.get("/presiding/log/?page=x").status_code == 200
    html = po.get("/presiding/log/?page=999").content.decode()
    assert "কোনো ঘটনা নেই।" in html
