"""The public Form 6, 7 and 8 pages: eligibility, the duplicate flag, the Form 7 notice and
hearing, the daily limit, corrections and shifts, in three languages; and the officer's queue
after a Form 6 is accepted (EPIC generated, serial in a part)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.core.templatetags.nirvachan import local_date
from nirvachan.locale import to_native_digits
from nirvachan.roll.models import Application, Elector
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll, part


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


def _form6(roll: Roll, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "constituency": roll.up_ac.pk,
        "part": "",
        "name": "सुनीता देवी",
        "relative_name": "राम कुमार",
        "relation": "father",
        "gender": "female",
        "dob": "2000-03-01",
        "house_no": "12",
        "address": "Sigra, Varanasi",
        "nid": "",
        "applicant": "9876543210",
        "citizen": "on",
        "resident": "on",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
class TestIndex:
    @pytest.mark.parametrize(
        ("lang", "heading"),
        [
            ("en", "Apply to the electoral roll"),
            ("bn", "ভোটার তালিকায় আবেদন"),
            ("hi", "निर्वाचक नामावली में आवेदन"),
        ],
    )
    def test_in_three_languages(self, roll: Roll, lang: str, heading: str) -> None:
        html = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/roll/apply/").content.decode()
        assert f"<h1>{heading}</h1>" in html
        for form in ("form6", "form7", "form8"):
            assert f'href="/roll/apply/{form}/"' in html


@pytest.mark.django_db
class TestForm6:
    def test_form_lists_constituencies_with_parts(self, roll: Roll) -> None:
        html = Client().get("/roll/apply/form6/").content.decode()
        assert f'value="{roll.up_ac.pk}"' in html and "Varanasi Cantt." in html

    def test_eligible_applicant_gets_a_receipt(self, roll: Roll) -> None:
        response = Client().post("/roll/apply/form6/", _form6(roll))
        assert response.status_code == 200
        app = Application.objects.get()
        assert (app.form, app.status, app.name, app.constituency) == (
            "6",
            "submitted",
            "सुनीता देवी",
            roll.up_ac,
        )
        assert app.part is None and app.possible_duplicate is None
        html = response.content.decode()
        assert f"reference number {app.pk}" in html
        assert local_date(app.qualifying_date, "en") in html
        assert AuditEvent.objects.filter(event_type="roll.application_submitted").count() == 1

    def test_receipt_in_hindi_with_native_digits(self, roll: Roll) -> None:
        response = Client(HTTP_ACCEPT_LANGUAGE="hi").post("/roll/apply/form6/", _form6(roll))
        html = response.content.decode()
        assert "आवेदन प्राप्त हुआ" in html
        number = to_native_digits(Application.objects.get().pk, "deva")
        assert f"संदर्भ संख्या {number} है" in html

    def test_under_18_is_refused_on_the_date_field(self, roll: Roll) -> None:
        born = timezone.localdate() - dt.timedelta(days=365 * 15)
        response = Client().post("/roll/apply/form6/", _form6(roll, dob=born.isoformat()))
        assert response.status_code == 422
        html = response.content.decode()
        assert "will not be 18 on the qualifying date" in html
        assert Application.objects.count() == 0

    @pytest.mark.parametrize(
        ("field", "message"),
        [("citizen", "Only citizens may be enrolled."), ("resident", "ordinarily resident")],
    )
    def test_citizen_and_resident_are_required(self, roll: Roll, field: str, message: str) -> None:
        response = Client().post("/roll/apply/form6/", _form6(roll, **{field: None}))
        assert response.status_code == 422 and message in response.content.decode()
        assert Application.objects.count() == 0

    def test_error_in_bengali(self, roll: Roll) -> None:
        response = Client(HTTP_ACCEPT_LANGUAGE="bn").post(
            "/roll/apply/form6/", _form6(roll, citizen=None)
        )
        assert "কেবল নাগরিকগণ তালিকাভুক্ত হতে পারেন।" in response.content.decode()

    def test_possible_duplicate_is_flagged_but_not_shown_to_the_applicant(self, roll: Roll) -> None:
        e = elector(
            roll.u1,
            "ABC0000042",
            name="सुनीता देवी",
            relative_name="राम कुमार",
            dob=dt.date(2000, 6, 1),
        )
        response = Client().post("/roll/apply/form6/", _form6(roll, name="Sunita Devi"))
        assert response.status_code == 200
        assert Application.objects.get().possible_duplicate == e
        assert "ABC0000042" not in response.content.decode()

    def test_bangladesh_needs_an_nid(self, roll: Roll) -> None:
        data = _form6(roll, constituency=roll.gopalganj_ac.pk, name="করিম", relative_name="রহিম")
        response = Client().post("/roll/apply/form6/", data)
        assert response.status_code == 422
        assert "A valid NID number is required." in response.content.decode()
        data["nid"] = "১২৩৪৫৬৭৮৯০"
        assert Client().post("/roll/apply/form6/", data).status_code == 200
        assert Application.objects.get().changes == {"nid": "1234567890"}

    def test_unknown_part_and_missing_fields(self, roll: Roll) -> None:
        response = Client().post("/roll/apply/form6/", _form6(roll, part="9"))
        assert response.status_code == 422
        assert "Varanasi Cantt. has no part 9." in response.content.decode()
        response = Client().post("/roll/apply/form6/", _form6(roll, name="", constituency=""))
        assert response.status_code == 422
        assert response.content.decode().count("This field is required.") == 2
        assert Application.objects.count() == 0

    def test_submissions_per_address_are_limited(self, roll: Roll) -> None:
        client = Client()
        with override_settings(ROLL_RATE_LIMITS={"apply": (2, 3600)}):
            assert client.post("/roll/apply/form6/", _form6(roll)).status_code == 200
            assert client.post("/roll/apply/form6/", _form6(roll)).status_code == 200
            response = client.post("/roll/apply/form6/", _form6(roll))
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
        assert "Too many requests" in response.content.decode()
        assert Application.objects.count() == 2


@pytest.mark.django_db
class TestForm7:
    def _people(self, roll: Roll) -> tuple[Elector, Elector]:
        return elector(roll.u1, "ABC0000001"), elector(roll.u1, "ABC0000002", name="Objector")

    def test_notice_and_hearing_on_the_receipt(self, roll: Roll) -> None:
        target, objector = self._people(roll)
        response = Client().post(
            "/roll/apply/form7/",
            {
                "epic": "abc 0000001",
                "ground": "dead",
                "details": "Died in 2023",
                "applicant": objector.key,
            },
        )
        assert response.status_code == 200
        app = Application.objects.get()
        today = timezone.localdate()
        assert (app.form, app.elector, app.applicant_ref) == ("7", target, objector.key)
        assert (app.notice_date, app.hearing_date) == (today, today + dt.timedelta(days=7))
        assert app.reason == "Dead: Died in 2023"
        html = response.content.decode()
        assert local_date(app.hearing_date, "en") in html and "Hearing date" in html

    def test_objector_must_be_an_elector_of_the_constituency(self, roll: Roll) -> None:
        target, _objector = self._people(roll)
        outsider = elector(roll.g1, "5100000009")
        for applicant, message in [
            (outsider.key, "An objection is filed by an elector of the same constituency"),
            ("ABC9999999", "No elector on the roll has the number ABC9999999."),
            ("Ram", "Ram is not an EPIC number"),
        ]:
            response = Client().post(
                "/roll/apply/form7/",
                {"epic": target.key, "ground": "dead", "applicant": applicant},
            )
            assert response.status_code in (404, 422), applicant
            assert message in response.content.decode()
        assert Application.objects.count() == 0

    def test_sixth_of_a_day_is_refused_with_429(self, roll: Roll) -> None:
        objector = elector(roll.u1, "ABC0000100", name="Objector")
        targets = [elector(roll.u1, f"ABC00002{i:02d}") for i in range(6)]
        client = Client()
        for t in targets[:5]:
            data = {"epic": t.key, "ground": "shifted", "applicant": objector.key}
            assert client.post("/roll/apply/form7/", data).status_code == 200
        data = {"epic": targets[5].key, "ground": "shifted", "applicant": objector.key}
        response = client.post("/roll/apply/form7/", data)
        assert response.status_code == 429
        assert "at most 5 deletion applications a day" in response.content.decode()
        assert Application.objects.count() == 5
        assert AuditEvent.objects.filter(event_type="roll.deletion_refused").count() == 1


@pytest.mark.django_db
class TestForm8:
    def test_correction_of_particulars(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC0000001", name="Ram Kumar")
        response = Client().post(
            "/roll/apply/form8/",
            {"epic": e.key, "applicant": "98765", "name": "Ram Kumar Singh", "dob": "1980-05-18"},
        )
        assert response.status_code == 200
        app = Application.objects.get()
        assert (app.form, app.elector) == ("8", e)
        assert app.changes == {"name": "Ram Kumar Singh", "dob": "1980-05-18"}

    def test_shift_to_a_part_of_another_constituency(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC0000001")
        other = part(roll.gopalganj_ac, 2, "Tungipara")
        data = {
            "epic": e.key,
            "applicant": "98765",
            "new_constituency": roll.gopalganj_ac.pk,
            "new_part": 2,
            "house_no": "4",
        }
        assert Client().post("/roll/apply/form8/", data).status_code == 200
        assert Application.objects.get().changes == {"house_no": "4", "part": other.pk}

    def test_nothing_to_correct_and_a_shift_without_a_part(self, roll: Roll) -> None:
        e = elector(roll.u1, "ABC0000001")
        response = Client().post("/roll/apply/form8/", {"epic": e.key, "applicant": "9"})
        assert response.status_code == 422
        assert "Nothing to correct" in response.content.decode()
        response = Client().post(
            "/roll/apply/form8/",
            {"epic": e.key, "applicant": "9", "new_constituency": roll.gopalganj_ac.pk},
        )
        assert response.status_code == 422
        assert "Give the part number to shift to." in response.content.decode()
        assert Application.objects.count() == 0


@pytest.mark.django_db
def test_officer_accepts_a_form6_and_the_epic_is_shown(roll: Roll, geo: Geo) -> None:
    Client().post("/roll/apply/form6/", _form6(roll))
    app = Application.objects.get()
    officer = user("cec", Role.COMMISSION_ADMIN, geo.india)
    client = Client()
    client.force_login(officer)
    url = f"/roll/applications/{app.pk}/action/"
    assert client.post(url, {"action": "verify", "report": "Met at home"}).status_code == 302
    response = client.post(url, {"action": "accept"}, follow=True)
    app.refresh_from_db()
    new = app.elector
    assert new is not None and new.part == roll.u1 and new.serial == 1
    assert len(new.key) == 10 and new.key[:3].isalpha()
    html = response.content.decode()
    assert f"is on the roll as {new.key}, part 1, serial 1." in html
    assert "Met at home" in html
    assert (
        client.get("/roll/applications/?status=accepted&form=6").content.decode().count(new.key)
        >= 1
    )
    assert "सुनीता देवी" not in client.get("/roll/applications/?status=submitted").content.decode()
