"""API of the public Form 6/7/8 submissions and the duplicate review (roll.api_applications)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.roll import services
from nirvachan.roll.models import Application, DuplicatePair
from tests.factories import Geo, user
from tests.roll import apply_api_urls
from tests.roll.factories import Roll, elector, make_roll, part


@pytest.fixture(autouse=True)
def _urls() -> Iterator[None]:
    if apply_api_urls.mounted():
        yield
    else:
        with override_settings(ROOT_URLCONF="tests.roll.apply_api_urls"):
            yield


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _form6(roll: Roll, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "constituency": roll.up_ac.code,
        "part": 1,
        "applicant": "9876543210",
        "name": "सुनीता देवी",
        "relative_name": "राम कुमार",
        "relation": "father",
        "gender": "female",
        "dob": "2000-03-01",
        "citizen": True,
        "resident": True,
    }
    body.update(over)
    return body


@pytest.mark.django_db
class TestForm6:
    def test_created_with_qualifying_date(self, roll: Roll) -> None:
        response = _post(Client(), "/api/v1/roll/applications/form6", _form6(roll))
        assert response.status_code == 201
        app = Application.objects.get()
        assert response.json() == {
            "id": app.pk,
            "form": "6",
            "status": "submitted",
            "constituency": roll.up_ac.code,
            "qualifying_date": app.qualifying_date.isoformat(),
            "notice_date": None,
            "hearing_date": None,
        }
        assert app.part == roll.u1

    @pytest.mark.parametrize(
        ("over", "status", "code", "field"),
        [
            ({"citizen": False}, 422, "not_eligible", "citizen"),
            ({"dob": "2020-01-01"}, 422, "not_eligible", "dob"),
            ({"constituency": "IN-UP-AC-999"}, 422, "validation_error", "constituency"),
            ({"part": 7}, 422, "validation_error", "part"),
            ({"relation": "cousin"}, 422, "validation_error", "relation"),
        ],
    )
    def test_refusals_name_the_field(
        self, roll: Roll, over: dict[str, Any], status: int, code: str, field: str
    ) -> None:
        response = _post(Client(), "/api/v1/roll/applications/form6", _form6(roll, **over))
        data = response.json()
        assert (response.status_code, data["code"], data["details"]["field"]) == (
            status,
            code,
            field,
        )
        assert Application.objects.count() == 0

    def test_malformed_body_is_422(self, roll: Roll) -> None:
        response = _post(Client(), "/api/v1/roll/applications/form6", {"name": "x"})
        assert response.status_code == 422 and response.json()["code"] == "validation_error"


@pytest.mark.django_db
class TestForm7:
    def test_notice_hearing_limit_and_burst(self, roll: Roll) -> None:
        objectors = [elector(roll.u1, f"ABC00001{i:02d}", name="Objector") for i in range(3)]
        targets = [elector(roll.u1, f"ABC00002{i:02d}") for i in range(11)]
        client = Client()
        today = timezone.localdate()
        first = _post(
            client,
            "/api/v1/roll/applications/form7",
            {"epic": targets[0].key, "applicant": objectors[0].key, "reason": "Dead"},
        )
        assert first.status_code == 201
        assert (first.json()["notice_date"], first.json()["hearing_date"]) == (
            today.isoformat(),
            (today + dt.timedelta(days=7)).isoformat(),
        )
        for t in targets[1:5]:
            body = {"epic": t.key, "applicant": objectors[0].key, "reason": "Dead"}
            assert _post(client, "/api/v1/roll/applications/form7", body).status_code == 201
        body = {"epic": targets[5].key, "applicant": objectors[0].key, "reason": "Dead"}
        refused = _post(client, "/api/v1/roll/applications/form7", body)
        assert (refused.status_code, refused.json()["code"]) == (429, "limit_reached")
        assert Application.objects.count() == 5
        for i, t in enumerate(targets[5:10]):
            body = {"epic": t.key, "applicant": objectors[1 + i // 3].key, "reason": "Shifted"}
            assert _post(client, "/api/v1/roll/applications/form7", body).status_code == 201
        assert Application.objects.filter(burst_flag=True).count() == 10
        assert AuditEvent.objects.filter(event_type="roll.deletion_burst").count() == 1

    def test_objector_from_elsewhere_is_refused(self, roll: Roll) -> None:
        target = elector(roll.u1, "ABC0000001")
        outsider = elector(roll.g1, "5100000001")
        response = _post(
            Client(),
            "/api/v1/roll/applications/form7",
            {"epic": target.key, "applicant": outsider.key, "reason": "Dead"},
        )
        assert (response.status_code, response.json()["details"]["field"]) == (422, "applicant")
        assert Application.objects.count() == 0


@pytest.mark.django_db
class TestForm8:
    def test_correction_and_shift(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC0000001")
        target = part(roll.gopalganj_ac, 2, "Tungipara")
        response = _post(
            Client(),
            "/api/v1/roll/applications/form8",
            {
                "epic": e.key,
                "applicant": "98",
                "changes": {"address": "Tungipara"},
                "shift": {"constituency": roll.gopalganj_ac.code, "part": 2},
            },
        )
        assert response.status_code == 201
        assert Application.objects.get().changes == {"address": "Tungipara", "part": target.pk}

    def test_unknown_field_and_unknown_entry(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC0000001")
        bad = _post(
            Client(),
            "/api/v1/roll/applications/form8",
            {"epic": e.key, "applicant": "98", "changes": {"epic": "ABC0000002"}},
        )
        assert (bad.status_code, bad.json()["details"]["field"]) == (422, "changes")
        missing = _post(
            Client(),
            "/api/v1/roll/applications/form8",
            {"epic": "ABC0000099", "applicant": "98", "changes": {"name": "X"}},
        )
        assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
        assert Application.objects.count() == 0


@pytest.mark.django_db
def test_submissions_are_rate_limited(roll: Roll) -> None:
    client = Client()
    with override_settings(ROLL_RATE_LIMITS={"apply": (1, 3600)}):
        assert _post(client, "/api/v1/roll/applications/form6", _form6(roll)).status_code == 201
        response = _post(client, "/api/v1/roll/applications/form6", _form6(roll))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


@pytest.mark.django_db
def test_duplicate_review_api(roll: Roll, geo: Geo) -> None:
    a = elector(roll.g1, "5100000001")
    b = elector(roll.g1, "5100000002")
    ero = user("ero", Role.RETURNING_OFFICER, geo.gopalganj)
    rows = services.pairs_parse(f"epic_a,epic_b,match_probability\n{a.key},{b.key},0.98\n".encode())
    services.duplicate_pairs_load(actor=ero, rows=rows)
    pair = DuplicatePair.objects.get()
    assert Client().get("/api/v1/roll/duplicates").status_code == 401
    client = Client()
    client.force_login(ero)
    listing = client.get("/api/v1/roll/duplicates").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert (item["earlier"]["epic"], item["later"]["epic"], item["probability"]) == (
        a.key,
        b.key,
        0.98,
    )
    viewer = Client()
    viewer.force_login(user("pro", Role.PRESIDING_OFFICER, geo.gopalganj))
    url = f"/api/v1/roll/duplicates/{pair.pk}/decide"
    assert _post(viewer, url, {"same": True}).status_code == 403
    decided = _post(client, url, {"same": True})
    assert decided.status_code == 200
    assert decided.json()["verdict"] == "same" and decided.json()["notice"] is not None
    assert _post(client, url, {"same": False}).status_code == 409
    assert client.get("/api/v1/roll/duplicates").json()["count"] == 0
    assert client.get("/api/v1/roll/duplicates?verdict=same").json()["count"] == 1
