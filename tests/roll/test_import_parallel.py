"""The import's chunks prepared in worker processes, repeats between chunks that each look
clean, the fast path on a roll that is not empty, and a load outside a transaction (SQLite's
foreign keys switched off for it, checked before the commit, switched on again)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection

from nirvachan.roll import bulkload, importer
from nirvachan.roll.importer import COLUMNS, ImportRefused
from nirvachan.roll.models import Elector, Part
from tests.factories import Geo
from tests.roll.test_import_fast import QD, _elector_indexes, _generate, _snapshot


def _rewrite(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8")))


def _same_state(rows: list[list[str]], i: int, start: int) -> int:
    """The first row from `start` in the same state (or district) as row i."""
    state = COLUMNS.index("state")
    return next(k for k in range(start, len(rows)) if rows[k][state] == rows[i][state])


@pytest.mark.django_db
def test_worker_processes_write_what_one_thread_writes(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 600)
    monkeypatch.setattr(importer, "CSV_BLOCK", 16 << 10)
    result = importer.roll_import(path=path, qualifying_date=QD, workers=2)
    assert (result.imported, result.rejected) == (600, 0)
    assert sum(writes) == 600 and len(writes) > 3  # several chunks, all from the workers
    parallel = _snapshot()
    tops = sorted(Part.objects.values_list("constituency__number", "number", "last_serial"))

    Elector.objects.all().delete()
    Part.objects.update(last_serial=0)
    again = importer.roll_import(path=path, qualifying_date=QD, workers=0)
    assert again.imported == 600 and _snapshot() == parallel
    assert sorted(Part.objects.values_list("constituency__number", "number", "last_serial")) == tops


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 2])
def test_a_key_repeated_between_two_clean_chunks_is_named(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    path = _generate(tmp_path, 400)
    rows = _rows(path)
    j = _same_state(rows, 11, 350)
    rows[j][0] = rows[11][0]  # line j + 1 repeats the key of line 12, chunks apart
    _rewrite(path, rows)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    indexes = _elector_indexes()
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD, workers=workers)
    assert [(e.line, e.field) for e in exc.value.errors] == [(j + 1, "epic")]
    assert "repeated in the file" in exc.value.errors[0].message
    assert writes  # the first pass wrote every chunk fast; the unique index refused
    assert Elector.objects.count() == 0 and _elector_indexes() == indexes

    rejects = tmp_path / "rejects.csv"
    with rejects.open("w", encoding="utf-8", newline="") as out:
        result = importer.roll_import(path=path, rejects=out, qualifying_date=QD, workers=workers)
    assert (result.imported, result.rejected) == (399, 1)
    written = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert [(r["line"], r["epic"]) for r in written] == [(str(j + 1), rows[11][0])]
    assert Elector.objects.get(key=rows[11][0]).serial == int(rows[11][COLUMNS.index("serial_no")])


@pytest.mark.django_db
def test_a_part_serial_repeated_between_two_clean_chunks_is_named(
    geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 400)
    rows = _rows(path)
    j = _same_state(rows, 21, 300)
    for column in ("ac_no", "part_no", "serial_no"):
        i = COLUMNS.index(column)
        rows[j][i] = rows[21][i]  # line j + 1 takes line 22's part and serial
    _rewrite(path, rows)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [(j + 1, "serial_no")]
    assert Elector.objects.count() == 0


@pytest.mark.django_db
def test_into_a_roll_that_is_not_empty_clean_chunks_still_go_fast(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 400)
    rows = _rows(path)
    first = tmp_path / "first.csv"
    _rewrite(first, [rows[0], *rows[200:210]])  # lines 201–210 of the big file
    importer.roll_import(path=first, qualifying_date=QD)
    assert writes == [10]
    indexes = _elector_indexes()
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    rejects = tmp_path / "rejects.csv"
    with rejects.open("w", encoding="utf-8", newline="") as out:
        result = importer.roll_import(path=path, rejects=out, qualifying_date=QD)
    assert (result.imported, result.rejected) == (390, 10)
    assert len(writes) > 2 and sum(writes) < 10 + 390  # lines 201–210's chunk: row by row
    reasons = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert [int(r["line"]) for r in reasons] == list(range(201, 211))
    assert all("already on the roll" in r["reason"] for r in reasons)
    assert Elector.objects.count() == 400 and _elector_indexes() == indexes  # none dropped


@pytest.mark.django_db(transaction=True)
def test_a_load_outside_a_transaction_checks_foreign_keys_once(
    tx_geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 300)
    monkeypatch.setattr(importer, "CSV_BLOCK", 16 << 10)
    assert importer.roll_import(path=path, qualifying_date=QD).imported == 300
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1  # on again
            cursor.execute("PRAGMA database_list")
            assert bulkload.STAGE not in [row[1] for row in cursor.fetchall()]  # detached
    Elector.objects.all().delete()

    # A wrong part id (a bug, not a bad file) is refused by the foreign keys: nothing stays.
    original = bulkload.FastLoader._parts

    def wrong(self: bulkload.FastLoader, chunk: Any) -> tuple[list[int], list[int]]:
        parts, constituencies = original(self, chunk)
        return [p + 10_000 for p in parts], constituencies

    monkeypatch.setattr(bulkload.FastLoader, "_parts", wrong)
    with pytest.raises(IntegrityError):
        importer.roll_import(path=path, qualifying_date=QD)
    assert Elector.objects.count() == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_blocks_cut_at_line_ends_keep_every_row(
    geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte-order mark, CRLF line ends and no line end after the last row: the blocks the
    workers parse still hold every row once, with the same values."""
    path = _generate(tmp_path, 300)
    importer.roll_import(path=path, qualifying_date=QD)
    plain = _snapshot()
    Elector.objects.all().delete()
    windows = tmp_path / "windows.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n").rstrip("\r\n")
    windows.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    monkeypatch.setattr(importer, "CSV_BLOCK", 5000)  # blocks end mid-line: cut back
    blocks = list(importer.read_blocks(windows))
    assert len(blocks) > 5 and all(b.data.endswith(b"\n") for b in blocks[:-1])
    assert importer.roll_import(path=windows, qualifying_date=QD).imported == 300
    assert _snapshot() == plain


