"""In a real browser: the public contest result page in Bengali, and the counting desk flow
from a package upload to the public page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nirvachan.core.models import Constituency
from nirvachan.core.roles import Role
from nirvachan.results import services
from tests.factories import PASSWORD, Geo, user
from tests.results import packages as pk
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


def test_counting_desk_flow_from_package_to_public_page(
    page: Any, tx_geo: Geo, tmp_path: Path
) -> None:
    """Upload a signed package → the station appears in round 1 → approve → publish → the
    public contest page shows its votes."""
    cnt = make_count(tx_geo)
    services.counting_plan_set(contest=cnt.own, tables=2, rounds=2)
    ka, kb, kc = cnt.keys()
    ps = pk.station(cnt.own, 7, "Model school")
    key = pk.issue_key(cnt.election, ps)
    package = tmp_path / "ps7.zip"
    package.write_bytes(pk.build("jsn-test", ps, key, {cnt.own.code: {ka: 412, kb: 205, kc: 9,
                                                                      "NOTA": 4}}))  # fmt: skip
    user("ro", Role.RETURNING_OFFICER, tx_geo.gopalganj)
    page.goto("/login/")
    page.get_by_label("User name").fill("ro")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")

    page.goto("/results/jsn-test/packages/")
    page.get_by_label("Station result packages (.zip)").set_input_files(str(package))
    page.get_by_role("button", name="Upload and count").click()
    page.wait_for_load_state()
    outcome = page.locator("#outcomes tbody tr").first.inner_text()
    assert "ps7.zip" in outcome and "Counted" in outcome and "round 1" in outcome
    assert "Model school" in page.locator("#packages").inner_text()

    page.get_by_role("link", name="Gopalganj-3").click()
    page.wait_for_url("**/desk/")
    row = page.locator("#round-1")
    assert row.locator("td").nth(2).inner_text() == "1"  # one station counted in round 1
    assert "Counting" in row.inner_text()
    row.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    assert "Approved" in page.locator("#round-1").inner_text()
    public = page.context.new_page()
    public.goto(f"/results/jsn-test/contests/{cnt.own.pk}/")
    assert "412" not in public.locator("#candidates").inner_text()  # approved, not published
    page.locator("#round-1").get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "Published" in page.locator("#round-1").inner_text()

    public.reload()
    first = public.locator("#candidates tbody tr").first.locator("td")
    assert [first.nth(i).inner_text() for i in (0, 2)] == ["Asha", "412"]
    assert public.locator("#status").is_visible()
    public.close()
