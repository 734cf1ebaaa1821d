"""The import's fast path (`roll.bulkload`): same rows as the row-by-row path, indexes dropped
and re-created around a load into an empty roll, any doubt sent row by row."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from bench import gen_roll
from nirvachan.roll import importer
from nirvachan.roll.importer import COLUMNS, ImportRefused
from nirvachan.roll.models import Elector, Part
from tests.factories import Geo

QD = dt.date(2027, 1, 1)
FIELDS = (
    "key_kind", "key", "name", "name_key", "relative_name", "relative_key", "relation", "gender",
    "dob", "age", "age_on", "house_no", "address", "constituency__code", "part__number",
    "serial", "status",
)  # fmt: skip


def _generate(tmp_path: Path, n: int) -> Path:
    out = tmp_path / "roll.csv"
    gen_roll.Generator(n, 0.05, 3).run(out, tmp_path / "roll.truth.csv")
    return out


def _snapshot() -> list[tuple[Any, ...]]:
    return sorted(Elector.objects.values_list(*FIELDS))


def _elector_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Elector._meta.db_table)
    return {name for name, c in constraints.items() if c["index"] or c["unique"]}


def _cache_size() -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_fast_path_writes_what_the_row_path_writes(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 700)
    monkeypatch.setattr(importer, "CSV_BLOCK", 16 << 10)  # several chunks
    indexes = _elector_indexes()
    result = importer.roll_import(path=path, qualifying_date=QD)
    assert result.imported == 700 and result.rejected == 0
    assert sum(writes) == 700 and len(writes) > 2
    assert _elector_indexes() == indexes  # dropped for the load, re-created at its end
    fast = _snapshot()
    tops = dict(Part.objects.values_list("number", "last_serial"))
    first: dict[tuple[str, str], tuple[str, int, str]] = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        first.setdefault(
            (row["ac_no"], row["part_no"]),
            (row["part_name"], int(row["polling_station_no"]), row["polling_station_name"]),
        )
    made = {
        (str(p.constituency.number), str(p.number)): (
            p.name,
            p.polling_station.number,
            p.polling_station.name,
        )
        for p in Part.objects.select_related("constituency", "polling_station")
    }
    assert made == first and result.parts == len(first)

    Elector.objects.all().delete()
    Part.objects.update(last_serial=0)
    importer._run(path, None, None, QD, None, fast=False)
    assert _snapshot() == fast
    assert dict(Part.objects.values_list("number", "last_serial")) == tops
    assert fast[0][8] is None or isinstance(fast[0][8], dt.date)


@pytest.mark.django_db
def test_a_doubtful_chunk_goes_row_by_row_and_names_the_line(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 400)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[300][5], rows[300][6] = "", "১৭"  # an age of 17 in Bengali digits, on line 301
    rows[350][6], rows[350][5] = "২৫", ""  # a valid age in Bengali digits: imported
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    indexes = _elector_indexes()
    cache = _cache_size()
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [(301, "dob")]
    assert "under 18" in exc.value.errors[0].message
    assert writes  # the clean chunks took the fast path, then all was rolled back
    assert Elector.objects.count() == 0 and _elector_indexes() == indexes
    assert _cache_size() == cache  # SQLite's page cache is put back after a load

    rejects = tmp_path / "rejects.csv"
    with rejects.open("w", encoding="utf-8", newline="") as out:
        result = importer.roll_import(path=path, rejects=out, qualifying_date=QD)
    assert (result.imported, result.rejected) == (399, 1)
    assert Elector.objects.get(key=rows[350][0]).age == 25


@pytest.mark.django_db
def test_a_value_spanning_lines_falls_back_to_the_csv_reader(geo: Geo, tmp_path: Path) -> None:
    path = _generate(tmp_path, 50)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[10][8] = "House 4\nSigra"  # address over two lines (quoted)
    rows[20][1] = ""  # line 22 of the file: no name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [(22, "name")]
    rows[20][1] = "Ram Lal"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert importer.roll_import(path=path, qualifying_date=QD).imported == 50
    assert Elector.objects.get(key=rows[10][0]).address == "House 4\nSigra"


@pytest.mark.django_db
def test_into_a_roll_that_is_not_empty_rows_are_checked_against_it(
    geo: Geo, tmp_path: Path, writes: list[int]
) -> None:
    path = _generate(tmp_path, 60)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    first = tmp_path / "first.csv"
    with first.open("w", encoding="utf-8", newline="") as handle:
        w = csv.DictWriter(handle, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows[:10])
    importer.roll_import(path=first, qualifying_date=QD)
    assert writes == [10]
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert exc.value.total == 10 and "already on the roll" in exc.value.errors[0].message
    assert writes == [10] and Elector.objects.count() == 10


@pytest.mark.django_db
def test_parquet_goes_the_fast_way(geo: Geo, tmp_path: Path, writes: list[int]) -> None:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    path = _generate(tmp_path, 120)
    table = pacsv.read_csv(path)  # typed columns (integers, dates), as other tools write them
    pq.write_table(table, tmp_path / "roll.parquet")
    result = importer.roll_import(path=tmp_path / "roll.parquet", qualifying_date=QD)
    assert result.imported == 120 and writes == [120]
