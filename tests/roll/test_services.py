from __future__ import annotations

import datetime as dt
import threading
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent, RoleAssignment
from nirvachan.core.roles import Role
from nirvachan.roll import rules, services
from nirvachan.roll.models import Application, Elector, LookupTrail
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll

D = dt.date


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.fixture
def admin(geo: Geo) -> Any:
    return _admin(geo)


def _admin(geo: Geo) -> Any:
    officer = user("cec", Role.COMMISSION_ADMIN, geo.bd)
    RoleAssignment.objects.create(user=officer, role=Role.COMMISSION_ADMIN, unit=geo.india)
    return officer


def _form6(roll: Roll, **over: Any) -> Application:
    fields: dict[str, Any] = {
        "constituency": roll.up_ac,
        "part": roll.u1,
        "applicant_ref": "9876543210",
        "name": "सुनीता देवी",
        "relative_name": "राम कुमार",
        "relation": "father",
        "gender": "female",
        "dob": D(2006, 3, 1),
        "citizen": True,
        "resident": True,
        "today": D(2024, 2, 10),
    }
    fields.update(over)
    return services.inclusion_submit(**fields)


def _events(kind: str) -> int:
    return AuditEvent.objects.filter(event_type=kind).count()


class TestRules:
    def test_qualifying_dates(self) -> None:
        assert rules.qualifying_date_for(D(2024, 1, 1)) == D(2024, 1, 1)
        assert rules.qualifying_date_for(D(2024, 1, 2)) == D(2024, 4, 1)
        assert rules.qualifying_date_for(D(2024, 10, 2)) == D(2025, 1, 1)
        assert rules.qualifying_date_for(D(2024, 2, 1), ((1, 1),)) == D(2025, 1, 1)

    def test_keys(self) -> None:
        assert rules.key_kind_of(rules.clean_key("abc 1234567")) == "epic"
        assert rules.key_kind_of(rules.clean_key("১২৩৪৫৬৭৮৯০")) == "nid"
        assert rules.key_kind_of("AB12345678") is None
        assert rules.mixed_digits("12৩") and not rules.mixed_digits("১২৩")

    def test_sms_segments(self) -> None:
        assert rules.sms_segments("a" * 160) == 1 and rules.sms_segments("a" * 161) == 2
        assert rules.sms_segments("ক" * 70) == 1 and rules.sms_segments("ক" * 202) == 4


@pytest.mark.django_db
class TestElector:
    def test_add_takes_next_serial_and_audits(self, roll: Roll) -> None:
        a = elector(roll.g1, "1234567890")
        b = elector(roll.g1, "1234567891", name="ফাতেমা বেগম")
        assert (a.serial, b.serial, a.key_kind) == (1, 2, "nid")
        assert b.name_key == "ptmbgm" and b.relative_key == "rhmadn"
        assert _events("roll.elector_added") == 2

    def test_bad_key_for_the_country_is_refused(self, roll: Roll) -> None:
        with pytest.raises(DomainError) as exc:
            elector(roll.u1, "1234567890")
        assert exc.value.code == "malformed_epic"
        assert Elector.objects.count() == 0

    def test_duplicate_key_and_serial(self, roll: Roll) -> None:
        elector(roll.u1, "ABC1234567", serial=5)
        with pytest.raises(DomainError) as exc:
            elector(roll.u1, "ABC1234567")
        assert exc.value.code == "duplicate" and exc.value.details["field"] == "epic"
        with pytest.raises(DomainError) as exc:
            elector(roll.u1, "ABC1234568", serial=5)
        assert exc.value.details["field"] == "serial"
        assert elector(roll.u1, "ABC1234569").serial == 6
        assert Elector.objects.count() == 2


