"""In a real browser: a returning officer adds a shadow-register line in Bengali and sees the
candidate's 80 % alert on the expenses page and on the dashboard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from nirvachan.core.roles import Role
from nirvachan.monitoring import services
from tests.factories import PASSWORD, Geo, user
from tests.monitoring.factories import election

pytestmark = pytest.mark.browser


def test_add_a_shadow_line_and_see_the_alert(page: Any, tx_geo: Geo) -> None:
    user("ro", Role.RETURNING_OFFICER, tx_geo.gopalganj, preferred_language="bn")
    election()
    services.expense_limit_set(
        actor=None, country="BD", election_kind="local", amount=Decimal("100000")
    )
    page.goto("/login/")
    page.get_by_label("User name").fill("ro")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    page.goto("/monitoring/expenses/?election=zp2022-gop")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "প্রার্থীদের নির্বাচনী ব্যয় · zp2022-gop"
    )
    form = page.locator("form.stacked")
    form.locator("[name=unit]").fill("BD-UPZ-388")
    form.locator("[name=candidate]").fill("রহিম উদ্দিন")
    form.locator("[name=source]").select_option("shadow")
    form.locator("[name=category]").select_option("vehicles")
    form.locator("[name=on]").fill("2022-10-05")
    form.locator("[name=amount]").fill("85000")
    form.get_by_role("button", name="ব্যয় লিপিবদ্ধ করুন").click()
    page.wait_for_url("**/monitoring/expenses/?election=zp2022-gop")
    assert page.get_by_text("ব্যয় লিপিবদ্ধ করা হয়েছে।").is_visible()
    status = page.locator("[data-testid=expense-totals] [data-status]")
    assert status.get_attribute("data-status") == "alert"
    assert status.inner_text() == "⚠ ব্যয়সীমার ৮০% অতিক্রান্ত"
    page.goto("/monitoring/")
    alert = page.locator("[data-testid=expense-alerts] [data-status]")
    assert alert.get_attribute("data-status") == "alert"
