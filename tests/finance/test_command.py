from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from nirvachan.core.models import AuditEvent
from nirvachan.finance.models import AllocationOrder
from tests.factories import Geo
from tests.finance.factories import SEED, codes, seed_register, seed_text

pytestmark = pytest.mark.django_db
WORDS = "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা"


def _run(*args: str) -> tuple[int, dict[str, object], str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("finance", "import-order", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue()), err.getvalue()


def test_seed_002_imports(geo: Geo) -> None:
    codes()
    seed_register(geo)
    code, summary, err = _run(str(SEED), "--fiscal-year", "2021-22", "--economic-code", "3211120")
    assert code == 0
    assert (summary["lines"], summary["total"], summary["words"]) == (150, "624607", WORDS)
    assert summary["memo_number"] == "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১"
    assert "Rows 24 and 25 (serials 9 and 10) name the same office" in err
    assert AllocationOrder.objects.get().lines.count() == 150


def test_dry_run_writes_nothing(geo: Geo) -> None:
    codes()
    seed_register(geo)
    events = AuditEvent.objects.count()
    code, summary, _err = _run(str(SEED), "--dry-run")
    assert (code, summary["ok"], summary["total"]) == (0, True, "624607")
    assert AllocationOrder.objects.count() == 0 and AuditEvent.objects.count() == events


def test_differences_exit_non_zero(geo: Geo, tmp_path: Path) -> None:
    codes()
    seed_register(geo)
    bad = tmp_path / "bad.txt"
    text = seed_text().replace("\t\t\t৬২৪৬০৭", "\t\t\t৬২৪৬১৭").replace("ছয়শত সাত টাকা)", "সাত টাকা)")
    bad.write_text(text, encoding="utf-8")
    code, summary, err = _run(str(bad))
    assert code == 1 and summary["code"] == "table_mismatch"
    assert err.splitlines() == [
        "row 169: total: expected 624607, found 624617",
        f"row 171: words: expected {WORDS}, found ছয় লক্ষ চব্বিশ হাজার সাত টাকা",
    ]
    assert AllocationOrder.objects.count() == 0


def test_csv_with_an_unknown_office(geo: Geo, tmp_path: Path) -> None:
    codes()
    seed_register(geo)
    sheet = tmp_path / "order.csv"
    sheet.write_text(
        "serial,district,office,amount\n"
        '1,কিশোরগঞ্জ,"উপজেলা কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ",৪০০০\n'
        '2,কিশোরগঞ্জ,"উপজেলা কার্যালয়, বাজিতপুর, কিশোরগঞ্জ",১০০০\n',
        encoding="utf-8",
    )
    code, summary, err = _run(
        str(sheet), "--dry-run", "--fiscal-year", "2021-22", "--economic-code", "3211120"
    )
    assert code == 1 and summary["code"] == "unknown_office"
    assert err.startswith("row 3: unknown office উপজেলা কার্যালয়, বাজিতপুর, কিশোরগঞ্জ (")
