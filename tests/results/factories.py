"""Factories of the results tests: a parliamentary election in Bangladesh with one contest in
Gopalganj (own) and one in Kishoreganj (other), three candidates each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.elections import services as es
from nirvachan.elections.models import Contest, Election, Nomination, Party
from tests.factories import Geo


@dataclass
class Count:
    election: Election
    own: Contest
    other: Contest
    a: Nomination
    b: Nomination
    c: Nomination
    al: Party
    bnp: Party

    def keys(self) -> tuple[str, str, str]:
        return str(self.a.pk), str(self.b.pk), str(self.c.pk)


def _contest(election: Election, phase: object, unit: AdminUnit, code: str, name: str) -> Contest:
    pc = Constituency.objects.create(
        code=code, kind="pc", country="BD", unit=unit, name_en=name, name_bn=name
    )
    return es.contest_create(
        election=election, phase=phase, code=code, name_en=name, constituency=pc
    )


def make_count(geo: Geo) -> Count:
    election = es.election_create(
        code="jsn-test", kind="general", country="BD", name_en="Jatiya Sangsad test",
        name_bn="জাতীয় সংসদ পরীক্ষা", polls_open=dt.time(8), polls_close=dt.time(16),
        deposit_general=Decimal(20000),
    )  # fmt: skip
    phase = es.phase_schedule(election=election, number=1, poll_date=dt.date(2024, 1, 7))
    own = _contest(election, phase, geo.gopalganj, "BD-PC-215", "Gopalganj-3")
    other = _contest(election, phase, geo.kishoreganj, "BD-PC-165", "Kishoreganj-4")
    al = es.party_register(country="BD", abbreviation="AL", kind="national", name_en="Awami League",
                           name_bn="আওয়ামী লীগ")  # fmt: skip
    bnp = es.party_register(country="BD", abbreviation="BNP", kind="national",
                            name_en="Bangladesh Nationalist Party", name_bn="বিএনপি")  # fmt: skip
    made = []
    for contest in (own, other):
        for name, party in (("Asha", al), ("Bilal", bnp), ("Chandan", None)):
            n = es.nomination_file(contest=contest, name_en=name, party=party,
                                   on=dt.date(2023, 12, 1))  # fmt: skip
            made.append(es.nomination_scrutinise(nomination=n, accept=True))
    return Count(election, own, other, made[0], made[1], made[2], al, bnp)
