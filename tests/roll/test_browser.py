"""The public "Find your name in the roll" page in Bengali, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import Geo
from tests.roll.factories import elector, make_roll

pytestmark = pytest.mark.browser


def test_find_your_name_in_bengali(page: Any, tx_geo: Geo) -> None:
    roll = make_roll(tx_geo)
    elector(roll.g1, "1234567890", name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
    page.goto("/roll/find/")
    page.get_by_role("button", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "ভোটার তালিকায় আপনার নাম খুঁজুন"
    page.get_by_role("textbox", name="নাম", exact=True).fill("Abdul Karim")
    page.get_by_label("পিতা, মাতা বা স্বামীর নাম").fill("রহিম উদ্দিন")
    page.get_by_role("textbox", name="জেলা").fill("গোপালগঞ্জ")
    page.get_by_role("button", name="খুঁজুন").nth(1).click()
    page.wait_for_load_state()
    row = page.get_by_role("row").nth(1)
    assert "আব্দুল করিম" in row.inner_text() and "Kotalipara school" in row.inner_text()
    page.get_by_role("textbox", name="এপিক বা জাতীয় পরিচয়পত্র নম্বর").fill("12")
    page.get_by_role("button", name="খুঁজুন").first.click()
    page.wait_for_load_state()
    assert "12 এপিক নম্বর" in page.get_by_role("alert").inner_text()
