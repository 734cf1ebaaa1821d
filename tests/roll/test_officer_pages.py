"""Officer pages: the pager keeps the sort and the filters; an elector's page lists the
applications about the entry, in the officer's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from nirvachan.core.roles import Role
from nirvachan.core.templatetags.nirvachan import local_date
from nirvachan.roll import services
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.fixture
def ero(geo: Geo) -> Any:
    return user("ero", Role.RETURNING_OFFICER, geo.gopalganj)


@pytest.mark.django_db
def test_part_pager_keeps_the_sort(roll: Roll, ero: Any) -> None:
    for i in range(55):
        elector(roll.g1, f"51{i:08d}")
    client = Client()
    client.force_login(ero)
    html = client.get(f"/roll/parts/{roll.g1.pk}/?sort=-serial").content.decode()
    assert "?sort=-serial&amp;page=2" in html
    assert html.index("<td>55</td>") < html.index("<td>54</td>")
    page2 = client.get(f"/roll/parts/{roll.g1.pk}/?sort=-serial&page=2").content.decode()
    assert "<td>5</td>" in page2 and "<td>6</td>" not in page2


@pytest.mark.django_db
def test_queue_pager_keeps_the_filters(roll: Roll, ero: Any) -> None:
    for i in range(51):
        target = elector(roll.g1, f"52{i:08d}")
        services.deletion_submit(elector=target, applicant_ref=f"A{i // 5}", reason="Dead")
    client = Client()
    client.force_login(ero)
    html = client.get("/roll/applications/?form=7&status=submitted").content.decode()
    assert "?form=7&amp;status=submitted&amp;page=2" in html
    assert client.get("/roll/applications/?form=6").content.decode().count("<tr>") == 0


@pytest.mark.django_db
def test_elector_page_lists_applications_in_bengali(roll: Roll, ero: Any) -> None:
    e = elector(roll.g1, "5100000001")
    services.deletion_submit(elector=e, applicant_ref="X", reason="Shifted to Dhaka")
    client = Client(HTTP_ACCEPT_LANGUAGE="bn")
    client.force_login(ero)
    html = client.get(f"/roll/electors/{e.key}/").content.decode()
    assert "এই এন্ট্রি সংক্রান্ত আবেদন" in html and "Shifted to Dhaka" in html
    assert "ফরম ৭ (আপত্তি বা কর্তন)" in html


@pytest.mark.django_db
def test_a_refused_action_is_shown_on_the_queue(roll: Roll, ero: Any) -> None:
    e = elector(roll.g1, "5100000001")
    app = services.deletion_submit(elector=e, applicant_ref="X", reason="Dead")
    client = Client(HTTP_ACCEPT_LANGUAGE="bn")
    client.force_login(ero)
    url = f"/roll/applications/{app.pk}/action/"
    client.post(url, {"action": "verify", "report": "Not at home"})
    response = client.post(url, {"action": "reject", "reason": ""})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "কিছুই বদলানো হয়নি" in html and "Not at home" in html
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 409  # a deletion waits for its hearing
    app.refresh_from_db()
    assert (app.status, app.decision_reason) == ("verified", "")


@pytest.mark.django_db
def test_form7_notice_prints_in_bengali_with_the_hearing_date(roll: Roll, ero: Any) -> None:
    e = elector(roll.g1, "5100000001", name="আব্দুল করিম")
    app = services.deletion_submit(elector=e, applicant_ref="X", reason="মৃত")
    with translation.override("bn"):
        html = render_to_string("roll/notice_print.html", {"a": app, "e": e})
    assert "আপত্তির শুনানির নোটিশ" in html and "আব্দুল করিম (5100000001)" in html
    assert f"{local_date(app.hearing_date, 'bn')} তারিখের শুনানির আগে" in html and "মৃত" in html
    client = Client()
    client.force_login(ero)
    assert (
        f"/roll/applications/{app.pk}/notice/" in client.get("/roll/applications/").content.decode()
    )
    response = client.get(f"/roll/applications/{app.pk}/notice/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="notice-{app.pk}-bn.pdf"'
    assert response.content.startswith(b"%PDF")
    correction = services.correction_submit(elector=e, applicant_ref="X", changes={"house_no": "7"})
    assert client.get(f"/roll/applications/{correction.pk}/notice/").status_code == 404
