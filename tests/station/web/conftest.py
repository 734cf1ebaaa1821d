"""A real station for the page tests: a station package built with nirvachan.station.package and
a throwaway returning-officer key, loaded by the core's init_station into a temporary data dir;
the station device's settings applied on top of the central test settings."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from nirvachan.core.i18n import compile_catalogs
from nirvachan.locale.name_key import name_key
from nirvachan.station import package
from nirvachan.station.day import StationDay, init_station
from nirvachan.station.web import access, kiosk, middleware, serve
from nirvachan.station.web.conf import WEB_DIR, station_settings

AL = ("AL", "Awami League", "আওয়ামী লীগ", "अवामी लीग")
NP = ("NP", "Nationalist Party", "জাতীয়তাবাদী দল", "राष्ट्रवादी दल")
CANDIDATES = [
    # en, bn, hi, party (abbr, en, bn, hi) or None, symbol (code, en, bn, hi)
    ("Shafiqul Islam", "শফিকুল ইসলাম", "शफ़ीक़ुल इस्लाम", AL, ("boat", "Boat", "নৌকা", "नाव")),
    ("Meena Kumari", "মীনা কুমারী", "मीना कुमारी", NP, ("sheaf", "Sheaf", "ধানের শীষ", "धान की बाली")),
    ("Anita Roy", "অনিতা রায়", "अनीता राय", None, ("lamp", "Lamp", "প্রদীপ", "दीपक")),
]
ROLL = [
    ("ABC1000001", "Rahima Begum", "Abdul Karim"),
    ("ABC1000002", "Karim Sarkar", "Nasir Sarkar"),
    ("ABC1000003", "Priya Das", "Amit Das"),
    ("ABC1000004", "Sultana Khatun", "Jahangir Alam"),
    ("ABC1000005", "Rahul Verma", "Lata Verma"),
    ("ABC1000006", "Fatema Mondal", "Abdul Mondal"),
    ("ABC1000007", "Amit Sharma", "Raj Sharma"),
    ("ABC1000008", "Lata Roy", "Ashok Roy"),
]
CONTEST = "AC-217"


def build_package(language: str = "bn") -> tuple[bytes, str]:
    ro = package.new_key_pair()
    station_key = package.new_key_pair()
    station = {
        "id": 4242,
        "constituency": CONTEST,
        "number": 17,
        "name": "Kotalipara Model School",
        "address": "Kotalipara",
        "language": language,
    }
    roll = [
        {
            "key": key,
            "key_kind": "epic",
            "name": name,
            "name_key": name_key(name),
            "relative_name": relative,
            "relation": "father",
            "gender": "female" if serial % 2 else "male",
            "age": 20 + serial,
            "part": 3,
            "serial": serial,
            "status": "active",
            "service_voter": serial == 8,
        }
        for serial, (key, name, relative) in enumerate(ROLL, start=1)
    ]
    ballots = [
        {
            "contest": CONTEST,
            "name_en": "Kotalipara assembly",
            "name_bn": "কোটালীপাড়া বিধানসভা",
            "name_hi": "कोटालीपाड़ा विधानसभा",
            "seats": 1,
            "candidates": [
                {
                    "serial": serial,
                    "nomination": 500 + serial,
                    "name_en": en,
                    "name_bn": bn,
                    "name_hi": hi,
                    "party": None
                    if party is None
                    else {
                        "abbreviation": party[0],
                        "name_en": party[1],
                        "name_bn": party[2],
                        "name_hi": party[3],
                    },
                    "symbol": {
                        "code": sym[0],
                        "name_en": sym[1],
                        "name_bn": sym[2],
                        "name_hi": sym[3],
                    },
                }
                for serial, (en, bn, hi, party, sym) in enumerate(CANDIDATES, start=1)
            ],
            "nota": True,
        }
    ]
    station_json = {
        "election": {
            "code": "test-ae",
            "name_bn": "পরীক্ষামূলক নির্বাচন",
            "name_hi": "परीक्षण चुनाव",
            "name_en": "Test election",
            "country": "IN",
            "poll_date": datetime.now(UTC).date().isoformat(),
            "hours": {"open": "07:00", "close": "18:00"},
            "id_documents": ["epic", "aadhaar", "passport", "pan", "driving_licence"],
        },
        "station": station,
        "station_key": {"public": station_key.public_hex, "private": station_key.private_hex},
        "ro_key": {"public": ro.public_hex, "fingerprint": package.fingerprint(ro.public_hex)},
        "commissioned_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    header = {
        "election": "test-ae",
        "station": {k: station[k] for k in ("id", "constituency", "number", "name")},
    }
    members = {
        "station.json": package.canonical_json(station_json),
        "roll.json": package.canonical_json(roll),
        "ballots.json": package.canonical_json(ballots),
    }
    return package.build(package.KIND_STATION, header, members, ro.private_hex), ro.public_hex


def make_station(data_dir: Path, language: str = "bn") -> dict[str, str]:
    data, key = build_package(language)
    return init_station(data, data_dir, frozenset({key}))


@dataclass
class Station:
    data_dir: Path
    pins: dict[str, str]

    def day(self) -> StationDay:
        return StationDay.open(self.data_dir)

    def call(self, method: str, *args: Any) -> Any:
        day = self.day()
        try:
            return getattr(day, method)(*args)
        finally:
            day.close()

    def counts(self) -> dict[str, int]:
        return dict(self.call("info")["counts"])

    def phase(self) -> str:
        return str(self.call("info")["phase"])

    def to_open(self) -> None:
        """Mock poll of 50 votes, clear and seal, open: straight through the day's API."""
        day = self.day()
        try:
            for i in range(50):
                day.mock_vote(CONTEST, i % (len(CANDIDATES) + 1) + 1)
            day.clear_and_seal("presiding", ["S-1001", "S-1002"])
            day.open_poll("presiding")
        finally:
            day.close()

    def voter_at_po3(self, key: str) -> dict[str, Any]:
        """Check in and register (Form 17A) one elector; returns the 17A entry."""
        day = self.day()
        try:
            checkin = day.check_in("po1", key, "epic", key)
            return dict(day.register("po2", checkin, True, "signature"))
        finally:
            day.close()

    def enable(self, slip: int) -> int:
        return int(self.call("enable_ballot", "po3", slip, True))


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    compile_catalogs(WEB_DIR / "locale")
    station_locale = WEB_DIR.parent / "locale"
    if station_locale.is_dir():
        compile_catalogs(station_locale)


