"""to_words / from_words beyond the vectors, and the round-trip property."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nirvachan.locale import LocaleError, from_words, to_words
from nirvachan.locale.words import _TABLES, parse_words

LANGS = ["bn", "hi", "en"]
STYLES = ["official", "colloquial"]
SIX_LAKH_EN = "six lakh twenty-four thousand six hundred seven"


@pytest.mark.parametrize(
    ("n", "lang", "style", "expected"),
    [
        (100, "bn", "official", "একশত"),
        (200, "bn", "official", "দুইশত"),
        (100, "bn", "colloquial", "একশো"),
        (200, "bn", "colloquial", "দুশো"),
        (624607, "bn", "colloquial", "ছয় লাখ চব্বিশ হাজার ছশো সাত"),
        (1234567890, "bn", "official",
         "একশত তেইশ কোটি পঁয়তাল্লিশ লক্ষ সাতষট্টি হাজার আটশত নব্বই"),
        (1234567890, "hi", "official", "एक सौ तेईस करोड़ पैंतालीस लाख सड़सठ हज़ार आठ सौ नब्बे"),
        (624607, "en", "official", "six lakh twenty-four thousand six hundred seven"),
        (1234567890, "en", "official",
         "one hundred twenty-three crore forty-five lakh sixty-seven thousand "
         "eight hundred ninety"),
        (0, "en", "official", "zero"),
        (10**7, "en", "official", "one crore"),
        (10**14, "bn", "official", "এক কোটি কোটি"),
        (10**12, "hi", "official", "एक लाख करोड़"),
        (10**15 - 1, "en", "official",
         "nine crore ninety-nine lakh ninety-nine thousand nine hundred ninety-nine crore "
         "ninety-nine lakh ninety-nine thousand nine hundred ninety-nine"),
    ],
)  # fmt: skip
def test_to_words(n: int, lang: str, style: str, expected: str) -> None:
    assert to_words(n, lang, style=style) == expected  # type: ignore[arg-type]
    assert from_words(expected) == n


@pytest.mark.parametrize(
    ("amount", "lang", "currency", "expected"),
    [
        ("624607.50", "bn", True, "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা পঞ্চাশ পয়সা"),
        ("624607.50", "en", True, SIX_LAKH_EN + " rupees fifty paise"),
        ("624607.50", "en", "BDT", SIX_LAKH_EN + " taka fifty paisa"),
        ("624607.00", "hi", True, "छह लाख चौबीस हज़ार छह सौ सात रुपये"),
        (1, "hi", True, "एक रुपया"),
        (1, "en", "INR", "one rupee"),
        ("0.01", "en", "INR", "one paisa"),
        ("0.50", "bn", True, "পঞ্চাশ পয়সা"),
        (0, "bn", True, "শূন্য টাকা"),
        ("10.005", "en", "INR", "ten rupees one paisa"),
        ("10.004", "en", "INR", "ten rupees"),
        ("100", "bn", "INR", "একশত রুপি"),
    ],
)  # fmt: skip
def test_currency(amount: object, lang: str, currency: object, expected: str) -> None:
    assert to_words(amount, lang, currency=currency) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("এক শত", 100),
        ("এক শত পাঁচ", 105),
        ("দুই শত পাঁচ", 205),
        ("একশ পাঁচ", 105),
        ("দুশো", 200),
        ("পনের হাজার", 15000),
        ("ঊনিশ", 19),
        ("উনত্রিশ", 29),
        ("ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা মাত্র", 624607),
        ("ছয় লাখ চব্বিশ হাজার ছয়শো সাত", 624607),
        ("पांच सौ रुपये मात्र", 500),
        ("छः हजार", 6000),
        ("पंचानवे करोड", 950000000),
        ("Six Lakh Twenty Four Thousand Six Hundred and Seven Only", 624607),
        ("one hundred and five", 105),
        ("twenty four", 24),
        ("ten lacs", 1000000),
        ("Rupees five thousand only", 5000),
        ("Taka Five Lakh only", 500000),
        ("five thousand rupees zero paise only", 5000),
        ("২ লক্ষ", 200000),
    ],
)
def test_from_words_variants(text: str, n: int) -> None:
    assert from_words(text) == n


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("ছয় ঘোড়া", "unknown_word"),
        ("six lakh banana", "unknown_word"),
        ("five only six", "unexpected_word"),
        ("পাঁচ টাকা পঞ্চাশ পয়সা", "not_integer"),
        ("মাত্র", "empty"),
    ],
)
def test_from_words_refuses(text: str, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        from_words(text)
    assert info.value.code == code


def test_unknown_word_names_position() -> None:
    with pytest.raises(LocaleError) as info:
        from_words("ছয় ঘোড়া")
    assert info.value.position == 5
    assert "ঘোড়া" in str(info.value)


def test_language_is_detected_and_can_be_forced() -> None:
    assert parse_words("সাত").lang == "bn"
    assert parse_words("सात").lang == "hi"
    assert parse_words("seven").lang == "en"
    with pytest.raises(LocaleError):
        from_words("सात", "bn")


@pytest.mark.parametrize(
    ("bad", "code"),
    [(-1, "negative"), (Decimal("-0.5"), "negative"), (Decimal("1.5"), "not_integer")],
)
def test_to_words_refuses(bad: object, code: str) -> None:
    with pytest.raises(LocaleError) as info:
        to_words(bad, "bn")  # type: ignore[arg-type]
    assert info.value.code == code


def test_to_words_refuses_bad_options() -> None:
    with pytest.raises(LocaleError):
        to_words(1, "fr")  # type: ignore[arg-type]
    with pytest.raises(LocaleError):
        to_words(1, "bn", style="poetic")  # type: ignore[arg-type]
    with pytest.raises(LocaleError):
        to_words(1, "bn", currency="USD")  # type: ignore[arg-type]
    with pytest.raises(LocaleError):
        to_words(-5, "en", currency=True)


def test_tables_built_without_clashes() -> None:
    # _build raises on a clash at import; check a few keys landed where expected
    assert _TABLES["bn"]["একশ"] == ("num", 100)
    assert _TABLES["hi"]["पचानबे"] == ("num", 95)


@settings(max_examples=400, deadline=None)
@given(
    n=st.one_of(st.integers(0, 10**15 - 1), st.integers(0, 10**21)),
    lang=st.sampled_from(LANGS),
    style=st.sampled_from(STYLES),
)
def test_words_round_trip(n: int, lang: str, style: str) -> None:
    words = to_words(n, lang, style=style)  # type: ignore[arg-type]
    assert from_words(words, lang) == n  # type: ignore[arg-type]
    assert from_words(words) == n


@settings(max_examples=200, deadline=None)
@given(
    amount=st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False),
    lang=st.sampled_from(LANGS),
    currency=st.sampled_from(["BDT", "INR"]),
)
def test_currency_round_trip(amount: Decimal, lang: str, currency: str) -> None:
    from nirvachan.locale import parse_number

    words = to_words(amount, lang, currency=currency)  # type: ignore[arg-type]
    assert parse_number(words) == amount


def test_every_small_number_round_trips() -> None:
    for lang in LANGS:
        for style in STYLES:
            for n in range(0, 2000):
                assert from_words(to_words(n, lang, style=style)) == n  # type: ignore[arg-type]
