"""Gregorian dates in three languages and memo numbers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nirvachan.locale import LocaleError, MemoNumber, format_date, parse_date, parse_memo_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১৩ অক্টোবর ২০২২", date(2022, 10, 13)),
        ("14 June 2022", date(2022, 6, 14)),
        ("१४ जून २०२२", date(2022, 6, 14)),
        ("১৪-৬-২০২২", date(2022, 6, 14)),
        ("১২/১২/২২", date(2022, 12, 12)),
        ("০৩/০২/২০০৫ খ্রিঃ", date(2005, 2, 3)),
        ("11/04/23ইং", date(2023, 4, 11)),
        ("০৭.০৭.২০১৫ খ্রিঃ", date(2015, 7, 7)),
        ("১৮.০৬.২০১৯ খ্রি.", date(2019, 6, 18)),
        ("১৮.০৬.২০১৯ খ্রিস্টাব্দ", date(2019, 6, 18)),
        ("2022-06-14", date(2022, 6, 14)),
        ("১ জানুয়ারী ২০২৪", date(2024, 1, 1)),
        ("২১শে ফেব্রুয়ারি ২০২৪", date(2024, 2, 21)),
        ("১৫ আগষ্ট ১৯৭৫", date(1975, 8, 15)),
        ("২৬ মার্চ ১৯৭১", date(1971, 3, 26)),
        ("१ फरवरी २०२३", date(2023, 2, 1)),
        ("२५ दिसम्बर २०२३ ई.", date(2023, 12, 25)),
        ("२५ दिसंबर २०२३", date(2023, 12, 25)),
        ("5 Sept 2023", date(2023, 9, 5)),
        ("5 sep. 2023", date(2023, 9, 5)),
        ("13th October 2022", date(2022, 10, 13)),
        ("October 13, 2022", date(2022, 10, 13)),
        ("তারিখ: ১৩ অক্টোবর ২০২২", date(2022, 10, 13)),
        ("दिनांक: १४/०६/२०२२", date(2022, 6, 14)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("৩১/০২/২০২২", "invalid_date"),
        ("১২/১৩/২০২২", "invalid_date"),
        ("১৩ ব্রুমেয়ার ২০২২", "unknown_month"),
        ("১২/১২/2২", "mixed_scripts"),
        ("yesterday", "invalid_date"),
    ],
)
def test_parse_date_refuses(text: str, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        parse_date(text)
    assert info.value.code == code


def test_format_date() -> None:
    d = date(2022, 10, 13)
    assert format_date(d, "bn") == "১৩ অক্টোবর ২০২২"
    assert format_date(d, "hi") == "१३ अक्टूबर २०२२"
    assert format_date(d, "en") == "13 October 2022"
    assert format_date(d, "bn", digits="latin") == "13 অক্টোবর 2022"


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=date(1000, 1, 1)), lang=st.sampled_from(["bn", "hi", "en"]))
def test_date_round_trip(d: date, lang: str) -> None:
    assert parse_date(format_date(d, lang)) == d  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "segments", "key"),
    [
        (
            "১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯",
            ("১৭", "০০", "০০০০", "০৭৯", "৩৯", "০১৩", "২২", "৬৭৯"),
            "17.00.0000.079.39.013.22-679",
        ),
        (
            "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১/১(৭)",
            ("৫৬", "০৪", "০০০০", "০১০", "২০", "০০১", "২২", "৮১", "১", "৭"),
            "56.04.0000.010.20.001.22.81/1(7)",
        ),
        (
            "৫৬.০০.০০০০.০১৯.৩৮.০০৪.২০১৩-৪৭১",
            ("৫৬", "০০", "০০০০", "০১৯", "৩৮", "০০৪", "২০১৩", "৪৭১"),
            "56.00.0000.019.38.004.2013-471",
        ),
        ("56.04.0000.010.20.001.22.81", None, "56.04.0000.010.20.001.22.81"),
        ("অম/অবি০০-১২", ("অম", "অবি০০", "১২"), "am/abi00-12"),
    ],
)
def test_parse_memo_number(text: str, segments: tuple[str, ...] | None, key: str) -> None:
    memo = parse_memo_number(text)
    assert str(memo) == text
    assert memo.text == text
    if segments is not None:
        assert memo.segments == segments
    assert memo.key == key
    assert memo.key.isascii()


def test_memo_number_prefix_and_round_trip() -> None:
    memo = parse_memo_number("নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯")
    assert memo.prefix == "নং-"
    assert memo.number == "১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯"
    assert memo.key == "17.00.0000.079.39.013.22-679"
    assert str(memo) == "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯"
    memo = parse_memo_number("স্মারক নম্বর: ৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১")
    assert memo.prefix == "স্মারক নম্বর: "
    assert memo.key == "56.04.0000.010.20.001.22.81"
    # the same number in Latin digits has the same key
    assert parse_memo_number("56.04.0000.010.20.001.22.81").key == memo.key
    with pytest.raises(dataclasses.FrozenInstanceError):
        memo.key = "x"  # type: ignore[misc]
    assert isinstance(memo, MemoNumber)


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("  ", "empty"), ("abc", "no_digits"), ("ক-খ", "no_digits"),
     ("১৭.০০#০০", "stray_character"), ("১৭.0০", "mixed_scripts")],
)  # fmt: skip
def test_parse_memo_number_refuses(text: str, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        parse_memo_number(text)
    assert info.value.code == code
