"""Access matrix entries of the station app, merged into tests/core/test_access.py.

`POST /api/v1/turnout` is public: a station posts without a login and the body is authenticated
by its signature with the station's current key. Without a valid signature every caller, logged
in or not, gets 403 (`station_no_key` here: the matrix body names no commissioned station;
`bad_signature` when the key exists but the signature does not match — tests/station/test_central).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def signature_required(role: str, target: str) -> int:
    return 403


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("POST", "/api/v1/turnout"): signature_required,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {}

BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/turnout"): lambda t, o: {
        "election": "no-such-election",
        "station": 1,
        "reports": [{"at": "2019-05-19T09:00:00+05:30", "voters": 10}],
        "signature": "00" * 64,
    },
}
