"""The Bangla calendar under both rule sets, and the Saka calendar."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nirvachan.locale import (
    BanglaDate,
    LocaleError,
    SakaDate,
    bangla_date,
    format_bangla_date,
    format_saka_date,
    gregorian_from_bangla,
    gregorian_from_saka,
    parse_bangla_date,
    saka_date,
)
from nirvachan.locale.bangla_calendar import month_length

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
RULES = ["official", "2019", "1987"]


def test_issue_examples() -> None:
    assert bangla_date(date(2022, 10, 13)) == BanglaDate(1429, 6, 28)
    assert format_bangla_date(BanglaDate(1429, 6, 28)) == "২৮ আশ্বিন ১৪২৯"
    assert format_bangla_date(BanglaDate(1429, 6, 28), "latn") == "28 আশ্বিন 1429"
    assert format_bangla_date(BanglaDate(1429, 6, 28), era=True) == "২৮ আশ্বিন ১৪২৯ বঙ্গাব্দ"
    assert str(BanglaDate(1429, 2, 31)) == "৩১ জ্যৈষ্ঠ ১৪২৯"


def test_first_of_baishakh_is_14_april() -> None:
    for year in range(1900, 2101):
        for rules in RULES:
            assert bangla_date(date(year, 4, 14), rules) == BanglaDate(year - 593, 1, 1)  # type: ignore[arg-type]
            assert bangla_date(date(year, 4, 13), rules).day in (29, 30, 31)  # type: ignore[arg-type]


def test_switch_day() -> None:
    assert bangla_date(date(2019, 10, 15)) == BanglaDate(1426, 6, 30)
    assert bangla_date(date(2019, 10, 16)) == BanglaDate(1426, 6, 31)
    assert bangla_date(date(2019, 10, 17)) == BanglaDate(1426, 7, 1)
    assert gregorian_from_bangla(BanglaDate(1426, 6, 31)) == date(2019, 10, 16)
    # 31 Ashwin exists officially only from 1426, and never under the 1987 rules
    with pytest.raises(LocaleError):
        gregorian_from_bangla(BanglaDate(1425, 6, 31))
    with pytest.raises(LocaleError):
        gregorian_from_bangla(BanglaDate(1429, 6, 31), "1987")
    # 31 Falgun 1426 (1987 rules, leap) fell after the switch: not an official date
    assert gregorian_from_bangla(BanglaDate(1426, 11, 31), "1987") == date(2020, 3, 14)
    with pytest.raises(LocaleError):
        gregorian_from_bangla(BanglaDate(1426, 11, 31))
    assert month_length(1426, 6) == 31
    assert month_length(1425, 6) == 30
    assert month_length(1426, 11) == 30
    assert month_length(1427, 11) == 29
    assert month_length(1426, 11, "1987") == 31


def test_month_lengths_sum_to_the_year() -> None:
    for year in range(1307, 1508):
        for rules in ("2019", "1987"):
            total = sum(month_length(year, m, rules) for m in range(1, 13))  # type: ignore[arg-type]
            leap = (year + 594) % 4 == 0 and ((year + 594) % 100 != 0 or (year + 594) % 400 == 0)
            assert total == 365 + leap


@pytest.mark.parametrize("rules", RULES)
def test_every_day_1900_2100_round_trips(rules: str) -> None:
    d = date(1900, 1, 1)
    end = date(2100, 12, 31)
    previous = bangla_date(d - timedelta(days=1), rules)  # type: ignore[arg-type]
    while d <= end:
        bd = bangla_date(d, rules)  # type: ignore[arg-type]
        assert gregorian_from_bangla(bd, rules) == d  # type: ignore[arg-type]
        assert bd > previous
        previous = bd
        d += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(d=DAYS, rules=st.sampled_from(RULES))
def test_round_trip_property(d: date, rules: str) -> None:
    bd = bangla_date(d, rules)  # type: ignore[arg-type]
    assert gregorian_from_bangla(bd, rules) == d  # type: ignore[arg-type]
    assert parse_bangla_date(format_bangla_date(bd)) == bd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("২৮ আশ্বিন ১৪২৯", BanglaDate(1429, 6, 28)),
        ("28 আশ্বিন 1429", BanglaDate(1429, 6, 28)),
        ("৩ আষাঢ় ১৪২৯", BanglaDate(1429, 3, 3)),
        ("৩ আষাড় ১৪২৯", BanglaDate(1429, 3, 3)),
        ("৩ আষাঢ় ১৪২৯", BanglaDate(1429, 3, 3)),
        ("৩১ জ্যৈষ্ঠ ১৪২৯ বঙ্গাব্দ", BanglaDate(1429, 2, 31)),
        ("১লা বৈশাখ ১৪৩০ বাং", BanglaDate(1430, 1, 1)),
        ("১০ অগ্রহায়ন, ১৪২৯", BanglaDate(1429, 8, 10)),
        ("14 Falgun 1429", BanglaDate(1429, 11, 14)),
    ],
)
def test_parse_bangla_date(text: str, expected: BanglaDate) -> None:
    assert parse_bangla_date(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("৩২ বৈশাখ ১৪২৯", "invalid_date"),
        ("৩১ কার্তিক ১৪২৯", "invalid_date"),
        ("১০ মার্চ ১৪২৯", "unknown_month"),
        ("২৮ আশ্বিন ১৪2৯", "mixed_scripts"),
        ("", "empty"),
        ("আশ্বিন", "invalid_date"),
    ],
)
def test_parse_bangla_date_refuses(text: str, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        parse_bangla_date(text)
    assert info.value.code == code


def test_parse_bangla_date_checks_rules() -> None:
    assert parse_bangla_date("৩১ আশ্বিন ১৪২৯") == BanglaDate(1429, 6, 31)
    with pytest.raises(LocaleError):
        parse_bangla_date("৩১ আশ্বিন ১৪২৯", rules="1987")


def test_bangla_date_is_frozen_and_validated() -> None:
    bd = BanglaDate(1429, 6, 28)
    with pytest.raises(dataclasses.FrozenInstanceError):
        bd.day = 1  # type: ignore[misc]
    for args in ((1429, 1, 32), (1429, 13, 1), (1429, 0, 1), (1429, 7, 31), (0, 1, 1)):
        with pytest.raises(LocaleError) as info:
            BanglaDate(*args)
        assert info.value.code == "invalid_date"
    with pytest.raises(LocaleError):
        bangla_date(date(2022, 1, 1), "1952")  # type: ignore[arg-type]


# ------------------------------------------------------------------ Saka


def test_saka_examples() -> None:
    assert saka_date(date(2022, 3, 22)) == SakaDate(1944, 1, 1)
    assert saka_date(date(2024, 3, 21)) == SakaDate(1946, 1, 1)
    assert saka_date(date(2022, 6, 14)) == SakaDate(1944, 3, 24)
    assert saka_date(date(2023, 1, 26)) == SakaDate(1944, 11, 6)
    assert format_saka_date(date(2022, 6, 14)) == "२४ ज्येष्ठ १९४४"
    assert format_saka_date(SakaDate(1944, 3, 24), "en", era=True) == "24 Jyaishtha 1944 Saka"
    assert format_saka_date(SakaDate(1944, 3, 24), "bn") == "২৪ জ্যৈষ্ঠ ১৯৪৪"
    assert format_saka_date(SakaDate(1944, 3, 24), "hi", digits="latin") == "24 ज्येष्ठ 1944"
    with pytest.raises(LocaleError):
        SakaDate(1944, 1, 31)  # 1944 Saka (2022) is not a leap year
    assert SakaDate(1946, 1, 31) == saka_date(date(2024, 4, 20))


def test_saka_matches_convertdate_every_day() -> None:
    indian_civil = pytest.importorskip("convertdate.indian_civil")
    d = date(1900, 1, 1)
    while d <= date(2100, 12, 31):
        sd = saka_date(d)
        assert (sd.year, sd.month, sd.day) == tuple(
            indian_civil.from_gregorian(d.year, d.month, d.day)
        ), d
        assert gregorian_from_saka(sd) == d
        d += timedelta(days=3)
