"""Services and selectors: phases and milestones, contests, hours, eligibility, nominations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.elections import selectors, services
from nirvachan.elections.models import Contest, Nomination, Phase
from tests.elections.factories import (
    D,
    LokSabha,
    ZilaParishad,
    constituency,
    lok_sabha,
    zila_parishad,
)
from tests.factories import Geo, user


@pytest.fixture
def ls(geo: Geo) -> LokSabha:
    return lok_sabha(geo)


@pytest.fixture
def zp(geo: Geo) -> ZilaParishad:
    return zila_parishad(geo)


def counts() -> tuple[int, int, int]:
    return Phase.objects.count(), Nomination.objects.count(), AuditEvent.objects.count()


@pytest.mark.django_db
class TestPhases:
    def test_deposits_and_gap_follow_the_country(self, ls: LokSabha, zp: ZilaParishad) -> None:
        assert (ls.election.deposit_general, ls.election.deposit_reserved) == (
            Decimal(25000),
            Decimal(12500),
        )
        assert ls.election.withdrawal_to_poll_days == 14
        assert zp.election.withdrawal_to_poll_days == 0
        assert zp.election.deposit_general == Decimal(100000)

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            (
                {"nomination_last_date": D(2019, 4, 21)},
                "nomination_last_date",
                "The last date of nominations (2019-04-21) must come after the notification "
                "(2019-04-22).",
            ),
            (
                {"scrutiny_date": D(2019, 4, 29)},
                "scrutiny_date",
                "The scrutiny (2019-04-29) must come after the last date of nominations "
                "(2019-04-29).",
            ),
            (
                {"withdrawal_last_date": D(2019, 4, 30)},
                "withdrawal_last_date",
                "The last date of withdrawal (2019-04-30) must come after the scrutiny "
                "(2019-04-30).",
            ),
            (
                {"counting_date": D(2019, 5, 18)},
                "counting_date",
                "The counting (2019-05-18) must come after the poll (2019-05-19).",
            ),
            (
                {"poll_date": D(2019, 5, 15)},
                "poll_date",
                "The poll (2019-05-15) may not be earlier than the 14th day after the last "
                "date of withdrawal (2019-05-16 or later).",
            ),
        ],
    )
    def test_milestones_out_of_order_are_refused(
        self, ls: LokSabha, changes: dict[str, dt.date], field: str, message: str
    ) -> None:
        dates = {
            "notification_date": D(2019, 4, 22),
            "nomination_last_date": D(2019, 4, 29),
            "scrutiny_date": D(2019, 4, 30),
            "withdrawal_last_date": D(2019, 5, 2),
            "poll_date": D(2019, 5, 19),
            "counting_date": D(2019, 5, 23),
        }
        before = counts()
        with pytest.raises(DomainError) as exc:
            services.phase_schedule(election=ls.election, number=8, **{**dates, **changes})
        assert (exc.value.code, exc.value.details, exc.value.message) == (
            "milestone_order",
            {"field": field},
            message,
        )
        assert counts() == before

    def test_poll_on_the_14th_day_is_allowed(self, ls: LokSabha) -> None:
        phase = services.phase_schedule(
            election=ls.election, number=1, withdrawal_last_date=D(2019, 3, 28),
            poll_date=D(2019, 4, 11), counting_date=D(2019, 4, 11),
        )  # fmt: skip
        assert (phase.poll_date, phase.counting_date) == (D(2019, 4, 11), D(2019, 4, 11))
        event = AuditEvent.objects.filter(event_type="election.phase_scheduled").last()
        assert event is not None and event.summary_data["number"] == 1

    def test_reschedule_changes_the_phase(self, ls: LokSabha) -> None:
        phase = services.phase_schedule(
            election=ls.election, number=7, poll_date=D(2019, 5, 20), seats_declared=59
        )
        assert phase.pk == ls.phase.pk and phase.poll_date == D(2019, 5, 20)
        assert Phase.objects.filter(election=ls.election).count() == 1

    def test_database_refuses_out_of_order_dates(self, ls: LokSabha) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            Phase.objects.filter(pk=ls.phase.pk).update(counting_date=D(2019, 5, 1))

    def test_schedule_rows(self, ls: LokSabha) -> None:
        services.phase_schedule(election=ls.election, number=1, poll_date=D(2019, 4, 11),
                                seats_declared=91)  # fmt: skip
        rows = selectors.schedule_rows(ls.election)
        assert [(r.number, r.poll_date, r.seats, r.contests) for r in rows] == [
            (1, D(2019, 4, 11), 91, 0),
            (7, D(2019, 5, 19), 1, 1),
        ]


@pytest.mark.django_db
class TestContests:
    def test_a_contest_belongs_to_a_phase_of_its_election(
        self, ls: LokSabha, zp: ZilaParishad, geo: Geo
    ) -> None:
        other = constituency(geo.up, "IN-UP-PC-AMETHI", "Amethi", "अमेठी")
        before = Contest.objects.count()
        with pytest.raises(DomainError) as exc:
            services.contest_create(
                election=ls.election, phase=zp.phase, code="X", name_en="X", constituency=other
            )
        assert exc.value.details == {"field": "phase"}
        assert Contest.objects.count() == before

    def test_duplicate_code_is_refused(self, ls: LokSabha) -> None:
        with pytest.raises(DomainError) as exc:
            services.contest_create(
                election=ls.election, phase=ls.phase, code="in-up-pc-varanasi", name_en="V",
                constituency=ls.varanasi,
            )  # fmt: skip
        assert exc.value.code == "duplicate"

    def test_franchise_follows_the_constituency(self, ls: LokSabha, zp: ZilaParishad) -> None:
        assert (ls.contest.franchise, ls.contest.unit.code) == ("direct", "IN-UP")
        assert (zp.chairman.franchise, zp.chairman.constituency) == ("indirect", None)

    def test_polling_hours_resolution(self, ls: LokSabha, geo: Geo) -> None:
        assert selectors.polling_hours_for(ls.contest) == (dt.time(7), dt.time(18))
        services.polling_hours_set(
            election=ls.election, unit=geo.up, opens=dt.time(7), closes=dt.time(17)
        )
        assert selectors.polling_hours_for(ls.contest) == (dt.time(7), dt.time(17))
        services.polling_hours_set(
            election=ls.election, constituency=ls.varanasi, opens=dt.time(7), closes=dt.time(16)
        )
        assert selectors.polling_hours_for(ls.contest) == (dt.time(7), dt.time(16))

    def test_polling_hours_refuse_bad_input(self, ls: LokSabha, geo: Geo) -> None:
        before = AuditEvent.objects.count()
        with pytest.raises(DomainError) as exc:
            services.polling_hours_set(
                election=ls.election, unit=geo.up, opens=dt.time(18), closes=dt.time(7)
            )
        assert exc.value.details == {"field": "closes"}
        with pytest.raises(DomainError):
            services.polling_hours_set(election=ls.election, opens=dt.time(7), closes=dt.time(9))
        assert AuditEvent.objects.count() == before


@pytest.mark.django_db
class TestEligibility:
    def test_direct_contest_takes_electors_of_its_constituency(
        self, ls: LokSabha, geo: Geo
    ) -> None:
        amethi = constituency(geo.up, "IN-UP-PC-AMETHI", "Amethi")
        assert selectors.voter_eligible(ls.contest, constituency=ls.varanasi) is True
        assert selectors.voter_eligible(ls.contest, constituency=amethi) is False
        assert selectors.voter_eligible(ls.contest) is False

    def test_indirect_contests_take_college_members_of_their_units(self, zp: ZilaParishad) -> None:
        karim, rahima, jasim = zp.members  # Kotalipara, Gopalganj Sadar, Kuliarchar
        assert [c.code for c in selectors.college_contests_for(karim)] == [
            "CHAIRMAN",
            "GM-1",
            "RW-1",
        ]
        assert [c.code for c in selectors.college_contests_for(rahima)] == ["CHAIRMAN", "RW-1"]
        assert [c.code for c in selectors.college_contests_for(jasim)] == ["KIS-GM-1"]
        assert selectors.voter_eligible(zp.chairman, member=jasim) is False
        assert selectors.voter_eligible(zp.chairman) is False

    def test_college_member_of_another_election_is_not_eligible(
        self, zp: ZilaParishad, ls: LokSabha
    ) -> None:
        karim = zp.members[0]
        karim.election_id = ls.election.pk
        assert selectors.voter_eligible(zp.chairman, member=karim) is False


@pytest.mark.django_db
class TestNominations:
    def file(self, ls: LokSabha, **kw: object) -> Nomination:
        defaults: dict[str, object] = {"contest": ls.contest, "on": D(2019, 4, 25)}
        return services.nomination_file(**{**defaults, **kw})  # type: ignore[arg-type]

    def test_file_accept_withdraw_with_audit_events(self, ls: LokSabha, geo: Geo) -> None:
        ro = user("ro-up", Role.RETURNING_OFFICER, geo.up)
        n = self.file(ls, actor=ro, name_en="Narendra Modi", name_hi="नरेंद्र मोदी", party=ls.bjp)
        assert (n.status, n.symbol, n.deposit) == ("filed", ls.lotus, Decimal(25000))
        n = services.nomination_scrutinise(actor=ro, nomination=n, accept=True)
        assert n.status == "accepted" and n.decided_at is not None
        n = services.nomination_withdraw(actor=ro, nomination=n, on=D(2019, 5, 1))
        assert n.status == "withdrawn"
        events = list(
            AuditEvent.objects.filter(object_id=str(n.pk), object_type__contains="nomination")
            .order_by("seq")
            .values_list("event_type", "actor_name", "actor_role")
        )
        assert events == [
            ("nomination.filed", "ro-up", "returning_officer"),
            ("nomination.accepted", "ro-up", "returning_officer"),
            ("nomination.withdrawn", "ro-up", "returning_officer"),
        ]

    def test_reject_needs_a_reason_and_records_it(self, ls: LokSabha) -> None:
        n = self.file(ls, name_en="A Candidate", category="sc")
        assert n.deposit == Decimal(12500)
        before = counts()
        with pytest.raises(DomainError) as exc:
            services.nomination_scrutinise(nomination=n, accept=False, reason="  ")
        assert exc.value.details == {"field": "rejection_reason"}
        assert counts() == before
        n = services.nomination_scrutinise(nomination=n, accept=False, reason="Form 26 missing")
        assert (n.status, n.rejection_reason) == ("rejected", "Form 26 missing")
        event = AuditEvent.objects.get(event_type="nomination.rejected")
        assert event.summary_data == {"contest": "IN-UP-PC-VARANASI", "reason": "Form 26 missing"}

    def test_wrong_state_changes_are_refused(self, ls: LokSabha) -> None:
        n = self.file(ls, name_en="B")
        before = counts()
        with pytest.raises(DomainError) as exc:
            services.nomination_withdraw(nomination=n, on=D(2019, 5, 1))
        assert exc.value.code == "wrong_state"
        services.nomination_scrutinise(nomination=n, accept=False, reason="late")
        with pytest.raises(DomainError) as exc:
            services.nomination_scrutinise(nomination=n, accept=True)
        assert exc.value.code == "wrong_state"
        assert Nomination.objects.get(pk=n.pk).status == "rejected"
        assert counts()[0:2] == before[0:2]

    def test_deadlines(self, ls: LokSabha) -> None:
        before = counts()
        with pytest.raises(DomainError) as exc:
            self.file(ls, name_en="Late", on=D(2019, 4, 30))
        assert (exc.value.code, exc.value.message) == (
            "deadline_passed",
            "The last date of nominations was 2019-04-29.",
        )
        assert counts() == before
        n = services.nomination_scrutinise(nomination=self.file(ls, name_en="C"), accept=True)
        with pytest.raises(DomainError) as exc:
            services.nomination_withdraw(nomination=n, on=D(2019, 5, 3))
        assert exc.value.details == {"field": "withdrawal_last_date"}
        assert Nomination.objects.get(pk=n.pk).status == "accepted"

    def test_symbols(self, ls: LokSabha, geo: Geo) -> None:
        with pytest.raises(DomainError) as exc:
            self.file(ls, name_en="X", party=ls.inc, symbol=ls.lotus)
        assert exc.value.details == {"field": "symbol"}
        with pytest.raises(DomainError):
            self.file(ls, name_en="Y", symbol=ls.hand)  # independent on a reserved symbol
        ind = self.file(ls, name_en="Z", symbol=ls.kite)
        assert ind.symbol == ls.kite
        with pytest.raises(DomainError) as exc:
            self.file(ls, name_en="W", symbol=ls.kite)
        assert exc.value.code == "duplicate"
        with pytest.raises(DomainError):
            services.symbol_register(country="IN", code="x", name_en="X", party=ls.rup)

    def test_one_live_nomination_per_party(self, ls: LokSabha) -> None:
        n = self.file(ls, name_en="One", party=ls.sp)
        with pytest.raises(DomainError) as exc:
            self.file(ls, name_en="Two", party=ls.sp)
        assert exc.value.code == "duplicate"
        services.nomination_scrutinise(nomination=n, accept=False, reason="defective")
        assert self.file(ls, name_en="Three", party=ls.sp).status == "filed"

    def test_scope_of_the_returning_officer(self, zp: ZilaParishad, geo: Geo) -> None:
        ro = user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj)
        observer = user("obs", Role.OBSERVER, geo.gopalganj)
        before = counts()
        with pytest.raises(DomainError) as exc:
            services.nomination_file(actor=ro, contest=zp.other_district, name_bn="ক")
        assert exc.value.code == "out_of_scope"
        with pytest.raises(DomainError) as exc:
            services.nomination_file(actor=observer, contest=zp.chairman, name_bn="ক")
        assert exc.value.code == "out_of_scope"
        assert counts() == before
        with pytest.raises(DomainError) as exc:
            selectors.contest_get_for_user(
                ro, election_code="zp2022-gop", contest_id=zp.other_district.pk
            )
        assert exc.value.code == "not_found"
        with pytest.raises(DomainError) as exc:
            selectors.contest_get_for_user(
                observer, election_code="zp2022-gop", contest_id=zp.chairman.pk, for_change=True
            )
        assert exc.value.code == "permission_denied"

    def test_final_list(self, ls: LokSabha) -> None:
        n = self.file(ls, name_en="D", party=ls.bjp)
        with pytest.raises(DomainError) as exc:
            services.contest_final_list_publish(contest=ls.contest)
        assert exc.value.details == {"pending": 1}
        services.nomination_scrutinise(nomination=n, accept=True)
        contest = services.contest_final_list_publish(contest=ls.contest)
        assert contest.final_list_published_at is not None
        before = counts()
        with pytest.raises(DomainError) as exc:
            self.file(ls, name_en="E", contest=contest)
        assert exc.value.code == "final_list_published"
        assert counts() == before


@pytest.mark.django_db
def test_ballot_of_a_contest(ls: LokSabha) -> None:
    def file(**kw: object) -> Nomination:
        n = services.nomination_file(contest=ls.contest, on=D(2019, 4, 25), **kw)  # type: ignore[arg-type]
        return services.nomination_scrutinise(nomination=n, accept=True)

    file(name_en="Shalini Yadav", name_hi="शालिनी यादव", party=ls.sp)
    file(name_en="Ajay Rai", name_hi="अजय राय", party=ls.inc)
    file(name_en="Narendra Modi", name_hi="नरेंद्र मोदी", party=ls.bjp)
    file(name_en="Ramesh", name_hi="रमेश", party=ls.rup, symbol=ls.bat)
    file(name_en="Kamla", name_hi="कमला", symbol=ls.kite)
    file(name_en="Ashok", name_hi="अशोक")
    withdrawn = file(name_en="Aaa", name_hi="आआ")
    services.nomination_withdraw(nomination=withdrawn, on=D(2019, 5, 1))
    ballot = selectors.contest_ballot(ls.contest, lang="hi")
    assert [(e.serial, e.name, e.symbol) for e in ballot.entries] == [
        (1, "अजय राय", "हाथ"),
        (2, "नरेंद्र मोदी", "कमल"),
        (3, "शालिनी यादव", "साइकिल"),
        (4, "रमेश", "बल्ला"),
        (5, "अशोक", ""),
        (6, "कमला", "पतंग"),
        (7, "इनमें से कोई नहीं (नोटा)", ""),
    ]
    assert ballot.units == 1
    english = selectors.contest_ballot(ls.contest, lang="en")
    assert [e.name for e in english.entries][:3] == ["Ajay Rai", "Narendra Modi", "Shalini Yadav"]


@pytest.mark.django_db
def test_milestone_message_names_the_milestone_in_bengali_and_hindi(ls: LokSabha) -> None:
    from django.utils import translation

    for lang, expected in (
        ("bn", "মনোনয়নপত্র বাছাই (2019-04-28) অবশ্যই মনোনয়নপত্র দাখিলের শেষ তারিখ (2019-04-29)-এর"),
        ("hi", "संवीक्षा (2019-04-28) नामांकन की अंतिम तिथि (2019-04-29) के बाद होनी चाहिए।"),
    ):
        with translation.override(lang), pytest.raises(DomainError) as exc:
            services.phase_schedule(
                election=ls.election, number=2, nomination_last_date=D(2019, 4, 29),
                scrutiny_date=D(2019, 4, 28), poll_date=D(2019, 5, 19),
            )  # fmt: skip
        assert exc.value.message.startswith(expected)
