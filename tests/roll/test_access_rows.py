"""The roll app's rows of the access matrix on their own (tests/core/test_access.py runs them
together with every other app's)."""

from __future__ import annotations

import json

import pytest

from nirvachan.core.roles import Role
from tests.core.test_access import ANON, OTHER, OWN, _client, _fill
from tests.factories import Geo
from tests.roll import access


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANON, *Role.values])
@pytest.mark.parametrize("target", [OWN, OTHER])
def test_roll_rows(role: str, target: str, geo: Geo) -> None:
    client = _client(role, geo)
    objs = access.objects(geo)
    failures = []
    for (method, template), expect in access.API.items():
        path = _fill(template, objs, target)
        maker = access.BODIES.get((method, template))
        body = maker(target, objs) if maker else None
        response = client.generic(
            method, path, json.dumps(body) if body else "", content_type="application/json"
        )
        if response.status_code != expect(role, target):
            failures.append(f"{method} {path}: {response.status_code} != {expect(role, target)}")
    for (method, template), expect in access.PAGES.items():
        path = "/" + _fill(template, objs, target)
        response = client.generic(
            method, path, "", content_type="application/x-www-form-urlencoded"
        )
        if response.status_code != expect(role, target):
            failures.append(f"{method} {path}: {response.status_code} != {expect(role, target)}")
    assert failures == []
