"""Sign-in per role with the PINs of init_station, and the access rules of every officer page."""

from __future__ import annotations

import pytest
from django.test import Client

from nirvachan.station.web import access
from tests.station.web.conftest import Station, signed_in

ROLES = ("presiding", "po1", "po2", "po3")
PAGES = {"presiding": "/presiding/", "po1": "/po1/", "po2": "/po2/", "po3": "/po3/"}
WRONG_PIN = {
    "bn": "এই পিনটি এই ভূমিকার পিন নয়।",
    "hi": "यह पिन इस भूमिका का पिन नहीं है।",
    "en": "This PIN is not the PIN of this role.",
}


def test_home_in_the_station_language(station: Station) -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="bn">' in html  # the station's language, not the browser's
    assert "পরীক্ষামূলক নির্বাচন" in html  # the election's Bengali name


@pytest.mark.parametrize("language", ["hi", "en"])
def test_other_station_languages(station_factory, language: str) -> None:  # type: ignore[no-untyped-def]
    station_factory(language)
    html = Client().get("/").content.decode()
    assert f'<html lang="{language}">' in html
    assert {"hi": "परीक्षण चुनाव", "en": "Test election"}[language] in html


def test_language_switch_sets_the_cookie(station: Station) -> None:
    client = Client()
    response = client.post("/language/", {"language": "en", "next": "/po1/"})
    assert response.status_code == 302 and response["Location"] == "/po1/"
    assert client.cookies["nirvachan_station_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_right_pin_signs_in_and_opens_the_page(station: Station, role: str) -> None:
    client = Client()
    assert client.get(PAGES[role]).status_code == 302
    response = client.post(f"/signin/{role}/", {"pin": station.pins[role], "next": PAGES[role]})
    assert response.status_code == 302 and response["Location"] == PAGES[role]
    assert client.get(PAGES[role]).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_other_roles_pins_are_refused(station: Station, role: str) -> None:
    for other in ROLES:
        if other == role:
            continue
        client = Client()
        response = client.post(f"/signin/{role}/", {"pin": station.pins[other]})
        assert response.status_code == 422
        assert WRONG_PIN["bn"] in response.content.decode()
        assert client.get(PAGES[role]).status_code == 302  # still not signed in
        access.reset_failures()


@pytest.mark.parametrize("language", ["bn", "hi", "en"])
def test_wrong_pin_message_in_each_language(station: Station, language: str) -> None:
    client = Client()
    client.cookies["nirvachan_station_language"] = language
    response = client.post("/signin/po1/", {"pin": "000000x"})
    assert response.status_code == 422
    html = response.content.decode()
    assert WRONG_PIN[language] in html
    assert 'id="id_pin_errors"' in html  # on the PIN field


def test_empty_pin_is_a_field_error(station: Station) -> None:
    response = Client().post("/signin/po2/", {"pin": ""})
    assert response.status_code == 422
    assert 'id="id_pin_errors"' in response.content.decode()


def test_unknown_role_is_not_found(station: Station) -> None:
    assert Client().get("/signin/admin/").status_code == 404


def test_pin_throttle(station: Station) -> None:
    client = Client()
    for _ in range(access.MAX_FAILURES):
        assert client.post("/signin/po3/", {"pin": "1"}).status_code == 422
    # Even the right PIN is refused while the role is locked.
    response = client.post("/signin/po3/", {"pin": station.pins["po3"]})
    assert response.status_code == 422
    assert client.get("/po3/").status_code == 302
    access.clock = lambda: 1e12  # the lock has passed
    try:
        assert client.post("/signin/po3/", {"pin": station.pins["po3"]}).status_code == 302
    finally:
        import time

        access.clock = time.monotonic


def test_signin_next_must_be_local(station: Station) -> None:
    response = Client().post(
        "/signin/po1/", {"pin": station.pins["po1"], "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/po1/"


POSTS = {
    "presiding": ["/presiding/mock/", "/presiding/seal/", "/presiding/open/", "/presiding/close/",
                  "/presiding/end/", "/presiding/records/left/", "/presiding/records/tendered/",
                  "/presiding/records/challenge/", "/presiding/records/companion/",
                  "/presiding/records/proxy/", "/presiding/turnout/", "/presiding/package/"],
    "po1": ["/po1/checkin/"],
    "po2": ["/po2/register/"],
    "po3": ["/po3/enable/"],
}  # fmt: skip
GETS = {
    "presiding": ["/presiding/", "/presiding/records/", "/presiding/turnout/", "/presiding/17c/",
                  "/presiding/17c.pdf", "/presiding/package/", "/presiding/log/",
                  "/presiding/tokens/"],
    "po1": ["/po1/"],
    "po2": ["/po2/", "/po2/pending/"],
    "po3": ["/po3/"],
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_each_officer_page_refuses_the_other_roles(station: Station, role: str) -> None:
    station.to_open()
    before = station.counts()
    others = [r for r in ROLES if r != role]
    client = signed_in(station, *others)  # every other officer, on one browser
    for url in GETS[role]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"/signin/{role}/")
    for url in POSTS[role]:
        response = client.post(url, {"queue": "0", "seals": "X", "slip": "1", "ink": "on"})
        assert response.status_code == 403, url
    assert station.counts() == before
    assert station.phase() == "open"


def test_sign_out_forgets_every_role(station: Station) -> None:
    client = signed_in(station, "po1", "po2")
    assert client.get("/po1/").status_code == 200
    assert client.post("/signout/").status_code == 302
    assert client.get("/po1/").status_code == 302
    assert client.get("/po2/").status_code == 302


def test_a_form_without_its_csrf_token_records_nothing(station: Station) -> None:
    station.to_open()
    entry = station.voter_at_po3("ABC1000001")
    ballot = station.enable(entry["slip"])
    client = Client(enforce_csrf_checks=True)
    response = client.post("/kiosk/cast/", {"ballot": ballot, "contest": "AC-217", "choice": "1"})
    assert response.status_code == 403
    assert "পৃষ্ঠার মেয়াদ শেষ" in response.content.decode()
    assert station.counts()["votes"] == 0


def test_unknown_page_is_a_translated_404(station: Station) -> None:
    response = Client().get("/nowhere/")
    assert response.status_code == 404
    assert "পাওয়া যায়নি" in response.content.decode()
