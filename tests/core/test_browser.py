"""In a real browser (Debian's chromium through Playwright): log in, switch to Bengali and see
Bengali navigation, open the API docs, log out; and the phone-sized layout."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nirvachan.core.roles import Role
from tests.factories import PASSWORD, Geo, user

pytestmark = pytest.mark.browser


def test_login_bengali_api_docs_logout(page: Any, tx_geo: Geo) -> None:
    user("ro", Role.RETURNING_OFFICER, tx_geo.gopalganj, first_name="Rahima")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("User name").fill("ro")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard"

    page.get_by_role("button", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "bn"
    nav = page.get_by_role("navigation", name="প্রধান")
    assert nav.get_by_role("link", name="ড্যাশবোর্ড").is_visible()
    assert nav.get_by_role("link", name="কার্যালয়সমূহ").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "ড্যাশবোর্ড"

    nav.get_by_role("link", name="এপিআই").click()
    page.wait_for_url("**/api/v1/docs")
    page.locator(".swagger-ui").wait_for()
    page.get_by_text("/api/v1/health").first.wait_for()

    page.go_back()
    page.get_by_role("button", name="লগ আউট").click()
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    assert page.get_by_role("link", name="লগ ইন").first.is_visible()
    page.goto("/dashboard/")
    assert "/login/" in page.url


def test_phone_layout_and_keyboard(browser: Any, live_server: Any, tx_geo: Geo) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    try:
        tab.goto("/units/BD-DIS-51/")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.textContent")
        assert focused.strip() == "Skip to content"
        assert tab.locator("main#main").count() == 1 and tab.locator("header").count() == 1
    finally:
        context.close()
