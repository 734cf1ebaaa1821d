"""Pages: public schedule, contest with ballot preview and PDF; officer nomination pages."""

from __future__ import annotations

import pytest
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.elections import services
from nirvachan.elections.models import Nomination
from tests.elections.factories import ZilaParishad, zila_parishad
from tests.factories import Geo, user


@pytest.fixture
def zp(geo: Geo) -> ZilaParishad:
    data = zila_parishad(geo)
    for name in ("মোঃ হাসান আলী", "আবুল কালাম"):
        n = services.nomination_file(contest=data.chairman, name_bn=name)
        services.nomination_scrutinise(nomination=n, accept=True)
    return data


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


@pytest.mark.django_db
def test_list_and_schedule_in_bengali(zp: ZilaParishad) -> None:
    html = Client().get("/elections/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert "জেলা পরিষদ নির্বাচন ২০২২, গোপালগঞ্জ" in html and "১৭ অক্টোবর ২০২২" in html
    html = Client().get("/elections/zp2022-gop/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert "চেয়ারম্যান" in html and "০৯:০০" not in html and "09:00–14:00" in html


@pytest.mark.django_db
def test_contest_page_shows_the_ballot_with_nota_last(zp: ZilaParishad) -> None:
    url = f"/elections/zp2022-gop/contests/{zp.chairman.pk}/"
    html = Client().get(url, HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    ballot = html[html.index('id="ballot"') :]
    positions = [ballot.index(s) for s in ("আবুল কালাম", "মোঃ হাসান আলী", "উপরের কাউকে নয়")]
    assert positions == sorted(positions)
    assert "১টি ব্যালট ইউনিট" in html or "১ ব্যালট ইউনিট" in html


@pytest.mark.django_db
def test_ballot_pdf(zp: ZilaParishad) -> None:
    response = Client().get(
        f"/elections/zp2022-gop/contests/{zp.chairman.pk}/ballot.pdf", HTTP_ACCEPT_LANGUAGE="bn"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_unknown_election_page_is_404(zp: ZilaParishad) -> None:
    response = Client().get("/elections/nope/", HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 404
    assert "nope" in response.content.decode()


@pytest.mark.django_db
class TestOfficer:
    def url(self, zp: ZilaParishad, rest: str = "") -> str:
        return f"/elections/zp2022-gop/contests/{zp.chairman.pk}/nominations/{rest}"

    def test_officer_sees_the_contests_of_the_district_only(
        self, ro: Client, zp: ZilaParishad
    ) -> None:
        html = ro.get("/elections/officer/").content.decode()
        assert "Chairman" in html and "Kuliarchar ward" not in html

    def test_file_scrutinise_withdraw(self, ro: Client, zp: ZilaParishad) -> None:
        response = ro.post(self.url(zp), {"name_bn": "রহিম উদ্দিন", "category": "general"})
        assert response.status_code == 302
        n = Nomination.objects.get(name_bn="রহিম উদ্দিন")
        assert (n.status, n.deposit, n.filed_by.username) == ("filed", 100000, "ro")
        response = ro.post(self.url(zp, f"{n.pk}/scrutiny/"), {"decision": "reject"})
        assert response.status_code == 422
        assert Nomination.objects.get(pk=n.pk).status == "filed"
        response = ro.post(
            self.url(zp, f"{n.pk}/scrutiny/"), {"decision": "reject", "reason": "স্বাক্ষর নেই"}
        )
        assert response.status_code == 302
        n.refresh_from_db()
        assert (n.status, n.rejection_reason) == ("rejected", "স্বাক্ষর নেই")
        accepted = Nomination.objects.get(name_bn="আবুল কালাম")
        assert ro.post(self.url(zp, f"{accepted.pk}/withdraw/")).status_code == 302
        assert Nomination.objects.get(pk=accepted.pk).status == "withdrawn"
        types = list(
            AuditEvent.objects.filter(actor_name="ro").values_list("event_type", flat=True)
        )
        assert types == ["nomination.filed", "nomination.rejected", "nomination.withdrawn"]

    def test_empty_name_is_refused_and_nothing_written(self, ro: Client, zp: ZilaParishad) -> None:
        before = Nomination.objects.count()
        response = ro.post(self.url(zp), {"category": "general"}, HTTP_ACCEPT_LANGUAGE="bn")
        assert response.status_code == 422
        assert Nomination.objects.count() == before

    def test_final_list_freezes_the_contest(self, ro: Client, zp: ZilaParishad) -> None:
        response = ro.post(f"/elections/zp2022-gop/contests/{zp.chairman.pk}/final-list/")
        assert response.status_code == 302
        html = ro.get(self.url(zp)).content.decode()
        assert "File a nomination" not in html
        response = ro.post(self.url(zp), {"name_bn": "দেরি", "category": "general"})
        assert response.status_code == 422
        assert not Nomination.objects.filter(name_bn="দেরি").exists()

    def test_other_district_is_404(self, ro: Client, zp: ZilaParishad) -> None:
        url = f"/elections/zp2022-gop/contests/{zp.other_district.pk}/nominations/"
        assert ro.get(url).status_code == 404
