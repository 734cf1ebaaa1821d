"""Fixtures shared by the roll's import tests."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.roll import bulkload


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The row counts of the fast path's writes that the database took."""
    seen: list[int] = []
    original = bulkload.FastLoader._write

    def spy(self: bulkload.FastLoader, prepared: Any, *args: Any) -> None:
        original(self, prepared, *args)
        seen.append(prepared.rows)

    monkeypatch.setattr(bulkload.FastLoader, "_write", spy)
    return seen
