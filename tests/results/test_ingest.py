"""Ingest of signed station result packages: service, API and `nirvachan results ingest`."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.results import selectors, services
from nirvachan.results.models import ResultPackage, StationReturn, VoteCount
from nirvachan.roll.models import PollingStation
from tests.factories import Geo, user
from tests.results import packages as pk
from tests.results.factories import Count, make_count


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    services.counting_plan_set(contest=c.own, tables=2, rounds=2)
    return c


@pytest.fixture
def st1(cnt: Count) -> tuple[PollingStation, str]:
    ps = pk.station(cnt.own, 1)
    return ps, pk.issue_key(cnt.election, ps)


def _votes(cnt: Count, a: int = 300, b: int = 200, c: int = 50, nota: int = 5) -> dict[str, int]:
    ka, kb, kc = cnt.keys()
    return {ka: a, kb: b, kc: c, "NOTA": nota}


def _ingest(data: bytes, **kw: object) -> services.Ingested:
    return services.package_ingest(data=data, **kw)  # type: ignore[arg-type]


def _refused(data: bytes, **kw: object) -> DomainError:
    before = (
        StationReturn.objects.count(),
        ResultPackage.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(DomainError) as info:
        _ingest(data, **kw)
    after = (
        StationReturn.objects.count(),
        ResultPackage.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before, "a refused package wrote something"
    return info.value


def test_package_counted_in_first_free_round_then_idempotent(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    votes = _votes(cnt)
    data = pk.build("jsn-test", ps, key, {cnt.own.code: votes})
    done = _ingest(data, election_code="jsn-test")
    assert done.created
    station = StationReturn.objects.get(contest=cnt.own)
    assert (station.segment, station.number, station.round.number) == ("BD-PC-215", 1, 1)
    assert (station.voters_17a, station.votes_recorded, station.paper_count) == (555, 555, 555)
    counted = {str(c.nomination_id) if c.nomination_id else "NOTA": c.votes
               for c in VoteCount.objects.filter(station=station)}  # fmt: skip
    assert counted == votes
    assert AuditEvent.objects.filter(event_type="results.package_ingested").count() == 1
    events = AuditEvent.objects.count()
    again = _ingest(data, election_code="jsn-test")
    assert not again.created and again.package.pk == done.package.pk
    assert AuditEvent.objects.count() == events and StationReturn.objects.count() == 1
    # Two tables in round 1: the third station goes to round 2.
    for n in (2, 3):
        ps_n = pk.station(cnt.own, n)
        _ingest(pk.build("jsn-test", ps_n, pk.issue_key(cnt.election, ps_n), {cnt.own.code: votes}))
    rounds = dict(StationReturn.objects.values_list("number", "round__number"))
    assert rounds == {1: 1, 2: 1, 3: 2}


def test_a_changed_byte_is_refused_by_name(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, key = st1
    data = bytearray(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    at = bytes(data).index(b'"votes": 300')
    data[at + 9] = ord("9")  # 300 -> 900 inside counts.json
    err = _refused(bytes(data))
    assert err.code == "package_changed"
    assert "changed since the station signed it" in err.message


def test_package_of_another_election_is_refused(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    data = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    err = _refused(data, election_code="other-2024")
    assert err.code == "package_other_election" and "other-2024" in err.message
    # A package naming a contest code that the election does not have.
    other = pk.build("jsn-test", ps, key, {"XX-PC-1": _votes(cnt)})
    err = _refused(other)
    assert err.code == "package_other_election" and "XX-PC-1" in err.message


def test_key_of_another_station_is_refused(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, _key = st1
    ps2 = pk.station(cnt.own, 2, "Girls' school")
    key2 = pk.issue_key(cnt.election, ps2)
    err = _refused(pk.build("jsn-test", ps, key2, {cnt.own.code: _votes(cnt)}))
    assert err.code == "package_wrong_station_key"
    assert "2. Girls' school" in err.message
    stranger = pk.build("jsn-test", ps, "11" * 32, {cnt.own.code: _votes(cnt)})
    assert _refused(stranger).code == "package_wrong_station_key"


def test_revoked_key_is_refused(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, old = st1
    pk.issue_key(cnt.election, ps)  # re-commissioned: the old key is revoked
    err = _refused(pk.build("jsn-test", ps, old, {cnt.own.code: _votes(cnt)}))
    assert err.code == "package_revoked_key" and "revoked" in err.message


def test_refusals_are_translated(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, key = st1
    data = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    with translation.override("bn"):
        err = _refused(data, election_code="other-2024")
    assert err.code == "package_other_election"
    assert "নির্বাচন" in err.message and "other-2024" in err.message
    with translation.override("hi"):
        err = _refused(data[:100])
    assert "पैकेज" in err.message


def test_different_package_for_counted_station_is_a_conflict(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    _ingest(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    other = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt, a=301)})
    with pytest.raises(DomainError) as info:
        _ingest(other)
    assert info.value.code == "conflict" and info.value.status == 409
    # Never an overwrite: the counted votes stay; the offer is kept for the RO, once.
    assert VoteCount.objects.filter(contest=cnt.own, votes=300).exists()
    assert not VoteCount.objects.filter(contest=cnt.own, votes=301).exists()
    assert list(ResultPackage.objects.values_list("status", flat=True).order_by("pk")) == [
        "accepted",
        "conflict",
    ]
    with pytest.raises(DomainError):
        _ingest(other)
    assert ResultPackage.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="results.package_conflict").count() == 1
    rows = selectors.reconciliation(cnt.own, flagged_only=True)
    assert [(r.station.number, r.conflict) for r in rows] == [(1, True)]


def test_hand_entered_station_then_package_is_a_conflict(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    services.station_result_enter(contest=cnt.own, number=1, round_number=1, segment="BD-PC-215",
                                  counts=_votes(cnt))  # fmt: skip
    with pytest.raises(DomainError) as info:
        _ingest(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    assert info.value.code == "conflict"
    assert ResultPackage.objects.get().status == "conflict"
    assert StationReturn.objects.get().votes_recorded is None


def test_reconciliation_flags_each_mismatch(cnt: Count) -> None:
    votes = _votes(cnt)  # 555 votes counted
    cases = {1: {}, 2: {"paper": {cnt.own.code: 554}}, 3: {"recorded": 556, "left": 2},
             4: {"voters": 560, "left": 5}}  # fmt: skip
    services.counting_plan_set(contest=cnt.own, tables=4, rounds=1)
    for n, kw in cases.items():
        ps = pk.station(cnt.own, n)
        _ingest(pk.build("jsn-test", ps, pk.issue_key(cnt.election, ps), {cnt.own.code: votes},
                         **kw))  # type: ignore[arg-type]  # fmt: skip
    rows = {r.station.number: r for r in selectors.reconciliation(cnt.own)}
    assert {n: r.reasons for n, r in rows.items()} == {
        1: (), 2: ("paper",), 3: ("17a", "17c"), 4: (),
    }  # fmt: skip
    assert rows[3].voters == 556 and rows[4].voters == 555
    assert [r.station.number for r in selectors.reconciliation(cnt.own, flagged_only=True)] == [
        2,
        3,
    ]


def test_inconsistent_counts_and_foreign_contest_are_refused(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    bad_total = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}, total_delta=1)
    err = _refused(bad_total)
    assert err.code == "package_invalid" and "total" in err.message
    # The Kishoreganj contest is in the election, but station 1 of Gopalganj does not vote in it.
    foreign = pk.build("jsn-test", ps, key, {cnt.other.code: _votes(cnt)})
    assert _refused(foreign).code == "package_invalid"


def test_without_a_free_round_nothing_is_written(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    for n in (7, 8, 9, 10):
        services.station_result_enter(contest=cnt.own, number=n, round_number=1 + (n > 8),
                                      counts=_votes(cnt))  # fmt: skip
    err = _refused(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    assert err.code == "wrong_state" and "counting plan" in err.message


# --- API ---------------------------------------------------------------------------------------


def _post(client: Client, data: bytes, query: str = "") -> object:
    return client.post(f"/api/v1/results/packages{query}", data, content_type="application/zip")


def test_api_upload_counts_and_reports(
    geo: Geo, cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    ro = Client()
    ro.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    data = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    first = _post(ro, data, "?election=jsn-test")
    assert first.status_code == 200, first.content  # type: ignore[attr-defined]
    body = first.json()  # type: ignore[attr-defined]
    assert body["status"] == "counted" and body["station"] == ps.pk
    assert body["stations"] == [{"contest": cnt.own.pk, "segment": "BD-PC-215", "number": 1,
                                 "round": 1}]  # fmt: skip
    again = _post(ro, data).json()  # type: ignore[attr-defined]
    assert again["status"] == "already_counted" and again["stations"] == body["stations"]
    wrong = _post(ro, data, "?election=ls2019")
    assert wrong.status_code == 422  # type: ignore[attr-defined]
    assert wrong.json()["code"] == "package_other_election"  # type: ignore[attr-defined]
    bad = _post(ro, b"not a zip")
    assert bad.status_code == 422 and bad.json()["code"] == "package_invalid"  # type: ignore[attr-defined]
    recon = ro.get(f"/api/v1/results/contests/{cnt.own.pk}/reconciliation").json()
    assert recon == [{"segment": "BD-PC-215", "number": 1, "round": 1, "voters_17a": 555,
                      "left_without_voting": 0, "votes_recorded": 555, "counted": 555,
                      "paper_count": 555, "flagged": False, "reasons": [],
                      "conflict": False}]  # fmt: skip


def test_api_refuses_a_package_outside_the_officers_units(
    geo: Geo, cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    ps, key = st1
    other_ro = Client()
    other_ro.force_login(user("ro-k", Role.RETURNING_OFFICER, geo.kishoreganj))
    data = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    response = _post(other_ro, data)
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert StationReturn.objects.count() == 0 and ResultPackage.objects.count() == 0
    _ingest(data)  # counted by the system; the other district still learns nothing
    assert _post(other_ro, data).status_code == 403  # type: ignore[attr-defined]
    observer = Client()
    observer.force_login(user("obs", Role.OBSERVER, geo.gopalganj))
    assert _post(observer, b"").status_code == 403  # type: ignore[attr-defined]


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_ingest_reports_each_file(
    cnt: Count, st1: tuple[PollingStation, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ps, key = st1
    good = tmp_path / "s1.zip"
    good.write_bytes(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"junk")
    with pytest.raises(CommandError, match="1 file"):
        call_command("results", "ingest", str(good), str(junk), "--election", "jsn-test",
                     "--workers", "1")  # fmt: skip
    lines = capsys.readouterr().out.strip().splitlines()
    assert '"status": "counted"' in lines[0] and '"code": "package_invalid"' in lines[1]
    assert lines[-1] == '{"counted": 1, "already_counted": 0, "refused": 1}'
    call_command("results", "ingest", str(good), "--workers", "2")
    assert '"already counted"' in capsys.readouterr().out
    assert StationReturn.objects.count() == 1


def test_pc_contest_numbers_stations_per_segment(geo: Geo) -> None:
    """Stations of two assembly segments of one parliamentary contest may share a number."""
    cnt = make_count(geo)
    from nirvachan.core.models import Constituency

    pc = cnt.own.constituency
    acs = [Constituency.objects.create(code=f"BD-AC-{i}", kind="ac", country="BD",
                                       unit=geo.gopalganj, parent=pc, name_en=f"AC {i}")
           for i in (1, 2)]  # fmt: skip
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    for ac in acs:
        ps = PollingStation.objects.create(constituency=ac, number=1, name="School")
        _ingest(
            pk.build("jsn-test", ps, pk.issue_key(cnt.election, ps), {cnt.own.code: _votes(cnt)})
        )
    assert sorted(StationReturn.objects.values_list("segment", "number")) == [
        ("BD-AC-1", 1),
        ("BD-AC-2", 1),
    ]


def test_a_signed_package_with_unreadable_contents_is_refused(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    from nirvachan.station import package

    ps, key = st1
    station = {"id": ps.pk, "constituency": "BD-PC-215", "number": 1, "name": "x"}
    header = {"election": "jsn-test", "closed_on": "2024-01-07", "station": station}
    not_json = package.build(package.KIND_RESULT, header, {"counts.json": b"{oops",
                             "form17c.json": b"{}", "paper.json": b"{}"}, key)  # fmt: skip
    err = _refused(not_json)
    assert err.code == "package_invalid" and "counts.json" in err.message
    no_form = package.build(package.KIND_RESULT, header, {
        "counts.json": b'{"contests": [{"contest": "BD-PC-215", "candidates": [], "nota": 1, '
                       b'"total": 1}]}', "paper.json": b"{}"}, key)  # fmt: skip
    err = _refused(no_form)
    assert err.code == "package_invalid" and "form17c.json" in err.message
    members = {"counts.json": b'{"contests": [7]}', "form17c.json": b"{}", "paper.json": b"{}"}
    rows_not_objects = package.build(package.KIND_RESULT, header, members, key)
    assert _refused(rows_not_objects).code == "package_invalid"


def test_one_batch_with_the_same_station_twice(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, key = st1
    first = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    other = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt, a=1)})
    datas = [first, first, other]
    out = services.packages_ingest(items=list(zip(datas, services.verify_many(datas), strict=True)))
    assert [getattr(o, "created", None) for o in out[:2]] == [True, False]
    assert isinstance(out[2], DomainError) and out[2].code == "conflict"
    assert StationReturn.objects.count() == 1
    assert sorted(ResultPackage.objects.values_list("status", flat=True)) == [
        "accepted",
        "conflict",
    ]


# --- the returning officer's decision on a conflict ---------------------------------------------


def _conflicting(cnt: Count, st1: tuple[PollingStation, str]) -> ResultPackage:
    ps, key = st1
    _ingest(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)}))
    with pytest.raises(DomainError):
        _ingest(pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt, a=310)}))
    return ResultPackage.objects.get(status="conflict")


def test_conflict_kept_or_replaced_by_the_returning_officer(
    geo: Geo, cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    offered = _conflicting(cnt, st1)
    ro = Client()
    ro.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    path = f"/api/v1/results/packages/{offered.pk}/resolve"
    no_reason = ro.post(path, {"accept": True, "reason": " "}, content_type="application/json")
    assert no_reason.status_code == 422 and no_reason.json()["details"]["field"] == "reason"
    other = Client()
    other.force_login(user("ro-k", Role.RETURNING_OFFICER, geo.kishoreganj))
    body = {"accept": True, "reason": "Presiding officer's sealed copy matches"}
    assert other.post(path, body, content_type="application/json").status_code == 404
    done = ro.post(path, body, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "accepted" and done.json()["digest"] == offered.digest
    # The offered counts replaced the old ones; the old package is kept, marked superseded.
    assert VoteCount.objects.filter(contest=cnt.own, votes=310).exists()
    assert not VoteCount.objects.filter(contest=cnt.own, votes=300).exists()
    assert sorted(ResultPackage.objects.values_list("status", flat=True)) == [
        "accepted",
        "superseded",
    ]
    assert StationReturn.objects.count() == 1
    event = AuditEvent.objects.filter(event_type="results.package_resolved").get()
    assert "replaced" in event.summary and "sealed copy" in event.summary


def test_conflict_dismissed_and_no_replacement_after_approval(
    cnt: Count, st1: tuple[PollingStation, str]
) -> None:
    offered = _conflicting(cnt, st1)
    services.round_approve(contest=cnt.own, number=1)
    with pytest.raises(DomainError) as info:
        services.package_conflict_resolve(record=offered, accept=True, reason="recount")
    assert info.value.code == "wrong_state" and "Approved" in info.value.message
    assert ResultPackage.objects.get(pk=offered.pk).status == "conflict"
    kept = services.package_conflict_resolve(record=offered, accept=False, reason="Typo in copy")
    assert kept.status == "dismissed" and kept.resolution == "Typo in copy"
    assert VoteCount.objects.filter(contest=cnt.own, votes=300).exists()
    with pytest.raises(DomainError):  # decided once
        services.package_conflict_resolve(record=kept, accept=True, reason="again")


def test_the_round_asked_for(cnt: Count, st1: tuple[PollingStation, str]) -> None:
    ps, key = st1
    data = pk.build("jsn-test", ps, key, {cnt.own.code: _votes(cnt)})
    err = _refused(data, round_number=3)
    assert err.code == "not_found" and "Round 3" in err.message
    done = _ingest(data, round_number=2)
    assert [st.round.number for st in done.stations] == [2]
