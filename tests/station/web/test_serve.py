"""`nirvachan station serve`: a fresh process with the station's settings on a threaded server;
stopping the command stops the server. Against that live server, many requests at once: one
enable per voter, one vote per press."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from nirvachan.station.web import serve
from tests.station.web.conftest import CONTEST, Station, free_port, make_station, wait_until_serving


def test_main_refuses_a_directory_without_a_station(tmp_path: Path) -> None:
    assert serve.main(tmp_path, "127.0.0.1", free_port()) == 2


def test_station_serve_command_serves_and_stops(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    make_station(data_dir, "hi")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIRVACHAN_TEST")}
    env.update({"NIRVACHAN_DATA_DIR": str(tmp_path / "central"), "NIRVACHAN_ENV": "development"})
    env["DJANGO_SETTINGS_MODULE"] = "nirvachan.settings"  # as the `nirvachan` command has it
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        command = [sys.executable, "-m", "nirvachan", "station", "serve"]
        process = subprocess.Popen(
            [*command, "--data-dir", str(data_dir), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_serving(url, process, log)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            body = connection.getresponse().read().decode()
            assert '<html lang="hi">' in body and "परीक्षण चुनाव" in body
            connection.request("GET", "/static/station_web/station.css")
            assert connection.getresponse().status == 200
            connection.close()
            process.send_signal(signal.SIGTERM)  # stopping the command stops the server
            process.wait(timeout=15)  # the command ends (TimeoutExpired otherwise)
        finally:
            if process.poll() is None:
                process.kill()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
        except OSError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the station server outlived `nirvachan station serve`")
    assert "Polling station served at" in log.read_text()


class Browser:
    """A minimal cookie-keeping HTTP client (one per officer or kiosk)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "", parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("nirvachan_station_csrftoken", "")
            headers["Referer"] = f"http://{self.host}:{self.port}/"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        text = response.read().decode()
        connection.close()
        return response.status, text

    def sign_in(self, role: str, pin: str) -> None:
        self.request("GET", f"/signin/{role}/")
        status, _ = self.request("POST", f"/signin/{role}/", {"pin": pin})
        assert status == 302


def _together(count: int, call: object) -> list[int]:
    barrier = threading.Barrier(count)
    results: list[int] = []
    lock = threading.Lock()

    def run() -> None:
        barrier.wait()
        status = call()  # type: ignore[operator]
        with lock:
            results.append(status)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_simultaneous_enables_and_presses(live_station: tuple[Station, str]) -> None:
    station, url = live_station
    station.to_open()
    entry = station.voter_at_po3("ABC1000004")
    po3 = Browser(url)
    po3.sign_in("po3", station.pins["po3"])
    data = {"slip": str(entry["slip"]), "ink": "on"}
    statuses = _together(20, lambda: po3.request("POST", "/po3/enable/", data)[0])
    assert sorted(statuses) == [302] + [422] * 19
    pending = station.call("pending_ballot")
    assert pending is not None

    unit = Browser(url)
    status, html = unit.request("GET", "/kiosk/")
    assert status == 200 and re.search(r'name="ballot" value="(\d+)"', html)
    press = {"ballot": str(pending["ballot"]), "contest": CONTEST, "choice": "1"}
    statuses = _together(20, lambda: unit.request("POST", "/kiosk/cast/", press)[0])
    assert sorted(statuses) == [200] + [409] * 19
    counts = station.counts()
    assert counts["votes"] == 1 and counts["paper"] == 1
