"""Circulars through the API, the pages and the PDF."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from nirvachan.core.models import AdminUnit, AuditEvent
from nirvachan.core.roles import Role
from nirvachan.monitoring import services
from nirvachan.monitoring.models import Circular, CircularRecipient
from tests.factories import Geo, user
from tests.monitoring.factories import SEED


def _post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _client(username: str, role: str, unit: AdminUnit) -> Client:
    client = Client()
    client.force_login(user(username, role, unit))
    return client


DRAFT = {
    "unit": "BD",
    "memo_number": "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৭০১",
    "date": "2022-10-13",
    "subject": "Acknowledge the teams' formation",
    "paragraphs": [{"text": "Form the teams."}, {"text": "Acknowledge receipt."}],
    "signatory_name": "Md. Atiar Rahman",
    "signatory_lines": ["Deputy Secretary"],
    "distribution": ["Deputy Commissioner, Gopalganj"],
    "copies": ["Cabinet Secretary"],
}


@pytest.mark.django_db
class TestCircularApi:
    def test_draft_issue_acknowledge(self, geo: Geo) -> None:
        admin = _client("admin", Role.COMMISSION_ADMIN, AdminUnit.objects.get(code="BD"))
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        created = _post(admin, "/api/v1/monitoring/circulars", DRAFT)
        assert created.status_code == 201, created.json()
        data = created.json()
        assert (data["memo_key"], data["bangla_date"], data["status"]) == (
            "17.00.0000.079.39.013.22-701",
            "২৮ আশ্বিন ১৪২৯",
            "draft",
        )
        assert [p["number"] for p in data["paragraphs"]] == ["১", "২"]
        assert data["copy_purpose"] == "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য"
        cid = data["id"]
        assert ro.get(f"/api/v1/monitoring/circulars/{cid}").status_code == 404  # a draft
        issued = _post(
            admin,
            f"/api/v1/monitoring/circulars/{cid}/issue",
            {"recipients": [{"unit": "BD-DIS-51", "office": geo.gopalganj_office.code},
                            {"unit": "BD-DIS-45"}], "ack_days": 2},
        )  # fmt: skip
        assert issued.status_code == 200, issued.json()
        assert [(r["unit"], r["status"]) for r in issued.json()["recipients"]] == [
            ("BD-DIS-45", "due"),
            ("BD-DIS-51", "due"),
        ]
        mine = ro.get(f"/api/v1/monitoring/circulars/{cid}").json()["recipients"]
        assert [(r["unit"], r["can_acknowledge"]) for r in mine] == [("BD-DIS-51", True)]
        ack = _post(ro, f"/api/v1/monitoring/circulars/recipients/{mine[0]['id']}/acknowledge", {})
        assert ack.status_code == 200 and ack.json()["late"] is False
        again = _post(
            ro, f"/api/v1/monitoring/circulars/recipients/{mine[0]['id']}/acknowledge", {}
        )
        assert again.status_code == 409
        assert again.json()["code"] == "circular_already_acknowledged"
        seen = admin.get(f"/api/v1/monitoring/circulars/{cid}").json()["recipients"]
        assert [(r["unit"], r["status"]) for r in seen] == [
            ("BD-DIS-45", "due"),
            ("BD-DIS-51", "on_time"),
        ]
        listed = ro.get("/api/v1/monitoring/circulars").json()
        assert [i["id"] for i in listed["items"]] == [cid]
        assert AuditEvent.objects.filter(event_type__startswith="monitoring.circular_").count() == 3

    def test_bad_input_is_refused_and_nothing_written(self, geo: Geo) -> None:
        admin = _client("admin", Role.COMMISSION_ADMIN, AdminUnit.objects.get(code="BD"))
        bad = _post(admin, "/api/v1/monitoring/circulars", {**DRAFT, "paragraphs": []})
        assert bad.status_code == 422 and bad.json()["details"]["field"] == "paragraphs"
        assert Circular.objects.count() == 0
        cid = _post(admin, "/api/v1/monitoring/circulars", DRAFT).json()["id"]
        unknown = _post(
            admin, f"/api/v1/monitoring/circulars/{cid}/issue", {"recipients": [{"unit": "XX"}]}
        )
        assert unknown.status_code == 404
        assert Circular.objects.get().status == "draft"
        assert CircularRecipient.objects.count() == 0


@pytest.mark.django_db
class TestCircularPages:
    @pytest.mark.parametrize("lang", ["bn", "hi", "en"])
    def test_pages_and_dashboard(self, geo: Geo, lang: str) -> None:
        circular = services.circular_from_text(
            actor=None,
            unit=AdminUnit.objects.get(code="BD"),
            text=SEED.read_text(encoding="utf-8"),
        )
        services.circular_issue(
            actor=None, circular=circular, recipients=[services.Recipient(geo.gopalganj)]
        )
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        ro.cookies["nirvachan_language"] = lang
        dash = ro.get("/monitoring/").content.decode()
        assert "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯" in dash
        assert "/monitoring/circulars/" in dash
        page = ro.get(f"/monitoring/circulars/{circular.pk}/").content.decode()
        assert "পরিপত্র-৬" in page and "২৮ আশ্বিন ১৪২৯" in page
        assert "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য" in page
        assert ro.get("/monitoring/circulars/").status_code == 200
        recipient = circular.recipients.get()
        response = ro.post(f"/monitoring/circulars/recipients/{recipient.pk}/acknowledge/")
        assert response.status_code == 302
        recipient.refresh_from_db()
        assert recipient.acknowledged_at is not None

    def test_draft_and_issue_from_the_pages(self, geo: Geo) -> None:
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        assert ro.get("/monitoring/circulars/new/").status_code == 200
        response = ro.post(
            "/monitoring/circulars/new/",
            {"unit": "BD-DIS-51", "memo_number": "নং-০৫.৪৪.৩৫০০.০০০.১১.০০১.২২-১০",
             "date": "2022-10-14", "subject": "Teams", "paragraphs": "One.\n\nTwo.\n",
             "signatory_name": "Returning Officer", "distribution": "UNO, Kotalipara\n",
             "copy_purpose": "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য"},
        )  # fmt: skip
        assert response.status_code == 302
        circular = Circular.objects.get()
        assert circular.paragraphs == [
            {"number": "১", "text": "One."},
            {"number": "২", "text": "Two."},
        ]
        assert circular.distribution == ["UNO, Kotalipara"]
        refused = ro.post(
            f"/monitoring/circulars/{circular.pk}/issue/",
            {"recipients": "BD-UPZ-388\n", "ack_days": "three"},
            follow=True,
        )
        assert "whole number of days" in refused.content.decode()
        assert not circular.recipients.exists()
        issued = ro.post(
            f"/monitoring/circulars/{circular.pk}/issue/",
            {"recipients": "BD-UPZ-388\nBD-UPZ-385\n", "ack_days": "৩"},
        )
        assert issued.status_code == 302
        assert sorted(circular.recipients.values_list("unit__code", flat=True)) == [
            "BD-UPZ-385",
            "BD-UPZ-388",
        ]

    def test_out_of_scope_draft_is_refused_on_the_page(self, geo: Geo) -> None:
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        response = ro.post(
            "/monitoring/circulars/new/",
            {"unit": "BD-DIS-45", "memo_number": "নং-০৫.৪৪.৩৫০০.০০০.১১.০০১.২২-১১",
             "date": "2022-10-14", "subject": "Teams", "paragraphs": "One.",
             "signatory_name": "RO"},
        )  # fmt: skip
        assert response.status_code == 422
        assert Circular.objects.count() == 0

    @pytest.mark.parametrize("lang", ["bn", "en", "hi"])
    def test_pdf_in_three_languages(self, geo: Geo, lang: str) -> None:
        circular = services.circular_from_text(
            actor=None,
            unit=AdminUnit.objects.get(code="BD"),
            text=SEED.read_text(encoding="utf-8"),
        )
        admin = _client("admin", Role.COMMISSION_ADMIN, AdminUnit.objects.get(code="BD"))
        response = admin.get(f"/monitoring/circulars/{circular.pk}/pdf/?lang={lang}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert f"circular-{circular.pk}-{lang}.pdf" in response["Content-Disposition"]

    def test_print_template_has_the_seed_layout(self, geo: Geo) -> None:
        from django.template.loader import render_to_string
        from django.utils import translation

        circular = services.circular_from_text(
            actor=None,
            unit=AdminUnit.objects.get(code="BD"),
            text=SEED.read_text(encoding="utf-8"),
        )
        with translation.override("bn"):
            html = render_to_string(
                "monitoring/circular_print.html", {"circular": circular, "lang": "bn"}
            )
        order = [
            "বাংলাদেশ নির্বাচন কমিশন",
            "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯",
            "২৮ আশ্বিন ১৪২৯",
            "১৩ অক্টোবর ২০২২",
            "পরিপত্র-৬",
            "জেলা পরিষদ নির্বাচন উপলক্ষে",
            "১। নিরপেক্ষতা অঙ্গুলি রাখা",
            "১১। প্রাপ্তি স্বীকারঃ",
            "(মোঃ আতিয়ার রহমান)",
            "উপসচিব",
            "জেলা প্রশাসক, ..... (সংশ্লিষ্ট) ও রিটার্নিং অফিসার",
            "অনুলিপি সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য",
            "অফিসার-ইন-চার্জ, ..... (সংশ্লিষ্ট) থানা।",
        ]
        body = html[html.index("<body>") :]
        positions = [body.index(text) for text in order]
        assert positions == sorted(positions)
