"""A quick run of the benchmark module (tiny sizes; the real figures come from bench)."""

from __future__ import annotations

import json

import pytest

bench_locale = pytest.importorskip("bench.locale")


def test_bench_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_locale.main(["--names", "2000", "--numbers", "2000", "--dates", "2000"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for key in ("name_key_per_s", "to_words_per_s", "bangla_date_per_s", "python"):
        assert key in figures
    assert figures["name_key_distinct"] == 2000


def test_generated_names_are_distinct_and_mixed() -> None:
    names = bench_locale.make_names(5000)
    assert len(set(names)) == 5000
    assert any("\u0980" <= n[0] <= "\u09ff" for n in names)
    assert any("\u0900" <= n[0] <= "\u097f" for n in names)
    assert any(n[0].isascii() for n in names)
