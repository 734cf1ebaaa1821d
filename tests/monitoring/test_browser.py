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


def test_commission_dashboard_drills_down_to_a_body(page: Any, tx_geo: Geo) -> None:
    """The commission administrator sees districts worst first with escalations and the charts,
    opens Gopalganj, then one of its bodies."""
    from tests.monitoring.factories import team

    user("admin", Role.COMMISSION_ADMIN, tx_geo.bd, preferred_language="bn")
    e = election()
    body = team(e, tx_geo.kotalipara)
    team(e, tx_geo.kuliarchar, "Vigilance team 9")
    first = body.obligations.order_by("due_on").first()
    assert first is not None
    services.report_submit(actor=None, body=body, obligation=first, situation="শান্ত")
    page.goto("/login/")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    page.goto("/monitoring/")
    rows = page.locator("[data-testid=district-rows] tbody tr")
    assert rows.count() == 2
    # Kishoreganj's team reported nothing: 7 escalated, so it comes first
    assert rows.nth(0).get_attribute("data-district") == "BD-DIS-45"
    assert rows.nth(0).locator("[data-escalated]").inner_text() == "✖ কমিশনে উত্থাপিত ৭"
    assert page.get_by_role("img", name="নির্ধারিত তারিখ অনুযায়ী প্রতিবেদনের পূর্ণতা").is_visible()
    page.get_by_role("link", name="গোপালগঞ্জ").first.click()
    page.wait_for_url("**district=BD-DIS-51**")
    body_row = page.locator(f"[data-testid=body-rows] tr[data-body='{body.pk}']")
    assert body_row.locator("[data-escalated]").get_attribute("data-escalated") == "6"
    body_row.get_by_role("link", name=body.name).click()
    page.wait_for_url(f"**/monitoring/bodies/{body.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == body.name
