"""API and pages of the meetings app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.meetings.models import Decision, Meeting
from tests.factories import Geo, user
from tests.meetings.factories import meeting, seed_meeting


def _post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def secretary(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("sec", Role.MEETING_SECRETARY, geo.gopalganj))
    return client


@pytest.mark.django_db
class TestApi:
    def test_record_a_meeting_end_to_end(self, geo: Geo, secretary: Client) -> None:
        created = _post(
            secretary,
            "/api/v1/meetings/meetings",
            {"unit": "BD-DIS-51", "body": "Cell", "title": "Poll prep", "date": "2023-04-05"},
        )
        assert created.status_code == 201
        mid = created.json()["id"]
        item = _post(secretary, f"/api/v1/meetings/meetings/{mid}/items", {"topic": "Guards"})
        assert item.status_code == 201 and item.json()["label"] == "01"
        decision = _post(
            secretary,
            f"/api/v1/meetings/items/{item.json()['id']}/decisions",
            {"text": "Send guard list", "implementer": "UNO", "deadline": "১১/০৪/২৩ইং"},
        )
        assert decision.status_code == 201
        assert {k: decision.json()[k] for k in ("deadline_kind", "due", "status")} == {
            "deadline_kind": "date",
            "due": "2023-04-11",
            "status": "open",
        }
        table = _post(
            secretary,
            f"/api/v1/meetings/items/{item.json()['id']}/targets",
            {
                "unit_label": "Upazila",
                "metric": "Guards",
                "rows": [{"name": "Kotalipara", "target": "10"}, {"name": "Sadar", "target": "5"}],
                "total": "16",
            },
        )
        assert table.status_code == 422
        assert table.json()["code"] == "target_total_mismatch"
        assert table.json()["details"] == {
            "table": "01 Guards: Guards",
            "total": "16.00",
            "sum": "15.00",
        }
        detail = secretary.get(f"/api/v1/meetings/meetings/{mid}").json()
        assert [i["topic"] for i in detail["items"]] == ["Guards"]
        assert detail["items"][0]["tables"] == []

    def test_overdue_filter(self, geo: Geo, secretary: Client) -> None:
        seed_meeting(geo.gopalganj)
        data = secretary.get("/api/v1/meetings/decisions?overdue=true").json()
        assert data["count"] == 6  # the April 2023 decisions are long overdue
        assert {d["deadline_kind"] for d in data["items"]} == {"month"}

    def test_implementer_without_meeting_role_updates_their_decision(self, geo: Geo) -> None:
        uno = user("uno", Role.POLLING_OFFICER, geo.kotalipara)
        m = meeting(geo.gopalganj)
        from nirvachan.meetings import services

        item = services.agenda_item_add(actor=None, meeting=m, topic="T")
        d = services.decision_add(actor=None, item=item, text="X", implementer_user=uno)
        client = Client()
        client.force_login(uno)
        listed = client.get("/api/v1/meetings/decisions?mine=true").json()
        assert [x["id"] for x in listed["items"]] == [d.pk]
        assert client.get(f"/api/v1/meetings/meetings/{m.pk}").status_code == 404
        response = _post(
            client,
            f"/api/v1/meetings/decisions/{d.pk}/updates",
            {"status": "done", "evidence": "memo"},
        )
        assert response.status_code == 201
        assert Decision.objects.get(pk=d.pk).status == "done"
        event = AuditEvent.objects.filter(event_type="meetings.decision_updated").get()
        assert (event.actor_name, event.actor_role) == ("uno", "implementer")


@pytest.mark.django_db
class TestPages:
    def test_detail_in_three_languages(self, geo: Geo, secretary: Client) -> None:
        m = seed_meeting(geo.gopalganj)
        response = secretary.get(f"/meetings/{m.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "মৌলিক কর্মসূচির সমন্বয় সভা (CPCM)" in html and "কক্সবাজার" in html
        assert 'data-status="drafted"' in html

    def test_status_and_amendment_pages(self, geo: Geo, secretary: Client) -> None:
        m = meeting(geo.gopalganj)
        for status in ("held", "drafted", "approved"):
            assert (
                secretary.post(f"/meetings/{m.pk}/status/", {"status": status}).status_code == 302
            )
        assert Meeting.objects.get(pk=m.pk).status == "approved"
        r = secretary.post(f"/meetings/{m.pk}/items/", {"topic": "Late"})
        assert r.status_code == 302 and m.items.count() == 0
        r = secretary.post(f"/meetings/{m.pk}/amendments/", {"target": "1", "text": "fix"})
        assert r.status_code == 302 and m.amendments.count() == 1

    def test_new_meeting_form(self, geo: Geo, secretary: Client) -> None:
        response = secretary.post(
            "/meetings/new/",
            {"unit": "BD-DIS-51", "body": "Cell", "title": "T", "date": "2023-04-05"},
        )
        assert response.status_code == 302
        bad = secretary.post("/meetings/new/", {"unit": "BD-DIS-51", "body": "", "title": "T"})
        assert bad.status_code == 422 and Meeting.objects.count() == 1

    def test_decision_follow_up_page(self, geo: Geo, secretary: Client) -> None:
        m = seed_meeting(geo.gopalganj)
        d = Decision.objects.filter(item__meeting=m).first()
        assert d is not None
        r = secretary.post(f"/meetings/decisions/{d.pk}/", {"status": "in_progress", "note": "n"})
        assert r.status_code == 302
        assert Decision.objects.get(pk=d.pk).status == "in_progress"
        page = secretary.get("/meetings/decisions/?overdue=1")
        assert page.status_code == 200 and "সংশ্লিষ্ট সকল" in page.content.decode()

    @pytest.mark.parametrize("lang", ["bn", "en", "hi"])
    def test_minutes_pdf(self, geo: Geo, secretary: Client, lang: str) -> None:
        m = seed_meeting(geo.gopalganj)
        response = secretary.get(f"/meetings/{m.pk}/minutes.pdf?lang={lang}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_pages_speak_bengali_and_hindi(geo: Geo, secretary: Client) -> None:
    m = meeting(geo.gopalganj)
    bn = secretary.get(f"/meetings/{m.pk}/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert "নতুন আলোচ্য বিষয়" in bn and "সভাপতি" in bn
    hi = secretary.get(f"/meetings/{m.pk}/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "नया कार्यसूची मद" in hi


@pytest.mark.django_db
def test_demo_load_is_idempotent(geo: Geo) -> None:
    from nirvachan.meetings.demo import demo_load
    from tests.factories import unit

    unit("BD-DIS-9", "district", geo.bd, "Cox's Bazar", "কক্সবাজার")
    assert demo_load() == {"meetings": 1, "decisions": 19}
    assert demo_load() == {"meetings": 0}
