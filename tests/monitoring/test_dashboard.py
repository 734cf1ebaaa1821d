"""The commission's and the returning officer's dashboards: per district and per body, the
escalations, completeness over time, incidents by type and area, charts, pages and empty states;
event-driven obligations from incidents."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Role
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import Body, Obligation
from nirvachan.monitoring.selectors import dashboard as dashboard_module
from tests.factories import Geo, user
from tests.monitoring.factories import election, team

D = dt.date


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


NOW = at(D(2022, 10, 13))


def _world(geo: Geo) -> dict[str, Any]:
    """Two districts: Gopalganj with a team (Kotalipara) and a cell, Kishoreganj with a team.
    Gopalganj's team reports its first weekly report on time and its second a day late."""
    e = election()
    gop_team = team(e, geo.kotalipara)
    gop_cell = team(e, geo.gopalganj, "Monitoring cell", kind="cell")
    kis_team = team(e, geo.kuliarchar, "Vigilance team 9")
    first, second = gop_team.obligations.order_by("due_on")[:2]
    services.report_submit(
        actor=None, body=gop_team, obligation=first, situation="Calm", at=at(D(2022, 9, 27))
    )
    services.report_submit(
        actor=None, body=gop_team, obligation=second, situation="Calm", at=at(D(2022, 10, 5))
    )
    return {"election": e, "gop_team": gop_team, "gop_cell": gop_cell, "kis_team": kis_team}


def _incident(e: Any, unit: AdminUnit, kind: str, at_: dt.datetime, **kw: Any) -> Any:
    return services.incident_report(
        actor=None,
        election=e,
        unit=unit,
        kind=kind,
        description="Seen at the market",
        occurred_at=at_ - dt.timedelta(minutes=10),
        contact_name="Rahim",
        at=at_,
        **kw,
    )


@pytest.mark.django_db
class TestCommissionDashboard:
    def test_rows_per_district_with_escalations_and_completeness(self, geo: Geo) -> None:
        w = _world(geo)
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        data = selectors.dashboard_for_user(admin, now=NOW)
        assert data.level == "commission" and data.election == w["election"]
        rows = {r.code: r for r in data.rows}
        assert set(rows) == {"BD-DIS-51", "BD-DIS-45"}
        gop, kis = rows["BD-DIS-51"], rows["BD-DIS-45"]
        assert gop.bodies == 2 and kis.bodies == 1
        # Gopalganj's team: weekly 27 Sep (on time), 4 Oct (late), 11 Oct (missing), then daily
        # 14-17 Oct (due); its cell: weekly 27 Sep, 4 Oct, 11 Oct and every 2 days from 11 Oct
        # (11 Oct missing, 13 Oct due today, 15 and 17 Oct due)
        assert (gop.counts.on_time, gop.counts.late, gop.counts.missing) == (1, 1, 5)
        assert gop.counts.due == 4 + 3
        assert (kis.counts.on_time, kis.counts.late, kis.counts.missing) == (0, 0, 3)
        # missing for more than 24 hours at noon on 13 Oct: all (11 Oct ended 36 hours ago)
        assert gop.counts.escalated == 5 and kis.counts.escalated == 3
        # the worst district first
        assert [r.code for r in data.rows] == ["BD-DIS-51", "BD-DIS-45"]
        assert data.totals.missing == 8 and data.escalated_total == 8
        assert data.totals.completeness == round(100 * 2 / 10)
        # escalations: one row per body, the oldest missing report first (the cell's and
        # Kishoreganj's team's from 27 Sep, then Gopalganj's team's from 11 Oct)
        assert [(e.body, e.district, e.count) for e in data.escalations] == [
            (w["gop_cell"].pk, "BD-DIS-51", 4),
            (w["kis_team"].pk, "BD-DIS-45", 3),
            (w["gop_team"].pk, "BD-DIS-51", 1),
        ]
        assert data.escalations[0].hours_overdue == 15 * 24 + 12
        # completeness per due date: 27 Sep has three obligations, one on time
        day = next(c for c in data.completeness if c.day == D(2022, 9, 27))
        assert (day.total, day.on_time, day.late, day.missing) == (3, 1, 0, 2)
        assert all(c.day < D(2022, 10, 13) for c in data.completeness)

    def test_incidents_by_type_and_area_within_the_deadline(self, geo: Geo) -> None:
        w = _world(geo)
        e = w["election"]
        quick = _incident(e, geo.kotalipara, "violence", at(D(2022, 10, 10), 10))
        services.incident_move(
            actor=None, incident=quick, status="assigned", team=w["gop_team"],
            at=at(D(2022, 10, 10), 10, 20),
        )  # fmt: skip
        services.incident_move(
            actor=None, incident=quick, status="verified", at=at(D(2022, 10, 10), 11)
        )  # within 100 minutes
        slow = _incident(e, geo.kuliarchar, "violence", at(D(2022, 10, 10), 10))
        services.incident_move(
            actor=None, incident=slow, status="dropped", reason="unfounded",
            at=at(D(2022, 10, 10), 15),
        )  # fmt: skip
        _incident(e, geo.kuliarchar, "money", at(D(2022, 10, 12), 9))  # open, overdue
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        data = selectors.dashboard_for_user(admin, now=NOW)
        kinds = {s.key: (s.total, s.handled, s.within) for s in data.by_kind}
        assert kinds == {"violence": (2, 2, 1), "money": (1, 0, 0)}
        areas = {s.key: (name, s.total, s.within) for name, s in data.by_area}
        assert areas == {
            "BD-DIS-45": (geo.kishoreganj.name, 2, 0),
            "BD-DIS-51": (geo.gopalganj.name, 1, 1),
        }
        assert [s.key for _n, s in data.by_area] == ["BD-DIS-45", "BD-DIS-51"]  # most first
        rows = {r.code: r.counts for r in data.rows}
        assert (rows["BD-DIS-45"].incidents_open, rows["BD-DIS-45"].incidents_overdue) == (1, 1)
        # the verified one is still open (no action or closing yet), but it was answered in time
        assert (rows["BD-DIS-51"].incidents_open, rows["BD-DIS-51"].incidents_overdue) == (1, 0)
        assert (data.totals.incidents_open, data.totals.incidents_overdue) == (2, 1)

    def test_drill_down_and_pagination(self, geo: Geo, monkeypatch: Any) -> None:
        w = _world(geo)
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        one = selectors.dashboard_for_user(admin, district=geo.gopalganj, now=NOW)
        assert one.level == "district"
        assert {r.id for r in one.rows} == {w["gop_team"].pk, w["gop_cell"].pk}
        monkeypatch.setattr(dashboard_module, "DISTRICTS_PER_PAGE", 1)
        first = selectors.dashboard_for_user(admin, now=NOW, page=1)
        second = selectors.dashboard_for_user(admin, now=NOW, page=2)
        assert first.rows.paginator.num_pages == 2
        assert [r.code for r in first.rows] + [r.code for r in second.rows] == [
            "BD-DIS-51",
            "BD-DIS-45",
        ]
        # the totals cover every page
        assert first.totals.missing == second.totals.missing == 8

    def test_returning_officer_sees_own_district_bodies_only(self, geo: Geo) -> None:
        w = _world(geo)
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        data = selectors.dashboard_for_user(ro, now=NOW)
        assert data.level == "district"
        assert {r.id for r in data.rows} == {w["gop_team"].pk, w["gop_cell"].pk}
        assert data.totals.missing == 5
        with pytest.raises(DomainError) as err:
            selectors.district_for_user(ro, "BD-DIS-45")
        assert err.value.status == 404


