"""Officer API: postal ballots, lots, the VVPAT draw and its paper counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.results import services, tally, vvpat
from nirvachan.results.models import Lot, VoteCount, VvpatCheck, VvpatDraw
from tests.factories import Geo, user
from tests.results.factories import Count, make_count

SEED = "31415926535897932384"


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=10, rounds=1)
    for n, a in enumerate((100, 90, 80, 70, 60, 50), start=1):
        services.station_result_enter(contest=c.own, number=n, round_number=1, segment="S1",
                                      counts={ka: a, kb: 40, kc: 5, "NOTA": 2})  # fmt: skip
    return c


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/results/contests/{path}", body, content_type="application/json")


def test_postal_ballots_entered_once_idempotent_and_conflict(cnt: Count, ro: Client) -> None:
    ka, kb, _kc = cnt.keys()
    body = {"counts": {ka: 12, kb: 7, "NOTA": 1}}
    first = _post(ro, f"{cnt.own.pk}/postal", body)
    assert first.status_code == 200
    assert first.json() == {"contest": cnt.own.pk, "created": True, "votes": 20}
    again = _post(ro, f"{cnt.own.pk}/postal", body)
    assert again.json() == {"contest": cnt.own.pk, "created": False, "votes": 20}
    events = AuditEvent.objects.count()
    clash = _post(ro, f"{cnt.own.pk}/postal", {"counts": {ka: 13}})
    assert clash.status_code == 409 and clash.json()["code"] == "conflict"
    postal = VoteCount.objects.filter(contest=cnt.own, postal=True)
    assert sorted(postal.values_list("votes", flat=True)) == [0, 1, 7, 12]
    assert AuditEvent.objects.count() == events


def test_postal_unknown_candidate_writes_nothing(cnt: Count, ro: Client) -> None:
    bad = _post(ro, f"{cnt.own.pk}/postal", {"counts": {"999999": 3}})
    assert bad.status_code == 422 and bad.json()["details"]["key"] == "999999"
    assert not VoteCount.objects.filter(contest=cnt.own, postal=True).exists()


def test_lot_seeded_draw_decides_a_tie(geo: Geo, ro: Client) -> None:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=1, rounds=1)
    services.station_result_enter(contest=c.own, number=1, round_number=1,
                                  counts={ka: 50, kb: 50, kc: 3})  # fmt: skip
    r = _post(ro, f"{c.own.pk}/lot", {"seed": "4242"})
    assert r.status_code == 200
    assert r.json() == {"contest": c.own.pk, "method": "seeded", "seed": "4242",
                        "order": list(tally.seeded_lot("4242", sorted([ka, kb])))}  # fmt: skip
    again = _post(ro, f"{c.own.pk}/lot", {"order": [kb, ka]})
    assert again.status_code == 409
    assert Lot.objects.get(contest=c.own).method == "seeded"


def test_lot_recorded_order_and_refusals(geo: Geo, ro: Client) -> None:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=1, rounds=1)
    services.station_result_enter(contest=c.own, number=1, round_number=1,
                                  counts={ka: 50, kb: 50, kc: 3})  # fmt: skip
    wrong = _post(ro, f"{c.own.pk}/lot", {"order": [ka, kc]})
    assert wrong.status_code == 422 and sorted(wrong.json()["details"]["tied"]) == sorted([ka, kb])
    assert not Lot.objects.exists()
    r = _post(ro, f"{c.own.pk}/lot", {"order": [kb, ka]})
    assert r.json() == {"contest": c.own.pk, "method": "recorded", "seed": "", "order": [kb, ka]}


def test_lot_without_tie_writes_nothing(cnt: Count, ro: Client) -> None:
    events = AuditEvent.objects.count()
    r = _post(ro, f"{cnt.own.pk}/lot", {"seed": "1"})
    assert r.status_code == 409 and r.json()["code"] == "wrong_state"
    assert not Lot.objects.exists() and AuditEvent.objects.count() == events


def test_vvpat_draw_refused_before_rounds_approved_and_short_seed(cnt: Count, ro: Client) -> None:
    events = AuditEvent.objects.count()
    early = _post(ro, f"{cnt.own.pk}/vvpat", {"segment": "S1", "seed": SEED})
    assert early.status_code == 409 and early.json()["code"] == "results_incomplete"
    services.round_approve(contest=cnt.own, number=1)
    events = AuditEvent.objects.count()
    short = _post(ro, f"{cnt.own.pk}/vvpat", {"segment": "S1", "seed": SEED[:19]})
    assert short.status_code == 422 and short.json()["details"] == {"field": "seed"}
    assert not VvpatDraw.objects.exists() and AuditEvent.objects.count() == events


def test_vvpat_draw_and_paper_counts(cnt: Count, ro: Client) -> None:
    ka, kb, kc = cnt.keys()
    services.round_approve(contest=cnt.own, number=1)
    r = _post(ro, f"{cnt.own.pk}/vvpat", {"segment": "S1", "seed": SEED})
    assert r.status_code == 200
    drawn = list(vvpat.draw(SEED, range(1, 7)))
    draw_id = VvpatDraw.objects.get().pk
    assert r.json() == {"id": draw_id, "contest": cnt.own.pk, "segment": "S1", "seed": SEED,
                        "stations": drawn}  # fmt: skip
    assert len(drawn) == 5
    again = _post(ro, f"{cnt.own.pk}/vvpat", {"segment": "S1", "seed": SEED})
    assert again.status_code == 409
    n = drawn[0]
    a = (100, 90, 80, 70, 60, 50)[n - 1]
    same = {ka: a, kb: 40, kc: 5, "NOTA": 2}
    ok = _post(ro, f"{cnt.own.pk}/vvpat/{draw_id}/checks", {"station": n, "paper": same})
    assert ok.json() == {"draw": draw_id, "station": n, "mismatch": False}
    m = drawn[1]
    bad = _post(ro, f"{cnt.own.pk}/vvpat/{draw_id}/checks",
                {"station": m, "paper": {ka: 1, kb: 40, kc: 5, "NOTA": 2}})  # fmt: skip
    assert bad.json() == {"draw": draw_id, "station": m, "mismatch": True}
    assert AuditEvent.objects.filter(event_type="results.vvpat_mismatch").count() == 1
    twice = _post(ro, f"{cnt.own.pk}/vvpat/{draw_id}/checks", {"station": n, "paper": same})
    assert twice.status_code == 409
    undrawn = next(s for s in range(1, 7) if s not in drawn)
    out = _post(ro, f"{cnt.own.pk}/vvpat/{draw_id}/checks", {"station": undrawn, "paper": same})
    assert out.status_code == 422 and VvpatCheck.objects.count() == 2
    missing = _post(ro, f"{cnt.own.pk}/vvpat/{draw_id + 1}/checks", {"station": n, "paper": same})
    assert missing.status_code == 404


def test_viewer_may_not_enter(cnt: Count, geo: Geo) -> None:
    client = Client()
    client.force_login(user("obs", Role.OBSERVER, geo.gopalganj))
    r = _post(client, f"{cnt.own.pk}/postal", {"counts": {}})
    assert r.status_code in (403, 404)
    assert not VoteCount.objects.filter(contest=cnt.own, postal=True).exists()
