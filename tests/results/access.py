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


def results_role(role: str, target: str) -> int:
    """Election-wide officer routes: any role that may enter results somewhere."""
    if role == ANON:
        return 401
    return 422 if role in MANAGERS else 403  # the matrix sends no package: 422


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
    ("POST", _C + "/postal"): manage,
    ("POST", _C + "/lot"): approve,  # no tie: 409
    ("POST", _C + "/vvpat"): approve,  # round 2 not approved: 409
    ("POST", _C + "/vvpat/{rs_draw}/checks"): lambda r, t: 404 if manage(r, t) == 200
    else manage(r, t),  # no draw yet
    ("POST", "/api/v1/results/packages"): results_role,
    ("POST", "/api/v1/results/packages/{rs_package}/resolve"): lambda r, t: 401 if r == ANON
    else 404,  # no such package (ids are per deployment); scope is tested in test_ingest
    ("GET", _C + "/reconciliation"): manage,
    ("POST", _C + "/sheets"): manage,
    ("POST", _C + "/sheets/{rs_centre}/resolve"): approve,  # no difference to resolve: 409
    ("POST", _C + "/rla"): manage,
}  # fmt: skip
_P = "results/<slug:rs_code>/"
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "results/"): public,
    ("GET", _P): public,
    ("GET", _P + "results.csv"): public,
    ("GET", _P + "results.json"): public,
    ("GET", _P + "nist-1500-100.json"): public,
    ("GET", _P + "packages/"): lambda r, t: 302 if r == ANON
    else 200 if results_role(r, t) == 422 else 403,
    ("POST", _P + "packages/"): lambda r, t: 302 if r == ANON else results_role(r, t),
    ("GET", _P + "contests/<int:rs_contest>/"): public,
    ("GET", _P + "contests/<int:rs_contest>/form20.pdf"): public,
    ("GET", _P + "contests/<int:rs_contest>/desk/"): lambda r, t: 302 if r == ANON
    else manage(r, t),
    ("POST", _P + "contests/<int:rs_contest>/desk/"): lambda r, t: 302 if r == ANON
    else 422 if manage(r, t) == 200 else manage(r, t),  # no action chosen
}  # fmt: skip


def _station_body(target: str, objs: dict[str, Any]) -> dict[str, Any]:
    return {"number": 1, "round": 1, "counts": {objs["rs_candidate"][target]: 10, "NOTA": 1}}


BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", _C + "/plan"): lambda t, o: {"tables": 2, "rounds": 2},
    ("POST", _C + "/stations"): _station_body,
    ("POST", _C + "/postal"): lambda t, o: {"counts": {o["rs_candidate"][t]: 3, "NOTA": 1}},
    ("POST", _C + "/lot"): lambda t, o: {"seed": "7"},
    ("POST", _C + "/vvpat"): lambda t, o: {"segment": "", "seed": "1" * 20},
    ("POST", _C + "/vvpat/{rs_draw}/checks"): lambda t, o: {"station": 1, "paper": {}},
    ("POST", _C + "/sheets"): lambda t, o: {"centre": 5, "round": 1,
                                            "counts": {o["rs_candidate"][t]: 4}},
    ("POST", _C + "/sheets/{rs_centre}/resolve"): lambda t, o: {"round": 1, "counts": {}},
    ("POST", _C + "/rla"): lambda t, o: {"risk_limit": 0.05, "ballots": [o["rs_candidate"][t]]},
    ("POST", "/api/v1/results/packages/{rs_package}/resolve"): lambda t, o: {"accept": False,
                                                                             "reason": "x"},
}  # fmt: skip


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    from tests.results.factories import make_count

    cnt = make_count(geo)
    other_candidate = cnt.other.nominations.order_by("pk").first()
    assert other_candidate is not None
    return {
        "rs_code": {OWN: cnt.election.code, OTHER: cnt.election.code},
        "rs_contest": {OWN: cnt.own.pk, OTHER: cnt.other.pk},
        "rs_round": {OWN: 2, OTHER: 2},
        "rs_draw": {OWN: 999999, OTHER: 999999},
        "rs_centre": {OWN: 5, OTHER: 5},
        "rs_package": {OWN: 999999, OTHER: 999999},
        "rs_candidate": {OWN: str(cnt.a.pk), OTHER: str(other_candidate.pk)},
    }
