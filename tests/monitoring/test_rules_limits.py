"""The commission's pages: reporting rules (changing them regenerates future obligations and
keeps history) and expense limits; correcting and withdrawing expense lines with their history;
the written notice of a violation as a PDF in three languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, AuditEvent
from nirvachan.core.roles import Role
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import (
    Expense,
    ExpenseLimit,
    Incident,
    Obligation,
    ReportingRule,
)
from tests.factories import Geo, user
from tests.monitoring.factories import election, team

D = dt.date


def _client(name: str, role: str, unit: AdminUnit, lang: str = "en") -> Client:
    client = Client()
    client.force_login(user(name, role, unit, preferred_language=lang))
    return client


@pytest.mark.django_db
class TestRulesPage:
    def test_lists_the_seed_rules_and_changes_one(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        page = admin.get("/monitoring/rules/?election=zp2022-gop")
        assert page.status_code == 200
        html = page.content.decode()
        assert (
            'data-rule="team/weekly"' in html and 'data-rule="law_district/security_plan"' in html
        )
        weekly_before = set(
            body.obligations.filter(code="weekly", superseded_at__isnull=True).values_list(
                "due_on", flat=True
            )
        )
        assert weekly_before == {D(2022, 9, 27), D(2022, 10, 4), D(2022, 10, 11)}
        response = admin.post(
            "/monitoring/rules/save/",
            {"election": "zp2022-gop", "body_kind": "team", "code": "weekly", "kind": "periodic",
             "every_days": "5", "window_days": "0", "offset_days": "0"},
        )  # fmt: skip
        assert response.status_code == 302
        rule = ReportingRule.objects.get(election=e, body_kind="team", code="weekly")
        assert rule.every_days == 5
        # every 5 days from 20 Sep up to the poll; the dates already past (before today, 2026)
        # were history and are kept, so nothing was superseded here, and the history shows
        current = body.obligations.filter(code="weekly", superseded_at__isnull=True)
        assert weekly_before <= set(current.values_list("due_on", flat=True))
        assert AuditEvent.objects.filter(event_type="monitoring.rules_set").count() == 1

    def test_change_before_the_poll_supersedes_future_dates_only(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        services.rule_set(
            actor=None, election=e, body_kind="team", code="weekly", kind="periodic",
            every_days=5, today=D(2022, 10, 1),
        )  # fmt: skip
        weekly = body.obligations.filter(code="weekly")
        kept = set(weekly.filter(superseded_at__isnull=True).values_list("due_on", flat=True))
        gone = set(weekly.filter(superseded_at__isnull=False).values_list("due_on", flat=True))
        assert gone == {D(2022, 10, 4), D(2022, 10, 11)}  # future dates of the old rule
        assert kept == {D(2022, 9, 27), D(2022, 10, 5), D(2022, 10, 10), D(2022, 10, 15)}

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"every_days": "0"}, "every_days", "Rule weekly must repeat every 1 to 366 days."),
            ({"code": "Weekly Report"}, "code", "The code may contain only small Latin letters"),
            ({"offset_days": "-500", "kind": "one_off"}, "offset_days", "within a year"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(
        self, geo: Geo, change: dict[str, str], field: str, message: str
    ) -> None:
        e = election()
        team(e, geo.kotalipara)
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        before = list(Obligation.objects.values_list("pk", "superseded_at"))
        data = {
            "election": "zp2022-gop",
            "body_kind": "team",
            "code": "weekly",
            "kind": "periodic",
            "every_days": "7",
            "window_days": "0",
            "offset_days": "0",
        }
        data.update(change)
        response = admin.post("/monitoring/rules/save/", data)
        assert response.status_code == 422
        assert message in response.context["form"].errors[field][0]
        assert (
            ReportingRule.objects.get(election=e, body_kind="team", code="weekly").every_days == 7
        )
        assert list(Obligation.objects.values_list("pk", "superseded_at")) == before

    def test_bengali_error(self, geo: Geo) -> None:
        election()
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd, "bn")
        response = admin.post(
            "/monitoring/rules/save/",
            {"election": "zp2022-gop", "body_kind": "team", "code": "weekly", "kind": "periodic",
             "every_days": "0", "window_days": "0", "offset_days": "0"},
        )  # fmt: skip
        assert response.status_code == 422
        assert "বিধি weekly ১ থেকে ৩৬৬ দিন পর পর পুনরাবৃত্ত হতে হবে।" in response.content.decode()

    def test_only_the_commission_changes_rules(self, geo: Geo) -> None:
        election()
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        page = ro.get("/monitoring/rules/?election=zp2022-gop")
        assert page.status_code == 200 and 'data-rule="team/weekly"' in page.content.decode()
        assert 'action="/monitoring/rules/save/"' not in page.content.decode()
        response = ro.post(
            "/monitoring/rules/save/",
            {"election": "zp2022-gop", "body_kind": "team", "code": "weekly", "kind": "periodic",
             "every_days": "3", "window_days": "0", "offset_days": "0"},
        )  # fmt: skip
        assert response.status_code == 422
        assert ReportingRule.objects.get(body_kind="team", code="weekly").every_days == 7
        rule = ReportingRule.objects.get(body_kind="team", code="weekly")
        assert ro.post(f"/monitoring/rules/{rule.pk}/delete/").status_code == 403
        assert ReportingRule.objects.filter(pk=rule.pk).exists()

    def test_remove_a_rule(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        rule = ReportingRule.objects.get(election=e, body_kind="team", code="daily_before_poll")
        services.rule_delete(actor=None, rule=rule, today=D(2022, 10, 1))
        daily = body.obligations.filter(code="daily_before_poll")
        assert daily.count() == 4 and not daily.filter(superseded_at__isnull=True).exists()
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        last = ReportingRule.objects.filter(election=e)
        for r in list(last)[:-1]:
            services.rule_delete(actor=None, rule=r, today=D(2022, 10, 1))
        only = ReportingRule.objects.get(election=e)
        response = admin.post(f"/monitoring/rules/{only.pk}/delete/")
        assert response.status_code == 302
        assert ReportingRule.objects.filter(pk=only.pk).exists()


@pytest.mark.django_db
class TestLimitsPage:
    def test_commission_sets_a_limit(self, geo: Geo) -> None:
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.india, "hi")
        response = admin.post(
            "/monitoring/expenses/limits/",
            {"country": "IN", "election_kind": "general", "amount": "9500000"},
        )
        assert response.status_code == 302
        assert ExpenseLimit.objects.get(country="IN", election_kind="general").amount == Decimal(
            "9500000.00"
        )
        page = admin.get("/monitoring/expenses/limits/").content.decode()
        assert 'data-limit="IN/general"' in page and "९५,००,०००" in page

    def test_bad_amount_and_no_scope(self, geo: Geo) -> None:
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        response = admin.post(
            "/monitoring/expenses/limits/",
            {"country": "BD", "election_kind": "local", "amount": "0"},
        )
        assert response.status_code == 422
        assert "The limit must be above zero." in response.context["form"].errors["amount"][0]
        other = admin.post(
            "/monitoring/expenses/limits/",
            {"country": "IN", "election_kind": "general", "amount": "100"},
        )
        assert other.status_code == 422  # a Bangladesh commission admin may not set India's
        assert not ExpenseLimit.objects.exists()
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        page = ro.get("/monitoring/expenses/limits/")
        assert page.status_code == 200
        assert 'action="/monitoring/expenses/limits/"' not in page.content.decode()


def _line(e: Any, unit: AdminUnit, amount: str, source: str = "statement") -> Expense:
    return services.expense_record(
        actor=None, election=e, unit=unit, candidate="Rahim Uddin", source=source,
        category="publicity", on=D(2022, 10, 1), amount=Decimal(amount),
    )  # fmt: skip


@pytest.mark.django_db
class TestExpenseCorrections:
    def test_correct_then_withdraw_keeps_the_history(self, geo: Geo) -> None:
        e = election()
        services.expense_limit_set(
            actor=None, country="BD", election_kind="local", amount=Decimal("100000")
        )
        wrong = _line(e, geo.gopalganj, "90000")
        _line(e, geo.gopalganj, "1000", source="shadow")
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        assert selectors.expense_totals(ro, election=e)[0].status == "alert"
        fixed = services.expense_correct(
            actor=ro, expense=wrong, amount=Decimal("9000"), category="meetings",
            on=D(2022, 10, 2), reason="Typing error: one zero too many",
        )  # fmt: skip
        wrong.refresh_from_db()
        assert wrong.superseded_at is not None and fixed.replaces == wrong
        total = selectors.expense_totals(ro, election=e)[0]
        assert (total.statement, total.status) == (Decimal("9000.00"), "ok")
        with pytest.raises(DomainError) as err:
            services.expense_correct(
                actor=ro, expense=wrong, amount=Decimal("1"), category="other",
                on=D(2022, 10, 2), reason="again",
            )  # fmt: skip
        assert err.value.code == "expense_superseded" and err.value.status == 409
        services.expense_withdraw(actor=ro, expense=fixed, reason="Entered twice")
        assert selectors.expense_totals(ro, election=e)[0].statement == Decimal("0.00")
        history = selectors.expense_list_for_user(ro, election=e, history=True)
        assert history.count() == 3
        assert selectors.expense_list_for_user(ro, election=e).count() == 1
        assert AuditEvent.objects.filter(event_type="monitoring.expense_corrected").count() == 2

    def test_pages_correct_withdraw_and_show_history(self, geo: Geo) -> None:
        e = election()
        line = _line(e, geo.kotalipara, "5000")
        client = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        bad = client.post(
            f"/monitoring/expenses/{line.pk}/correct/",
            {"category": "publicity", "on": "2022-10-01", "amount": "-5", "reason": "x"},
        )
        assert bad.status_code == 302
        assert Expense.objects.count() == 1
        ok = client.post(
            f"/monitoring/expenses/{line.pk}/correct/",
            {"category": "publicity", "on": "2022-10-01", "amount": "500", "reason": "Receipt"},
        )
        assert ok.status_code == 302
        new = Expense.objects.get(replaces=line)
        page = client.get("/monitoring/expenses/?election=zp2022-gop").content.decode()
        assert f'data-expense="{line.pk}" class="superseded"' in page
        assert 'data-state="correction"' in page and "Receipt" in page
        client.post(f"/monitoring/expenses/{new.pk}/withdraw/", {"reason": "Not a campaign cost"})
        page = client.get("/monitoring/expenses/?election=zp2022-gop").content.decode()
        assert 'data-state="withdrawn"' in page and "Not a campaign cost" in page
        assert "Receipt" in page  # the correction's own reason stays
        assert Expense.objects.get(pk=new.pk).change_reason == "Receipt"
        observer = _client("obs-other", Role.RETURNING_OFFICER, geo.kishoreganj)
        assert (
            observer.post(f"/monitoring/expenses/{new.pk}/withdraw/", {"reason": "x"}).status_code
            == 404
        )


@pytest.mark.django_db
class TestNotice:
    def _violation(self, geo: Geo) -> Any:
        e = election()
        body = team(e, geo.kotalipara)
        now = timezone.now() - dt.timedelta(hours=3)
        incident = services.incident_report(
            actor=None, election=e, unit=geo.kotalipara, kind="code_of_conduct",
            description="Posters on a school wall", occurred_at=now, contact_name="Rahim",
            by_candidate=True, candidate="Candidate X", location="Kotalipara bazar", at=now,
        )  # fmt: skip
        for step in ("assigned", "verified", "action"):
            services.incident_move(
                actor=None, incident=incident, status=step, team=body, action="fine"
            )
        return incident

    @pytest.mark.parametrize("lang", ["bn", "hi", "en"])
    def test_pdf_in_three_languages(self, geo: Geo, lang: str) -> None:
        incident = self._violation(geo)
        client = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        response = client.get(f"/monitoring/notices/{incident.pk}/?lang={lang}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert f"notice-{incident.follow_code}-{lang}.pdf" in response["Content-Disposition"]

    @pytest.mark.parametrize(
        ("lang", "texts"),
        [
            ("bn", ["প্রার্থী বা এজেন্ট কর্তৃক আচরণবিধি লঙ্ঘনের নোটিশ", "সচিব, নির্বাচন কমিশন",
                    "Candidate X", "Posters on a school wall", "রিটার্নিং অফিসার"]),
            ("hi", ["उम्मीदवार या एजेंट द्वारा आचार संहिता के उल्लंघन की सूचना",
                    "सचिव, निर्वाचन आयोग", "Candidate X"]),
        ],
    )  # fmt: skip
    def test_print_template_in_the_language(self, geo: Geo, lang: str, texts: list[str]) -> None:
        from django.template.loader import render_to_string
        from django.utils import translation

        incident = self._violation(geo)
        with translation.override(lang):
            html = render_to_string(
                "monitoring/notice_print.html",
                {"incident": incident, "steps": list(incident.steps.all()), "lang": lang},
            )
        body = html[html.index("<body>") :]
        positions = [body.index(t) for t in texts]
        assert positions == sorted(positions)

    def test_no_notice_without_a_violation(self, geo: Geo) -> None:
        e = election()
        incident = services.incident_report(
            actor=None, election=e, unit=geo.kotalipara, kind="money", description="Cash",
            occurred_at=timezone.now() - dt.timedelta(hours=1), contact_name="R",
        )  # fmt: skip
        client = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        assert client.get(f"/monitoring/notices/{incident.pk}/").status_code == 404
        page = client.get(f"/monitoring/incidents/{incident.pk}/").content.decode()
        assert 'data-testid="notice-pdf"' not in page


@pytest.mark.django_db
class TestApi:
    def test_rules_and_corrections(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        rules = admin.get("/api/v1/monitoring/rules?election=zp2022-gop").json()["items"]
        assert {(r["body_kind"], r["code"]) for r in rules} >= {
            ("team", "weekly"),
            ("cell", "incident"),
            ("law_district", "security_plan"),
        }
        changed = admin.post(
            "/api/v1/monitoring/rules",
            {"election": "zp2022-gop", "body_kind": "law_district", "code": "security_plan",
             "kind": "one_off", "offset_days": -5},
            content_type="application/json",
        )  # fmt: skip
        assert changed.status_code == 200 and changed.json()["offset_days"] == -5
        bad = admin.post(
            "/api/v1/monitoring/rules",
            {"election": "zp2022-gop", "body_kind": "team", "code": "x", "kind": "window"},
            content_type="application/json",
        )
        assert bad.status_code == 422 and bad.json()["details"]["field"] == "every_days"
        assert body.obligations.filter(superseded_at__isnull=True).count() == 7
        line = _line(e, geo.kotalipara, "5000")
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        fixed = ro.post(
            f"/api/v1/monitoring/expenses/{line.pk}/correct",
            {"amount": "4500", "category": "vehicles", "on": "2022-10-02", "reason": "Bill"},
            content_type="application/json",
        )
        assert fixed.status_code == 201 and fixed.json()["replaces"] == line.pk
        again = ro.post(
            f"/api/v1/monitoring/expenses/{line.pk}/correct",
            {"amount": "1", "category": "vehicles", "on": "2022-10-02", "reason": "x"},
            content_type="application/json",
        )
        assert again.status_code == 409 and again.json()["code"] == "expense_superseded"
        listed = ro.get("/api/v1/monitoring/expenses?election=zp2022-gop").json()["items"]
        assert [i["amount"] for i in listed] == ["4500.00"]
        current = listed[0]["id"]
        for bad_body, field in (
            ({"amount": "1", "reason": "x" * 301}, "reason"),
            ({"amount": "1" + "0" * 14, "reason": "x"}, "amount"),
        ):
            refused = ro.post(
                f"/api/v1/monitoring/expenses/{current}/correct",
                {"category": "vehicles", "on": "2022-10-02", **bad_body},
                content_type="application/json",
            )
            assert refused.status_code == 422 and refused.json()["details"]["field"] == field
        assert Expense.objects.count() == 2


@pytest.mark.django_db
class TestResponseTime:
    def test_officer_sets_it_citizen_cannot(self, geo: Geo) -> None:
        election()
        body = {
            "election": "zp2022-gop",
            "unit": "BD-UPZ-388",
            "kind": "violence",
            "description": "Clash",
            "occurred_at": "2022-10-10T10:00:00+06:00",
        }
        ro = _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        made = ro.post(
            "/api/v1/monitoring/incidents",
            {**body, "response_minutes": 30},
            content_type="application/json",
        )
        assert made.status_code == 201
        incident = Incident.objects.get(pk=made.json()["id"])
        assert incident.deadline_at - incident.reported_at == dt.timedelta(minutes=30)
        zero = ro.post(
            "/api/v1/monitoring/incidents",
            {**body, "response_minutes": 0},
            content_type="application/json",
        )
        assert zero.status_code == 422 and zero.json()["details"]["field"] == "response_minutes"
        citizen = Client().post(
            "/api/v1/monitoring/incidents",
            {**body, "response_minutes": 5000},
            content_type="application/json",
        )
        assert citizen.status_code == 422
        assert citizen.json()["message"] == "Only an officer sets the response time."
        assert Incident.objects.count() == 1


@pytest.mark.django_db
def test_citizen_follows_the_status_in_bengali(geo: Geo) -> None:
    e = election()
    body = team(e, geo.kotalipara)
    reported = timezone.make_aware(dt.datetime(2022, 10, 10, 10, 0))
    incident = services.incident_report(
        actor=None, election=e, unit=geo.kotalipara, kind="violence", description="Clash",
        occurred_at=reported, contact_name="Rahima", at=reported,
    )  # fmt: skip
    services.incident_move(
        actor=None, incident=incident, status="assigned", team=body,
        at=reported + dt.timedelta(minutes=25),
    )  # fmt: skip
    client = Client()
    client.cookies["nirvachan_language"] = "bn"
    page = client.get(f"/monitoring/follow/?code={incident.follow_code.lower()}")
    assert page.status_code == 200
    html = page.content.decode()
    # the deadline 11:40 and the two steps at 10:00 and 10:25, in Bengali digits
    assert "১১:৪০" in html
    steps = html[html.index('data-testid="steps"') :]
    assert steps.index("১০:০০") < steps.index("১০:২৫")