@pytest.mark.django_db
class TestForm6:
    def test_eligible_applicant_is_accepted_with_epic_and_serial(
        self, roll: Roll, admin: Any
    ) -> None:
        elector(roll.u1, "ABC0000001")
        app = _form6(roll)
        assert app.qualifying_date == D(2024, 4, 1) and app.possible_duplicate is None
        services.application_verify(actor=admin, application=app, report="Lives at the address")
        app = services.application_decide(actor=admin, application=app, accept=True)
        assert app.status == "accepted" and app.decided_by == admin
        new = app.elector
        assert new is not None and new.part == roll.u1 and new.serial == 2
        assert rules.key_kind_of(new.key) == "epic" and new.changed_by == app
        assert _events("roll.application_accepted") == 1
        assert _events("roll.application_verified") == 1

    def test_under_18_on_next_qualifying_date_is_refused(self, roll: Roll) -> None:
        with pytest.raises(DomainError) as exc:
            _form6(roll, dob=D(2006, 4, 2))
        assert exc.value.code == "not_eligible"
        assert exc.value.details["qualifying_date"] == "2024-04-01"
        assert Application.objects.count() == 0

    @pytest.mark.parametrize("field", ["citizen", "resident"])
    def test_non_citizen_or_non_resident_is_refused(self, roll: Roll, field: str) -> None:
        with pytest.raises(DomainError) as exc:
            _form6(roll, **{field: False})
        assert exc.value.details["field"] == field
        assert Application.objects.count() == 0

    def test_possible_duplicate_is_flagged(self, roll: Roll) -> None:
        # same name key and relative in the state, birth year one apart, other script
        old = elector(
            roll.u1, "ABC0000009", name="Sunita Devi", relative_name="Ram Kumar", dob=D(2005, 1, 9)
        )
        assert _form6(roll).possible_duplicate == old
        assert _form6(roll, dob=D(2003, 1, 1), today=D(2024, 2, 10)).possible_duplicate is None

    def test_bangladesh_needs_nid_which_becomes_the_key(self, roll: Roll, admin: Any) -> None:
        with pytest.raises(DomainError):
            _form6(roll, constituency=roll.gopalganj_ac, part=roll.g1)
        app = _form6(roll, constituency=roll.gopalganj_ac, part=roll.g1, nid="১২৩৪৫৬৭৮৯০")
        services.application_verify(actor=admin, application=app, report="ok")
        app = services.application_decide(actor=admin, application=app, accept=True)
        assert app.elector is not None and app.elector.key == "1234567890"

    def test_decision_needs_verification_and_rejection_a_reason(
        self, roll: Roll, admin: Any
    ) -> None:
        app = _form6(roll)
        with pytest.raises(DomainError) as exc:
            services.application_decide(actor=admin, application=app, accept=True)
        assert exc.value.code == "wrong_state"
        services.application_verify(actor=admin, application=app, report="ok")
        with pytest.raises(DomainError):
            services.application_decide(actor=admin, application=app, accept=False)
        app = services.application_decide(
            actor=admin, application=app, accept=False, reason="Not resident"
        )
        assert (app.status, app.decision_reason) == ("rejected", "Not resident")
        assert Elector.objects.count() == 0

    def test_the_booth_level_officer_reports_and_the_ero_decides(
        self, roll: Roll, geo: Geo
    ) -> None:
        app = _form6(roll, constituency=roll.gopalganj_ac, part=roll.g1, nid="1234567890")
        blo = user("blo", Role.BOOTH_LEVEL_OFFICER, geo.gopalganj)
        ero = user("ero", Role.ELECTORAL_REGISTRATION_OFFICER, geo.gopalganj)
        watcher = user("obs", Role.OBSERVER, geo.gopalganj)
        # An observer sees the roll but may not write the field report.
        with pytest.raises(DomainError) as exc:
            services.application_verify(actor=watcher, application=app, report="x")
        assert exc.value.code == "out_of_scope"
        services.application_verify(actor=blo, application=app, report="Lives here")
        # The booth-level officer reports; only the registration officer decides.
        with pytest.raises(DomainError) as exc:
            services.application_decide(actor=blo, application=app, accept=True)
        assert exc.value.code == "out_of_scope"
        app = services.application_decide(actor=ero, application=app, accept=True)
        assert app.status == "accepted" and app.elector is not None

    def test_out_of_scope_officer_may_not_decide(self, roll: Roll, geo: Geo) -> None:
        app = _form6(roll, constituency=roll.gopalganj_ac, part=roll.g1, nid="1234567890")
        officer = user("k", Role.COMMISSION_ADMIN, geo.kishoreganj)
        with pytest.raises(DomainError) as exc:
            services.application_verify(actor=officer, application=app, report="x")
        assert exc.value.code == "out_of_scope"
        app.refresh_from_db()
        assert app.status == "submitted"


