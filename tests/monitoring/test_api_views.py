"""API, pages, command and demo of the monitoring app."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.monitoring.models import Body, Circular, Incident, Obligation, Report
from tests.factories import Geo, user
from tests.monitoring.factories import SEED, election, team


def _post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


@pytest.mark.django_db
class TestApi:
    def test_form_a_body_and_list_its_obligations(self, geo: Geo, ro: Client) -> None:
        election()
        created = _post(
            ro,
            "/api/v1/monitoring/bodies",
            {
                "election": "zp2022-gop",
                "unit": "BD-UPZ-388",
                "kind": "team",
                "name": "Team 1",
                "formed_on": "2022-09-20",
                "members": [{"name": "Md. Karim", "is_leader": True}],
            },
        )
        assert created.status_code == 201, created.json()
        body_id = created.json()["id"]
        assert created.json()["members"][0]["is_leader"] is True
        listed = ro.get(f"/api/v1/monitoring/obligations?election=zp2022-gop&body={body_id}")
        items = listed.json()["items"]
        assert [(i["code"], i["due_on"], i["status"]) for i in items][:2] == [
            ("weekly", "2022-09-27", "missing"),
            ("weekly", "2022-10-04", "missing"),
        ]
        assert len(items) == 7 and all(i["escalated"] for i in items)
        report = _post(
            ro, f"/api/v1/monitoring/obligations/{items[0]['id']}/report", {"situation": "Calm"}
        )
        assert report.status_code == 201 and report.json()["late"] is True

    def test_bad_kind_is_422_and_nothing_written(self, geo: Geo, ro: Client) -> None:
        election()
        response = _post(
            ro,
            "/api/v1/monitoring/bodies",
            {"election": "zp2022-gop", "unit": "BD-DIS-51", "kind": "x", "name": "T",
             "formed_on": "2022-09-20"},
        )  # fmt: skip
        assert response.status_code == 422
        assert response.json()["code"] == "monitoring_validation"
        assert Body.objects.count() == 0

    def test_citizen_reports_and_follows(self, geo: Geo) -> None:
        election()
        client = Client()
        created = _post(
            client,
            "/api/v1/monitoring/incidents",
            {"election": "zp2022-gop", "unit": "BD-UPZ-388", "kind": "money",
             "description": "Cash", "occurred_at": "2022-10-10T10:00:00+06:00",
             "contact_name": "Rahima"},
        )  # fmt: skip
        assert created.status_code == 201
        code = created.json()["follow_code"]
        followed = client.get(f"/api/v1/monitoring/incidents/follow/{code}")
        assert followed.json()["status"] == "reported"
        assert client.get("/api/v1/monitoring/incidents/follow/NOPE").status_code == 404

    def test_incident_move_and_dashboard(self, geo: Geo, ro: Client) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        created = _post(
            ro,
            "/api/v1/monitoring/incidents",
            {"election": "zp2022-gop", "unit": "BD-UPZ-388", "kind": "violence",
             "description": "Clash", "occurred_at": "2022-10-10T10:00:00+06:00"},
        )  # fmt: skip
        assert created.status_code == 201 and created.json()["follow_code"]
        iid = created.json()["id"]
        moved = _post(
            ro,
            f"/api/v1/monitoring/incidents/{iid}/move",
            {"status": "assigned", "team": body.pk},
        )
        assert moved.json()["status"] == "assigned" and moved.json()["team"] == body.pk
        bad = _post(ro, f"/api/v1/monitoring/incidents/{iid}/move", {"status": "closed"})
        assert bad.status_code == 409
        assert Incident.objects.get(pk=iid).status == "assigned"
        dash = ro.get("/api/v1/monitoring/dashboard").json()
        assert dash["level"] == "district" and dash["election"] == "zp2022-gop"
        assert dash["incidents_open"] == 1
        assert dash["bodies"][0]["missing"] == 7


@pytest.mark.django_db
class TestPages:
    @pytest.mark.parametrize("lang", ["bn", "hi", "en"])
    def test_dashboard_and_body_pages(self, geo: Geo, ro: Client, lang: str) -> None:
        body = team(election(), geo.kotalipara)
        ro.cookies["nirvachan_language"] = lang
        assert ro.get("/monitoring/").status_code == 200
        page = ro.get(f"/monitoring/bodies/{body.pk}/")
        assert page.status_code == 200 and "Md. Karim" in page.content.decode()

    def test_submit_a_report_from_the_page(self, geo: Geo, ro: Client) -> None:
        body = team(election(), geo.kotalipara)
        o = body.obligations.first()
        assert o is not None
        response = ro.post(f"/monitoring/obligations/{o.pk}/report/", {"situation": "Calm"})
        assert response.status_code == 302
        assert Report.objects.get().obligation == o

    def test_public_form_gives_a_follow_code(self, geo: Geo) -> None:
        election()
        client = Client()
        response = client.post(
            "/monitoring/report/",
            {"election": "zp2022-gop", "unit": "BD-UPZ-388", "kind": "money",
             "description": "Cash", "occurred_at": "2022-10-10 10:00", "contact_name": "R"},
        )  # fmt: skip
        assert response.status_code == 200
        incident = Incident.objects.get()
        assert incident.follow_code in response.content.decode()
        page = client.get(f"/monitoring/follow/?code={incident.follow_code}")
        assert page.status_code == 200

    def test_public_form_rejects_unknown_election(self, geo: Geo) -> None:
        response = Client().post(
            "/monitoring/report/",
            {"election": "nope", "unit": "BD-UPZ-388", "kind": "money",
             "description": "Cash", "occurred_at": "2022-10-10 10:00"},
        )  # fmt: skip
        assert response.status_code == 422 and Incident.objects.count() == 0


@pytest.mark.django_db
class TestCommandAndDemo:
    def test_obligations_command_json(self, geo: Geo) -> None:
        body = team(election(), geo.kotalipara)
        out = StringIO()
        call_command(
            "monitoring", "obligations", "--election", "zp2022-gop", "--body", str(body.pk),
            "--format", "json", stdout=out,
        )  # fmt: skip
        rows = json.loads(out.getvalue())
        assert [(r["rule"], r["due_on"]) for r in rows][-1] == ("daily_before_poll", "2022-10-17")
        assert len(rows) == 7

    def test_unknown_election_exits_1(self, geo: Geo) -> None:
        with pytest.raises(SystemExit) as exc:
            call_command("monitoring", "obligations", "--election", "nope", stderr=StringIO())
        assert exc.value.code == 1

    def test_demo_is_idempotent(self, geo: Geo) -> None:
        from nirvachan.monitoring.demo import demo_load

        e = election()
        counts = demo_load()
        assert counts == {
            "bodies": 7,
            "reports": Report.objects.count(),
            "incidents": 5,
            "circulars": 1,
        }
        circular = Circular.objects.get()
        assert (circular.memo_key, circular.status, circular.election) == (
            "17.00.0000.079.39.013.22-679",
            "issued",
            e,
        )
        acks = sorted(
            (r.unit.code, r.acknowledged_at is not None) for r in circular.recipients.all()
        )
        assert acks == [("BD-DIS-51", True), ("BD-UPZ-385", False), ("BD-UPZ-388", False)]
        assert Obligation.objects.filter(body__election=e).count() > 0
        assert Incident.objects.filter(status="action").get().notice
        assert demo_load() == {}

    def test_seed_is_the_circular(self) -> None:
        text = SEED.read_text(encoding="utf-8")
        assert "পরিপত্র-৬" in text and "১৩ অক্টোবর ২০২২" in text