@pytest.mark.django_db
class TestDashboardPages:
    @pytest.mark.parametrize("lang", ["bn", "hi", "en"])
    def test_commission_page_with_charts(self, geo: Geo, lang: str) -> None:
        w = _world(geo)
        _incident(w["election"], geo.kotalipara, "money", timezone.now() - dt.timedelta(hours=3))
        client = Client()
        client.force_login(user("admin", Role.COMMISSION_ADMIN, geo.bd, preferred_language=lang))
        response = client.get("/monitoring/?election=zp2022-gop")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-testid="district-rows"' in html and 'data-district="BD-DIS-51"' in html
        assert html.count("<svg") == 3  # completeness, incidents by type, incidents by area
        title = {
            "bn": "নির্ধারিত তারিখ অনুযায়ী প্রতিবেদনের পূর্ণতা",
            "hi": "नियत तिथि के अनुसार रिपोर्टों की पूर्णता",
            "en": "Report completeness by due date",
        }[lang]
        assert f"<title>{title}</title>" in html
        if lang == "bn":  # numbers in Bengali digits, the escalation heading translated
            assert "ঊর্ধ্বতন পর্যায়ে প্রেরিত" in html
            # every 2022 report is long overdue: the team's 5 missing and the cell's 7
            assert re.search(r'data-escalated="12">✖ [^<]* ১২<', html)
        drill = client.get("/monitoring/?election=zp2022-gop&district=BD-DIS-51")
        assert drill.status_code == 200
        assert f'data-body="{w["gop_team"].pk}"' in drill.content.decode()
        assert client.get("/monitoring/?district=BD-DIS-99").status_code == 404
        assert client.get("/monitoring/?election=nope").status_code == 404

    def test_empty_state(self, geo: Geo) -> None:
        client = Client()
        client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
        response = client.get("/monitoring/")
        assert response.status_code == 200
        assert 'data-testid="no-election"' in response.content.decode()

    def test_api_dashboard_for_the_commission(self, geo: Geo) -> None:
        _world(geo)
        client = Client()
        client.force_login(user("admin", Role.COMMISSION_ADMIN, geo.bd))
        data = client.get("/api/v1/monitoring/dashboard?election=zp2022-gop").json()
        assert data["level"] == "commission" and data["bodies"] == []
        assert {d["code"]: d["bodies"] for d in data["districts"]} == {
            "BD-DIS-51": 2,
            "BD-DIS-45": 1,
        }
        assert data["escalated"] == sum(e["count"] for e in data["escalations"]) > 0
        bad = client.get("/api/v1/monitoring/dashboard?district=BD-DIS-99")
        assert bad.status_code == 404 and bad.json()["code"] == "not_found"


