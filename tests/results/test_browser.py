"""The public contest result page in a real browser, in Bengali."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.core.models import Constituency
from nirvachan.results import services
from tests.factories import Geo
from tests.results.factories import make_count
from tests.results.test_import_csv import VALID

pytestmark = pytest.mark.browser


def test_contest_result_page_in_bengali(page: Any, tx_geo: Geo) -> None:
    cnt = make_count(tx_geo)
    Constituency.objects.create(code="BD-PC-999", kind="pc", country="BD",
                                unit=tx_geo.kuliarchar, name_en="Kuliarchar-1")  # fmt: skip
    services.results_import_csv(election=cnt.election, text=VALID)

    page.goto(f"/results/jsn-test/contests/{cnt.own.pk}/")
    page.get_by_role("button", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "bn"
    status = page.locator("#status").inner_text()
    assert "ফলাফল ঘোষিত" in status and "ব্যবধান: ৬০৫" in status and "নোটা: ২১" in status
    rows = page.locator("#candidates tbody tr")
    assert rows.count() == 4
    cells = [rows.nth(0).locator("td").nth(i).inner_text() for i in range(7)]
    assert cells == ["Asha", "আওয়ামী লীগ", "১,০০০", "১০", "১,০১০", "৬৫.৭৬%", "বিজয়ী"]
    assert rows.nth(2).locator("td").nth(6).inner_text() == "জামানত বাজেয়াপ্ত"
    assert rows.nth(3).locator("td").first.inner_text() == "উপরের কাউকে নয় (নোটা)"
    chart = page.locator("figure svg").first
    assert chart.is_visible() and "১,০১০" in chart.inner_html()
    page.get_by_role("link", name="জাতীয় সংসদ পরীক্ষা").click()
    page.wait_for_url("**/results/jsn-test/")
    parties = page.locator("#parties tbody tr").first.locator("td")
    assert [parties.nth(i).inner_text() for i in range(3)] == ["AL", "২", "১,৩২২"]