@pytest.mark.django_db
class TestForm7:
    def test_notice_hearing_and_deletion_after_hearing(self, roll: Roll, admin: Any) -> None:
        target = elector(roll.g1)
        app = services.deletion_submit(elector=target, applicant_ref="A1", reason="Dead")
        today = timezone.localdate()
        assert (app.notice_date, app.hearing_date) == (today, today + dt.timedelta(days=7))
        services.application_verify(actor=admin, application=app, report="Confirmed dead")
        with pytest.raises(DomainError) as exc:
            services.application_decide(actor=admin, application=app, accept=True)
        assert exc.value.code == "wrong_state"
        later = today + dt.timedelta(days=8)
        with mock.patch("nirvachan.roll.services.decisions._today", return_value=later):
            services.application_decide(actor=admin, application=app, accept=True)
        target.refresh_from_db()
        assert (target.status, target.status_reason) == ("deleted", "Dead")
        assert target.changed_by_id == app.pk

    def test_at_most_five_per_applicant_per_day(self, roll: Roll) -> None:
        targets = [elector(roll.g1) for _ in range(6)]
        for t in targets[:5]:
            services.deletion_submit(elector=t, applicant_ref="A1", reason="Shifted")
        with pytest.raises(DomainError) as exc:
            services.deletion_submit(elector=targets[5], applicant_ref="A1", reason="Shifted")
        assert exc.value.code == "limit_reached" and exc.value.status == 429
        assert Application.objects.filter(form="7").count() == 5
        assert _events("roll.deletion_refused") == 1
        services.deletion_submit(elector=targets[5], applicant_ref="A2", reason="Shifted")

    def test_burst_against_one_part_is_flagged_once(self, roll: Roll) -> None:
        targets = [elector(roll.g1) for _ in range(12)]
        for i, t in enumerate(targets):
            services.deletion_submit(elector=t, applicant_ref=f"A{i}", reason="Shifted")
        flags = list(Application.objects.order_by("pk").values_list("burst_flag", flat=True))
        assert flags == [True] * 12
        assert _events("roll.deletion_burst") == 1

    def test_no_burst_below_threshold(self, roll: Roll) -> None:
        for i in range(services.BURST_THRESHOLD - 1):
            services.deletion_submit(elector=elector(roll.g1), applicant_ref=f"A{i}", reason="x")
        assert not Application.objects.filter(burst_flag=True).exists()


@pytest.mark.django_db
class TestForm8:
    def test_correction_and_shift_between_constituencies(self, roll: Roll, admin: Any) -> None:
        e = elector(roll.g1)
        elector(roll.k1)
        app = services.correction_submit(
            elector=e, applicant_ref="A", changes={"name": "আব্দুল করিম", "part": roll.k1.pk}
        )
        services.application_verify(actor=admin, application=app, report="ok")
        services.application_decide(actor=admin, application=app, accept=True)
        e.refresh_from_db()
        assert (e.name, e.name_key, e.part, e.serial) == ("আব্দুল করিম", "abdlkrm", roll.k1, 2)
        assert e.constituency == roll.kishoreganj_ac
        assert _events("roll.elector_changed") == 1

    def test_unknown_field_is_refused(self, roll: Roll) -> None:
        e = elector(roll.g1)
        with pytest.raises(DomainError):
            services.correction_submit(elector=e, applicant_ref="A", changes={"key": "x"})
        assert Application.objects.count() == 0


@pytest.mark.django_db
class TestAntiScraping:
    def test_rate_limit_gives_retry_after(self) -> None:
        for _ in range(3):
            services.lookup_count(client="1.2.3.4", scope="t", limit=3, window_seconds=60)
        with pytest.raises(DomainError) as exc:
            services.lookup_count(client="1.2.3.4", scope="t", limit=3, window_seconds=60)
        assert exc.value.status == 429 and 1 <= exc.value.details["retry_after"] <= 60
        services.lookup_count(client="5.6.7.8", scope="t", limit=3, window_seconds=60)

    def test_sequential_walk_is_blocked(self) -> None:
        for n in range(5):
            services.lookup_trail(client="c", key=f"ABC000000{n}")
        with pytest.raises(DomainError) as exc:
            services.lookup_trail(client="c", key="ABC0000005")
        assert exc.value.code == "blocked" and exc.value.details["retry_after"] == 3600
        with pytest.raises(DomainError):
            services.lookup_trail(client="c", key="XYZ9999999")  # still blocked
        assert LookupTrail.objects.get(client="c").blocked_until is not None
        assert _events("roll.lookup_blocked") == 1

    def test_family_lookups_are_not_blocked(self) -> None:
        for key in ["ABC0000100", "ABC0000101", "ABC0000102", "XYZ1234567", "ABC0000103"]:
            services.lookup_trail(client="family", key=key)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_acceptances_never_share_a_serial(tx_geo: Geo) -> None:
    roll = make_roll(tx_geo)
    admin = _admin(tx_geo)
    apps = []
    for i in range(4):
        app = _form6(roll, applicant_ref=f"p{i}", name=f"Person {i}", relative_name=f"R {i}")
        apps.append(services.application_verify(actor=admin, application=app, report="ok"))
    barrier = threading.Barrier(len(apps))
    errors: list[BaseException] = []

    def work(app: Application) -> None:
        try:
            barrier.wait()
            for attempt in range(20):
                try:
                    services.application_decide(actor=admin, application=app, accept=True)
                    return
                except Exception as exc:  # SQLite: "database is locked" under contention
                    if "locked" not in str(exc) or attempt == 19:
                        raise
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(Elector.objects.filter(part=roll.u1).values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4]
