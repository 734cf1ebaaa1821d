"""`nirvachan roll dedupe`: Splink (DuckDB) pairs and clusters against a generated roll's truth."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bench import gen_roll
from nirvachan.roll import dedupe
from nirvachan.roll.models import Elector
from tests.factories import Geo


def _run(*args: str) -> dict[str, float]:
    out = StringIO()
    call_command("roll", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_score_ignores_pair_order() -> None:
    assert dedupe.score([("A", "B"), ("C", "D")], [("B", "A"), ("E", "F")]) == {
        "pairs": 2,
        "true_pairs": 2,
        "precision": 0.5,
        "recall": 0.5,
    }
    assert dedupe.find_duplicates([]) == []


@pytest.mark.django_db
def test_dedupe_finds_planted_duplicates(geo: Geo, tmp_path: Path) -> None:
    roll = tmp_path / "roll.csv"
    gen_roll.Generator(4000, 0.05, 5).run(roll, tmp_path / "truth.csv")
    call_command("roll", "import", str(roll), stdout=StringIO(), stderr=StringIO())
    out = tmp_path / "pairs.csv"
    summary = _run("dedupe", "--out", str(out), "--truth", str(tmp_path / "truth.csv"))
    print("dedupe on 4,000 electors:", summary)
    assert summary["electors"] == 4000 and summary["true_pairs"] == 200
    assert summary["precision"] >= 0.95 and summary["recall"] >= 0.9
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == summary["pairs"]
    assert all(float(r["match_probability"]) >= 0.9 for r in rows)
    keys = set(Elector.objects.values_list("key", flat=True))
    assert all(r["epic_a"] in keys and r["epic_b"] in keys for r in rows)
    # One state only: Uttar Pradesh's pairs are all EPIC numbers.
    up = _run("dedupe", "--state", "IN-UP", "--out", str(tmp_path / "up.csv"))
    up_rows = list(csv.DictReader((tmp_path / "up.csv").open(encoding="utf-8")))
    assert up["pairs"] == len(up_rows) > 0
    assert all(r["epic_a"][0].isalpha() and r["epic_b"][0].isalpha() for r in up_rows)


@pytest.mark.django_db
def test_dedupe_refuses_unknown_state_and_bad_threshold(geo: Geo, tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    with pytest.raises(CommandError, match="Unknown state Atlantis"):
        _run("dedupe", "--state", "Atlantis", "--out", str(out))
    with pytest.raises(CommandError, match="between 0 and 1"):
        _run("dedupe", "--threshold", "1.5", "--out", str(out))
    assert not out.exists()
