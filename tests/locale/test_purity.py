"""The package is pure: no Django, small modules, frozen dataclasses, a complete __all__."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import nirvachan.locale as loc

PACKAGE = Path(loc.__file__).resolve().parent


def test_import_does_not_pull_in_django_or_babel() -> None:
    code = (
        "import sys, nirvachan.locale as l\n"
        "l.name_key('Gopalganj'); l.to_words(5, 'bn'); l.parse_date('14 June 2022')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('django', 'babel', 'convertdate', 'icu'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_sources_never_mention_django() -> None:
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
        assert len(text.splitlines()) < 500, path


def test_public_api() -> None:
    for name in loc.__all__:
        assert hasattr(loc, name), name
    for name in (
        "LocaleError", "to_native_digits", "format_number", "parse_number", "to_words",
        "from_words", "BanglaDate", "bangla_date", "gregorian_from_bangla",
        "format_bangla_date", "parse_bangla_date", "saka_date", "format_saka_date",
        "parse_date", "format_date", "MemoNumber", "parse_memo_number", "normalise", "name_key",
    ):  # fmt: skip
        assert name in loc.__all__, name
    assert issubclass(loc.LocaleError, ValueError)
    err = loc.LocaleError("x", code="empty", position=3, field="day")
    assert (err.code, err.position, err.field) == ("empty", 3, "day")


def test_dataclasses_are_frozen() -> None:
    for cls in (loc.BanglaDate, loc.SakaDate, loc.MemoNumber):
        assert dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
