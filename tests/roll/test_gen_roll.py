"""`python -m bench.gen_roll`: a synthetic roll the importer accepts, with planted duplicates."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench import gen_roll
from nirvachan.roll.importer import COLUMNS
from nirvachan.roll.models import Elector
from tests.factories import Geo


def _generate(tmp_path: Path, n: int, rate: float, seed: int, name: str = "roll.csv") -> Path:
    out = tmp_path / name
    assert gen_roll.main(["--n", str(n), "--dup-rate", str(rate), "--seed", str(seed), "--out",
                          str(out)]) == 0  # fmt: skip
    return out


def test_rows_duplicates_and_truth(tmp_path: Path) -> None:
    out = _generate(tmp_path, 2000, 0.05, 7)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    truth = list(csv.DictReader(out.with_suffix(".truth.csv").open(encoding="utf-8")))
    assert len(rows) == 2000 and len(truth) == 100
    assert tuple(rows[0]) == COLUMNS
    by_key = {r["epic"]: r for r in rows}
    assert len(by_key) == 2000
    changes: set[str] = set()
    for pair in truth:
        a, b = by_key[pair["original"]], by_key[pair["duplicate"]]
        assert (a["state"], a["ac_no"]) == (b["state"], b["ac_no"])
        kinds = set(pair["changes"].split("+"))
        assert kinds <= {"typo", "translit", "dob", "part"} and kinds
        changes |= kinds
        if "part" in kinds:
            assert a["part_no"] != b["part_no"]
        else:
            assert a["part_no"] == b["part_no"]
        if kinds <= {"part"}:
            assert (a["name"], a["dob"], a["age"]) == (b["name"], b["dob"], b["age"])
    assert changes == {"typo", "translit", "dob", "part"}
    scripts = {
        "bn" if any("\u0980" <= c <= "\u09ff" for c in r["name"]) else
        "hi" if any("\u0900" <= c <= "\u097f" for c in r["name"]) else
        "latin" if r["name"].isascii() else "other"
        for r in rows
    }  # fmt: skip
    assert scripts == {"bn", "hi", "latin"}
    serials = {(r["state"], r["ac_no"], r["part_no"], r["serial_no"]) for r in rows}
    assert len(serials) == 2000


def test_same_seed_same_file_other_seed_other_file(tmp_path: Path) -> None:
    a = _generate(tmp_path, 500, 0.1, 3, "a.csv").read_bytes()
    b = _generate(tmp_path, 500, 0.1, 3, "b.csv").read_bytes()
    c = _generate(tmp_path, 500, 0.1, 4, "c.csv").read_bytes()
    assert a == b and a != c


def test_zero_rate_plants_nothing(tmp_path: Path) -> None:
    out = _generate(tmp_path, 300, 0.0, 1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 301
    assert out.with_suffix(".truth.csv").read_text(encoding="utf-8").splitlines() == [
        "original,duplicate,changes"
    ]


def test_rate_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="dup-rate"):
        gen_roll.Generator(10, 0.6, 1)


@pytest.mark.django_db
def test_generated_roll_imports_without_rejects(geo: Geo, tmp_path: Path) -> None:
    out = _generate(tmp_path, 3000, 0.05, 11)
    stdout = StringIO()
    call_command("roll", "import", str(out), stdout=stdout, stderr=StringIO())
    summary = json.loads(stdout.getvalue())
    assert (summary["rows"], summary["imported"], summary["rejected"]) == (3000, 3000, 0)
    assert Elector.objects.filter(key_kind="nid").count() == sum(
        1 for r in csv.DictReader(out.open(encoding="utf-8")) if r["state"] != "Uttar Pradesh"
    )
    pair = next(csv.DictReader(out.with_suffix(".truth.csv").open(encoding="utf-8")))
    first, second = Elector.objects.filter(key__in=[pair["original"], pair["duplicate"]])
    assert first.constituency_id == second.constituency_id
