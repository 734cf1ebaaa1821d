"""Access matrix entries of the results app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "results/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean.
"""

from __future__ import annotations

from collections.abc import Callable

API: dict[tuple[str, str], Callable[[str, str], int]] = {}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {}
