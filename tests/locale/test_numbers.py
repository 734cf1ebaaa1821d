"""Digits, grouping and parse_number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nirvachan.locale import (
    LocaleError,
    format_number,
    parse_number,
    to_ascii_digits,
    to_native_digits,
)


def test_to_native_digits() -> None:
    assert to_native_digits(624607, "beng") == "৬২৪৬০৭"
    assert to_native_digits("624607", "deva") == "६२४६०७"
    assert to_native_digits("৬২৪৬০৭", "latn") == "624607"
    assert to_native_digits("१.৫0", "beng") == "১.৫০"
    assert to_native_digits(Decimal("1.80"), "beng") == "১.৮০"
    assert to_ascii_digits("১৪-৬-২০২২") == "14-6-2022"
    with pytest.raises(LocaleError) as info:
        to_native_digits(1, "arab")  # type: ignore[arg-type]
    assert info.value.code == "unknown_script"


@pytest.mark.parametrize(
    ("n", "lang", "kwargs", "expected"),
    [
        (624607, "bn", {}, "৬,২৪,৬০৭"),
        (624607, "en", {"grouping": "western"}, "624,607"),
        (624607, "bn", {"digits": "latin"}, "6,24,607"),
        (1234567890, "en", {}, "1,23,45,67,890"),
        (1234567890, "hi", {"grouping": "western"}, "१,२३४,५६७,८९०"),
        (Decimal("1.80"), "bn", {}, "১.৮০"),
        (Decimal("1234567.50"), "bn", {}, "১২,৩৪,৫৬৭.৫০"),
        ("12345.670", "en", {}, "12,345.670"),
        (-1000, "en", {}, "-1,000"),
        (999, "bn", {}, "৯৯৯"),
        (0, "hi", {}, "०"),
        (1.5, "en", {}, "1.5"),
    ],
)
def test_format_number(n: object, lang: str, kwargs: dict[str, str], expected: str) -> None:
    assert format_number(n, lang, **kwargs) == expected  # type: ignore[arg-type]


def test_format_number_refuses() -> None:
    for bad in (Decimal("NaN"), float("inf"), True):
        with pytest.raises(LocaleError):
            format_number(bad, "en")
    with pytest.raises(LocaleError) as info:
        format_number(1, "fr")  # type: ignore[arg-type]
    assert info.value.code == "unknown_language"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("624607", "624607"),
        ("৬,২৪,৬০৭", "624607"),
        ("६,२४,६०७", "624607"),
        ("624,607", "624607"),
        ("1,23,45,67,890", "1234567890"),
        ("1,234,567,890", "1234567890"),
        ("১.৮০ কোটি", "18000000"),
        ("১.৮০ কোটি টাকা", "18000000"),
        ("0.50 crore", "5000000"),
        ("2.5 Lakh", "250000"),
        ("২ লক্ষ", "200000"),
        ("৩ লাখ", "300000"),
        ("५ करोड़", "50000000"),
        ("৫ হাজার", "5000"),
        ("1.234 crore", "12340000"),
        ("1.23456789 crore", "12345678.9"),
        ("12.50", "12.50"),
        ("-1,000", "-1000"),
        ("−5", "-5"),
        ("৳৬২৪৬০৭", "624607"),
        ("Tk. 5,000/-", "5000"),
        ("Rs. 1,00,000", "100000"),
        ("  ৬২৪৬০৭  ", "624607"),
        ("ছয় লক্ষ চব্বিশ হাজার", "624000"),
        ("ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা মাত্র", "624607"),
        ("छह लाख चौबीस हज़ार छह सौ सात रुपये पचास पैसे", "624607.50"),
        ("six lakh twenty-four thousand", "624000"),
        ("১ কোটি ২০ লক্ষ", "12000000"),
        ("fifty paise", "0.50"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    result = parse_number(text)
    assert result == Decimal(value)
    assert str(result) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("৬2৪", "mixed_scripts"),
        ("१२3", "mixed_scripts"),
        ("১.৫0 কোটি", "mixed_scripts"),
        ("62,46,07,", "malformed_number"),
        ("6,2460,7", "bad_grouping"),
        ("1,2345", "bad_grouping"),
        ("12,34", "bad_grouping"),
        ("12#4", "stray_character"),
        ("12a3", "unknown_word"),
        ("৫ কোটিকোটি", "unknown_word"),
        ("ছয় ঘোড়া", "unknown_word"),
        ("1.2.3", "malformed_number"),
    ],
)
def test_parse_number_refuses(text: str, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        parse_number(text)
    assert info.value.code == code, str(info.value)
    assert isinstance(info.value, ValueError)


def test_mixed_scripts_message_names_the_place() -> None:
    with pytest.raises(LocaleError) as info:
        parse_number("৬2৪")
    err = info.value
    assert err.position == 2
    assert "'2'" in str(err) and "position 2" in str(err) and "Bengali" in str(err)


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=-(10**15), max_value=10**15),
    lang=st.sampled_from(["bn", "hi", "en"]),
    grouping=st.sampled_from(["indian", "western"]),
    digits=st.sampled_from(["native", "latin"]),
)
def test_parse_format_round_trip(n: int, lang: str, grouping: str, digits: str) -> None:
    text = format_number(n, lang, grouping=grouping, digits=digits)  # type: ignore[arg-type]
    assert parse_number(text) == n


@settings(max_examples=200, deadline=None)
@given(
    d=st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False),
    lang=st.sampled_from(["bn", "hi", "en"]),
)
def test_parse_format_round_trip_decimals(d: Decimal, lang: str) -> None:
    assert parse_number(format_number(d, lang)) == d  # type: ignore[arg-type]
