"""Pieces every app's API shares: the error responses and the page envelope."""

from __future__ import annotations

from typing import Any

from nirvachan.core.schemas import ErrorOut

# `response={200: XOut, **ERRORS}` documents the error body of every 4xx in the OpenAPI schema.
ERRORS: dict[int, type[ErrorOut]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def page_out(page: Any, items: list[Any]) -> dict[str, Any]:
    """The envelope of a paginated list: {"count", "page", "pages", "items"}."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }
