"""The public election pages in a real browser, in Bengali and in Hindi."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.elections import services
from tests.elections.factories import D, lok_sabha, zila_parishad
from tests.factories import Geo

pytestmark = pytest.mark.browser


def test_schedule_contest_and_ballot_in_bengali_and_hindi(page: Any, tx_geo: Geo) -> None:
    zp = zila_parishad(tx_geo)
    for name in ("মোঃ হাসান আলী", "আবুল কালাম"):
        n = services.nomination_file(contest=zp.chairman, name_bn=name)
        services.nomination_scrutinise(nomination=n, accept=True)
    ls = lok_sabha(tx_geo)
    for kw in ({"name_hi": "नरेंद्र मोदी", "party": ls.bjp}, {"name_hi": "अजय राय", "party": ls.inc}):
        n = services.nomination_file(contest=ls.contest, on=D(2019, 4, 25), **kw)  # type: ignore[arg-type]
        services.nomination_scrutinise(nomination=n, accept=True)

    page.goto("/elections/")
    page.get_by_role("button", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "নির্বাচনসমূহ"
    page.get_by_role("link", name="জেলা পরিষদ নির্বাচন ২০২২, গোপালগঞ্জ").click()
    page.wait_for_url("**/elections/zp2022-gop/")
    phases = page.locator("#phases tbody tr").first.inner_text()
    assert "১৭ অক্টোবর ২০২২" in phases
    page.get_by_role("link", name="চেয়ারম্যান").click()
    page.wait_for_url("**/contests/*/")
    rows = page.locator("#ballot tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(3)] == [
        "আবুল কালাম",
        "মোঃ হাসান আলী",
        "উপরের কাউকে নয় (নোটা)",
    ]
    assert rows.nth(0).locator("td").first.inner_text() == "১"

    page.goto(f"/elections/ls2019/contests/{ls.contest.pk}/")
    page.get_by_role("button", name="हिन्दी").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hi"
    assert page.get_by_role("heading", level=1).inner_text() == "वाराणसी"
    rows = page.locator("#ballot tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(3)] == [
        "अजय राय",
        "नरेंद्र मोदी",
        "इनमें से कोई नहीं (नोटा)",
    ]
    assert "हाथ" in rows.nth(0).inner_text()
    page.get_by_role("link", name="लोकसभा 2019").click()
    page.wait_for_url("**/elections/ls2019/")
    assert "07:00–18:00" in page.locator("#contests").inner_text()
