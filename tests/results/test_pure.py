"""The pure modules: tally, vvpat, rla."""

from __future__ import annotations

import hashlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nirvachan.results import rla, tally, vvpat
from nirvachan.results.tally import NOTA, Row


def test_totals_and_winner_with_nota_never_elected() -> None:
    rows = [
        Row("1", "a", 100), Row("1", "b", 40), Row("1", NOTA, 500),
        Row("2", "a", 10), Row("", "b", 5, postal=True),
    ]  # fmt: skip
    counts = tally.totals(rows)
    assert counts == {"a": (110, 0), "b": (40, 5), NOTA: (500, 0)}
    result = tally.decide("c", counts, candidates=["a", "b", "z"])
    assert result.winners == ("a",)
    assert [c.key for c in result.candidates] == ["a", "b", "z"]
    assert result.nota == 500 and result.valid_votes == 655
    assert result.margin == 65 and result.runner_up is not None and result.runner_up.key == "b"
    # deposit: 1/6 of 155 candidate votes (NOTA excluded) = 25.83: b (45) keeps, z (0) loses
    assert [c.forfeits for c in result.candidates] == [False, False, True]


def test_forfeit_boundary_is_strictly_less_than_one_sixth() -> None:
    result = tally.decide("c", {"a": (50, 0), "b": (10, 0)})
    assert [c.forfeits for c in result.candidates] == [False, False]  # 10 * 6 == 60
    result = tally.decide("c", {"a": (51, 0), "b": (10, 0)})
    assert [c.forfeits for c in result.candidates] == [False, True]


def test_multi_seat_top_n_and_tie_by_lot() -> None:
    counts = {"a": (30, 0), "b": (20, 0), "c": (20, 0), "d": (5, 0)}
    result = tally.decide("c", counts, seats=2)
    assert result.winners == ("a",) and result.tied == ("b", "c")
    decided = tally.decide("c", counts, seats=2, lot=["c", "b"])
    assert decided.winners == ("a", "c") and decided.decided_by_lot and decided.tied == ()
    assert tally.decide("c", counts, seats=3).winners == ("a", "b", "c")


def test_seeded_lot_is_reproducible() -> None:
    order = tally.seeded_lot("12345", ["b", "a"])
    key = {k: hashlib.sha256(f"12345,{k}".encode()).hexdigest() for k in "ab"}
    assert order == tuple(sorted("ab", key=lambda k: key[k]))
    assert tally.seeded_lot("12345", ["a", "b"]) == order


def test_area_tally_party_seats_and_shares() -> None:
    r1 = tally.decide("1", {"a": (60, 0), "b": (40, 0)})
    r2 = tally.decide("2", {"c": (30, 0), "d": (70, 0), NOTA: (100, 0)})
    area = tally.area_tally("X", [r1, r2], {"a": "P", "b": "Q", "c": "P"})
    assert [(p.party, p.seats, p.votes) for p in area.parties] == [
        ("P", 1, 90), ("IND", 1, 70), ("Q", 0, 40)
    ]  # fmt: skip
    assert area.valid_votes == 300 and area.nota == 100


def test_block_totals() -> None:
    votes = [1, 2, 3, 4, 5, 6]  # 3 stations × 2 choices
    assert tally.block_totals(votes, 2, 0, 3) == [9, 12]
    assert tally.block_totals(votes, 2, 1, 2) == [3, 4]


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 1000), min_size=1),
       st.integers(1, 3))  # fmt: skip
def test_winners_have_at_least_the_votes_of_losers(votes: dict[str, int], seats: int) -> None:
    result = tally.decide("c", {k: (v, 0) for k, v in votes.items()}, seats=seats)
    assert len(result.winners) + (1 if result.tied else 0) <= seats + len(result.tied)
    elected = [c.votes for c in result.candidates if c.elected]
    others = [c.votes for c in result.candidates if not c.elected]
    if elected and others:
        assert min(elected) >= max(others)
    assert NOTA not in result.winners


def test_vvpat_draw_exactly_as_specified() -> None:
    seed = "12345678901234567890"
    stations = list(range(1, 101))
    expected: list[int] = []
    i = 0
    while len(expected) < 5:
        i += 1
        n = stations[int(hashlib.sha256(f"{seed},{i}".encode()).hexdigest(), 16) % 100]
        if n not in expected:
            expected.append(n)
    assert vvpat.draw(seed, reversed(stations)) == tuple(expected)
    assert vvpat.draw(seed, [7, 3]) in ((7, 3), (3, 7))
    with pytest.raises(vvpat.DrawError):
        vvpat.draw("1234567890123456789", stations)  # 19 digits
    with pytest.raises(vvpat.DrawError):
        vvpat.draw("1234567890123456789x", stations)


@given(st.text("0123456789", min_size=20, max_size=30), st.integers(1, 50))
def test_vvpat_draw_properties(seed: str, n: int) -> None:
    drawn = vvpat.draw(seed, range(1, n + 1))
    assert len(drawn) == min(5, n) and len(set(drawn)) == len(drawn)
    assert vvpat.draw(seed, range(n, 0, -1)) == drawn


def test_bravo_multiplies_t_and_confirms() -> None:
    audit = rla.start({"w": 600, "l": 400}, ["w"], 0.05)
    assert audit.pairs[0].share == 0.6
    after = rla.step(rla.step(audit, "w"), "l")
    assert math.isclose(after.pairs[0].t, 1.2 * 0.8)
    assert math.isclose(after.risk, 1 / 0.96 if 1 / 0.96 < 1 else 1.0)
    states = rla.run(audit, ["w"] * 100)
    last = states[-1]
    assert (
        last.confirmed
        and last.pairs[0].t >= 20
        and len(states) == math.ceil(math.log(20) / math.log(1.2))
    )
    assert rla.step(audit, "other").pairs[0].t == 1.0


def test_bravo_expected_sample_size() -> None:
    # 60/40 at 5%: (ln 20 + ln(1.2)/2) / (0.6 ln 1.2 + 0.4 ln 0.8) = 153.6
    asn = rla.expected_sample_size({"w": 600, "l": 400}, ["w"], 0.05)
    assert asn == 154
    wide = rla.expected_sample_size({"w": 900, "l": 100}, ["w"], 0.05)
    assert wide < asn
    with pytest.raises(rla.AuditError):
        rla.start({"w": 50, "l": 50}, ["w"], 0.05)


def test_bravo_expected_sample_size_with_a_loser_without_votes() -> None:
    # s_w = 1 against the empty loser: only the pair with "l" sets the size.
    both = rla.expected_sample_size({"w": 600, "l": 400, "z": 0}, ["w"], 0.05)
    assert both == rla.expected_sample_size({"w": 600, "l": 400}, ["w"], 0.05)
    alone = rla.expected_sample_size({"w": 600, "z": 0}, ["w"], 0.05)
    assert alone == 5  # ln(20) / ln(2) = 4.3: five ballots for w confirm
