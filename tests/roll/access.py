"""Access matrix entries of the roll app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "roll/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nirvachan.core.roles import CAPABILITIES, Capability
from nirvachan.roll import services
from nirvachan.roll.models import DuplicatePair
from tests.roll import apply_api_urls

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEWERS = {role for role, caps in CAPABILITIES.items() if Capability.ROLL_VIEW in caps}
MANAGERS = {role for role, caps in CAPABILITIES.items() if Capability.ROLL_MANAGE in caps}
VERIFIERS = {role for role, caps in CAPABILITIES.items() if Capability.ROLL_VERIFY in caps}


def public(role: str, target: str) -> int:
    return 200


def authenticated(role: str, target: str) -> int:
    return 401 if role == ANON else 200


def view(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 200 if role in VIEWERS and target == OWN else 404


def decide(role: str, target: str) -> int:
    if role == ANON:
        return 401
    if role not in VIEWERS or target == OTHER:
        return 404
    return 200 if role in MANAGERS else 403


def verify(role: str, target: str) -> int:
    if role == ANON:
        return 401
    if role not in VIEWERS or target == OTHER:
        return 404
    return 200 if role in VERIFIERS else 403


def page(expect: Callable[[str, str], int]) -> Callable[[str, str], int]:
    """Pages send anonymous users to the login page instead of 401."""
    return lambda role, target: 302 if role == ANON else expect(role, target)


def action(role: str, target: str) -> int:
    status = decide(role, target)
    return 422 if status == 200 else status  # an empty form: a rejection needs a reason


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/roll/electors/{epic}"): public,
    ("GET", "/api/v1/roll/search"): lambda role, target: 422,  # no name, no area
    ("POST", "/api/v1/sms/inbound"): public,
    ("GET", "/api/v1/roll/records/{epic}"): view,
    ("GET", "/api/v1/roll/parts"): authenticated,
    ("GET", "/api/v1/roll/parts/{part_id}/electors"): view,
    ("GET", "/api/v1/roll/applications"): authenticated,
    ("POST", "/api/v1/roll/applications/{application_id}/verify"): verify,
    ("POST", "/api/v1/roll/applications/{application_id}/decide"): decide,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "roll/find/"): public,
    ("GET", "roll/parts/"): page(authenticated),
    ("GET", "roll/parts/<int:part_id>/"): page(view),
    ("GET", "roll/parts/<int:part_id>/pdf/"): page(view),
    ("GET", "roll/electors/<str:epic>/"): page(view),
    ("GET", "roll/applications/"): page(authenticated),
    ("POST", "roll/applications/<int:application_id>/action/"): page(action),
    ("GET", "roll/applications/<int:application_id>/notice/"): page(view),
    ("GET", "roll/apply/"): public,
    ("GET", "roll/apply/form6/"): public,
    ("GET", "roll/apply/form7/"): public,
    ("GET", "roll/apply/form8/"): public,
    ("GET", "roll/duplicates/"): page(authenticated),
    # an empty upload: 422 for a registration officer, 403 for every other role
    ("POST", "roll/duplicates/load/"): page(lambda role, target: 422 if role in MANAGERS else 403),
    ("POST", "roll/duplicates/<int:pair_id>/decide/"): page(action),  # no verdict: 422
}

# roll.api_applications' routes, listed once nirvachan/api.py mounts its router (until then
# tests/roll/test_api_applications.py reaches them through tests/roll/apply_api_urls.py).
APPLICATION_API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("POST", "/api/v1/roll/applications/form6"): lambda role, target: 422,  # empty body
    ("POST", "/api/v1/roll/applications/form7"): lambda role, target: 422,
    ("POST", "/api/v1/roll/applications/form8"): lambda role, target: 422,
    ("GET", "/api/v1/roll/duplicates"): authenticated,
    ("POST", "/api/v1/roll/duplicates/{pair_id}/decide"): decide,
}
if apply_api_urls.mounted():
    API.update(APPLICATION_API)

BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/roll/applications/{application_id}/verify"): lambda t, o: {
        "report": "Seen at home"
    },
    ("POST", "/api/v1/roll/applications/{application_id}/decide"): lambda t, o: {
        "accept": False,
        "reason": "Alive",
    },
    ("POST", "/api/v1/roll/duplicates/{pair_id}/decide"): lambda t, o: {"same": False},
}


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    from tests.roll.factories import elector, make_roll

    roll = make_roll(geo)
    own = elector(roll.g1, "5100000001")
    other = elector(roll.k1, "4500000001")
    own_app = services.deletion_submit(elector=own, applicant_ref="matrix", reason="Dead")
    other_app = services.deletion_submit(elector=other, applicant_ref="matrix", reason="Dead")
    own_twin = elector(roll.g1, "5100000002")
    other_twin = elector(roll.k1, "4500000002")
    services.duplicate_pairs_load(
        actor=None,
        rows=services.pairs_parse(
            f"epic_a,epic_b,match_probability\n{own.key},{own_twin.key},0.99\n"
            f"{other.key},{other_twin.key},0.99\n".encode()
        ),
    )
    pairs = {p.second_id: p.pk for p in DuplicatePair.objects.all()}
    return {
        "pair_id": {OWN: pairs[own_twin.pk], OTHER: pairs[other_twin.pk]},
        "epic": {OWN: own.key, OTHER: other.key},
        "part_id": {OWN: roll.g1.pk, OTHER: roll.k1.pk},
        "application_id": {OWN: own_app.pk, OTHER: other_app.pk},
    }
