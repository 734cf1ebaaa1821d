from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client, override_settings

from nirvachan.core.roles import Role
from nirvachan.roll import services
from nirvachan.roll.models import Application, LookupCounter
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll

PUBLIC_FIELDS = {
    "epic",
    "name",
    "relative_name",
    "relation",
    "age",
    "gender",
    "constituency",
    "constituency_number",
    "part",
    "part_name",
    "serial",
    "polling_station",
    "polling_station_address",
    "poll_date",
}


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.mark.django_db
class TestLookup:
    def test_minimal_fields_only(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC1234567", name="राम कुमार", house_no="12/4", address="Sigra")
        body = Client().get("/api/v1/roll/electors/abc1234567").json()
        assert set(body) == PUBLIC_FIELDS
        assert body["epic"] == "ABC1234567" and body["name"] == "राम कुमार"
        assert (body["part"], body["serial"], body["poll_date"]) == (1, e.serial, None)
        assert body["polling_station"] == "Sigra school"
        assert body["polling_station_address"] == "Sigra road"
        today = dt.date.today()
        assert body["age"] == today.year - 1980 - ((today.month, today.day) < (5, 17))
        assert "12/4" not in json.dumps(body) and "1980" not in json.dumps(body)

    def test_unknown_is_404_and_malformed_422(self, roll: Roll) -> None:
        response = Client().get("/api/v1/roll/electors/ABC7654321")
        assert response.status_code == 404
        assert response.json()["message"] == "No elector on the roll has the number ABC7654321."
        response = Client().get("/api/v1/roll/electors/AB12")
        assert response.status_code == 422 and response.json()["code"] == "malformed_epic"

    def test_deleted_elector_is_not_found(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC1234567")
        type(e).objects.filter(pk=e.pk).update(status="deleted")
        assert Client().get("/api/v1/roll/electors/ABC1234567").status_code == 404

    @override_settings(ROLL_RATE_LIMITS={"lookup": (3, 60)})
    def test_rate_limit_429_with_retry_after(self, roll: Roll) -> None:
        client = Client()
        for key in ["ABC0000010", "XYZ0000500", "PQR0000900"]:
            assert client.get(f"/api/v1/roll/electors/{key}").status_code == 404
        response = client.get("/api/v1/roll/electors/ABC0000010")
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        assert response.json()["code"] == "throttled"
        other = Client(REMOTE_ADDR="10.0.0.9")
        assert other.get("/api/v1/roll/electors/ABC0000010").status_code == 404
        assert LookupCounter.objects.count() == 2

    def test_sequential_walk_is_blocked(self, roll: Roll) -> None:
        elector(roll.u1, "ABC0000003")
        client = Client()
        statuses = [client.get(f"/api/v1/roll/electors/ABC000000{n}").status_code for n in range(7)]
        assert statuses == [404, 404, 404, 200, 404, 429, 429]
        response = client.get("/api/v1/roll/electors/ABC0000003")
        assert response.status_code == 429 and response.json()["code"] == "blocked"
        assert response["Retry-After"] == "3600" or int(response["Retry-After"]) > 3500


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture
    def people(self, roll: Roll) -> None:
        elector(roll.g1, "1000000001", name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
        elector(roll.g1, "1000000002", name="ফাতেমা বেগম", relative_name="আব্দুল করিম")
        elector(roll.k1, "1000000003", name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
        elector(roll.u1, "ABC0000001", name="सुनीता देवी", relative_name="राम कुमार")

    def test_latin_query_finds_bengali_within_the_district(self, people: None) -> None:
        response = Client().get(
            "/api/v1/roll/search",
            {"name": "Abdul Karim", "relative": "Rahim Uddin", "district": "Gopalganj"},
        )
        assert response.status_code == 200
        body = response.json()
        assert [i["epic"] for i in body["items"]] == ["1000000001"]
        assert set(body["items"][0]) == PUBLIC_FIELDS

    def test_district_in_bengali_and_constituency_by_number(self, people: None) -> None:
        body = (
            Client()
            .get(
                "/api/v1/roll/search",
                {"name": "আবদুল করিম", "age": 44, "district": "কিশোরগঞ্জ"},
            )
            .json()
        )
        assert [i["epic"] for i in body["items"]] == ["1000000003"]
        body = (
            Client()
            .get(
                "/api/v1/roll/search",
                {"name": "Sunita Devi", "relative": "Ram Kumar", "constituency": "390"},
            )
            .json()
        )
        assert [i["epic"] for i in body["items"]] == ["ABC0000001"]
        body = (
            Client()
            .get(
                "/api/v1/roll/search",
                {"name": "Sunita Devi", "relative": "Ram Kumar", "constituency": "वाराणसी कैंट"},
            )
            .json()
        )
        assert [i["epic"] for i in body["items"]] == ["ABC0000001"]

    @pytest.mark.parametrize(
        "params",
        [
            {"name": "Abdul Karim", "district": "Gopalganj"},
            {"name": "Abdul Karim", "relative": "Rahim"},
            {"relative": "Rahim", "district": "Gopalganj"},
            {"name": "Abdul Karim", "relative": "Rahim", "district": "Nowhere"},
        ],
    )
    def test_required_fields(self, people: None, params: dict[str, str]) -> None:
        response = Client().get("/api/v1/roll/search", params)
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"


@pytest.mark.django_db
class TestSms:
    def test_eci_in_english_and_regional(self, roll: Roll) -> None:
        elector(roll.g1, "1234567890", name="আব্দুল করিম")
        r = Client().post(
            "/api/v1/sms/inbound",
            json.dumps({"from": "+8801700000000", "text": "ECI 1234567890"}),
            content_type="application/json",
        )
        assert r.json() == {
            "reply": "আব্দুল করিম, Gopalganj-3, part 1, serial 1, polling station: Kotalipara school"
        }
        r = Client().post(
            "/api/v1/sms/inbound", {"from": "+8801700000000", "text": "ECI 1234567890 1"}
        )
        reply = r.json()["reply"]
        assert reply.startswith("আব্দুল করিম, গোপালগঞ্জ-৩, ") and "ভোটকেন্দ্র" in reply

    def test_ecips_pc_and_help(self, roll: Roll) -> None:
        elector(roll.g1, "1234567890")
        post = Client().post
        assert post("/api/v1/sms/inbound", {"from": "1", "text": "ECIPS 1234567890"}).json() == {
            "reply": "Polling station: Kotalipara school, Kotalipara road"
        }
        assert post("/api/v1/sms/inbound", {"from": "1", "text": "pc 1234567890"}).json() == {
            "reply": "Polling centre: Kotalipara school, Kotalipara road"
        }
        help_text = post("/api/v1/sms/inbound", {"from": "1", "text": "hello"}).json()["reply"]
        assert help_text.startswith("Send ECI <EPIC>")
        unknown = post("/api/v1/sms/inbound", {"from": "1", "text": "ECI ABC0000000"}).json()
        assert unknown == {"reply": "No elector on the roll has the number ABC0000000."}

    @override_settings(ROLL_RATE_LIMITS={"sms": (2, 3600)})
    def test_rate_limited_per_sender(self, roll: Roll) -> None:
        post = Client().post
        for _ in range(2):
            assert post("/api/v1/sms/inbound", {"from": "A", "text": "x"}).status_code == 200
        assert post("/api/v1/sms/inbound", {"from": "A", "text": "x"}).status_code == 429
        assert post("/api/v1/sms/inbound", {"from": "B", "text": "x"}).status_code == 200


@pytest.mark.django_db
class TestOfficers:
    def test_part_listing_sorted_and_paginated(self, roll: Roll, geo: Geo) -> None:
        for i in range(3):
            elector(roll.g1, f"100000000{i}", name=f"Name {2 - i}")
        client = Client()
        client.force_login(user("po", Role.PRESIDING_OFFICER, geo.gopalganj))
        body = client.get(f"/api/v1/roll/parts/{roll.g1.pk}/electors?size=2").json()
        assert (body["count"], body["pages"]) == (3, 2)
        assert [e["serial"] for e in body["items"]] == [1, 2]
        body = client.get(f"/api/v1/roll/parts/{roll.g1.pk}/electors?sort=-serial").json()
        assert [e["serial"] for e in body["items"]] == [3, 2, 1]
        assert body["items"][0]["dob"] == "1980-05-17"
        parts = client.get("/api/v1/roll/parts").json()
        assert [p["id"] for p in parts["items"]] == [roll.g1.pk]
        assert client.get(f"/api/v1/roll/parts/{roll.k1.pk}/electors").status_code == 404

    def test_queue_verify_and_decide(self, roll: Roll, geo: Geo) -> None:
        e = elector(roll.g1, "1000000001")
        app = services.deletion_submit(elector=e, applicant_ref="X", reason="Dead")
        presiding = Client()
        presiding.force_login(user("pro", Role.PRESIDING_OFFICER, geo.gopalganj))
        # A presiding officer sees the queue but the field report is the booth-level officer's.
        queue = presiding.get("/api/v1/roll/applications").json()
        assert [a["id"] for a in queue["items"]] == [app.pk]
        r = presiding.post(
            f"/api/v1/roll/applications/{app.pk}/verify",
            json.dumps({"report": "seen"}),
            content_type="application/json",
        )
        assert r.status_code == 403
        po = Client()
        po.force_login(user("po", Role.BOOTH_LEVEL_OFFICER, geo.gopalganj))
        r = po.post(
            f"/api/v1/roll/applications/{app.pk}/verify",
            json.dumps({"report": "seen"}),
            content_type="application/json",
        )
        assert r.status_code == 200 and r.json()["status"] == "verified"
        r = po.post(
            f"/api/v1/roll/applications/{app.pk}/decide",
            json.dumps({"accept": False, "reason": "no"}),
            content_type="application/json",
        )
        assert r.status_code == 403
        assert Application.objects.get(pk=app.pk).status == "verified"
        admin: Any = Client()
        admin.force_login(user("cec", Role.COMMISSION_ADMIN, geo.gopalganj))
        r = admin.post(
            f"/api/v1/roll/applications/{app.pk}/decide",
            json.dumps({"accept": False, "reason": "Alive, seen at home"}),
            content_type="application/json",
        )
        assert r.status_code == 200 and r.json()["status"] == "rejected"
