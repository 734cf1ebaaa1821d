from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from nirvachan import __version__
from nirvachan.core.models import AuditEvent, Office
from nirvachan.core.roles import Role
from tests.factories import Geo, user


def _json(client: Client, method: str, path: str, body: Any = None, **extra: Any) -> Any:
    return client.generic(
        method,
        path,
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        **extra,
    )


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


@pytest.mark.django_db
def test_health_names_the_database_and_version() -> None:
    response = Client().get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "postgresql" if connection.vendor == "postgresql" else "sqlite",
        "version": __version__,
    }


@pytest.mark.django_db
def test_openapi_docs_are_served_without_a_cdn() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/health" in schema["paths"]


@pytest.mark.django_db
class TestErrors:
    def test_validation_error_names_the_field(self, ro: Client) -> None:
        response = ro.get("/api/v1/units?page=abc")
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "validation_error"
        assert body["details"]["errors"][0]["field"] == "page"
        assert "page" in body["message"]

    def test_unknown_unit_is_404_with_message(self) -> None:
        response = Client().get("/api/v1/units/XX-NOPE")
        assert response.status_code == 404
        assert response.json() == {
            "code": "not_found",
            "message": "No administrative unit has the code XX-NOPE.",
            "details": {"code": "XX-NOPE"},
        }

    def test_messages_follow_the_language(self) -> None:
        response = Client().get("/api/v1/units/XX-NOPE", HTTP_ACCEPT_LANGUAGE="bn")
        assert response.json()["message"] == "XX-NOPE কোডের কোনো প্রশাসনিক একক নেই।"
        response = Client().get("/api/v1/units/XX-NOPE", HTTP_ACCEPT_LANGUAGE="hi")
        assert response.json()["message"] == "XX-NOPE कोड की कोई प्रशासनिक इकाई नहीं है।"

    def test_anonymous_gets_401(self) -> None:
        response = Client().get("/api/v1/offices")
        assert response.status_code == 401 and response.json()["code"] == "not_authenticated"

    def test_malformed_json_is_a_4xx(self, ro: Client) -> None:
        response = ro.generic(
            "POST", "/api/v1/offices", "{not json", content_type="application/json"
        )
        assert 400 <= response.status_code < 500
        assert set(response.json()) == {"code", "message", "details"}


@pytest.mark.django_db
class TestOffices:
    def test_create_records_an_audit_event(self, ro: Client, geo: Geo) -> None:
        body = {
            "code": "eo-kot",
            "kind": "upazila",
            "unit": "BD-UPZ-388",
            "name_en": "Upazila Election Office, Kotalipara",
            "name_bn": "উপজেলা নির্বাচন অফিস, কোটালীপাড়া",
        }
        response = _json(ro, "POST", "/api/v1/offices", body)
        assert response.status_code == 201, response.content
        data = response.json()
        assert (data["code"], data["unit"], data["name_bn"]) == (
            "EO-KOT",
            "BD-UPZ-388",
            body["name_bn"],
        )
        event = AuditEvent.objects.get(event_type="office.created")
        assert (event.actor_name, event.actor_role, event.object_id) == (
            "ro",
            "returning_officer",
            str(data["id"]),
        )

    def test_duplicate_code_is_409_and_nothing_written(self, ro: Client, geo: Geo) -> None:
        before = (Office.objects.count(), AuditEvent.objects.count())
        body = {"code": "EO-GOP", "kind": "district", "unit": "BD-DIS-51", "name_en": "Again"}
        response = _json(ro, "POST", "/api/v1/offices", body)
        assert response.status_code == 409
        assert response.json()["details"] == {"field": "code"}
        assert (Office.objects.count(), AuditEvent.objects.count()) == before

    def test_unknown_kind_is_422(self, ro: Client, geo: Geo) -> None:
        body = {"code": "X1", "kind": "palace", "unit": "BD-DIS-51", "name_en": "X"}
        response = _json(ro, "POST", "/api/v1/offices", body)
        assert response.status_code == 422 and response.json()["details"] == {"field": "kind"}
        assert not Office.objects.filter(code="X1").exists()

    def test_create_outside_scope_is_403_and_nothing_written(self, ro: Client, geo: Geo) -> None:
        body = {"code": "X2", "kind": "district", "unit": "BD-DIS-45", "name_en": "X"}
        response = _json(ro, "POST", "/api/v1/offices", body)
        assert response.status_code == 403 and response.json()["code"] == "out_of_scope"
        assert not Office.objects.filter(code="X2").exists()

    def test_update_changes_and_audits_the_difference(self, ro: Client, geo: Geo) -> None:
        office = geo.gopalganj_office
        response = _json(ro, "PATCH", f"/api/v1/offices/{office.pk}", {"phone": "02-6685"})
        assert response.status_code == 200 and response.json()["phone"] == "02-6685"
        event = AuditEvent.objects.get(event_type="office.updated")
        assert event.summary_data == {"changes": {"phone": ["", "02-6685"]}}

    def test_list_is_paginated(self, ro: Client, geo: Geo) -> None:
        for i in range(3):
            Office.objects.create(
                code=f"P{i}", kind="upazila", unit=geo.kotalipara, name_en=f"P{i}"
            )
        data = ro.get("/api/v1/offices?size=2&page=2").json()
        assert (data["count"], data["page"], data["pages"], len(data["items"])) == (4, 2, 2, 2)

    def test_search_finds_bengali_names(self, ro: Client, geo: Geo) -> None:
        data = ro.get("/api/v1/offices", {"q": "গোপালগঞ্জ"}).json()
        assert [o["code"] for o in data["items"]] == ["EO-GOP"]


@pytest.mark.django_db
def test_me_and_language(ro: Client) -> None:
    assert ro.get("/api/v1/me").json()["roles"] == ["returning_officer"]
    response = _json(ro, "PUT", "/api/v1/me/language", {"language": "hi"})
    assert response.status_code == 200 and response.json()["language"] == "hi"
    response = _json(ro, "PUT", "/api/v1/me/language", {"language": "fr"})
    assert response.status_code == 422


@pytest.mark.django_db
def test_units_tree_api(geo: Geo) -> None:
    data = Client().get("/api/v1/units", {"parent": "BD-DIS-51"}).json()
    assert sorted(u["code"] for u in data["items"]) == ["BD-UPZ-385", "BD-UPZ-388"]
    unit = Client().get("/api/v1/units/BD-UPZ-388", HTTP_ACCEPT_LANGUAGE="bn").json()
    assert (unit["parent"], unit["name"]) == ("BD-DIS-51", "কোটালীপাড়া")
