"""The officers' pages in a real browser: no serious or critical axe violation, and no sideways
scrolling on a phone (375 px)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.station.web.conftest import Station
from tests.station.web.test_browser import serious

pytestmark = pytest.mark.browser

PAGES = [
    ("presiding", "/presiding/"),
    ("presiding", "/presiding/records/"),
    ("presiding", "/presiding/turnout/"),
    ("presiding", "/presiding/log/"),
    ("po1", "/po1/?query=Das"),
    ("po2", "/po2/"),
    ("po3", "/po3/"),
]


def test_officer_pages_accessible_and_fit_a_phone(
    browser: Any, live_station: tuple[Station, str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    station, url = live_station
    station.to_open()
    station.call("check_in", "po1", "ABC1000003", "epic", "ABC1000003")
    station.voter_at_po3("ABC1000005")
    context = browser.new_context(base_url=url, viewport={"width": 375, "height": 740})
    context.set_default_timeout(15_000)
    page = context.new_page()
    axe = Axe()
    try:
        for role in ("presiding", "po1", "po2", "po3"):
            page.goto(f"/signin/{role}/")
            assert serious(axe.run(page)) == [], role
            page.locator("#id_pin").fill(station.pins[role])
            page.locator("form.stacked button[type=submit]").click()
            page.wait_for_load_state()
        for _role, path in PAGES:
            page.goto(path)
            assert page.locator("h1").count() == 1, path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} scrolls sideways on a phone ({width}px)"
            assert serious(axe.run(page)) == [], path
        # A refused form, with its errors on the fields, is accessible too.
        page.goto("/po3/")
        page.locator("#id_slip").fill("99")
        page.locator("form.stacked button[type=submit]").click()
        page.locator(".errorlist").first.wait_for()
        assert serious(axe.run(page)) == []
    finally:
        context.close()
