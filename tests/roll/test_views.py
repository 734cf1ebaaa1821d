from __future__ import annotations

import pytest
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.roll import services
from nirvachan.roll.models import Application
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.mark.django_db
class TestFind:
    def test_by_epic_in_bengali(self, roll: Roll) -> None:
        elector(roll.g1, "1234567890", name="আব্দুল করিম", house_no="৭/ক")
        html = Client(HTTP_ACCEPT_LANGUAGE="bn").get("/roll/find/?epic=1234567890").content.decode()
        assert "ভোটার তালিকায় আপনার নাম খুঁজুন" in html
        assert "আব্দুল করিম" in html and "Kotalipara school" in html
        assert "৭/ক" not in html

    def test_by_details_cross_script(self, roll: Roll) -> None:
        elector(roll.g1, "1234567890", name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
        response = Client().get(
            "/roll/find/",
            {"name": "Abdul Karim", "relative": "Rahim Uddin", "district": "Gopalganj"},
        )
        assert response.status_code == 200 and "আব্দুল করিম" in response.content.decode()

    def test_errors_are_shown(self, roll: Roll) -> None:
        response = Client().get("/roll/find/?epic=12")
        assert response.status_code == 422
        assert "12 is not an EPIC number" in response.content.decode()


@pytest.mark.django_db
def test_officer_queue_verify_then_decide(roll: Roll, geo: Geo) -> None:
    e = elector(roll.g1, "1234567890")
    app = services.deletion_submit(elector=e, applicant_ref="X", reason="Dead")
    client = Client()
    client.force_login(user("cec", Role.COMMISSION_ADMIN, geo.gopalganj))
    html = client.get("/roll/applications/").content.decode()
    assert "Record field report" in html
    url = f"/roll/applications/{app.pk}/action/"
    assert client.post(url, {"action": "verify", "report": "seen"}).status_code == 302
    assert "Accept" in client.get("/roll/applications/").content.decode()
    assert client.post(url, {"action": "reject", "reason": "Alive"}).status_code == 302
    app.refresh_from_db()
    assert (app.status, app.decision_reason) == ("rejected", "Alive")
    part_html = client.get(f"/roll/parts/{roll.g1.pk}/").content.decode()
    assert "/roll/electors/1234567890/" in part_html
    assert "1980" in client.get("/roll/electors/1234567890/").content.decode()
    assert Application.objects.count() == 1