@pytest.mark.django_db
class TestEventObligations:
    def test_an_incident_obliges_the_cell_and_the_assigned_team(self, geo: Geo) -> None:
        w = _world(geo)
        reported = at(D(2022, 10, 10), 10)
        incident = _incident(w["election"], geo.kotalipara, "violence", reported)
        cell_duty = Obligation.objects.get(incident=incident)
        assert (cell_duty.body, cell_duty.code) == (w["gop_cell"], "incident")
        assert cell_duty.due_at == incident.deadline_at == reported + dt.timedelta(minutes=100)
        # the other district's bodies and the (unassigned) team owe nothing yet
        assert not Obligation.objects.filter(incident=incident, body=w["kis_team"]).exists()
        services.incident_move(
            actor=None, incident=incident, status="assigned", team=w["gop_team"],
            at=reported + dt.timedelta(minutes=5),
        )  # fmt: skip
        team_duty = Obligation.objects.get(incident=incident, body=w["gop_team"])
        assert team_duty.code == "violation"
        # regenerating the schedule keeps event obligations untouched
        services.obligations_generate(actor=None, election=w["election"], today=D(2022, 10, 1))
        assert Obligation.objects.filter(incident=incident, superseded_at__isnull=True).count() == 2
        # the cell's report answers it on time; the dashboard counts it
        services.report_submit(
            actor=None, body=w["gop_cell"], obligation=cell_duty, situation="Clash contained",
            at=reported + dt.timedelta(minutes=60),
        )  # fmt: skip
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        rows = {r.id: r.counts for r in selectors.dashboard_for_user(
            admin, district=geo.gopalganj, now=NOW
        ).rows}  # fmt: skip
        assert rows[w["gop_cell"].pk].on_time == 1

    def test_no_cell_no_event_obligation(self, geo: Geo) -> None:
        e = election()
        team(e, geo.kuliarchar)
        incident = _incident(e, geo.kuliarchar, "money", at(D(2022, 10, 10)))
        assert not Obligation.objects.filter(incident=incident).exists()
        assert Body.objects.filter(district=geo.kishoreganj).count() == 1


@pytest.mark.django_db
def test_migration_backfills_districts_and_report_times(geo: Geo) -> None:
    """Migration 0002 fills the new columns of rows written before it: the district of bodies
    and incidents, and the report time on answered obligations."""
    import importlib

    from django.apps import apps

    from nirvachan.monitoring.models import Incident

    migration = importlib.import_module(
        "nirvachan.monitoring.migrations.0002_district_event_obligations_expense_history"
    )
    w = _world(geo)
    incident = _incident(w["election"], geo.kotalipara, "money", at(D(2022, 10, 10)))
    Body.objects.update(district=None)
    Incident.objects.update(district=None)
    Obligation.objects.update(reported_at=None)
    migration.backfill_districts(apps, None)
    assert dict(Body.objects.values_list("pk", "district_id")) == {
        w["gop_team"].pk: geo.gopalganj.pk,
        w["gop_cell"].pk: geo.gopalganj.pk,
        w["kis_team"].pk: geo.kishoreganj.pk,
    }
    assert Incident.objects.get(pk=incident.pk).district_id == geo.gopalganj.pk
    answered = Obligation.objects.filter(reported_at__isnull=False)
    assert answered.count() == 2
    assert all(o.reported_at == o.report.submitted_at for o in answered)


@pytest.mark.django_db
def test_the_sender_sees_acknowledgements_on_the_dashboard(geo: Geo) -> None:
    """A circular the commission issued to two districts: one acknowledged, one past its
    deadline; the commission's dashboard counts them, a district's does not list it as sent."""
    circular = services.circular_draft(
        actor=None, unit=geo.bd, memo_number="নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৫০১",
        date=D(2022, 10, 13), subject="Acknowledge", paragraphs=["Acknowledge receipt."],
        signatory_name="Deputy Secretary",
    )  # fmt: skip
    services.circular_issue(
        actor=None, circular=circular,
        recipients=[services.Recipient(geo.gopalganj), services.Recipient(geo.kishoreganj)],
        ack_days=3, at=at(D(2022, 10, 13)),
    )  # fmt: skip
    services.circular_acknowledge(
        actor=None, recipient=circular.recipients.get(unit=geo.gopalganj), at=at(D(2022, 10, 14))
    )
    admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
    [row] = selectors.circulars_sent(admin, now=at(D(2022, 10, 20)))
    assert (row["sent"], row["acknowledged"], row["overdue"]) == (2, 1, 1)
    assert selectors.circulars_sent(admin, now=at(D(2022, 10, 15)))[0]["overdue"] == 0
    ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
    assert selectors.circulars_sent(ro) == []
    client = Client()
    client.force_login(admin)
    html = client.get("/monitoring/").content.decode()
    assert f'data-circular="{circular.pk}"' in html and 'data-overdue="1"' in html
