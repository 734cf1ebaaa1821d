"""Model fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db import models


class CodeField(models.CharField):  # type: ignore[type-arg]
    """A code or search key compared byte by byte (EPIC and NID numbers, name keys).

    On PostgreSQL the column takes the "C" collation: equality and prefix ranges mean the same
    as on SQLite (whose default BINARY collation is already byte order), and its indexes build
    and compare with memcmp instead of the locale's rules. Other databases keep their default.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().db_parameters(connection)
        if connection.vendor == "postgresql" and not self.db_collation:
            params["collation"] = "C"
        return params
