"""Navigation entries of the results app for the base layout, by role."""

from __future__ import annotations

from typing import Any


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key) entries the user may see."""
    return []
