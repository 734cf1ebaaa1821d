"""Expenses: API (limits, statements, shadow register, totals), pages and the dashboard alerts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import Expense, ExpenseLimit
from tests.factories import Geo, user
from tests.monitoring.factories import election


def _post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _client(username: str, role: Role, unit: Any) -> Client:
    client = Client()
    client.force_login(user(username, role, unit))
    return client


@pytest.fixture
def ro(geo: Geo) -> Client:
    return _client("ro", Role.RETURNING_OFFICER, geo.gopalganj)


def _line(client: Client, unit: str, candidate: str, source: str, amount: str) -> Any:
    return _post(
        client,
        "/api/v1/monitoring/expenses",
        {
            "election": "zp2022-gop",
            "unit": unit,
            "candidate": candidate,
            "source": source,
            "category": "publicity",
            "on": "2022-10-01",
            "amount": amount,
        },
    )


@pytest.mark.django_db
class TestApi:
    def test_commission_sets_limits_and_totals_alert(self, geo: Geo, ro: Client) -> None:
        election()
        admin = _client("admin", Role.COMMISSION_ADMIN, geo.bd)
        set_ = _post(
            admin,
            "/api/v1/monitoring/expenses/limits",
            {"country": "BD", "election_kind": "local", "amount": "1000000"},
        )
        assert set_.status_code == 200, set_.json()
        assert set_.json() == {"country": "BD", "election_kind": "local", "amount": "1000000.00"}
        listed = ro.get("/api/v1/monitoring/expenses/limits").json()["items"]
        assert listed == [{"country": "BD", "election_kind": "local", "amount": "1000000.00"}]
        for cand, source, amount in [
            ("A", "statement", "500000"),
            ("A", "shadow", "850000"),
            ("B", "statement", "1200000"),
            ("C", "statement", "100"),
        ]:
            created = _line(ro, "BD-UPZ-388", cand, source, amount)
            assert created.status_code == 201, created.json()
        assert created.json()["unit"] == "BD-UPZ-388" and created.json()["amount"] == "100.00"
        totals = ro.get("/api/v1/monitoring/expenses/totals?election=zp2022-gop").json()["items"]
        assert [
            (t["candidate"], t["statement"], t["shadow"], t["spent"], t["share"], t["status"])
            for t in totals
        ] == [
            ("A", "500000.00", "850000.00", "850000.00", "85.0", "alert"),
            ("B", "1200000.00", "0.00", "1200000.00", "120.0", "breach"),
            ("C", "100.00", "0.00", "100.00", "0.0", "ok"),
        ]
        shadow = ro.get("/api/v1/monitoring/expenses?election=zp2022-gop&source=shadow").json()
        assert shadow["count"] == 1 and shadow["items"][0]["candidate"] == "A"
        dashboard = ro.get("/api/v1/monitoring/dashboard").json()
        assert [(a["candidate"], a["status"]) for a in dashboard["expense_alerts"]] == [
            ("A", "alert"),
            ("B", "breach"),
        ]

    def test_district_officer_may_not_set_a_limit(self, geo: Geo, ro: Client) -> None:
        response = _post(
            ro,
            "/api/v1/monitoring/expenses/limits",
            {"country": "BD", "election_kind": "local", "amount": "1000000"},
        )
        assert response.status_code == 403
        assert ExpenseLimit.objects.count() == 0

    def test_bad_amount_is_422_and_writes_nothing(self, geo: Geo, ro: Client) -> None:
        election()
        before = AuditEvent.objects.count()
        response = _line(ro, "BD-DIS-51", "A", "statement", "-5")
        assert response.status_code == 422
        assert response.json()["code"] == "monitoring_validation"
        assert response.json()["details"]["field"] == "amount"
        bad_source = _line(ro, "BD-DIS-51", "A", "gossip", "5")
        assert bad_source.status_code == 422
        assert Expense.objects.count() == 0
        assert AuditEvent.objects.count() == before

    def test_other_district_is_out_of_scope(self, geo: Geo, ro: Client) -> None:
        election()
        response = _line(ro, "BD-DIS-45", "A", "statement", "5")
        assert response.status_code == 403
        assert Expense.objects.count() == 0

    def test_an_observer_keeps_the_shadow_register_but_not_the_statement(self, geo: Geo) -> None:
        election()
        observer = _client("obs", Role.OBSERVER, geo.gopalganj)
        assert _line(observer, "BD-DIS-51", "A", "shadow", "700").status_code == 201
        refused = _line(observer, "BD-DIS-51", "A", "statement", "500")
        assert refused.status_code == 403
        assert refused.json()["code"] == "out_of_scope"
        assert list(Expense.objects.values_list("source", flat=True)) == ["shadow"]
        # Watching is not running the monitoring: no bodies, incidents moved or circulars.
        body = _post(
            observer,
            "/api/v1/monitoring/bodies",
            {
                "election": "zp2022-gop",
                "unit": "BD-DIS-51",
                "kind": "team",
                "name": "Observers' own team",
                "formed_on": "2022-09-20",
            },
        )
        assert body.status_code == 403

    def test_lists_and_totals_are_scoped(self, geo: Geo) -> None:
        e = election()
        for unit in (geo.gopalganj, geo.kishoreganj):
            services.expense_record(
                actor=None, election=e, unit=unit, candidate=f"In {unit.code}",
                source="statement", category="other", on=dt.date(2022, 10, 2),
                amount=Decimal("10"),
            )  # fmt: skip
        kishoreganj = _client("k", Role.RETURNING_OFFICER, geo.kishoreganj)
        items = kishoreganj.get("/api/v1/monitoring/expenses").json()["items"]
        assert [i["candidate"] for i in items] == ["In BD-DIS-45"]
        totals = kishoreganj.get("/api/v1/monitoring/expenses/totals").json()["items"]
        assert [(t["candidate"], t["limit"], t["status"]) for t in totals] == [
            ("In BD-DIS-45", None, "ok")
        ]


@pytest.mark.django_db
class TestPages:
    @pytest.mark.parametrize("lang", ["bn", "hi", "en"])
    def test_expenses_page_side_by_side(self, geo: Geo, ro: Client, lang: str) -> None:
        e = election()
        services.expense_limit_set(
            actor=None, country="BD", election_kind="local", amount=Decimal("1000")
        )
        for source, amount in (("statement", "300"), ("shadow", "900")):
            services.expense_record(
                actor=None, election=e, unit=geo.gopalganj, candidate="Rahim",
                source=source, category="vehicles", on=dt.date(2022, 10, 2),
                amount=Decimal(amount), note=f"{source} note",
            )  # fmt: skip
        ro.cookies["nirvachan_language"] = lang
        page = ro.get("/monitoring/expenses/?election=zp2022-gop")
        assert page.status_code == 200
        html = page.content.decode()
        assert "statement note" in html and "shadow note" in html
        assert 'class="warn" data-status="alert"' in html
        dashboard = ro.get("/monitoring/").content.decode()
        assert 'data-status="alert"' in dashboard and "Rahim" in dashboard

    def test_add_an_entry_from_the_page(self, geo: Geo, ro: Client) -> None:
        election()
        response = ro.post(
            "/monitoring/expenses/add/",
            {"election": "zp2022-gop", "unit": "BD-UPZ-388", "candidate": "Karim",
             "source": "shadow", "category": "meetings", "on": "2022-10-03", "amount": "1500"},
        )  # fmt: skip
        assert response.status_code == 302
        assert response["Location"] == "/monitoring/expenses/?election=zp2022-gop"
        expense = Expense.objects.get()
        assert (expense.candidate, expense.source, expense.amount) == (
            "Karim",
            "shadow",
            Decimal("1500.00"),
        )

    def test_bad_entry_is_422_and_writes_nothing(self, geo: Geo, ro: Client) -> None:
        election()
        response = ro.post(
            "/monitoring/expenses/add/",
            {"election": "zp2022-gop", "unit": "BD-UPZ-388", "candidate": "Karim",
             "source": "shadow", "category": "meetings", "on": "2022-10-03", "amount": "0"},
        )  # fmt: skip
        assert response.status_code == 422
        assert "The amount must be above zero." in response.content.decode()
        assert Expense.objects.count() == 0

    def test_unknown_election_is_404(self, geo: Geo, ro: Client) -> None:
        assert ro.get("/monitoring/expenses/?election=nope").status_code == 404

    def test_selector_alerts(self, geo: Geo) -> None:
        e = election()
        services.expense_limit_set(
            actor=None, country="BD", election_kind="local", amount=Decimal("100")
        )
        services.expense_record(
            actor=None, election=e, unit=geo.gopalganj, candidate="X", source="shadow",
            category="other", on=dt.date(2022, 10, 2), amount=Decimal("80"),
        )  # fmt: skip
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        alerts = selectors.expense_alerts(admin)
        assert [(a.election, a.candidate, a.status, a.share) for a in alerts] == [
            ("zp2022-gop", "X", "alert", Decimal("80.0"))
        ]
