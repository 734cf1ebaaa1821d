"""Access matrix entries of the results app, merged into tests/core/test_access.py.

Every role holder sits in Gopalganj district (OWN); OTHER is the Kishoreganj contest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nirvachan.core.roles import CAPABILITIES, Capability

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEWERS = {role for role, caps in CAPABILITIES.items() if Capability.ELECTION_VIEW in caps}
MANAGERS = {role for role, caps in CAPABILITIES.items() if Capability.RESULTS_MANAGE in caps}


def public(role: str, target: str) -> int:
    return 200


def manage(role: str, target: str) -> int:
    if role == ANON:
        return 401
    if role not in VIEWERS or target == OTHER:
        return 404
    return 200 if role in MANAGERS else 403


def approve(role: str, target: str) -> int:
    status = manage(role, target)
    return 409 if status == 200 else status  # no station in round 2 of the matrix contest


_C = "/api/v1/results/contests/{rs_contest}"
API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/results/{rs_code}"): public,
    ("GET", "/api/v1/results/{rs_code}/contests/{rs_contest}"): public,
    ("POST", _C + "/plan"): manage,
    ("POST", _C + "/stations"): manage,
    ("POST", _C + "/rounds/{rs_round}/approve"): approve,
    ("POST", _C + "/rounds/{rs_round}/publish"): lambda r, t: 409 if approve(r, t) == 409
    else approve(r, t),
}  # fmt: skip
_P = "results/<slug:rs_code>/"
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "results/"): public,
    ("GET", _P): public,
    ("GET", _P + "results.csv"): public,
    ("GET", _P + "results.json"): public,
    ("GET", _P + "nist-1500-100.json"): public,
    ("GET", _P + "contests/<int:rs_contest>/"): public,
    ("GET", _P + "contests/<int:rs_contest>/form20.pdf"): public,
}


def _station_body(target: str, objs: dict[str, Any]) -> dict[str, Any]:
    return {"number": 1, "round": 1, "counts": {objs["rs_candidate"][target]: 10, "NOTA": 1}}


BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", _C + "/plan"): lambda t, o: {"tables": 2, "rounds": 2},
    ("POST", _C + "/stations"): _station_body,
}


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    from tests.results.factories import make_count

    cnt = make_count(geo)
    other_candidate = cnt.other.nominations.order_by("pk").first()
    assert other_candidate is not None
    return {
        "rs_code": {OWN: cnt.election.code, OTHER: cnt.election.code},
        "rs_contest": {OWN: cnt.own.pk, OTHER: cnt.other.pk},
        "rs_round": {OWN: 2, OTHER: 2},
        "rs_candidate": {OWN: str(cnt.a.pk), OTHER: str(other_candidate.pk)},
    }