@pytest.fixture(autouse=True)
def _fresh_process_state() -> Iterator[None]:
    access.reset_failures()
    kiosk.reset()
    middleware.forget_languages()
    yield
    access.reset_failures()
    kiosk.reset()
    middleware.forget_languages()


def _station(tmp_path: Path, language: str) -> Iterator[Station]:
    data_dir = tmp_path / f"station-{language}"
    pins = make_station(data_dir, language)
    with override_settings(**station_settings(data_dir)):
        yield Station(data_dir, pins)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    """A Bengali-language station (the station's language is the pages' default)."""
    yield from _station(tmp_path, "bn")


@pytest.fixture
def station_factory(tmp_path: Path) -> Iterator[Callable[[str], Station]]:
    stack: list[Any] = []

    def make(language: str) -> Station:
        data_dir = tmp_path / f"station-{language}-{len(stack)}"
        pins = make_station(data_dir, language)
        ctx = override_settings(**station_settings(data_dir))
        ctx.enable()
        stack.append(ctx)
        return Station(data_dir, pins)

    yield make
    for ctx in reversed(stack):
        ctx.disable()


def signed_in(station: Station, *roles: str, language: str | None = None) -> Client:
    client = Client()
    if language:
        client.cookies["nirvachan_station_language"] = language
    for role in roles:
        response = client.post(f"/signin/{role}/", {"pin": station.pins[role]})
        assert response.status_code == 302, response.content[:500]
    return client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/kiosk/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"station server did not start: {log.read_text()}")
            time.sleep(0.2)


@pytest.fixture
def live_station(tmp_path: Path) -> Iterator[tuple[Station, str]]:
    data_dir = tmp_path / "station"
    pins = make_station(data_dir, "bn")
    port = free_port()
    env = serve.environment(data_dir, "127.0.0.1")
    env.pop("NIRVACHAN_TEST_SQLITE", None)
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        serve.command(data_dir, "127.0.0.1", port), env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, tmp_path / "server.log")
        yield Station(data_dir, pins), url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
