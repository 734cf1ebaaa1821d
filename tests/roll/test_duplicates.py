"""The officer's review of demographically similar entries: pairs loaded from the dedupe output
and from accepted Form 6 duplicates; "same person" raises a Form 7 notice on the later entry,
"different people" is remembered; both audited, both scoped."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent, RoleAssignment
from nirvachan.core.roles import Role
from nirvachan.roll import queries, services
from nirvachan.roll.models import Application, DuplicatePair, Elector
from tests.factories import Geo, user
from tests.roll.factories import Roll, elector, make_roll


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


@pytest.fixture
def ero(geo: Geo) -> Any:
    return user("ero", Role.RETURNING_OFFICER, geo.gopalganj)


def _csv(*rows: str) -> bytes:
    return ("epic_a,epic_b,match_probability,cluster\n" + "\n".join(rows) + "\n").encode()


def _three(roll: Roll) -> tuple[Elector, Elector, Elector]:
    a = elector(roll.g1, "5100000001", name="আব্দুল করিম")
    b = elector(roll.g1, "5100000002", name="Abdul Karim")
    c = elector(roll.k1, "4500000001", name="Abdul Karim")
    return a, b, c


@pytest.mark.django_db
class TestParse:
    def test_rows_in_native_digits(self) -> None:
        rows = services.pairs_parse(_csv("৫১০০০০০০০২,5100000001,০.৯৭,1"))
        assert [(r.line, r.key_a, r.key_b, r.probability) for r in rows] == [
            (2, "5100000002", "5100000001", 0.97)
        ]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"a,b\n1,2\n", "Missing columns: epic_a, epic_b, match_probability."),
            (_csv("5100000001,5100000002,0.9", "5100000001,XX,0.9"), "Line 3: epic_a and epic_b"),
            (_csv("5100000001,5100000001,0.9"), "Line 2: epic_a and epic_b"),
            (_csv("5100000001,5100000002,1.5"), "Line 2: match_probability"),
            (_csv("5100000001,5100000002,high"), "Line 2: match_probability"),
            (b"\xff\xfe", "not UTF-8"),
        ],
    )
    def test_bad_files_name_the_line(self, data: bytes, message: str) -> None:
        with pytest.raises(DomainError) as caught:
            services.pairs_parse(data)
        assert message in caught.value.message and caught.value.details["field"] == "file"


@pytest.mark.django_db
class TestLoad:
    def test_load_orders_scopes_and_skips(self, roll: Roll, ero: Any) -> None:
        a, b, c = _three(roll)
        rows = services.pairs_parse(
            _csv(
                f"{b.key},{a.key},0.99,1",  # in Gopalganj, given later-first
                f"{a.key},{c.key},0.95,1",  # later entry in Kishoreganj: outside the officer
                f"{a.key},5100009999,0.93,2",  # not on the roll
            )
        )
        counts = services.duplicate_pairs_load(actor=ero, rows=rows)
        assert counts == {"rows": 3, "created": 1, "known": 0, "unknown": 1, "out_of_scope": 1}
        pair = DuplicatePair.objects.get()
        assert (pair.first, pair.second, pair.probability, pair.source, pair.verdict) == (
            a,
            b,
            0.99,
            "dedupe",
            "open",
        )
        event = AuditEvent.objects.get(event_type="roll.duplicates_loaded")
        assert event.actor == ero
        again = services.duplicate_pairs_load(actor=ero, rows=rows)
        assert (again["created"], again["known"]) == (0, 1)
        assert DuplicatePair.objects.count() == 1

    def test_a_role_without_roll_manage_may_not_load(self, roll: Roll, geo: Geo) -> None:
        a, b, _c = _three(roll)
        presiding = user("pro", Role.PRESIDING_OFFICER, geo.gopalganj)
        with pytest.raises(DomainError) as caught:
            services.duplicate_pairs_load(
                actor=presiding, rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.9,1"))
            )
        assert caught.value.status == 403 and DuplicatePair.objects.count() == 0

    def test_command_loads_the_dedupe_output(self, roll: Roll, tmp_path: Any, capsys: Any) -> None:
        a, b, c = _three(roll)
        path = tmp_path / "pairs.csv"
        path.write_bytes(_csv(f"{a.key},{b.key},0.99,1", f"{a.key},{c.key},0.95,1"))
        call_command("roll_review", "load-pairs", str(path))
        assert '"created": 2' in capsys.readouterr().out
        assert DuplicatePair.objects.count() == 2


@pytest.mark.django_db
class TestDecide:
    def _pair(self, roll: Roll, ero: Any) -> DuplicatePair:
        a, b, _c = _three(roll)
        services.duplicate_pairs_load(
            actor=ero, rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.99,1"))
        )
        return DuplicatePair.objects.get()

    def test_same_person_raises_a_form7_notice_on_the_later_entry(
        self, roll: Roll, ero: Any
    ) -> None:
        pair = self._pair(roll, ero)
        decided = services.duplicate_decide(actor=ero, pair=pair, same=True)
        notice = Application.objects.get()
        today = timezone.localdate()
        assert (decided.verdict, decided.notice, decided.decided_by) == ("same", notice, ero)
        assert (notice.form, notice.elector, notice.status) == ("7", pair.second, "submitted")
        assert (notice.notice_date, notice.hearing_date) == (today, today + dt.timedelta(days=7))
        assert notice.raised_by == ero and notice.reason == f"Duplicate of {pair.first.key}"
        assert not notice.burst_flag
        event = AuditEvent.objects.get(event_type="roll.duplicate_confirmed")
        assert (event.actor, event.actor_role) == (ero, Role.RETURNING_OFFICER)
        # the entry stays on the roll until the notice is heard and decided
        assert Elector.objects.get(pk=pair.second_id).status == "active"
        with pytest.raises(DomainError) as caught:
            services.duplicate_decide(actor=ero, pair=pair, same=False)
        assert caught.value.status == 409 and Application.objects.count() == 1

    def test_different_people_is_remembered(self, roll: Roll, ero: Any) -> None:
        pair = self._pair(roll, ero)
        services.duplicate_decide(actor=ero, pair=pair, same=False)
        assert Application.objects.count() == 0
        assert AuditEvent.objects.filter(event_type="roll.duplicate_dismissed").count() == 1
        assert list(queries.duplicate_list_for_user(ero)) == []
        rows = services.pairs_parse(_csv(f"{pair.second.key},{pair.first.key},0.99,1"))
        assert services.duplicate_pairs_load(actor=ero, rows=rows)["known"] == 1
        assert list(queries.duplicate_list_for_user(ero)) == []
        assert DuplicatePair.objects.get().verdict == "different"

    def test_officer_notices_do_not_count_towards_the_public_limits(
        self, roll: Roll, ero: Any
    ) -> None:
        firsts = [elector(roll.g1, f"51000001{i:02d}") for i in range(12)]
        seconds = [elector(roll.g1, f"51000002{i:02d}") for i in range(12)]
        services.duplicate_pairs_load(
            actor=ero,
            rows=services.pairs_parse(
                _csv(*(f"{a.key},{b.key},0.99,1" for a, b in zip(firsts, seconds, strict=True)))
            ),
        )
        for pair in DuplicatePair.objects.all():
            services.duplicate_decide(actor=ero, pair=pair, same=True)
        assert Application.objects.filter(form="7").count() == 12
        assert not Application.objects.filter(burst_flag=True).exists()
        assert AuditEvent.objects.filter(event_type="roll.deletion_burst").count() == 0

    def test_a_pending_form7_is_reused_and_a_gone_entry_refused(self, roll: Roll, ero: Any) -> None:
        pair = self._pair(roll, ero)
        pending = services.deletion_submit(elector=pair.second, applicant_ref="X", reason="Dead")
        assert services.duplicate_decide(actor=ero, pair=pair, same=True).notice == pending
        assert Application.objects.count() == 1
        c = elector(roll.g1, "5100000003")
        services.duplicate_pairs_load(
            actor=ero, rows=services.pairs_parse(_csv(f"{pair.first.key},{c.key},0.9,1"))
        )
        second = DuplicatePair.objects.get(second=c)
        assert list(queries.duplicate_list_for_user(ero)) == [second]
        Elector.objects.filter(pk=pair.first_id).update(status="deleted")
        assert list(queries.duplicate_list_for_user(ero)) == []
        with pytest.raises(DomainError) as caught:
            services.duplicate_decide(actor=ero, pair=second, same=True)
        assert caught.value.status == 409 and Application.objects.count() == 1
        assert DuplicatePair.objects.get(pk=second.pk).verdict == "open"

    def test_out_of_scope_officer_may_not_decide(self, roll: Roll, ero: Any, geo: Geo) -> None:
        pair = self._pair(roll, ero)
        other = user("ero-k", Role.RETURNING_OFFICER, geo.kishoreganj)
        with pytest.raises(DomainError):
            queries.duplicate_get_for_user(other, pair.pk)
        with pytest.raises(DomainError) as caught:
            services.duplicate_decide(actor=other, pair=pair, same=True)
        assert caught.value.status == 403
        assert DuplicatePair.objects.get().verdict == "open" and Application.objects.count() == 0


@pytest.mark.django_db
def test_accepted_form6_with_a_duplicate_flag_goes_to_review(roll: Roll, geo: Geo) -> None:
    existing = elector(roll.u1, "ABC0000042", name="सुनीता देवी", relative_name="राम कुमार")
    admin = user("cec", Role.COMMISSION_ADMIN, geo.bd)
    RoleAssignment.objects.create(user=admin, role=Role.COMMISSION_ADMIN, unit=geo.india)
    app = services.inclusion_submit(
        constituency=roll.up_ac,
        part=roll.u1,
        applicant_ref="98",
        name="Sunita Devi",
        relative_name="Ram Kumar",
        relation="father",
        gender="female",
        dob=dt.date(1980, 1, 1),
        citizen=True,
        resident=True,
    )
    assert app.possible_duplicate == existing
    services.application_verify(actor=admin, application=app, report="Two houses")
    services.application_decide(actor=admin, application=app, accept=True)
    app.refresh_from_db()
    pair = DuplicatePair.objects.get()
    assert (pair.first, pair.second, pair.source, pair.probability) == (
        existing,
        app.elector,
        "form6",
        None,
    )
    assert list(queries.duplicate_list_for_user(admin)) == [pair]


@pytest.mark.django_db
class TestPages:
    def test_review_page_and_same_person(self, roll: Roll, ero: Any) -> None:
        a, b, c = _three(roll)
        client = Client()
        client.force_login(ero)
        upload = SimpleUploadedFile(
            "pairs.csv", _csv(f"{a.key},{b.key},0.99,1", f"{a.key},{c.key},0.9,1"), "text/csv"
        )
        response = client.post("/roll/duplicates/load/", {"file": upload}, follow=True)
        html = response.content.decode()
        assert "1 new pairs to review" in html and "1 outside your area" in html
        assert "আব্দুল করিম" in html and "Match probability 0.99" in html
        pair = DuplicatePair.objects.get()
        response = client.post(
            f"/roll/duplicates/{pair.pk}/decide/", {"verdict": "same"}, follow=True
        )
        html = response.content.decode()
        assert f"A Form 7 notice was raised on {b.key}" in html
        assert "No possible duplicates await review in your area." in html
        assert Application.objects.get().elector == b

    def test_bengali_page_and_different_people(self, roll: Roll, ero: Any) -> None:
        a, b, _c = _three(roll)
        services.duplicate_pairs_load(
            actor=ero, rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.99,1"))
        )
        pair = DuplicatePair.objects.get()
        client = Client(HTTP_ACCEPT_LANGUAGE="bn")
        client.force_login(ero)
        html = client.get("/roll/duplicates/").content.decode()
        assert "<h1>সম্ভাব্য দ্বৈত এন্ট্রি</h1>" in html and "ভিন্ন ব্যক্তি" in html
        response = client.post(
            f"/roll/duplicates/{pair.pk}/decide/", {"verdict": "different"}, follow=True
        )
        assert "ভিন্ন ব্যক্তি হিসেবে লিপিবদ্ধ হয়েছে" in response.content.decode()
        assert DuplicatePair.objects.get().verdict == "different"

    def test_bad_upload_and_bad_verdict(self, roll: Roll, ero: Any) -> None:
        a, b, _c = _three(roll)
        client = Client()
        client.force_login(ero)
        upload = SimpleUploadedFile("p.csv", _csv(f"{a.key},{b.key},2,1"), "text/csv")
        response = client.post("/roll/duplicates/load/", {"file": upload})
        assert response.status_code == 422
        assert "Line 2: match_probability must be a number from 0 to 1." in (
            response.content.decode()
        )
        assert DuplicatePair.objects.count() == 0
        services.duplicate_pairs_load(
            actor=ero, rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.9,1"))
        )
        pair = DuplicatePair.objects.get()
        response = client.post(f"/roll/duplicates/{pair.pk}/decide/", {"verdict": "maybe"})
        assert response.status_code == 422
        assert DuplicatePair.objects.get().verdict == "open"

    def test_viewer_without_roll_manage_sees_no_buttons(
        self, roll: Roll, ero: Any, geo: Geo
    ) -> None:
        a, b, _c = _three(roll)
        services.duplicate_pairs_load(
            actor=ero, rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.9,1"))
        )
        pair = DuplicatePair.objects.get()
        client = Client()
        client.force_login(user("pro", Role.PRESIDING_OFFICER, geo.gopalganj))
        html = client.get("/roll/duplicates/").content.decode()
        assert b.key in html and "Same person: raise a Form 7 notice" not in html
        assert "Load pairs" not in html
        response = client.post(f"/roll/duplicates/{pair.pk}/decide/", {"verdict": "same"})
        assert response.status_code == 403
        assert Application.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_one_pair_at_once_raise_one_notice(tx_geo: Geo) -> None:
    roll = make_roll(tx_geo)
    a, b, _c = _three(roll)
    officers = [user(f"ero{i}", Role.RETURNING_OFFICER, tx_geo.gopalganj) for i in range(3)]
    services.duplicate_pairs_load(
        actor=officers[0], rows=services.pairs_parse(_csv(f"{a.key},{b.key},0.99,1"))
    )
    pair = DuplicatePair.objects.get()
    barrier = threading.Barrier(len(officers))
    outcomes: list[str] = []

    def work(officer: Any) -> None:
        try:
            barrier.wait()
            for attempt in range(20):
                try:
                    services.duplicate_decide(actor=officer, pair=pair, same=True)
                    outcomes.append("decided")
                    return
                except DomainError as exc:
                    outcomes.append(str(exc.status))
                    return
                except Exception as exc:  # SQLite: "database is locked" under contention
                    if "locked" not in str(exc) or attempt == 19:
                        outcomes.append(repr(exc))
                        return
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["409", "409", "decided"]
    assert Application.objects.filter(form="7", elector=b).count() == 1
    assert AuditEvent.objects.filter(event_type="roll.duplicate_confirmed").count() == 1


@pytest.mark.django_db
def test_form6_duplicate_check_covers_the_state_through_the_area_index(
    roll: Roll, geo: Geo
) -> None:
    from nirvachan.roll.services.applications import _possible_duplicate
    from tests.roll.factories import ac, part

    other_up = part(ac(geo.up, 391, "Varanasi North"), 1, "Nadesar")
    elsewhere = elector(roll.g1, name="Sunita Devi", relative_name="Ram Kumar")  # Bangladesh
    same_state = elector(other_up, name="सुनीता देवी", relative_name="राम कुमार")
    app = services.inclusion_submit(
        constituency=roll.up_ac,
        part=roll.u1,
        applicant_ref="77",
        name="Sunita Devi",
        relative_name="Ram Kumar",
        relation="father",
        gender="female",
        dob=dt.date(1980, 5, 17),
        citizen=True,
        resident=True,
    )
    assert app.possible_duplicate == same_state != elsewhere  # another AC, the same state
    # The query probes a (constituency, key) index per constituency, not the whole roll.
    with CaptureQueriesContext(connection) as captured:
        _possible_duplicate(
            roll.up_ac, same_state.name_key, same_state.relative_key, dt.date(1980, 5, 17)
        )
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(explain + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "roll_elector_area_" in plan and "roll_part" not in plan, plan
