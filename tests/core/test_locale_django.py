"""nirvachan.locale inside Django: the template filters and the `nirvachan locale` CLI."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source: str, **context: object) -> str:
    return Template("{% load nirvachan %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("lang", "expected"), [("bn", "৬,২৪,৬০৭"), ("hi", "६,२४,६०७"), ("en", "6,24,607")]
)
def test_lakh_follows_the_active_language(lang: str, expected: str) -> None:
    with translation.override(lang):
        assert render("{{ n|lakh }}", n=624607) == expected


def test_words_and_currency_words() -> None:
    assert render('{{ n|words:"bn" }}', n=624607) == "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত"
    assert render('{{ n|words:"hi" }}', n=624607) == "छह लाख चौबीस हज़ार छह सौ सात"
    assert (
        render('{{ n|taka_words:"bn" }}', n=Decimal("624607.50"))
        == "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা পঞ্চাশ পয়সা"
    )


def test_dates() -> None:
    day = dt.date(2022, 10, 13)
    assert render("{{ d|bangla_date }}", d=day) == "২৮ আশ্বিন ১৪২৯"
    with translation.override("bn"):
        assert render("{{ d|local_date }}", d=day) == "১৩ অক্টোবর ২০২২"
    with translation.override("hi"):
        assert render("{{ d|local_date }}", d=day) == "१३ अक्टूबर २०२२"
    assert render('{{ d|local_date:"en" }}', d=dt.datetime(2022, 10, 13, 9, 0)) == "13 October 2022"


def test_filters_never_raise() -> None:
    assert render("{{ n|lakh }}|{{ n|words }}|{{ d|bangla_date }}", n="abc", d="x") == "abc|abc|x"
    assert render("{{ n|words }}", n=-5) == "-5"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nirvachan", "locale", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["words", "624607", "--lang", "bn"], "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত"),
        (["words", "624607", "--lang", "bn", "--currency", "BDT"], "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা"),
        (["words", "624607", "--lang", "en"], "six lakh twenty-four thousand six hundred seven"),
        (["number", "১.৮০ কোটি"], "18000000"),
        (["number", "৬,২৪,৬০৭"], "624607"),
        (["bangla-date", "2022-10-13"], "২৮ আশ্বিন ১৪২৯"),
        (["bangla-date", "2019-10-16", "--rules", "1987"], "১ কার্তিক ১৪২৬"),
        (["gregorian", "২৮ আশ্বিন ১৪২৯"], "2022-10-13"),
        (["name-key", "মোঃ আব্দুল করিম"], None),
    ],
)
def test_cli_prints_one_line(args: list[str], out: str | None) -> None:
    result = _cli(*args)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    if out is not None:
        assert lines[0] == out
    else:
        assert lines[0] == _cli("name-key", "Mohammad Abdul Karim").stdout.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["number", "৬2৪"], "mixed scripts"),
        (["bangla-date", "13-10-2022"], "YYYY-MM-DD"),
        (["gregorian", "৩২ বৈশাখ ১৪২৯"], "32"),
        (["words", "12.5", "--lang", "bn"], "not a whole number"),
    ],
)
def test_cli_bad_input_exits_2_with_the_message(args: list[str], message: str) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_local_month() -> None:
    day = dt.date(2023, 4, 30)
    with translation.override("bn"):
        assert render("{{ d|local_month }}", d=day) == "এপ্রিল ২০২৩"
    assert render('{{ d|local_month:"hi" }}', d=day) == "अप्रैल २०२३"
    assert render('{{ d|local_month:"en" }}', d=day) == "April 2023"
    assert render("{{ d|local_month }}", d="x") == "x"
