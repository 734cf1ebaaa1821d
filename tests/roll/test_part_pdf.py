"""The printable part roll (PDF) in Bengali or Hindi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from nirvachan.core.roles import Role
from nirvachan.roll import selectors
from nirvachan.roll.models import Elector
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.mark.django_db
def test_rows_are_active_electors_by_serial_with_age(roll: Roll) -> None:
    b = elector(roll.g1, "1234567891", name="ফাতেমা বেগম", gender="female", relation="husband")
    a = elector(roll.g1, "1234567890", name="আব্দুল করিম", house_no="৭/ক")
    gone = elector(roll.g1, "1234567892", name="রহিম")
    Elector.objects.filter(pk=gone.pk).update(status="deleted")
    rows = selectors.part_roll_rows(roll.g1, on=dt.date(2026, 1, 1))
    assert [(r["serial"], r["name"], r["age"], r["house_no"]) for r in rows] == [
        (b.serial, "ফাতেমা বেগম", 45, ""),
        (a.serial, "আব্দুল করিম", 45, "৭/ক"),
    ]
    with translation.override("bn"):
        html = render_to_string("roll/part_print.html", {"part": roll.g1, "rows": rows})
    assert "ফাতেমা বেগম" in html and "৭/ক" in html and "রহিম<" not in html
    assert '<td class="serial">১</td>' in html and '<td class="age">৪৫</td>' in html


@pytest.mark.django_db
def test_pdf_for_officers_in_scope_only(roll: Roll, geo: Geo) -> None:
    elector(roll.u1, "ABC0000001", name="राम कुमार", relative_name="श्याम लाल")
    client = Client()
    client.force_login(user("ceo", Role.COMMISSION_ADMIN, geo.up))
    for query, lang in (("", "hi"), ("?lang=bn", "bn"), ("?lang=xx", "hi")):
        response = client.get(f"/roll/parts/{roll.u1.pk}/pdf/{query}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="part-1-{lang}.pdf"'
        assert response.content.startswith(b"%PDF")
    assert client.get(f"/roll/parts/{roll.g1.pk}/pdf/").status_code == 404
    assert (
        f"/roll/parts/{roll.u1.pk}/pdf/?lang=hi"
        in client.get(f"/roll/parts/{roll.u1.pk}/").content.decode()
    )
    assert Client().get(f"/roll/parts/{roll.u1.pk}/pdf/").status_code == 302
