"""In a real browser (Debian's chromium through Playwright) against a live station server started
as `nirvachan station serve` starts it (a fresh process with the station's settings): officers 1–3
sign in and run check-in → Form 17A → enable; the voter presses on the kiosk, hears the beep and
sees the paper slip for 7 seconds (page clock), which then drops; axe finds no serious or critical
accessibility violation on the kiosk."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.station.web.conftest import Station

pytestmark = pytest.mark.browser


def serious(results: Any) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_check_in_to_kiosk_with_slip_and_axe(
    browser: Any, live_station: tuple[Station, str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    station, url = live_station
    station.to_open()

    # The ballot unit first: waiting, polling for an enabled ballot; its clock is ours.
    kiosk_ctx = browser.new_context(base_url=url, viewport={"width": 800, "height": 1000})
    kiosk_ctx.set_default_timeout(15_000)
    unit = kiosk_ctx.new_page()
    unit.clock.install()
    unit.goto("/kiosk/")
    assert unit.locator("html").get_attribute("lang") == "bn"
    unit.locator('#unit[data-mode="waiting"]').wait_for()

    # Officers on their own browser, in English.
    officers = browser.new_context(base_url=url, locale="en-US")
    officers.set_default_timeout(15_000)
    page = officers.new_page()
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto("/po1/")
    assert "/signin/po1/" in page.url
    page.get_by_label("PIN").fill(station.pins["po2"])  # another role's PIN is refused
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("This PIN is not the PIN of this role.").is_visible()
    page.get_by_label("PIN").fill(station.pins["po1"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/po1/")
    page.get_by_label("EPIC, part/serial or name").fill("Priya Das")
    page.get_by_role("button", name="Find").click()
    card = page.locator("article.elector", has_text="ABC1000003")
    card.get_by_label("Identity document").select_option("aadhaar")
    card.get_by_label("Document number").fill("1234 5678 4321")
    card.get_by_role("button", name="Identity checked: check in").click()
    page.get_by_text("send the voter to polling officer 2").wait_for()

    page.goto("/po2/")
    page.get_by_label("PIN").fill(station.pins["po2"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/po2/")
    entry = page.locator("article", has_text="Priya Das")
    entry.get_by_label("Indelible ink applied").check()
    entry.get_by_label("Thumb impression").check()
    entry.get_by_role("button", name="Write Form 17A and give the slip").click()
    slip = page.get_by_test_id("slip").inner_text()
    assert page.get_by_test_id("serial-17a").inner_text() == "1" and slip == "1"

    page.goto("/po3/")
    page.get_by_label("PIN").fill(station.pins["po3"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/po3/")
    page.get_by_label("Slip number").fill(slip)
    page.get_by_label("Ink mark checked").check()
    page.get_by_role("button", name="Enable the ballot unit for one vote").click()
    page.get_by_text("A voter is at the ballot unit.").wait_for()

    # The unit notices the enabled ballot at its next poll.
    unit.clock.run_for(1500)
    unit.locator('#unit[data-mode="ballot"]').wait_for()
    buttons = unit.locator("button.choice")
    assert buttons.count() == 4
    assert buttons.nth(3).get_attribute("aria-label") == "৪: উপরের কাউকে নয় (নোটা)"
    assert unit.evaluate("document.activeElement.dataset.serial") == "1"  # focus on the first
    unit.keyboard.press("Tab")
    assert unit.evaluate("document.activeElement.dataset.serial") == "2"
    unit.keyboard.press("Enter")  # the voter presses candidate 2
    slip_box = unit.get_by_test_id("paper-slip")
    slip_box.wait_for()
    assert "মীনা কুমারী" in slip_box.inner_text() and "ধানের শীষ" in slip_box.inner_text()
    assert unit.evaluate("document.body.dataset.beeps") == "1"
    assert station.counts()["votes"] == 1

    unit.clock.run_for(6500)
    assert slip_box.is_visible()  # still shown at 6.5 s
    unit.keyboard.press("1")  # a second press during the slip does nothing
    unit.clock.run_for(600)  # 7.1 s: it has dropped into the box
    unit.locator('#unit[data-mode="waiting"]').wait_for()
    assert unit.get_by_test_id("paper-slip").count() == 0
    counts = station.counts()
    assert counts["votes"] == 1 and counts["paper"] == 1

    # axe on the kiosk, in its waiting, ballot and slip states (a page on real time).
    axe = Axe()
    check = kiosk_ctx.new_page()
    check.goto("/kiosk/")
    assert serious(axe.run(check)) == []
    entry = station.voter_at_po3("ABC1000005")
    station.enable(entry["slip"])
    check.goto("/kiosk/")
    check.locator('#unit[data-mode="ballot"]').wait_for()
    assert serious(axe.run(check)) == []
    time.sleep(7.2)  # the earlier slip's 7 s have passed on the server's real clock as well
    check.keyboard.press("3")
    check.get_by_test_id("paper-slip").wait_for()
    assert serious(axe.run(check)) == []
    kiosk_ctx.close()
    officers.close()
    assert station.call("pending_ballot") is None
    assert station.counts()["votes"] == 2
