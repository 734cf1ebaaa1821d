"""Test data for nirvachan.locale: the shared vectors (a copy lives beside the tests)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_COPY = _HERE / "locale-vectors.json"
_SHARED = Path(__file__).resolve().parents[3] / "shared" / "locale-vectors.json"


@cache
def vectors() -> dict[str, Any]:
    """The vectors, preferring the copy in tests/locale over ../shared."""
    path = _COPY if _COPY.exists() else _SHARED
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
