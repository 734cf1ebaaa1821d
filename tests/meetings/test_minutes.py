"""The pure parts: deadlines and the minutes reader, on the real seed 003."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nirvachan.locale import LocaleError, to_native_digits
from nirvachan.locale.dates import MONTHS
from nirvachan.meetings.deadlines import Deadline, parse_deadline
from nirvachan.meetings.minutes import MinutesError, parse_minutes, parse_table
from tests.meetings.factories import SEED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("চলমান", Deadline("ongoing")),
        ("এপ্রিল/ ২৩ইং", Deadline("month", dt.date(2023, 4, 1))),
        ("এপ্রিল-২৩", Deadline("month", dt.date(2023, 4, 1))),
        ("মে/২৩ ইং", Deadline("month", dt.date(2023, 5, 1))),
        ("April 2023", Deadline("month", dt.date(2023, 4, 1))),
        ("11/04/23ইং", Deadline("date", dt.date(2023, 4, 11))),
        ("", Deadline("none")),
    ],
)
def test_deadlines(text: str, expected: Deadline) -> None:
    assert parse_deadline(text) == expected


def test_month_is_due_on_its_last_day() -> None:
    assert parse_deadline("ফেব্রুয়ারি/২৪").due == dt.date(2024, 2, 29)
    assert parse_deadline("চলমান").due is None


def test_nonsense_is_refused() -> None:
    with pytest.raises(LocaleError):
        parse_deadline("কাল")


@given(st.integers(1, 12), st.integers(2000, 2099), st.sampled_from(["bn", "hi", "en"]))
def test_month_round_trip(month: int, year: int, lang: str) -> None:
    year_text = to_native_digits(str(year % 100).zfill(2), "beng")
    text = f"{MONTHS[lang][month - 1]}/{year_text}"
    assert parse_deadline(text) == Deadline("month", dt.date(year, month, 1))


def test_seed_003_reads_completely() -> None:
    minutes = parse_minutes(SEED.read_text(encoding="utf-8"))
    assert minutes.title == "মৌলিক কর্মসূচির সমন্বয় সভা (CPCM)"
    assert minutes.header["date"] == "০৫ এপ্রিল-২০২৩ খ্রিঃ"
    assert minutes.header["chair"] == "তারিক সাঈদ হারুন, পরিচালক -মৌলিক কর্মসূচি"
    assert minutes.header["secretary"].startswith("মোঃ আনোয়ার হোসেন")
    assert minutes.header["participants"].startswith("সংস্থার সকল অঞ্চলের আরপিসিগন")
    assert [i.serial for i in minutes.items] == list(range(17))
    assert minutes.items[0].topic == "Previous Meeting Minutes Review"
    assert {i.implementer for i in minutes.items} == {"সংশ্লিষ্ট সকল"}
    assert [i.deadline for i in minutes.items][:3] == ["চলমান", "এপ্রিল/ ২৩ইং", "চলমান"]
    assert sum(len(i.decisions) for i in minutes.items) == 19
    # continued rows after page breaks belong to items 01 and 04
    assert len(minutes.items[1].decisions) == 2 and len(minutes.items[4].decisions) == 2
    (table,) = minutes.items[1].tables
    assert [r.name for r in table.rows] == ["ভোলা", "কক্সবাজার", "নোয়াখালী", "চট্টগ্রাম", "আউটারিচ", "বরিশাল"]
    assert table.rows[0].value == Decimal("18000000")
    assert (table.total, table.rows_sum, table.scale) == (
        Decimal("50000000"),
        Decimal("50000000"),
        "crore",
    )
    assert minutes.chair_signature == ["তারিক সাইদ হারুন", "পরিচালক", "মৌলিক কর্মসূচী ।"]
    assert minutes.secretary_signature[0] == "মো : আনোয়ার হোসেন।"


def test_table_without_rows_is_refused() -> None:
    with pytest.raises(MinutesError):
        parse_table([["অঞ্চলের নাম", "মোট বৃদ্ধি"]])


def test_no_agenda_table_is_refused() -> None:
    with pytest.raises(MinutesError):
        parse_minutes("সভা\nতারিখ : ০৫/০৪/২০২৩\n")