@pytest.mark.django_db
def test_the_command_takes_the_number_of_workers(
    geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    path = _generate(tmp_path, 200)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    seen: list[int | None] = []
    original = importer.workers_.prepared_chunks

    def spy(items: Any, spec: Any, workers: int) -> Any:
        seen.append(workers)
        return original(items, spec, workers)

    monkeypatch.setattr(importer.workers_, "prepared_chunks", spy)
    out = StringIO()
    call_command("roll", "import", str(path), "--workers", "2", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["imported"] == 200 and seen == [2]


@pytest.mark.django_db
def test_a_value_longer_than_its_column_is_named_not_cut(
    geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import translation

    path = _generate(tmp_path, 300)
    rows = _rows(path)
    rows[4][COLUMNS.index("name")] = "ক" * 201
    rows[250][COLUMNS.index("house_no")] = "9" * 61
    _rewrite(path, rows)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    with translation.override("bn"), pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [(5, "name"), (251, "house_no")]
    assert exc.value.errors[0].message == "২০০ অক্ষরের চেয়ে দীর্ঘ"  # Bengali digits too
    assert Elector.objects.count() == 0  # PostgreSQL would have refused the insert itself


@pytest.mark.django_db
def test_ages_and_numbers_out_of_range_are_named(
    geo: Geo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 300)
    rows = _rows(path)
    dob, age = COLUMNS.index("dob"), COLUMNS.index("age")
    rows[3][dob], rows[3][age] = "", "150"  # line 4
    rows[120][dob] = "1890-01-01"  # line 121
    rows[260][COLUMNS.index("serial_no")] = "123456789012"  # line 261: beyond the column
    rows[280][COLUMNS.index("polling_station_no")] = "99999999999"  # line 281
    _rewrite(path, rows)
    monkeypatch.setattr(importer, "CSV_BLOCK", 8 << 10)
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [
        (4, "age"),
        (121, "dob"),
        (261, "serial_no"),
        (281, "polling_station_no"),
    ]
    assert Elector.objects.count() == 0


@pytest.mark.django_db
def test_a_file_not_in_utf8_or_not_parquet_is_refused_with_a_message(
    geo: Geo, tmp_path: Path
) -> None:
    from nirvachan.core.errors import DomainError

    path = _generate(tmp_path, 50)
    raw = path.read_bytes().split(b"\n")
    raw[7] = raw[7].replace(b",", b",\xe9", 1)  # line 8 in Latin-1
    path.write_bytes(b"\n".join(raw))
    with pytest.raises(DomainError) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert exc.value.details["line"] == 8 and "UTF-8" in exc.value.message
    fake = tmp_path / "roll.parquet"
    fake.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DomainError) as exc:
        importer.roll_import(path=fake, qualifying_date=QD)
    assert "Parquet" in exc.value.message
    assert Elector.objects.count() == 0


@pytest.mark.django_db
def test_blank_lines_keep_the_line_numbers_errors_name(
    geo: Geo, tmp_path: Path, writes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _generate(tmp_path, 200)
    lines = path.read_text(encoding="utf-8").splitlines()
    monkeypatch.setattr(importer, "CSV_BLOCK", 4 << 10)
    # Blank lines only at the end: the fast path, every row.
    path.write_text("\n".join(lines) + "\n\n\n", encoding="utf-8")
    assert importer.roll_import(path=path, qualifying_date=QD).imported == 200 and writes
    Elector.objects.all().delete()
    # A blank line between rows: the csv module reads the file, so line 152 is line 152.
    bad = lines[150].split(",")
    bad[COLUMNS.index("gender")] = "X"
    lines[150] = ",".join(bad)  # file line 151 before the blank line is added
    path.write_text("\n".join([*lines[:100], "", *lines[100:]]) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as exc:
        importer.roll_import(path=path, qualifying_date=QD)
    assert [(e.line, e.field) for e in exc.value.errors] == [(152, "gender")]
