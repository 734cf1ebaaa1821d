"""Access matrix entries of the elections app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "elections/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean.

Schedules, contests and ballots are public. Nomination pages: holders of election.view see the
contests run from their unit (others 404); only nomination.manage may change them (403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nirvachan.core.roles import Role
from nirvachan.elections import services
from tests.factories import Geo

ANON, OWN = "anonymous", "own"
ELECTION_VIEWERS = {
    Role.COMMISSION_ADMIN,
    Role.RETURNING_OFFICER,
    Role.ASSISTANT_RETURNING_OFFICER,
    Role.PRESIDING_OFFICER,
    Role.POLLING_OFFICER,
    Role.OBSERVER,
}
NOMINATION_MANAGERS = {
    Role.COMMISSION_ADMIN,
    Role.RETURNING_OFFICER,
    Role.ASSISTANT_RETURNING_OFFICER,
}


def public(role: str, target: str) -> int:
    return 200


def view(role: str, target: str) -> int:
    if role == ANON:
        return 302
    return 200 if role in ELECTION_VIEWERS and target == OWN else 404


def change(ok: int) -> Callable[[str, str], int]:
    def expect(role: str, target: str) -> int:
        if role == ANON:
            return 302
        if role not in ELECTION_VIEWERS or target != OWN:
            return 404
        return ok if role in NOMINATION_MANAGERS else 403

    return expect


_C = "elections/<slug:election_code>/contests/<int:contest_id>/"
API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/elections"): public,
    ("GET", "/api/v1/elections/{election_code}"): public,
    ("GET", "/api/v1/elections/{election_code}/phases"): public,
    ("GET", "/api/v1/elections/{election_code}/contests"): public,
    ("GET", "/api/v1/elections/{election_code}/contests/{contest_id}/ballot"): public,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "elections/"): public,
    ("GET", "elections/officer/"): lambda role, target: 302 if role == ANON else 200,
    ("GET", "elections/<slug:election_code>/"): public,
    ("GET", _C): public,
    ("GET", _C + "ballot.pdf"): public,
    ("GET", _C + "nominations/"): view,
    ("POST", _C + "nominations/"): change(422),  # empty form
    ("POST", _C + "nominations/<int:nomination_id>/scrutiny/"): change(422),  # no decision
    ("POST", _C + "nominations/<int:nomination_id>/withdraw/"): change(409),  # not accepted
    ("POST", _C + "final-list/"): change(409),  # a nomination awaits scrutiny
}


def objects(geo: Geo) -> dict[str, dict[str, Any]]:
    from tests.elections.factories import zila_parishad

    zp = zila_parishad(geo)
    own = services.nomination_file(contest=zp.chairman, name_bn="আবদুল করিম")
    other = services.nomination_file(contest=zp.other_district, name_bn="জসিম উদ্দিন")
    return {
        "election_code": {"own": zp.election.code, "other": zp.election.code},
        "contest_id": {"own": zp.chairman.pk, "other": zp.other_district.pk},
        "nomination_id": {"own": own.pk, "other": other.pk},
    }
