"""In a real browser: the returning officer logs in, opens the turnout page, orders the stations
by turnout and reads it in Bengali."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.core.roles import Role
from tests.factories import PASSWORD, Geo, user
from tests.station.test_turnout_views import make_poll

pytestmark = pytest.mark.browser


def test_turnout_page_order_and_bengali(page: Any, tx_geo: Geo) -> None:
    make_poll(tx_geo)
    user("ro", Role.RETURNING_OFFICER, tx_geo.gopalganj)
    page.goto("/login/")
    page.get_by_label("User name").fill("ro")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")

    page.goto("/station/turnout/jsn-poll/")
    page.get_by_label("Order").select_option("-turnout")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**sort=-turnout**")
    first = page.locator("#turnout-stations tbody tr").first.locator("td")
    assert [first.nth(i).inner_text() for i in (1, 2, 3, 4, 5, 6)] == [
        "1. School 1", "13:00", "3", "4", "75.0%", "3",
    ]  # fmt: skip
    assert page.locator("#turnout-chart svg").is_visible()

    page.get_by_role("button", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "bn"
    totals = page.locator("#turnout-totals tbody tr").first.locator("td")
    assert [totals.nth(i).inner_text() for i in range(6)] == ["২", "২", "০", "১০", "৬", "৬০.০%"]
