"""Services and selectors of the monitoring app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.elections import services as election_services
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import Body, Incident, IncidentStep, Member, Obligation, Report
from tests.factories import Geo, user
from tests.monitoring.factories import election, team

D = dt.date


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.mark.django_db
class TestBodies:
    def test_form_a_team_generates_its_obligations(self, geo: Geo) -> None:
        body = team(election(), geo.kotalipara)
        assert [(m.name, m.is_leader) for m in body.members.all()] == [
            ("Md. Karim", True),
            ("A. Rahman", False),
        ]
        assert [(o.code, o.due_on) for o in Obligation.objects.filter(body=body)] == [
            ("weekly", D(2022, 9, 27)),
            ("weekly", D(2022, 10, 4)),
            ("weekly", D(2022, 10, 11)),
            ("daily_before_poll", D(2022, 10, 14)),
            ("daily_before_poll", D(2022, 10, 15)),
            ("daily_before_poll", D(2022, 10, 16)),
            ("daily_before_poll", D(2022, 10, 17)),
        ]
        assert AuditEvent.objects.filter(event_type="monitoring.body_formed").count() == 1

    def test_out_of_scope_officer_cannot_form_and_nothing_is_written(self, geo: Geo) -> None:
        e = election()
        ro = user("ro", Role.RETURNING_OFFICER, geo.kishoreganj)
        with pytest.raises(DomainError) as exc:
            services.body_form(
                actor=ro,
                election=e,
                unit=geo.kotalipara,
                kind="team",
                name="T",
                formed_on=D(2022, 9, 20),
            )
        assert exc.value.code.value == "out_of_scope"
        assert Body.objects.count() == 0 and Obligation.objects.count() == 0

    def test_two_leaders_are_refused(self, geo: Geo) -> None:
        e = election()
        with pytest.raises(DomainError) as exc:
            services.body_form(
                actor=None,
                election=e,
                unit=geo.gopalganj,
                kind="cell",
                name="Cell",
                formed_on=D(2022, 9, 20),
                members=[
                    services.MemberData("A", is_leader=True),
                    services.MemberData("B", is_leader=True),
                ],
            )
        assert exc.value.details["field"] == "members"
        assert Body.objects.count() == 0 and Member.objects.count() == 0

    def test_security_plan_for_the_district_cell(self, geo: Geo) -> None:
        body = team(election(), geo.gopalganj, "District law-and-order cell", kind="law_district")
        assert [(o.code, o.due_on) for o in body.obligations.all()] == [
            ("security_plan", D(2022, 10, 13))
        ]


@pytest.mark.django_db
class TestObligations:
    def test_moving_the_poll_date_keeps_history(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        first = body.obligations.get(due_on=D(2022, 9, 27))
        services.report_submit(
            actor=None, body=body, obligation=first, situation="Calm", at=at(D(2022, 9, 27))
        )
        election_services.phase_schedule(election=e, number=1, poll_date=D(2022, 10, 20))
        result = services.obligations_generate(actor=None, election=e, today=D(2022, 10, 5))
        assert (result.added, result.superseded) == (4, 3)
        live = [(o.code, o.due_on) for o in body.obligations.filter(superseded_at__isnull=True)]
        assert live == [
            ("weekly", D(2022, 9, 27)),
            ("weekly", D(2022, 10, 4)),
            ("weekly", D(2022, 10, 11)),
            ("daily_before_poll", D(2022, 10, 17)),
            ("daily_before_poll", D(2022, 10, 18)),
            ("weekly", D(2022, 10, 18)),
            ("daily_before_poll", D(2022, 10, 19)),
            ("daily_before_poll", D(2022, 10, 20)),
        ]
        assert body.obligations.filter(superseded_at__isnull=False).count() == 3
        again = services.obligations_generate(actor=None, election=e, today=D(2022, 10, 5))
        assert (again.added, again.superseded) == (0, 0)

    def test_statuses_on_time_late_missing_due(self, geo: Geo) -> None:
        body = team(election(), geo.kotalipara)
        o1, o2 = body.obligations.all()[:2]
        services.report_submit(
            actor=None, body=body, obligation=o1, situation="Calm", at=at(D(2022, 9, 27))
        )
        services.report_submit(
            actor=None, body=body, obligation=o2, situation="Posters", at=at(D(2022, 10, 5))
        )
        rows = selectors.obligation_rows(body.obligations.all(), now=at(D(2022, 10, 13)))
        assert [(r.due_on, r.status, r.escalated) for r in rows] == [
            (D(2022, 9, 27), "on_time", False),
            (D(2022, 10, 4), "late", False),
            (D(2022, 10, 11), "missing", True),
            (D(2022, 10, 14), "due", False),
            (D(2022, 10, 15), "due", False),
            (D(2022, 10, 16), "due", False),
            (D(2022, 10, 17), "due", False),
        ]

    def test_a_second_report_for_one_obligation_is_refused(self, geo: Geo) -> None:
        body = team(election(), geo.kotalipara)
        o = body.obligations.first()
        assert o is not None
        services.report_submit(actor=None, body=body, obligation=o, situation="Calm")
        with pytest.raises(DomainError) as exc:
            services.report_submit(actor=None, body=body, obligation=o, situation="Again")
        assert exc.value.code.value == "obligation_already_reported"
        assert Report.objects.count() == 1

    def test_rules_are_data_and_changing_one_regenerates(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        services.rule_set(
            actor=admin,
            election=e,
            body_kind="team",
            code="weekly",
            kind="periodic",
            every_days=14,
            today=D(2022, 9, 21),
        )
        weekly = body.obligations.filter(code="weekly", superseded_at__isnull=True)
        assert [o.due_on for o in weekly] == [D(2022, 10, 4)]

    def test_dashboard_counts(self, geo: Geo) -> None:
        body = team(election(), geo.kotalipara)
        o = body.obligations.first()
        assert o is not None
        services.report_submit(
            actor=None, body=body, obligation=o, situation="Calm", at=at(D(2022, 9, 27))
        )
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        data = selectors.dashboard_for_user(ro, now=at(D(2022, 10, 13)))
        assert data.level == "district"
        row = data.rows.object_list[0]
        c = row.counts
        assert (row.id, c.due, c.on_time, c.late, c.missing) == (body.pk, 4, 1, 0, 2)
        assert c.escalated == 2
        assert c.oldest_escalated == o.due_at + dt.timedelta(days=7)  # the first is reported
        other = user("ro2", Role.RETURNING_OFFICER, geo.kishoreganj)
        assert list(selectors.dashboard_for_user(other).rows) == []


@pytest.mark.django_db
class TestIncidents:
    def test_citizen_report_then_lifecycle_and_notice(self, geo: Geo) -> None:
        e = election()
        body = team(e, geo.kotalipara)
        now = at(D(2022, 10, 10))
        incident = services.incident_report(
            actor=None,
            election=e,
            unit=geo.kotalipara,
            kind="code_of_conduct",
            description="Posters on a school wall",
            occurred_at=now,
            contact_name="Rahim",
            contact_phone="01711111111",
            by_candidate=True,
            candidate="Candidate X",
            at=now,
        )
        assert incident.deadline_at == now + dt.timedelta(minutes=100)
        assert incident.reporter == "citizen" and len(incident.follow_code) == 8
        assert selectors.incident_by_follow_code(incident.follow_code.lower()) == incident
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        services.incident_move(
            actor=ro,
            incident=incident,
            status="assigned",
            team=body,
            at=now + dt.timedelta(minutes=10),
        )
        services.incident_move(
            actor=ro, incident=incident, status="verified", at=now + dt.timedelta(minutes=60)
        )
        incident = services.incident_move(
            actor=ro,
            incident=incident,
            status="action",
            action="fine",
            at=now + dt.timedelta(minutes=90),
        )
        assert "Candidate X" in incident.notice and incident.follow_code in incident.notice
        assert list(
            IncidentStep.objects.filter(incident=incident).values_list("status", flat=True)
        ) == [
            "reported",
            "assigned",
            "verified",
            "action",
        ]
        stats = selectors.incident_stats(Incident.objects.all(), "kind")
        assert [(s.key, s.total, s.handled, s.within) for s in stats] == [
            ("code_of_conduct", 1, 1, 1)
        ]

    def test_anonymous_report_keeps_no_contact_and_cannot_be_followed(self, geo: Geo) -> None:
        e = election()
        incident = services.incident_report(
            actor=None,
            election=e,
            unit=geo.kotalipara,
            kind="money",
            description="Cash",
            occurred_at=timezone.now(),
            anonymous=True,
            contact_name="X",
            contact_phone="1",
        )
        assert (incident.contact_name, incident.contact_phone) == ("", "")
        with pytest.raises(DomainError):
            selectors.incident_by_follow_code(incident.follow_code)

    def test_bad_transition_changes_nothing(self, geo: Geo) -> None:
        e = election()
        incident = services.incident_report(
            actor=None,
            election=e,
            unit=geo.kotalipara,
            kind="violence",
            description="Clash",
            occurred_at=timezone.now(),
        )
        with pytest.raises(DomainError) as exc:
            services.incident_move(actor=None, incident=incident, status="closed")
        assert exc.value.code.value == "incident_bad_transition"
        incident.refresh_from_db()
        assert incident.status == "reported" and incident.steps.count() == 1

    def test_drop_as_duplicate(self, geo: Geo) -> None:
        e = election()
        incident = services.incident_report(
            actor=None,
            election=e,
            unit=geo.kotalipara,
            kind="other",
            description="Same",
            occurred_at=timezone.now(),
        )
        with pytest.raises(DomainError):
            services.incident_move(actor=None, incident=incident, status="dropped", reason="bored")
        incident = services.incident_move(
            actor=None, incident=incident, status="dropped", reason="duplicate"
        )
        assert (incident.status, incident.drop_reason) == ("dropped", "duplicate")
        assert incident.responded_at is not None


@pytest.mark.django_db
def test_expense_alerts(geo: Geo) -> None:
    e = election()
    services.expense_limit_set(
        actor=None, country="BD", election_kind="local", amount=Decimal("1000000")
    )
    for cand, source, amount in [
        ("A", "statement", "500000"),
        ("A", "shadow", "850000"),
        ("B", "statement", "1200000"),
        ("C", "statement", "100"),
    ]:
        services.expense_record(
            actor=None,
            election=e,
            unit=geo.gopalganj,
            candidate=cand,
            source=source,
            category="publicity",
            on=D(2022, 10, 1),
            amount=Decimal(amount),
        )
    admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
    totals = selectors.expense_totals(admin, election=e)
    assert [(t.candidate, t.statement, t.shadow, t.alert) for t in totals] == [
        ("A", Decimal("500000.00"), Decimal("850000.00"), "warning"),
        ("B", Decimal("1200000.00"), Decimal("0"), "breach"),
        ("C", Decimal("100.00"), Decimal("0"), ""),
    ]
    with pytest.raises(DomainError):
        services.expense_record(
            actor=None,
            election=e,
            unit=geo.gopalganj,
            candidate="A",
            source="statement",
            category="publicity",
            on=D(2022, 10, 1),
            amount=Decimal("-1"),
        )
