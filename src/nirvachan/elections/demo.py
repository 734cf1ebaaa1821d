"""Demo data of the elections app (idempotent: a second run adds nothing).

* ls2019: the 2019 Lok Sabha schedule from seed 004 (seed_import), the recognised parties
  with their reserved symbols, and the candidates of a handful of constituencies in Uttar
  Pradesh (Varanasi, Amethi, Lucknow, Gorakhpur; main candidates only, not the full lists).
* zp2022-gop: a Zila Parishad election in Gopalganj (demo): chairman, a general member per
  ward (one ward per upazila here), two reserved women's seats, an electoral college of the
  district's union parishad, upazila parishad and pourashava representatives (generated demo
  names), and candidates on free symbols.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path

from django.db import transaction

from nirvachan.core.models import AdminUnit, Country
from nirvachan.elections import services
from nirvachan.elections.models import Contest, Election, Nomination, Party, Symbol
from nirvachan.elections.seed_import import ls2019_import

DATA = Path(__file__).resolve().parent / "data"

PARTIES = (
    # abbreviation, kind, en, hi, bn, symbol code, symbol en, symbol hi, symbol bn
    ("BJP", "national", "Bharatiya Janata Party", "भारतीय जनता पार्टी", "ভারতীয় জনতা পার্টি",
     "lotus", "Lotus", "कमल", "পদ্ম"),
    ("INC", "national", "Indian National Congress", "भारतीय राष्ट्रीय कांग्रेस",
     "ভারতীয় জাতীয় কংগ্রেস", "hand", "Hand", "हाथ", "হাত"),
    ("BSP", "national", "Bahujan Samaj Party", "बहुजन समाज पार्टी", "বহুজন সমাজ পার্টি",
     "elephant", "Elephant", "हाथी", "হাতি"),
    ("SP", "state", "Samajwadi Party", "समाजवादी पार्टी", "সমাজবাদী পার্টি",
     "bicycle", "Bicycle", "साइकिल", "সাইকেল"),
)  # fmt: skip
CANDIDATES = {
    "IN-UP-PC-VARANASI": (
        ("BJP", "Narendra Modi", "नरेंद्र मोदी"),
        ("SP", "Shalini Yadav", "शालिनी यादव"),
        ("INC", "Ajay Rai", "अजय राय"),
    ),
    "IN-UP-PC-AMETHI": (
        ("BJP", "Smriti Irani", "स्मृति ईरानी"),
        ("INC", "Rahul Gandhi", "राहुल गांधी"),
    ),
    "IN-UP-PC-LUCKNOW": (
        ("BJP", "Rajnath Singh", "राजनाथ सिंह"),
        ("SP", "Poonam Sinha", "पूनम सिन्हा"),
        ("INC", "Acharya Pramod Krishnam", "आचार्य प्रमोद कृष्णम"),
    ),
    "IN-UP-PC-GORAKHPUR": (
        ("BJP", "Ravi Kishan", "रवि किशन"),
        ("SP", "Rambhual Nishad", "रामभुआल निषाद"),
        ("INC", "Madhusudan Tripathi", "मधुसूदन त्रिपाठी"),
    ),
}
FREE_SYMBOLS_BD = (
    ("pineapple", "Pineapple", "আনারস"),
    ("motorcycle", "Motorcycle", "মোটর সাইকেল"),
    ("spectacles", "Spectacles", "চশমা"),
    ("tubewell", "Tube well", "টিউবওয়েল"),
    ("lock", "Lock", "তালা"),
    ("book", "Book", "বই"),
)
# Generated demo names (not real people).
GIVEN = ("আবদুল", "রফিক", "জাহানারা", "সেলিনা", "কামরুল", "নাসরিন", "মিজানুর", "শাহানা",
         "তোফাজ্জল", "রওশন", "হাবিবুর", "ফেরদৌসী", "মোস্তফা", "রাবেয়া", "সাইফুল", "লতিফা")  # fmt: skip
FAMILY = ("হোসেন", "রহমান", "খাতুন", "আলম", "বেগম", "ইসলাম", "মোল্লা", "শেখ", "সরদার",
          "বিশ্বাস", "আক্তার", "মিয়া")  # fmt: skip
GOPALGANJ = "BD-DIS-51"


def _names() -> itertools.cycle[str]:
    return itertools.cycle(f"{g} {f}" for f in FAMILY for g in GIVEN)


def _ls2019() -> int:
    report = ls2019_import()
    election = Election.objects.get(code="ls2019")
    up = AdminUnit.objects.get(code="IN-UP")
    parties = {p.abbreviation: p for p in Party.objects.filter(country=Country.INDIA)}
    created = report.contests_created
    for abbr, kind, en, hi, bn, sym, sym_en, sym_hi, sym_bn in PARTIES:
        if abbr in parties:
            continue
        party = services.party_register(
            country=Country.INDIA, abbreviation=abbr, kind=kind, name_en=en, name_hi=hi,
            name_bn=bn, recognised_in=[up] if kind == "state" else [],
        )  # fmt: skip
        services.symbol_register(
            country=Country.INDIA, code=sym, name_en=sym_en, name_hi=sym_hi, name_bn=sym_bn,
            party=party,
        )  # fmt: skip
        parties[abbr] = party
        created += 1
    for code, candidates in CANDIDATES.items():
        contest = Contest.objects.filter(election=election, code=code).first()
        if contest is None or contest.nominations.exists():
            continue
        for abbr, en, hi in candidates:
            nomination = services.nomination_file(
                contest=contest, name_en=en, name_hi=hi, party=parties[abbr],
                on=contest.phase.poll_date - dt.timedelta(days=30),
            )  # fmt: skip
            services.nomination_scrutinise(nomination=nomination, accept=True)
            created += 1
        services.contest_final_list_publish(contest=contest)
    return created


def _zila_parishad() -> int:
    if Election.objects.filter(code="zp2022-gop").exists():
        return 0
    district = AdminUnit.objects.get(code=GOPALGANJ)
    upazilas = list(district.children.order_by("code"))
    symbols = []
    for code, en, bn in FREE_SYMBOLS_BD:
        symbol = Symbol.objects.filter(country=Country.BANGLADESH, code=code).first()
        symbols.append(
            symbol
            or services.symbol_register(
                country=Country.BANGLADESH, code=code, name_en=en, name_bn=bn
            )
        )
    election = services.election_create(
        code="zp2022-gop", kind=Election.Kind.LOCAL, country=Country.BANGLADESH,
        name_en="Zila Parishad election 2022, Gopalganj (demo)",
        name_bn="জেলা পরিষদ নির্বাচন ২০২২, গোপালগঞ্জ (নমুনা)",
        name_hi="ज़िला परिषद चुनाव 2022, गोपालगंज (नमूना)",
        polls_open=dt.time(8), polls_close=dt.time(16), uses_paper_ballot=True,
        status=Election.Status.ANNOUNCED,
    )  # fmt: skip
    phase = services.phase_schedule(
        election=election, number=1, notification_date=dt.date(2022, 8, 25),
        nomination_last_date=dt.date(2022, 9, 15), scrutiny_date=dt.date(2022, 9, 18),
        withdrawal_last_date=dt.date(2022, 9, 25), poll_date=dt.date(2022, 10, 17),
        counting_date=dt.date(2022, 10, 17),
    )  # fmt: skip
    contests = [
        services.contest_create(
            election=election, phase=phase, code="CHAIRMAN", name_en="Chairman",
            name_bn="চেয়ারম্যান", name_hi="अध्यक्ष", unit=district, electorate_units=[district],
        )
    ]  # fmt: skip
    for ward, upazila in enumerate(upazilas, start=1):
        contests.append(
            services.contest_create(
                election=election, phase=phase, code=f"GM-{ward}",
                name_en=f"General member, ward {ward} ({upazila.name_en})",
                name_bn=f"সাধারণ সদস্য, ওয়ার্ড {ward} ({upazila.name_bn})",
                name_hi=f"सामान्य सदस्य, वार्ड {ward} ({upazila.name_en})",
                unit=upazila, electorate_units=[upazila],
            )
        )  # fmt: skip
    for ward, group in enumerate((upazilas[:2], upazilas[2:]), start=1):
        contests.append(
            services.contest_create(
                election=election, phase=phase, code=f"RW-{ward}",
                name_en=f"Reserved women member, ward {ward}",
                name_bn=f"সংরক্ষিত মহিলা সদস্য, ওয়ার্ড {ward}",
                name_hi=f"आरक्षित महिला सदस्य, वार्ड {ward}",
                reservation=Contest.Reservation.WOMEN, unit=district, electorate_units=group,
            )
        )  # fmt: skip
    names = _names()
    by_id = {u.code.rsplit("-", 1)[-1]: u for u in upazilas}
    members: list[dict[str, object]] = []
    for upazila in upazilas:
        for designation in ("চেয়ারম্যান", "ভাইস চেয়ারম্যান", "মহিলা ভাইস চেয়ারম্যান"):
            members.append(
                {"name_bn": next(names), "body": "upazila_parishad",
                 "designation": designation, "unit": upazila}
            )  # fmt: skip
        members.append(
            {"name_bn": next(names), "body": "pourashava", "designation": "মেয়র", "unit": upazila}
        )
    with (DATA / "gopalganj_unions.csv").open(encoding="utf-8", newline="") as handle:
        for _id, upazila_id, _en, union_bn, _url in csv.reader(handle):
            for designation in ("চেয়ারম্যান", *(["সংরক্ষিত মহিলা সদস্য"] * 3)):
                members.append(
                    {"name_bn": next(names), "body": "union_parishad",
                     "designation": f"{designation}, {union_bn} ইউনিয়ন পরিষদ",
                     "unit": by_id[upazila_id]}
                )  # fmt: skip
    added = services.college_members_add(election=election, members=members)
    candidate_names = _names()
    for _ in range(7):
        next(candidate_names)
    for contest in contests:
        count = 3 if contest.code == "CHAIRMAN" else 2
        for symbol in symbols[:count]:
            nomination = services.nomination_file(
                contest=contest, name_bn=next(candidate_names), symbol=symbol,
                on=dt.date(2022, 9, 12),
            )  # fmt: skip
            services.nomination_scrutinise(nomination=nomination, accept=True)
    return added + len(contests) + Nomination.objects.filter(contest__election=election).count()


def demo_load() -> dict[str, int]:
    with transaction.atomic():
        return {"ls2019": _ls2019(), "zila_parishad": _zila_parishad()}
