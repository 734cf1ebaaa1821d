"""Every case of locale-vectors.json."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nirvachan.locale import (
    LocaleError,
    bangla_date,
    format_bangla_date,
    format_number,
    from_words,
    gregorian_from_bangla,
    name_key,
    normalise,
    parse_bangla_date,
    parse_number,
    to_words,
)

from ._support import vectors

V = vectors()
RULE_KEYS = {"official": "official", "rules_2019": "2019", "rules_1987": "1987"}


def test_vectors_have_every_section() -> None:
    for key in (
        "bangla_calendar", "number_words", "currency_words", "parse_numbers", "grouping",
        "parse_variants", "bn_0_99", "hi_0_99", "name_key_same", "name_key_different",
        "normalise_same",
    ):  # fmt: skip
        assert V[key], key


@pytest.mark.parametrize("case", V["bangla_calendar"], ids=lambda c: c["gregorian"])
def test_bangla_calendar(case: dict[str, str]) -> None:
    g = date.fromisoformat(case["gregorian"])
    for key, rules in RULE_KEYS.items():
        if key not in case:
            continue
        bd = bangla_date(g, rules)  # type: ignore[arg-type]
        assert format_bangla_date(bd) == case[key], (key, bd)
        assert parse_bangla_date(case[key]) == bd
        assert gregorian_from_bangla(bd, rules) == g  # type: ignore[arg-type]


@pytest.mark.parametrize("case", V["number_words"], ids=lambda c: str(c["n"]))
@pytest.mark.parametrize("lang", ["bn", "hi"])
def test_number_words(case: dict[str, object], lang: str) -> None:
    assert to_words(case["n"], lang) == case[lang]  # type: ignore[arg-type]
    assert from_words(case[lang]) == case["n"]  # type: ignore[arg-type]
    assert from_words(case[lang], lang) == case["n"]  # type: ignore[arg-type]


@pytest.mark.parametrize("case", V["currency_words"], ids=lambda c: c["amount"])
@pytest.mark.parametrize("lang", ["bn", "hi"])
def test_currency_words(case: dict[str, str], lang: str) -> None:
    amount = Decimal(case["amount"])
    assert to_words(amount, lang, currency=True) == case[lang]  # type: ignore[arg-type]
    assert to_words(case["amount"], lang, currency=True) == case[lang]  # type: ignore[arg-type]
    assert parse_number(case[lang]) == amount


@pytest.mark.parametrize("case", V["parse_numbers"], ids=lambda c: c["text"])
def test_parse_numbers(case: dict[str, str]) -> None:
    if "error" in case:
        with pytest.raises(LocaleError) as info:
            parse_number(case["text"])
        assert info.value.code == case["error"].replace(" ", "_")
        assert case["error"] in str(info.value)
    else:
        value = parse_number(case["text"])
        assert value == Decimal(case["value"])
        assert str(value) == case["value"]


@pytest.mark.parametrize("case", V["grouping"], ids=lambda c: str(c["n"]))
@pytest.mark.parametrize("lang", ["bn", "hi", "en"])
def test_grouping(case: dict[str, object], lang: str) -> None:
    text = format_number(case["n"], lang)  # type: ignore[arg-type]
    assert text == case[lang]
    assert parse_number(text) == case["n"]


@pytest.mark.parametrize("lang", ["bn", "hi"])
def test_parse_variants(lang: str) -> None:
    for value, spellings in V["parse_variants"][lang].items():
        for spelling in spellings:
            assert from_words(spelling) == int(value), spelling
            assert from_words(spelling, lang) == int(value), spelling


def test_bn_0_99() -> None:
    for n, word in enumerate(V["bn_0_99"]):
        assert to_words(n, "bn") == word
        assert to_words(n, "bn", style="colloquial") == word
        assert from_words(word) == n


def test_hi_0_99() -> None:
    for n, word in enumerate(V["hi_0_99"]):
        assert to_words(n, "hi") == word
        assert from_words(word) == n


@pytest.mark.parametrize("group", V["name_key_same"], ids=lambda g: g[0])
def test_name_key_same(group: list[str]) -> None:
    keys = {name_key(name) for name in group}
    assert len(keys) == 1, {name: name_key(name) for name in group}
    assert keys != {""}


@pytest.mark.parametrize("group", V["name_key_different"], ids=lambda g: g[0])
def test_name_key_different(group: list[str]) -> None:
    keys = [name_key(name) for name in group]
    assert len(set(keys)) == len(group), keys


@pytest.mark.parametrize("pair", V["normalise_same"], ids=lambda p: p[1])
def test_normalise_same(pair: list[str]) -> None:
    first, *rest = pair
    for other in rest:
        assert normalise(first) == normalise(other)
