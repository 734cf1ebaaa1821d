"""The pure ballot order: groups, alphabetical order per script, NOTA last, ballot units."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nirvachan.elections.ballot_order import (
    BallotCandidate,
    BallotError,
    Group,
    ballot_order,
    sort_key,
    units_needed,
)


def names(entries: tuple) -> list[str]:  # type: ignore[type-arg]
    return [e.name for e in entries]


def test_groups_then_alphabetical_then_nota() -> None:
    cands = [
        BallotCandidate("1", "Zara", Group.INDEPENDENT),
        BallotCandidate("2", "Mohan", Group.REGISTERED),
        BallotCandidate("3", "Bina", Group.RECOGNISED),
        BallotCandidate("4", "Amit", Group.INDEPENDENT),
        BallotCandidate("5", "Anil", Group.RECOGNISED),
    ]
    entries = ballot_order(cands, nota_label="NOTA")
    assert names(entries) == ["Anil", "Bina", "Mohan", "Amit", "Zara", "NOTA"]
    assert [e.serial for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[-1].is_nota and entries[-1].group is None


def test_devanagari_dictionary_order() -> None:
    given_names = ["क्षमा", "कौशल", "का", "अमित", "कंकड़", "ककड़ी", "राम कुमार", "रामू", "ज़फ़र", "जगत"]
    assert sorted(given_names, key=sort_key) == [
        "अमित", "कंकड़", "ककड़ी", "का", "कौशल", "क्षमा", "जगत", "ज़फ़र", "राम कुमार", "रामू",
    ]  # fmt: skip


def test_bengali_dictionary_order() -> None:
    given_names = ["হাসান", "য়াসিন", "ক্ষমা", "কমল", "আব্দুল", "কাকলি", "অমল", "সত্য", "যতীন"]
    assert sorted(given_names, key=sort_key) == [
        "অমল", "আব্দুল", "কমল", "কাকলি", "ক্ষমা", "যতীন", "সত্য", "হাসান", "য়াসিন",
    ]  # fmt: skip


def test_latin_is_the_fallback_after_indic_and_case_blind() -> None:
    assert sorted(["bina", "Amit", "अमित", "অমল"], key=sort_key) == ["অমল", "अमित", "Amit", "bina"]


@pytest.mark.parametrize(
    ("entries", "units"), [(1, 1), (16, 1), (17, 2), (32, 2), (33, 3), (384, 24)]
)
def test_units_needed(entries: int, units: int) -> None:
    assert units_needed(entries) == units


def test_more_than_384_entries_are_refused() -> None:
    with pytest.raises(BallotError) as exc:
        units_needed(385)
    assert exc.value.entries == 385
    cands = [BallotCandidate(str(i), f"C{i:03}", Group.INDEPENDENT) for i in range(384)]
    with pytest.raises(BallotError):
        ballot_order(cands)  # 384 candidates + NOTA
    assert len(ballot_order(cands[:383])) == 384


candidate = st.builds(
    BallotCandidate,
    key=st.uuids().map(str),
    name=st.text(alphabet="কখগঅআািীেোং্ঁकखगअआािीेों्ँ abcAB", min_size=1, max_size=12),
    group=st.sampled_from(list(Group)),
)


@given(st.lists(candidate, max_size=60))
def test_properties(cands: list[BallotCandidate]) -> None:
    entries = ballot_order(cands)
    assert entries[-1].is_nota and not any(e.is_nota for e in entries[:-1])
    assert [e.serial for e in entries] == list(range(1, len(cands) + 2))
    groups = [int(e.group) for e in entries[:-1] if e.group is not None]
    assert groups == sorted(groups)
    for a, b in itertools.pairwise(entries[:-1]):
        if a.group == b.group:
            assert sort_key(a.name) <= sort_key(b.name)
    assert sorted(e.key for e in entries[:-1]) == sorted(c.key for c in cands)
    assert units_needed(entries) == (len(entries) + 15) // 16
    # the order does not depend on the input order
    assert ballot_order(list(reversed(cands))) == entries
