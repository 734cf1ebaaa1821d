"""In a real browser: a finance officer finds a draft order, reads its total in Bengali and
issues it."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.core.roles import Role
from tests.factories import PASSWORD, Geo, user
from tests.finance.factories import draft, head

pytestmark = pytest.mark.browser


def test_find_read_and_issue_an_order(page: Any, tx_geo: Geo) -> None:
    user("fo", Role.FINANCE_OFFICER, tx_geo.bd, preferred_language="bn")
    head(tx_geo.bd, 10_000)
    order = draft(tx_geo.bd, [(tx_geo.gopalganj_office, 4000), (tx_geo.kishoreganj_office, 2607)])
    page.goto("/login/")
    page.get_by_label("User name").fill("fo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    page.get_by_role("navigation", name="প্রধান").get_by_role("link", name="অর্থ বরাদ্দ").click()
    page.wait_for_url("**/finance/")
    assert page.get_by_role("heading", level=1).inner_text() == "বরাদ্দ আদেশসমূহ"
    page.get_by_role("link", name=order.memo_number).click()
    page.wait_for_url(f"**/finance/orders/{order.pk}/")
    assert page.locator("[data-total]").inner_text() == "৬,৬০৭"
    assert page.locator(".words").inner_text() == "ছয় হাজার ছয়শত সাত টাকা"
    page.get_by_role("button", name="আদেশটি জারি করুন").click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").get_attribute("data-status") == "issued"
    assert page.get_by_text("আদেশটি জারি করা হয়েছে।").is_visible()
