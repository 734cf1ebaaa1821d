from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nirvachan.core.models import AuditEvent, Constituency
from nirvachan.roll.importer import COLUMNS
from nirvachan.roll.models import Elector, Part, PollingStation
from tests.factories import Geo

GOOD = [
    [
        "ABC0000001",
        "राम कुमार",
        "श्याम लाल",
        "F",
        "M",
        "1980-01-02",
        "",
        "12",
        "Sigra",
        "UTTAR PRADESH",
        "390",
        "Varanasi Cantt.",
        "1",
        "Sigra",
        "1",
        "1",
        "Primary School Sigra",
    ],
    [
        "ABC0000002",
        "सुनीता देवी",
        "राम कुमार",
        "H",
        "F",
        "",
        "40",
        "12",
        "Sigra",
        "Uttar Pradesh",
        "390",
        "Varanasi Cantt.",
        "1",
        "Sigra",
        "2",
        "1",
        "Primary School Sigra",
    ],
    [
        "1234567890",
        "আব্দুল করিম",
        "রহিম উদ্দিন",
        "F",
        "M",
        "1975-03-04",
        "",
        "5",
        "Kotalipara",
        "Gopalganj",
        "217",
        "গোপালগঞ্জ-৩",
        "4",
        "Kotalipara",
        "1",
        "4",
        "Kotalipara School",
    ],
]


def _write(tmp_path: Path, rows: list[list[str]], name: str = "roll.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def _run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("roll", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.mark.django_db
class TestImport:
    def test_valid_file_creates_constituencies_parts_and_electors(
        self, geo: Geo, tmp_path: Path
    ) -> None:
        summary = _run("import", str(_write(tmp_path, GOOD)))
        assert summary == {
            "rows": 3,
            "imported": 3,
            "rejected": 0,
            "constituencies": 2,
            "parts": 2,
            "errors": [],
        }
        ram = Elector.objects.get(key="ABC0000001")
        assert (ram.key_kind, ram.relation, ram.gender, ram.name_key) == (
            "epic",
            "father",
            "male",
            "rmkmr",
        )
        assert ram.constituency.code == "IN-UP-AC-390" and ram.part.number == 1
        assert Elector.objects.get(key="ABC0000002").age == 40
        karim = Elector.objects.get(key="1234567890")
        assert karim.key_kind == "nid" and karim.constituency.code == "BD-DIS-51-AC-217"
        assert karim.constituency.name_bn == "গোপালগঞ্জ-৩"
        assert Part.objects.get(pk=ram.part_id).last_serial == 2
        assert PollingStation.objects.count() == 2
        assert AuditEvent.objects.filter(event_type="roll.import.completed").count() == 1

    @pytest.mark.parametrize(
        ("index", "value", "field", "message"),
        [
            (0, "AB12", "epic", "AB12 is not a valid epic number"),
            (1, "", "name", "the name is empty"),
            (5, "2015-01-01", "dob", "under 18 on the qualifying date"),
            (9, "Atlantis", "state", "unknown state or district Atlantis"),
            (14, "1৩", "serial_no", "mixes digits of different scripts"),
            (3, "X", "relation", "relation must be F, M, H, W or O"),
        ],
    )
    def test_invalid_row_refuses_the_whole_file(
        self, geo: Geo, tmp_path: Path, index: int, value: str, field: str, message: str
    ) -> None:
        bad = list(GOOD[0])
        bad[0] = "ABC0000009"
        bad[index] = value
        path = _write(tmp_path, [GOOD[1], bad, GOOD[2]])
        err = StringIO()
        with pytest.raises(CommandError) as exc:
            call_command("roll", "import", str(path), stdout=StringIO(), stderr=err)
        assert "1 invalid rows; nothing was imported" in str(exc.value)
        assert err.getvalue().startswith(f"line 3: {field}: {message}")
        assert Elector.objects.count() == 0 and Constituency.objects.count() == 0

    def test_repeated_epic_and_serial_in_the_file(self, geo: Geo, tmp_path: Path) -> None:
        again = list(GOOD[0])
        again[14] = "7"
        same_serial = list(GOOD[0])
        same_serial[0] = "ABC0000003"
        path = _write(tmp_path, [GOOD[0], again, same_serial])
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("roll", "import", str(path), stdout=StringIO(), stderr=err)
        assert err.getvalue().splitlines() == [
            "line 3: epic: ABC0000001 is repeated in the file",
            "line 4: serial_no: serial 1 is repeated in part 1",
        ]
        assert Elector.objects.count() == 0

    def test_rejects_file_keeps_valid_rows(self, geo: Geo, tmp_path: Path) -> None:
        _run("import", str(_write(tmp_path, [GOOD[2]], "first.csv")))
        bad = list(GOOD[1])
        bad[5], bad[6] = "", ""
        rejects = tmp_path / "rejects.csv"
        summary = _run(
            "import", str(_write(tmp_path, [GOOD[0], bad, GOOD[2]])), "--rejects", str(rejects)
        )
        assert (summary["imported"], summary["rejected"]) == (1, 2)
        rows = list(csv.DictReader(rejects.open(encoding="utf-8")))
        assert [(r["line"], r["epic"], r["reason"]) for r in rows] == [
            ("3", "ABC0000002", "age: give the date of birth or the age"),
            ("4", "1234567890", "epic: 1234567890 is already on the roll"),
        ]
        assert sorted(Elector.objects.values_list("key", flat=True)) == ["1234567890", "ABC0000001"]

    def test_parquet_round_trip_through_export(self, geo: Geo, tmp_path: Path) -> None:
        _run("import", str(_write(tmp_path, GOOD)))
        out = tmp_path / "ac390.parquet"
        assert _run("export", "--ac", "390", "--format", "parquet", "--out", str(out)) == {
            "file": str(out),
            "electors": 2,
        }
        Elector.objects.all().delete()
        summary = _run("import", str(out))
        assert (summary["rows"], summary["imported"]) == (2, 2)
        assert Elector.objects.get(key="ABC0000002").relation == "husband"
        csv_out = tmp_path / "ac390.csv"
        _run("export", "--ac", "390", "--out", str(csv_out))
        lines = csv_out.read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(COLUMNS) and len(lines) == 3
        assert lines[1].startswith("ABC0000001,राम कुमार,श्याम लाल,F,M,1980-01-02,")
