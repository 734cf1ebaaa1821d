from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English unless a test asks for another language (a request in
    an earlier test may leave its language active in this thread)."""
    with translation.override("en"):
        yield
