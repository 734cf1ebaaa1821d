"""Services and selectors of the meetings app."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.meetings import selectors, services
from nirvachan.meetings.minutes import parse_minutes
from nirvachan.meetings.models import AgendaItem, Amendment, Decision, Meeting, TargetTable
from tests.factories import Geo, user
from tests.meetings.factories import SEED, meeting, seed_meeting


@pytest.mark.django_db
class TestMeetings:
    def test_create_is_audited(self, geo: Geo) -> None:
        secretary = user("sec", Role.MEETING_SECRETARY, geo.gopalganj)
        m = meeting(geo.gopalganj, title="Law and order cell")
        m2 = services.meeting_create(
            actor=secretary,
            unit=geo.gopalganj,
            body="Other cell",
            title="First",
            date=dt.date(2023, 5, 1),
        )
        assert m.status == "scheduled" and m2.previous is None
        event = AuditEvent.objects.filter(event_type="meetings.meeting_created").last()
        assert event is not None and event.actor_name == "sec"
        assert event.summary_data["body"] == "Other cell"

    def test_out_of_scope_secretary_is_refused(self, geo: Geo) -> None:
        secretary = user("sec", Role.MEETING_SECRETARY, geo.kishoreganj)
        with pytest.raises(DomainError) as exc:
            services.meeting_create(
                actor=secretary, unit=geo.gopalganj, body="b", title="t", date=dt.date(2023, 1, 1)
            )
        assert exc.value.code == "out_of_scope"
        assert Meeting.objects.count() == 0

    def test_next_meeting_reviews_undone_decisions(self, geo: Geo) -> None:
        first = meeting(geo.gopalganj)
        item = services.agenda_item_add(actor=None, meeting=first, topic="Polling staff")
        done = services.decision_add(actor=None, item=item, text="Train staff", deadline="চলমান")
        services.decision_add(
            actor=None, item=item, text="Guard list", implementer="UNO", deadline="11/04/23ইং"
        )
        services.decision_follow_up(actor=None, decision=done, status="done", note="ok")
        with translation.override("en"):  # the topic is written in the secretary's language
            second = meeting(geo.gopalganj, date=dt.date(2023, 5, 3))
        assert second.previous == first
        review = AgendaItem.objects.get(meeting=second, serial=0)
        assert review.is_review and review.topic == "Review of the previous minutes"
        assert [(d.text, d.status, d.due) for d in review.decisions.all()] == [
            ("Guard list", "open", dt.date(2023, 4, 11))
        ]
        assert "Guard list · UNO · Open" in review.discussion

    def test_status_flow_and_freeze(self, geo: Geo) -> None:
        m = meeting(geo.gopalganj)
        with pytest.raises(DomainError) as exc:
            services.meeting_status_set(actor=None, meeting=m, status="approved")
        assert exc.value.code == "meeting_bad_transition"
        for status in ("held", "drafted", "approved", "circulated"):
            services.meeting_status_set(actor=None, meeting=m, status=status)
        m.refresh_from_db()
        assert m.status == "circulated" and m.approved_at and m.circulated_at
        before = AgendaItem.objects.count()
        with pytest.raises(DomainError) as exc:
            services.agenda_item_add(actor=None, meeting=m, topic="Late")
        assert exc.value.code == "minutes_frozen"
        with pytest.raises(DomainError):
            services.meeting_update(actor=None, meeting=m, title="Changed")
        assert AgendaItem.objects.count() == before
        m.refresh_from_db()
        assert m.title == "Coordination meeting"
        amendment = services.meeting_amend(
            actor=None, meeting=m, target="Item 01", text="৫.০০ কোটি, not ৫.৫০", reason="typo"
        )
        assert (amendment.serial, amendment.target) == (1, "Item 01")
        assert AuditEvent.objects.filter(event_type="meetings.minutes_amended").count() == 1

    def test_amendment_before_approval_is_refused(self, geo: Geo) -> None:
        m = meeting(geo.gopalganj)
        with pytest.raises(DomainError) as exc:
            services.meeting_amend(actor=None, meeting=m, target="x", text="y")
        assert exc.value.code == "minutes_not_approved"
        assert Amendment.objects.count() == 0


@pytest.mark.django_db
class TestDecisions:
    def test_deadline_kinds_and_overdue(self, geo: Geo) -> None:
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="T")
        a = services.decision_add(actor=None, item=item, text="a", deadline="এপ্রিল/২৩")
        b = services.decision_add(actor=None, item=item, text="b", deadline="চলমান")
        c = services.decision_add(actor=None, item=item, text="c", deadline="2023-04-11")
        assert (a.deadline_kind, a.deadline, a.due) == (
            "month",
            dt.date(2023, 4, 1),
            dt.date(2023, 4, 30),
        )
        assert (b.deadline_kind, b.due) == ("ongoing", None)
        today = dt.date(2023, 4, 12)
        assert [a.is_overdue(today), b.is_overdue(today), c.is_overdue(today)] == [
            False,
            False,
            True,
        ]
        admin = user("admin", Role.COMMISSION_ADMIN, geo.bd)
        overdue = selectors.decision_list_for_user(admin, overdue=True, today=today)
        assert [d.text for d in overdue] == ["c"]
        week = selectors.decision_list_for_user(
            admin, due_this_week=True, today=dt.date(2023, 4, 27)
        )
        assert [d.text for d in week] == ["a"]

    def test_bad_deadline_is_refused(self, geo: Geo) -> None:
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="T")
        with pytest.raises(DomainError) as exc:
            services.decision_add(actor=None, item=item, text="a", deadline="someday")
        assert exc.value.details == {"field": "deadline"}
        assert Decision.objects.count() == 0

    def test_implementer_updates_their_decision(self, geo: Geo) -> None:
        uno = user("uno", Role.POLLING_OFFICER, geo.kotalipara)
        other = user("other", Role.POLLING_OFFICER, geo.kotalipara)
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="T")
        d = services.decision_add(
            actor=None, item=item, text="Send the guard list", implementer_user=uno, deadline=""
        )
        assert d.implementer == "uno"
        assert list(selectors.decision_list_for_user(uno, mine=True)) == [d]
        assert list(selectors.decision_list_for_user(other)) == []
        found = selectors.decision_get_for_user(uno, d.pk, for_change=True)
        services.decision_follow_up(
            actor=uno, decision=found, status="in_progress", note="Half", evidence="memo 12"
        )
        services.decision_follow_up(actor=uno, decision=found, status="done")
        d.refresh_from_db()
        assert d.status == "done" and d.done_at is not None
        assert [(u.status, u.evidence) for u in d.updates.all()] == [
            ("in_progress", "memo 12"),
            ("done", ""),
        ]
        with pytest.raises(DomainError) as exc:
            services.decision_follow_up(actor=other, decision=d, status="open")
        assert exc.value.code == "out_of_scope"
        assert d.updates.count() == 2

    def test_reminders_mail_the_implementers(self, geo: Geo) -> None:
        uno = user("uno", Role.POLLING_OFFICER, geo.kotalipara, email="uno@example.org")
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="T")
        services.decision_add(
            actor=None, item=item, text="late", implementer_user=uno, deadline="2023-04-01"
        )
        services.decision_add(
            actor=None, item=item, text="soon", implementer_user=uno, deadline="2023-04-14"
        )
        services.decision_add(
            actor=None, item=item, text="later", implementer_user=uno, deadline="2023-05-30"
        )
        result = services.reminders_send(today=dt.date(2023, 4, 10))
        assert result == {"mails": 1, "decisions": 2}
        assert mail.outbox[0].to == ["uno@example.org"]
        assert "late" in mail.outbox[0].body and "soon" in mail.outbox[0].body
        assert "later" not in mail.outbox[0].body


@pytest.mark.django_db
class TestTargets:
    def test_total_must_match(self, geo: Geo) -> None:
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="Savings")
        with pytest.raises(DomainError) as exc:
            services.target_table_add(
                actor=None,
                item=item,
                unit_label="Region",
                metric="Increase",
                rows=[("A", "100"), ("B", "200")],
                total="400",
            )
        assert exc.value.code == "target_total_mismatch"
        assert exc.value.details == {
            "table": "01 Savings: Increase",
            "total": "400.00",
            "sum": "300.00",
        }
        assert "400.00" in exc.value.message and "300.00" in exc.value.message
        assert TargetTable.objects.count() == 0

    def test_progress_and_percent(self, geo: Geo) -> None:
        item = services.agenda_item_add(actor=None, meeting=meeting(geo.gopalganj), topic="S")
        table = services.target_table_add(
            actor=None,
            item=item,
            unit_label="Region",
            metric="Increase",
            rows=[("A", "200"), ("B", "300")],
            total="500",
        )
        row_a = table.rows.get(name="A")
        services.progress_record(actor=None, row=row_a, achieved="50")
        services.progress_record(actor=None, row=row_a, achieved="100")
        result = selectors.target_progress(table)
        assert [(p.name, p.achieved, p.percent) for p in result] == [
            ("A", Decimal("150.00"), Decimal("75.0")),
            ("B", Decimal("0.00"), Decimal("0.0")),
        ]


@pytest.mark.django_db
class TestImport:
    def test_seed_003(self, geo: Geo) -> None:
        m = seed_meeting(geo.gopalganj)
        assert m.status == "drafted" and m.date == dt.date(2023, 4, 5)
        assert m.items.count() == 17
        review = m.items.get(serial=0)
        assert review.is_review and review.label == ""
        decisions = Decision.objects.filter(item__meeting=m)
        assert set(decisions.values_list("implementer", flat=True)) == {"সংশ্লিষ্ট সকল"}
        assert set(decisions.values_list("deadline_kind", "deadline")) == {
            ("ongoing", None),
            ("month", dt.date(2023, 4, 1)),
        }
        table = TargetTable.objects.get(item__meeting=m)
        assert table.item.serial == 1 and table.rows.count() == 6
        assert table.total == Decimal("50000000.00")
        assert sum(r.target for r in table.rows.all()) == Decimal("50000000.00")
        assert m.chair_signature.startswith("তারিক সাইদ হারুন")

    def test_command_prints_summary(self, geo: Geo) -> None:
        out = StringIO()
        call_command("meetings", "import", str(SEED), "--unit", geo.gopalganj.code, stdout=out)
        data = json.loads(out.getvalue())
        assert (data["items"], data["decisions"], data["tables"]) == (17, 19, 1)
        assert data["totals"] == [
            {
                "item": "০১.",
                "table": "মোট বৃদ্ধি",
                "rows": 6,
                "total": "50000000.00",
                "sum": "50000000.00",
                "ok": True,
            }
        ]
        assert data["deadlines"] == {"date": 0, "month": 6, "ongoing": 13, "none": 0}
        assert Meeting.objects.count() == 1

    def test_dry_run_writes_nothing(self, geo: Geo) -> None:
        out = StringIO()
        events = AuditEvent.objects.count()
        call_command(
            "meetings", "import", str(SEED), "--dry-run", "--unit", geo.gopalganj.code, stdout=out
        )
        data = json.loads(out.getvalue())
        assert data["meeting"] is None and data["items"] == 17 and data["dry_run"] is True
        assert Meeting.objects.count() == 0 and AuditEvent.objects.count() == events

    def test_wrong_total_is_an_error(self, geo: Geo, tmp_path: object, capsys: object) -> None:
        text = SEED.read_text(encoding="utf-8").replace("৫.০০ কোটি", "৫.১০ কোটি")
        with pytest.raises(DomainError) as exc:
            services.minutes_import(actor=None, unit=geo.gopalganj, minutes=parse_minutes(text))
        assert exc.value.details["total"] == "51000000.00"
        assert exc.value.details["sum"] == "50000000.00"
        assert exc.value.details["table"] == "০১. Savings: মোট বৃদ্ধি"
        assert Meeting.objects.count() == 0

    def test_command_exits_1_on_a_wrong_total(self, geo: Geo, tmp_path: object) -> None:
        from pathlib import Path

        bad = Path(str(tmp_path)) / "bad.txt"
        bad.write_text(
            SEED.read_text(encoding="utf-8").replace("৫.০০ কোটি", "৫.১০ কোটি"),
            encoding="utf-8",
        )
        err = StringIO()
        with pytest.raises(SystemExit) as exc:
            call_command("meetings", "import", str(bad), "--unit", geo.gopalganj.code, stderr=err)
        assert exc.value.code == 1
        body = json.loads(err.getvalue())
        assert body["code"] == "target_total_mismatch"
        assert body["details"]["total"] == "51000000.00"
        assert Meeting.objects.count() == 0
