"""The public "Find your name in the roll" page: EPIC or details, in three languages, with
clear errors, the poll date of a scheduled poll, and a kind 429 with Retry-After."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from nirvachan.core.templatetags.nirvachan import local_date
from nirvachan.elections import services as elections
from tests.factories import Geo
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.mark.django_db
class TestFindPage:
    @pytest.mark.parametrize(
        ("lang", "heading", "serial"),
        [
            ("en", "Find your name in the roll", "<td>1</td>"),
            ("bn", "ভোটার তালিকায় আপনার নাম খুঁজুন", "<td>১</td>"),
            ("hi", "मतदाता सूची में अपना नाम खोजें", "<td>१</td>"),
        ],
    )
    def test_by_epic_in_three_languages(
        self, roll: Roll, lang: str, heading: str, serial: str
    ) -> None:
        elector(roll.u1, "ABC1234567", name="राम कुमार", house_no="12/4", address="Sigra lane")
        html = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/roll/find/?epic=abc1234567").content
        text = html.decode()
        assert f"<h1>{heading}</h1>" in text and "राम कुमार" in text and serial in text
        assert "12/4" not in text and "Sigra lane" not in text and "1980" not in text

    def test_details_in_hindi_find_a_latin_query(self, roll: Roll) -> None:
        elector(roll.u1, "ABC1234567", name="राम कुमार", relative_name="श्याम लाल")
        response = Client(HTTP_ACCEPT_LANGUAGE="hi").get(
            "/roll/find/", {"name": "Ram Kumar", "relative": "Shyam Lal", "constituency": "390"}
        )
        assert response.status_code == 200 and "राम कुमार" in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "status", "message"),
        [
            ({"epic": "ABC7654321"}, 404, "No elector on the roll has the number ABC7654321."),
            ({"name": "Ram"}, 422, "Give the relative&#x27;s name or the age as well"),
            ({"name": "Ram", "age": "40"}, 422, "Give a district or an assembly constituency."),
            ({"name": "Ram", "age": "40", "district": "Atlantis"}, 422, "Unknown district"),
        ],
    )
    def test_clear_errors(
        self, roll: Roll, query: dict[str, str], status: int, message: str
    ) -> None:
        response = Client().get("/roll/find/", query)
        assert response.status_code == status
        html = response.content.decode()
        assert message in html and 'role="alert"' in html

    def test_no_match_points_to_form6(self, roll: Roll) -> None:
        elector(roll.u1, "ABC1234567", name="राम कुमार")
        html = (
            Client()
            .get("/roll/find/", {"name": "Zzyzx Qwerty", "age": "30", "constituency": "390"})
            .content.decode()
        )
        assert "No name on the roll matches." in html and 'href="/roll/apply/form6/"' in html

    def test_too_many_searches_are_refused_kindly(self, roll: Roll) -> None:
        elector(roll.u1, "ABC1234567")
        client = Client(HTTP_ACCEPT_LANGUAGE="bn")
        with override_settings(ROLL_RATE_LIMITS={"lookup": (1, 60)}):
            # The first from the address, then one as the device the page gave a cookie to.
            assert client.get("/roll/find/?epic=ABC1234567").status_code == 200
            assert client.cookies["nv_device"].value
            assert client.get("/roll/find/?epic=ABC1234567").status_code == 200
            response = client.get("/roll/find/?epic=ABC1234567")
        assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 60
        html = response.content.decode()
        assert "আপনি অল্প সময়ে অনেকবার খুঁজেছেন।" in html

    def test_poll_date_of_a_scheduled_poll(self, roll: Roll) -> None:
        elector(roll.u1, "ABC1234567")
        election = elections.election_create(
            code="up-by",
            kind="by_election",
            country="IN",
            name_en="By-election",
            polls_open=dt.time(7),
            polls_close=dt.time(18),
        )
        poll = dt.date.today() + dt.timedelta(days=30)
        phase = elections.phase_schedule(election=election, number=1, poll_date=poll)
        elections.contest_create(
            election=election, phase=phase, code="c", name_en="C", constituency=roll.up_ac
        )
        html = Client(HTTP_ACCEPT_LANGUAGE="hi").get("/roll/find/?epic=ABC1234567").content
        assert f"मतदान {local_date(poll, 'hi')}" in html.decode()
