"""Polling officers 1–3: find the elector and record the identity document; ink, Form 17A and the
slip; slip, ink and enabling the ballot unit. Every refusal is shown on its field, in the user's
language, and changes nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from nirvachan.station.day import StationError
from tests.station.web.conftest import Station, signed_in
from tests.station.web.test_presiding import errors_of, nonfield_errors

SCRIPT = {"bn": "[\u0980-\u09ff]", "hi": "[\u0900-\u097f]", "en": "^[ -~]+$"}
CHECKIN = {"key": "ABC1000003", "document": "aadhaar", "document_number": "1234 5678 4321"}


def refusal(station: Station, language: str, method: str, *args: object) -> StationError:
    with translation.override(language), pytest.raises(StationError) as caught:
        station.call(method, *args)
    return caught.value


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ABC1000003", ["Priya Das"]),  # EPIC
        ("abc1000003", ["Priya Das"]),  # EPIC in small letters
        ("3/3", ["Priya Das"]),  # part/serial
        ("Priya Das", ["Priya Das"]),  # name
        ("প্রিয়া দাস", ["Priya Das"]),  # the same name in Bengali script (name_key)
        ("Nobody Here", []),
    ],
)
def test_find_elector(station: Station, query: str, found: list[str]) -> None:
    client = signed_in(station, "po1")
    response = client.get("/po1/", {"query": query})
    assert response.status_code == 200
    html = response.content.decode()
    for name in found:
        assert name in html
    if not found:
        assert "কোনো ভোটার মেলেনি" in html


def test_document_choices_are_the_elections(station: Station) -> None:
    client = signed_in(station, "po1")
    html = client.get("/po1/", {"query": "ABC1000003"}).content.decode()
    for code in ("epic", "aadhaar", "passport", "pan", "driving_licence"):
        assert f'value="{code}"' in html
    assert 'value="mgnrega"' not in html  # not allowed in this election


def test_check_in_good(station: Station) -> None:
    station.to_open()
    client = signed_in(station, "po1")
    response = client.post("/po1/checkin/", {**CHECKIN, "query": "Priya"})
    assert response.status_code == 302 and response["Location"] == "/po1/?query=Priya"
    html = client.get(response["Location"]).content.decode()
    assert "পোলিং অফিসার ২-এর কাছে পাঠান" in html
    assert "পরিচয় যাচাই হয়েছে" in html  # the elector's state now
    assert station.counts()["checked_in"] == 1


@pytest.mark.parametrize("language", ["bn", "hi", "en"])
def test_check_in_refusals_on_their_fields(station: Station, language: str) -> None:
    client = signed_in(station, "po1", language=language)
    # Before the poll opens: the day refuses; the message in the user's language.
    expected = refusal(station, language, "check_in", "po1", *CHECKIN.values(), None)
    response = client.post("/po1/checkin/", {**CHECKIN, "query": "3/3"})
    assert response.status_code == 422
    html = response.content.decode()
    field = expected.details.get("field")
    shown = errors_of(html, field) if field else nonfield_errors(html)
    assert escape(expected.message) in shown
    assert re.search(SCRIPT[language], expected.message)  # really in that language
    station.to_open()
    # A document not allowed here: the form's own choice error on "document".
    response = client.post("/po1/checkin/", {**CHECKIN, "document": "mgnrega"})
    assert response.status_code == 422 and errors_of(response.content.decode(), "document")
    # Empty document number.
    response = client.post("/po1/checkin/", {**CHECKIN, "document_number": ""})
    assert response.status_code == 422 and errors_of(response.content.decode(), "document_number")
    # Unknown elector: the day's refusal on the key.
    expected = refusal(station, language, "check_in", "po1", "XYZ9999999", "epic", "XYZ9999999")
    response = client.post(
        "/po1/checkin/", {"key": "XYZ9999999", "document": "epic", "document_number": "XYZ9999999"}
    )
    assert response.status_code == 422
    assert escape(expected.message) in response.content.decode()
    assert station.counts()["checked_in"] == 0
    # A second check-in of the same elector.
    assert client.post("/po1/checkin/", {**CHECKIN, "query": "3/3"}).status_code == 302
    expected = refusal(station, language, "check_in", "po1", *CHECKIN.values(), None)
    response = client.post("/po1/checkin/", {**CHECKIN, "query": "3/3"})
    assert response.status_code == 422
    assert escape(expected.message) in response.content.decode()
    assert station.counts()["checked_in"] == 1


def test_check_in_during_closing_needs_a_token(station: Station) -> None:
    station.to_open()
    station.call("close_poll", "presiding", 1)
    client = signed_in(station, "po1")
    html = client.get("/po1/", {"query": "ABC1000001"}).content.decode()
    assert 'name="token"' in html
    response = client.post(
        "/po1/checkin/", {"key": "ABC1000001", "document": "epic", "document_number": "ABC1000001"}
    )
    assert response.status_code == 422
    assert errors_of(response.content.decode(), "token")
    response = client.post(
        "/po1/checkin/",
        {"key": "ABC1000001", "document": "epic", "document_number": "ABC1000001", "token": "1"},
    )
    assert response.status_code == 302
    response = client.post(
        "/po1/checkin/",
        {"key": "ABC1000002", "document": "epic", "document_number": "ABC1000002", "token": "1"},
    )
    assert response.status_code == 422 and errors_of(response.content.decode(), "token")
    assert station.counts()["checked_in"] == 1


def test_officer_2_pending_ink_and_17a(station: Station) -> None:
    station.to_open()
    checkin = station.call("check_in", "po1", *CHECKIN.values())
    client = signed_in(station, "po2")
    html = client.get("/po2/").content.decode()
    assert "Priya Das" in html and "4321" in html  # the document's last four
    assert "Priya Das" in client.get("/po2/pending/").content.decode()

    response = client.post("/po2/register/", {"checkin_id": checkin, "mark": "thumb"})
    assert response.status_code == 422
    assert "কালি দেওয়া হয়েছে তা নিশ্চিত করুন।" in errors_of(response.content.decode(), "ink")
    response = client.post("/po2/register/", {"checkin_id": checkin, "ink": "on"})
    assert response.status_code == 422 and errors_of(response.content.decode(), "mark")
    response = client.post("/po2/register/", {"checkin_id": "987", "ink": "on", "mark": "thumb"})
    assert response.status_code == 422
    assert station.counts()["voters_17a"] == 0

    response = client.post("/po2/register/", {"checkin_id": checkin, "ink": "on", "mark": "thumb"})
    assert response.status_code == 302
    html = client.get("/po2/").content.decode()
    assert 'data-testid="serial-17a">১<' in html and 'data-testid="slip">১<' in html
    assert "Priya Das" not in html.split("ফরম ১৭ক-এর অপেক্ষায়")[1]  # no longer pending
    assert station.counts()["voters_17a"] == 1
    # Registering the same check-in twice is refused.
    response = client.post("/po2/register/", {"checkin_id": checkin, "ink": "on", "mark": "thumb"})
    assert response.status_code == 422
    assert station.counts()["voters_17a"] == 1


def test_officer_3_enables_exactly_once(station: Station) -> None:
    station.to_open()
    entry = station.voter_at_po3("ABC1000003")
    client = signed_in(station, "po3", language="hi")
    assert "बैलट यूनिट खाली है।" in client.get("/po3/").content.decode()
    response = client.post("/po3/enable/", {"slip": str(entry["slip"])})
    assert response.status_code == 422
    assert "स्याही का निशान जाँचें" in errors_of(response.content.decode(), "ink")
    expected = refusal(station, "hi", "enable_ballot", "po3", 77, True)
    response = client.post("/po3/enable/", {"slip": "77", "ink": "on"})
    assert response.status_code == 422
    assert escape(expected.message) in errors_of(response.content.decode(), "slip")
    response = client.post("/po3/enable/", {"slip": "x", "ink": "on"})
    assert response.status_code == 422 and errors_of(response.content.decode(), "slip")
    assert station.call("pending_ballot") is None

    response = client.post("/po3/enable/", {"slip": str(entry["slip"]), "ink": "on"})
    assert response.status_code == 302
    html = client.get("/po3/").content.decode()
    assert "एक मतदाता बैलट यूनिट पर है।" in html
    pending = station.call("pending_ballot")
    assert pending is not None
    response = client.post("/po3/enable/", {"slip": str(entry["slip"]), "ink": "on"})
    assert response.status_code == 422
    assert station.call("pending_ballot") == pending


def test_whole_check_in_through_the_pages(station: Station) -> None:
    """Officer 1 → 2 → 3 on their own browsers, the elector's state following."""
    station.to_open()
    po1, po2, po3 = (signed_in(station, role) for role in ("po1", "po2", "po3"))
    assert po1.post("/po1/checkin/", CHECKIN).status_code == 302
    checkin = station.call("pending_checkins")[0]["checkin_id"]
    assert (
        po2.post(
            "/po2/register/", {"checkin_id": checkin, "ink": "on", "mark": "signature"}
        ).status_code
        == 302
    )
    slip = station.call("pending_slips")[0]["slip"]
    assert po3.post("/po3/enable/", {"slip": slip, "ink": "on"}).status_code == 302
    html = po1.get("/po1/", {"query": "ABC1000003"}).content.decode()
    assert "ব্যালট ইউনিটে" in html  # state "enabled"
    assert Client().get("/kiosk/").status_code == 200
