"""The finance rows of the access matrix on their own (tests/core/test_access.py runs them with
every other app's rows as well)."""

from __future__ import annotations

import json

import pytest

from nirvachan.core.roles import Role
from tests.core.test_access import ANON, OTHER, OWN, _body, _client, _fill, _objects
from tests.factories import Geo
from tests.finance import access


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANON, *Role.values])
@pytest.mark.parametrize("target", [OWN, OTHER])
def test_finance_endpoints_and_pages(role: str, target: str, geo: Geo) -> None:
    client = _client(role, geo)
    objs = _objects(geo)
    failures = []
    for (method, template), expect in access.API.items():
        path = _fill(template, objs, target)
        body = _body(method, template, path, target, geo, objs)
        response = client.generic(
            method, path, json.dumps(body) if body else "", content_type="application/json"
        )
        if response.status_code != expect(role, target):
            failures.append(f"{method} {path}: {response.status_code} != {expect(role, target)}")
        if response.status_code >= 400:
            data = response.json()
            assert set(data) == {"code", "message", "details"} and data["message"], data
    for (method, template), expect in access.PAGES.items():
        path = "/" + _fill(template, objs, target)
        response = client.generic(
            method, path, "", content_type="application/x-www-form-urlencoded"
        )
        if response.status_code != expect(role, target):
            failures.append(f"{method} {path}: {response.status_code} != {expect(role, target)}")
    assert failures == []
