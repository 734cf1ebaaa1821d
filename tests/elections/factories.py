"""Factories of the elections tests: a Lok Sabha-like election in UP and a Zila Parishad
election in Gopalganj on top of tests.factories.make_geo()."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.elections import services
from nirvachan.elections.models import CollegeMember, Contest, Election, Party, Phase, Symbol
from tests.factories import Geo

D = dt.date


def constituency(unit: AdminUnit, code: str, name_en: str, name_hi: str = "") -> Constituency:
    return Constituency.objects.create(
        code=code, kind="pc", country=unit.country, unit=unit, name_en=name_en, name_hi=name_hi
    )


@dataclass
class LokSabha:
    election: Election
    phase: Phase
    varanasi: Constituency
    contest: Contest
    bjp: Party
    inc: Party
    sp: Party
    rup: Party
    lotus: Symbol
    hand: Symbol
    bicycle: Symbol
    kite: Symbol
    bat: Symbol


def lok_sabha(geo: Geo) -> LokSabha:
    election = services.election_create(
        code="ls2019",
        kind="general",
        country="IN",
        name_en="Lok Sabha 2019",
        name_hi="लोकसभा 2019",
        polls_open=dt.time(7),
        polls_close=dt.time(18),
    )
    phase = services.phase_schedule(
        election=election,
        number=7,
        notification_date=D(2019, 4, 22),
        nomination_last_date=D(2019, 4, 29),
        scrutiny_date=D(2019, 4, 30),
        withdrawal_last_date=D(2019, 5, 2),
        poll_date=D(2019, 5, 19),
        counting_date=D(2019, 5, 23),
    )
    varanasi = constituency(geo.up, "IN-UP-PC-VARANASI", "Varanasi", "वाराणसी")
    contest = services.contest_create(
        election=election, phase=phase, code=varanasi.code, name_en="",
        constituency=varanasi,
    )  # fmt: skip
    bjp = services.party_register(
        country="IN", abbreviation="BJP", kind="national", name_en="Bharatiya Janata Party",
        name_hi="भारतीय जनता पार्टी",
    )  # fmt: skip
    inc = services.party_register(
        country="IN", abbreviation="INC", kind="national", name_en="Indian National Congress",
        name_hi="भारतीय राष्ट्रीय कांग्रेस",
    )  # fmt: skip
    sp = services.party_register(
        country="IN", abbreviation="SP", kind="state", name_en="Samajwadi Party",
        name_hi="समाजवादी पार्टी", recognised_in=[geo.up],
    )  # fmt: skip
    rup = services.party_register(
        country="IN", abbreviation="RUP", kind="registered", name_en="Registered Party",
        name_hi="पंजीकृत दल",
    )  # fmt: skip
    lotus = services.symbol_register(
        country="IN", code="lotus", name_en="Lotus", name_hi="कमल", party=bjp
    )
    hand = services.symbol_register(
        country="IN", code="hand", name_en="Hand", name_hi="हाथ", party=inc
    )
    bicycle = services.symbol_register(
        country="IN", code="bicycle", name_en="Bicycle", name_hi="साइकिल", party=sp
    )
    kite = services.symbol_register(country="IN", code="kite", name_en="Kite", name_hi="पतंग")
    bat = services.symbol_register(country="IN", code="bat", name_en="Bat", name_hi="बल्ला")
    return LokSabha(election, phase, varanasi, contest, bjp, inc, sp, rup, lotus, hand, bicycle,
                    kite, bat)  # fmt: skip


@dataclass
class ZilaParishad:
    election: Election
    phase: Phase
    chairman: Contest
    ward_kotalipara: Contest
    women_1: Contest
    other_district: Contest
    members: list[CollegeMember]


def zila_parishad(geo: Geo) -> ZilaParishad:
    election = services.election_create(
        code="zp2022-gop",
        kind="local",
        country="BD",
        name_en="Zila Parishad election 2022, Gopalganj",
        name_bn="জেলা পরিষদ নির্বাচন ২০২২, গোপালগঞ্জ",
        polls_open=dt.time(9),
        polls_close=dt.time(14),
        deposit_general=Decimal(100000),
        deposit_reserved=Decimal(20000),
        uses_paper_ballot=True,
    )
    phase = services.phase_schedule(election=election, number=1, poll_date=D(2022, 10, 17))
    chairman = services.contest_create(
        election=election, phase=phase, code="CHAIRMAN", name_en="Chairman", name_bn="চেয়ারম্যান",
        unit=geo.gopalganj, electorate_units=[geo.gopalganj],
    )  # fmt: skip
    ward = services.contest_create(
        election=election, phase=phase, code="GM-1", name_en="General member, ward 1",
        name_bn="সাধারণ সদস্য, ওয়ার্ড ১", unit=geo.kotalipara, electorate_units=[geo.kotalipara],
    )  # fmt: skip
    women = services.contest_create(
        election=election, phase=phase, code="RW-1", name_en="Reserved women member, ward 1",
        name_bn="সংরক্ষিত মহিলা সদস্য, ওয়ার্ড ১", reservation="women", unit=geo.gopalganj,
        electorate_units=[geo.kotalipara, geo.gopalganj_sadar],
    )  # fmt: skip
    other = services.contest_create(
        election=election, phase=phase, code="KIS-GM-1", name_en="Kuliarchar ward",
        unit=geo.kuliarchar, electorate_units=[geo.kuliarchar],
    )  # fmt: skip
    services.college_members_add(
        election=election,
        members=[
            {"name_bn": "আবদুল করিম", "name_en": "Abdul Karim", "body": "union_parishad",
             "designation": "Chairman", "unit": geo.kotalipara},
            {"name_bn": "রহিমা খাতুন", "name_en": "Rahima Khatun", "body": "upazila_parishad",
             "designation": "Vice chairman", "unit": geo.gopalganj_sadar},
            {"name_bn": "জসিম উদ্দিন", "name_en": "Jasim Uddin", "body": "union_parishad",
             "designation": "Member", "unit": geo.kuliarchar},
        ],
    )  # fmt: skip
    members = list(CollegeMember.objects.filter(election=election).order_by("serial"))
    return ZilaParishad(election, phase, chairman, ward, women, other, members)
