"""Services of the results app: rounds, stations, postal ballots, sheets, lots, VVPAT."""

from __future__ import annotations

import pytest

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.results import selectors, services, vvpat
from nirvachan.results.models import CountingRound, StationReturn, VoteCount, VvpatCheck
from tests.factories import Geo, user
from tests.results.factories import Count, make_count


@pytest.fixture
def cnt(geo: Geo) -> Count:
    return make_count(geo)


def _station(cnt: Count, number: int, a: int, b: int, c: int, nota: int = 0, **kw: object) -> None:
    ka, kb, kc = cnt.keys()
    services.station_result_enter(
        contest=cnt.own, number=number, round_number=kw.pop("round_number", 1),  # type: ignore[arg-type]
        counts={ka: a, kb: b, kc: c, "NOTA": nota}, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_rounds_stations_postal_publish_and_outcome(cnt: Count) -> None:
    ro = user("ro", Role.RETURNING_OFFICER, cnt.own.unit.parent or cnt.own.unit)
    services.counting_plan_set(actor=ro, contest=cnt.own, tables=2, rounds=2)
    _station(cnt, 1, 100, 50, 10, 5, segment="AC-1", voters_17a=165, paper_count=165)
    _station(cnt, 2, 80, 90, 5, 0, segment="AC-1", voters_17a=176)
    _station(cnt, 3, 10, 10, 1, 1, round_number=2, segment="AC-1")
    ka, kb, kc = cnt.keys()
    services.postal_enter(contest=cnt.own, counts={ka: 7, kb: 3})
    # public sees nothing but postal until a round is published
    assert selectors.contest_outcome(cnt.own).result.candidate_votes == 10
    services.round_approve(actor=ro, contest=cnt.own, number=1)
    services.round_publish(actor=ro, contest=cnt.own, number=1)
    public = selectors.contest_outcome(cnt.own)
    assert [(c.key, c.general, c.postal) for c in public.result.candidates] == [
        (ka, 180, 7), (kb, 140, 3), (kc, 15, 0)
    ]  # fmt: skip
    assert public.result.nota == 5 and public.declared is False
    assert public.result.margin == 44
    assert [c.forfeits for c in public.result.candidates] == [False, False, True]
    assert [r.number for r in public.rounds] == [1]
    assert public.rounds[0].cumulative[ka] == 180
    services.round_approve(contest=cnt.own, number=2)
    services.round_publish(contest=cnt.own, number=2)
    done = selectors.contest_outcome(cnt.own)
    assert done.declared and done.result.winners == (ka,)
    assert [r.cumulative[ka] for r in done.rounds] == [180, 190]
    flagged = [(r.station.number, r.recorded, r.flagged) for r in selectors.reconciliation(cnt.own)]
    assert flagged == [(1, 165, False), (2, 175, True), (3, 22, False)]


def test_same_station_twice_is_idempotent_and_different_is_a_conflict(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    _station(cnt, 1, 10, 5, 1)
    _station(cnt, 1, 10, 5, 1)
    assert StationReturn.objects.count() == 1 and VoteCount.objects.count() == 4
    with pytest.raises(DomainError) as err:
        _station(cnt, 1, 11, 5, 1)
    assert err.value.code == "conflict" and err.value.details == {"station": 1}
    assert VoteCount.objects.filter(nomination=cnt.a).get().votes == 10
    assert AuditEvent.objects.filter(event_type="results.station_conflict").count() == 1


def test_bad_counts_and_full_round_are_refused(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=1, rounds=1)
    other_candidate = str(cnt.other.nominations.first().pk)  # type: ignore[union-attr]
    for counts in ({other_candidate: 1}, {str(cnt.a.pk): -1}, {str(cnt.a.pk): "9"}):
        with pytest.raises(DomainError) as err:
            services.station_result_enter(contest=cnt.own, number=1, round_number=1, counts=counts)
        assert err.value.code == "validation_error"
    _station(cnt, 1, 1, 1, 1)
    with pytest.raises(DomainError) as err:
        _station(cnt, 2, 1, 1, 1)
    assert err.value.code == "conflict"
    with pytest.raises(DomainError) as err:
        _station(cnt, 3, 1, 1, 1, round_number=9)
    assert err.value.code == "not_found"
    assert StationReturn.objects.count() == 1


def test_out_of_scope_officer_is_refused(cnt: Count, geo: Geo) -> None:
    ro = user("ro-k", Role.RETURNING_OFFICER, geo.kishoreganj)
    with pytest.raises(DomainError) as err:
        services.counting_plan_set(actor=ro, contest=cnt.own, tables=1, rounds=1)
    assert err.value.code == "out_of_scope" and not CountingRound.objects.exists()


def test_publish_needs_approval_in_order(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=1, rounds=2)
    _station(cnt, 1, 1, 1, 1)
    _station(cnt, 2, 1, 1, 1, round_number=2)
    with pytest.raises(DomainError):
        services.round_publish(contest=cnt.own, number=1)
    services.round_approve(contest=cnt.own, number=2)
    with pytest.raises(DomainError) as err:
        services.round_publish(contest=cnt.own, number=2)
    assert "Round 1" in err.value.message
    assert not CountingRound.objects.filter(status="published").exists()


def test_sheet_double_entry(cnt: Count, geo: Geo) -> None:
    op1 = user("op1", Role.RETURNING_OFFICER, geo.gopalganj)
    op2 = user("op2", Role.RETURNING_OFFICER, geo.gopalganj)
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    ka, kb, _kc = cnt.keys()
    first = services.sheet_entry_submit(
        actor=op1, contest=cnt.own, centre=4, round_number=1, counts={ka: 10, kb: 3}
    )
    assert first["status"] == "awaiting_second_entry"
    with pytest.raises(DomainError):
        services.sheet_entry_submit(
            actor=op1, contest=cnt.own, centre=4, round_number=1, counts={ka: 10, kb: 3}
        )
    second = services.sheet_entry_submit(
        actor=op2, contest=cnt.own, centre=4, round_number=1, counts={ka: 10, kb: 4}
    )
    assert second == {"status": "different", "differences": {kb: [3, 4]}}
    assert not StationReturn.objects.exists()
    services.sheet_resolve(actor=op1, contest=cnt.own, centre=4, round_number=1,
                           counts={ka: 10, kb: 4})  # fmt: skip
    assert StationReturn.objects.get().number == 4


def test_tie_by_recorded_lot_and_seeded_draw(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    _station(cnt, 1, 50, 50, 1)
    ka, kb, _kc = cnt.keys()
    outcome = selectors.contest_outcome(cnt.own, published_only=False)
    assert outcome.result.winners == () and set(outcome.result.tied) == {ka, kb}
    with pytest.raises(DomainError):
        services.lot_record(contest=cnt.own, order=[ka])
    lot = services.lot_record(contest=cnt.own, seed="98765")
    from nirvachan.results.tally import seeded_lot

    assert lot.order == list(seeded_lot("98765", sorted([ka, kb])))
    outcome = selectors.contest_outcome(cnt.own, published_only=False)
    assert outcome.result.winners == (lot.order[0],) and outcome.result.decided_by_lot


def test_vvpat_draw_waits_for_all_results_and_paper_prevails(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=10, rounds=1)
    for n in range(1, 9):
        _station(cnt, n, 10, 5, 1, segment="AC-7")
    seed = "31415926535897932384"
    with pytest.raises(DomainError) as err:
        services.vvpat_draw(contest=cnt.own, segment="AC-7", seed=seed)
    assert err.value.code == "results_incomplete"
    services.round_approve(contest=cnt.own, number=1)
    with pytest.raises(DomainError):
        services.vvpat_draw(contest=cnt.own, segment="AC-7", seed="123")
    draw = services.vvpat_draw(contest=cnt.own, segment="AC-7", seed=seed)
    assert draw.stations == list(vvpat.draw(seed, range(1, 9)))
    ka, kb, kc = cnt.keys()
    first, second = draw.stations[:2]
    ok = services.vvpat_check_enter(draw=draw, station_number=first,
                                    paper={ka: 10, kb: 5, kc: 1})  # fmt: skip
    bad = services.vvpat_check_enter(draw=draw, station_number=second,
                                     paper={ka: 9, kb: 6, kc: 1})  # fmt: skip
    assert (ok.mismatch, bad.mismatch) == (False, True)
    assert VvpatCheck.objects.count() == 2
    outcome = selectors.contest_outcome(cnt.own, published_only=False)
    assert {c.key: c.general for c in outcome.result.candidates} == {ka: 79, kb: 41, kc: 8}
