"""Every API endpoint and page, with every role, on the user's own unit's record and on another
unit's record: 200 where the role allows it, 401/302 for anonymous users, 403/404 otherwise.

Every role holder is placed in Gopalganj district (OWN); OTHER is Kishoreganj's record. Apps add
their rows in tests/<app>/access.py: API and PAGES dicts as here, and optionally
`objects(geo) -> {placeholder: {"own": value, "other": value}}` that creates the records the
paths name (e.g. {"order_id": {...}}), and `BODIES: {(method, template): body(target, objs)}`.
The test fails when a route exists that the matrix does not list, so new routes must be added.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nirvachan.api import api
from nirvachan.core.roles import CAPABILITIES, Capability, Role
from tests.factories import Geo, user

# Offices are seen by the holders of office.view and changed by those of office.change.
VIEWERS = {role for role, caps in CAPABILITIES.items() if Capability.OFFICE_VIEW in caps}
CHANGERS = {role for role, caps in CAPABILITIES.items() if Capability.OFFICE_CHANGE in caps}
ANON = "anonymous"
OWN, OTHER = "own", "other"


def office_view(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 200 if role in VIEWERS and target == OWN else 404


def office_change(role: str, target: str) -> int:
    if role == ANON:
        return 401
    if role not in VIEWERS or target == OTHER:
        return 404
    return 200 if role in CHANGERS else 403


def office_create(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 201 if role in CHANGERS and target == OWN else 403


def authenticated(ok: int) -> Callable[[str, str], int]:
    return lambda role, target: 401 if role == ANON else ok


def audit(role: str, target: str) -> int:
    return 401 if role == ANON else 403  # district-level holders never read the whole log


def public(role: str, target: str) -> int:
    return 200


def page(expect: Callable[[str, str], int]) -> Callable[[str, str], int]:
    """Pages send anonymous users to the login page instead of 401."""
    return lambda role, target: 302 if role == ANON else expect(role, target)


# (method, path template, body) -> expected status for (role, target)
API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/health"): public,
    ("GET", "/api/v1/me"): authenticated(200),
    ("PUT", "/api/v1/me/language"): authenticated(200),
    ("GET", "/api/v1/units"): public,
    ("GET", "/api/v1/units/{code}"): public,
    ("GET", "/api/v1/constituencies"): public,
    ("GET", "/api/v1/offices"): authenticated(200),
    ("GET", "/api/v1/offices/{office_id}"): office_view,
    ("POST", "/api/v1/offices"): office_create,
    ("PATCH", "/api/v1/offices/{office_id}"): office_change,
    ("GET", "/api/v1/audit/events"): audit,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", ""): public,
    ("GET", "login/"): public,
    ("GET", "dashboard/"): page(authenticated(200)),
    ("GET", "units/"): public,
    ("GET", "units/<str:code>/"): public,
    ("GET", "offices/"): page(authenticated(200)),
    ("GET", "offices/new/"): page(lambda r, t: 200 if r in CHANGERS else 403),
    ("GET", "offices/<int:office_id>/"): page(lambda r, t: office_view(r, t)),
    ("GET", "offices/<int:office_id>/edit/"): page(office_change),
    ("GET", "audit/"): page(audit),
    ("POST", "language/"): lambda role, target: 302,
    ("POST", "logout/"): lambda role, target: 302,  # last: it ends the session
}


APP_ACCESS = [
    importlib.import_module(f"tests.{app}.access")
    for app in ("elections", "finance", "meetings", "roll", "monitoring", "results", "station")
]
for _module in APP_ACCESS:
    API.update(_module.API)
    PAGES.update(_module.PAGES)
PAGES[("POST", "logout/")] = PAGES.pop(("POST", "logout/"))  # last: it ends the session


def _objects(geo: Geo) -> dict[str, dict[str, Any]]:
    objs: dict[str, dict[str, Any]] = {
        "office_id": {OWN: geo.gopalganj_office.pk, OTHER: geo.kishoreganj_office.pk},
        "code": {OWN: geo.gopalganj.code, OTHER: geo.kishoreganj.code},
    }
    for module in APP_ACCESS:
        if hasattr(module, "objects"):
            objs.update(module.objects(geo))
    return objs


def _client(role: str, geo: Geo) -> Client:
    client = Client()
    if role != ANON:
        client.force_login(user(f"u-{role}", role, geo.gopalganj))
    return client


def _fill(path: str, objs: dict[str, dict[str, Any]], target: str) -> str:
    def value(match: re.Match[str]) -> str:
        return str(objs[match.group(1)][target])

    path = re.sub(r"\{(\w+)\}", value, path)
    return re.sub(r"<(?:\w+:)?(\w+)>", value, path)


def _body(
    method: str, template: str, path: str, target: str, geo: Geo, objs: dict[str, Any]
) -> dict[str, Any] | None:
    for module in APP_ACCESS:
        maker = getattr(module, "BODIES", {}).get((method, template))
        if maker is not None:
            return maker(target, objs)  # type: ignore[no-any-return]
    unit = geo.gopalganj if target == OWN else geo.kishoreganj
    if path.endswith("/offices") and method == "POST":
        return {
            "code": f"NEW-{target}",
            "kind": "upazila",
            "unit": unit.code,
            "name_en": "New office",
        }
    if "/offices/" in path and method == "PATCH":
        return {"phone": "+880 2 0000000"}
    if path.endswith("/me/language"):
        return {"language": "bn"}
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANON, *Role.values])
@pytest.mark.parametrize("target", [OWN, OTHER])
def test_every_endpoint_and_page(role: str, target: str, geo: Geo) -> None:
    client = _client(role, geo)
    objs = _objects(geo)
    failures = []
    for (method, template), expect in API.items():
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
    for (method, template), expect in PAGES.items():
        path = "/" + _fill(template, objs, target)
        response = client.generic(
            method,
            path,
            "language=bn" if "language" in path else "",
            content_type="application/x-www-form-urlencoded",
        )
        if response.status_code != expect(role, target):
            failures.append(f"{method} {path}: {response.status_code} != {expect(role, target)}")
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COMMISSION_ADMIN, Role.OBSERVER])
def test_national_holders_read_the_whole_audit_log(role: str, geo: Geo) -> None:
    client = Client()
    client.force_login(user(f"n-{role}", role, geo.bd))
    assert client.get("/api/v1/audit/events").status_code == 200
    assert client.get("/audit/").status_code == 200
    # and see both districts' offices
    assert client.get(f"/api/v1/offices/{geo.kishoreganj_office.pk}").status_code == 200
    assert client.get(f"/api/v1/offices/{geo.up_office.pk}").status_code == 404  # other country


@pytest.mark.django_db
def test_office_list_shows_only_the_scope(geo: Geo) -> None:
    client = Client()
    client.force_login(user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj))
    data = client.get("/api/v1/offices").json()
    assert [o["code"] for o in data["items"]] == ["EO-GOP"]
    assert data["count"] == 1


def _routes() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.add((prefix, str(p.pattern)))

    walk(get_resolver().url_patterns, "")
    return found


def test_the_matrix_lists_every_route() -> None:
    schema = api.get_openapi_schema()
    api_routes = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    assert api_routes == set(API), "add new API routes to the access matrix"
    page_routes = {
        prefix + p for prefix, p in _routes() if not prefix.startswith(("api/", "admin/"))
    }
    assert page_routes == {template for _, template in PAGES}, "add new pages to the matrix"
