"""The risk-limiting audit's refusals: the pure module gives a reason code, the API words it in
the user's language (no English sentence inside a Bengali one)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.results import rla, services
from tests.factories import Geo, user
from tests.results.factories import Count, make_count

LATIN = re.compile(r"[A-Za-z]")


def test_pure_module_refuses_with_codes_not_sentences() -> None:
    with pytest.raises(rla.AuditError) as out_of_range:
        rla.start({"w": 60, "l": 40}, ["w"], 1.5)
    assert out_of_range.value.reason is rla.Refusal.RISK_LIMIT_RANGE
    with pytest.raises(rla.AuditError) as none:
        rla.start({"w": 0, "l": 0}, [], 0.05)
    assert none.value.reason is rla.Refusal.NO_WINNER
    with pytest.raises(rla.AuditError) as tie:
        rla.start({"w": 50, "l": 50, "z": 1}, ["w"], 0.05)
    assert tie.value.reason is rla.Refusal.WINNER_NOT_AHEAD
    assert (tie.value.winner, tie.value.loser) == ("w", "l")


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    c.own.name_bn, c.own.name_hi = "গোপালগঞ্জ-৩", "गोपालगंज-3"
    c.own.save()
    for n, bn, hi in ((c.a, "আশা", "आशा"), (c.b, "বিলাল", "बिलाल"), (c.c, "চন্দন", "चंदन")):
        n.name_bn, n.name_hi = bn, hi
        n.save()
    services.counting_plan_set(contest=c.own, tables=5, rounds=1)
    return c


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


def _refusal(client: Client, cnt: Count, language: str, **body: object) -> dict[str, object]:
    r = client.post(f"/api/v1/results/contests/{cnt.own.pk}/rla", body,
                    content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)  # fmt: skip
    assert r.status_code == 422, r.content
    data: dict[str, object] = r.json()
    return data


def _tie_decided_by_lot(cnt: Count) -> tuple[str, str]:
    ka, kb, kc = cnt.keys()
    services.station_result_enter(contest=cnt.own, number=1, round_number=1, segment="S1",
                                  counts={ka: 50, kb: 50, kc: 1})  # fmt: skip
    lot = services.lot_record(contest=cnt.own, seed="98765")
    return lot.order[0], lot.order[1]


def test_bengali_request_gets_wholly_bengali_refusals(cnt: Count, ro: Client) -> None:
    out_of_range = _refusal(ro, cnt, "bn", risk_limit=1.5)
    no_winner = _refusal(ro, cnt, "bn", risk_limit=0.05)
    winner, loser = _tie_decided_by_lot(cnt)
    not_ahead = _refusal(ro, cnt, "bn", risk_limit=0.05)
    names = {str(cnt.a.pk): "আশা", str(cnt.b.pk): "বিলাল"}

    assert out_of_range["message"] == "ঝুঁকির সীমা ০ ও ১-এর মধ্যে হতে হবে।"
    assert out_of_range["details"] == {"reason": "risk_limit_range", "field": "risk_limit"}
    assert no_winner["details"] == {"reason": "no_winner"}
    assert "গোপালগঞ্জ-৩" in str(no_winner["message"])
    assert not_ahead["details"] == {"reason": "winner_not_ahead", "winner": winner, "loser": loser}
    message = str(not_ahead["message"])
    assert names[winner] in message and names[loser] in message
    messages = [str(d["message"]) for d in (out_of_range, no_winner, not_ahead)]
    assert len(set(messages)) == 3
    for text in messages:
        assert not LATIN.search(text), text  # not one English word or letter


def test_hindi_and_english_wordings_of_the_same_refusal(cnt: Count, ro: Client) -> None:
    _tie_decided_by_lot(cnt)
    hi = str(_refusal(ro, cnt, "hi", risk_limit=0.05)["message"])
    en = str(_refusal(ro, cnt, "en", risk_limit=0.05)["message"])
    assert not LATIN.search(hi), hi
    assert "बैलट-पोलिंग" in hi and "आशा" in hi and "बिलाल" in hi
    assert en.startswith("A ballot-polling audit cannot check this outcome: ")
    assert "Asha" in en and "Bilal" in en
    assert "does not lead" not in en  # the pure module's English no longer leaks in
