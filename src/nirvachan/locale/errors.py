"""The single exception type of :mod:`nirvachan.locale`."""

from __future__ import annotations

__all__ = ["LocaleError"]


class LocaleError(ValueError):
    """Raised for every refusal in :mod:`nirvachan.locale`.

    ``code`` is a short snake_case reason (``"empty"``, ``"mixed_scripts"``,
    ``"invalid_date"``, ``"negative"``, ``"unknown_word"`` …) that a UI layer can
    translate; ``text`` is the offending input, ``position`` the 1-based character
    position inside it (when one applies) and ``field`` the part that was wrong
    (``"day"``, ``"month"``, ``"grouping"`` …).
    """

    code: str
    text: str | None
    position: int | None
    field: str | None

    def __init__(
        self,
        message: str,
        *,
        code: str,
        text: str | None = None,
        position: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.text = text
        self.position = position
        self.field = field
