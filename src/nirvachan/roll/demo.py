"""Demo data of the roll app (idempotent: a second run adds nothing).

About 20,000 electors: 10,000 in Gopalganj district (Bangladesh, NID keys, Bengali names) and
10,000 in Varanasi Cantt. (Uttar Pradesh, EPIC keys, Hindi and Latin names), generated
deterministically from small name lists and loaded through the roll importer."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from pathlib import Path

from nirvachan.core.models import AdminUnit
from nirvachan.roll import importer
from nirvachan.roll.models import Elector

PER_ROLL = 10_000
PER_PART = 1_000

BN_MALE = ["আব্দুল করিম", "রহিম উদ্দিন", "মোহাম্মদ আলী", "শফিকুল ইসলাম", "জাহিদ হাসান", "কামাল হোসেন"]
BN_FEMALE = ["ফাতেমা বেগম", "রোকসানা আক্তার", "নাসরিন সুলতানা", "শাহনাজ পারভীন", "মরিয়ম খাতুন"]
HI_MALE = ["राम कुमार", "श्याम लाल", "मोहन सिंह", "अजय यादव", "Rakesh Sharma", "Vijay Pandey"]
HI_FEMALE = ["सुनीता देवी", "गीता कुमारी", "आशा देवी", "Priya Mishra", "Kavita Singh"]
BD_PLACES = ["কোটালীপাড়া", "গোপালগঞ্জ সদর", "টুঙ্গিপাড়া", "কাশিয়ানী", "মুকসুদপুর"]
IN_PLACES = ["सिगरा", "लंका", "भेलूपुर", "Cantonment", "नदेसर"]


def _rows(country: str, rng: random.Random) -> list[list[str]]:
    male, female = (BN_MALE, BN_FEMALE) if country == "BD" else (HI_MALE, HI_FEMALE)
    places = BD_PLACES if country == "BD" else IN_PLACES
    rows = []
    for i in range(PER_ROLL):
        part = i // PER_PART + 1
        is_female = rng.random() < 0.49
        name = rng.choice(female if is_female else male)
        relation = "H" if is_female and rng.random() < 0.6 else "F"
        dob = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 64))
        key = f"51{i + 1:08d}" if country == "BD" else f"UPV{i + 1:07d}"
        place = places[(part - 1) % len(places)]
        rows.append(
            [
                key,
                name,
                rng.choice(male),
                relation,
                "F" if is_female else "M",
                dob.isoformat(),
                "",
                str(rng.randrange(1, 400)),
                place,
                "Gopalganj" if country == "BD" else "Uttar Pradesh",
                "217" if country == "BD" else "390",
                "গোপালগঞ্জ-৩" if country == "BD" else "वाराणसी कैंट",
                str(part),
                place,
                str(i % PER_PART + 1),
                str(part),
                f"{place} {'সরকারি প্রাথমিক বিদ্যালয়' if country == 'BD' else 'प्राथमिक विद्यालय'}",
            ]
        )
    return rows


def demo_load() -> dict[str, int]:
    created = 0
    rng = random.Random(4)
    for country, unit_name, first in (
        ("BD", "Gopalganj", "5100000001"),
        ("IN", "Uttar Pradesh", "UPV0000001"),
    ):
        if Elector.objects.filter(key=first).exists():
            continue
        if not AdminUnit.objects.filter(name_en=unit_name).exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "roll.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(importer.COLUMNS)
                writer.writerows(_rows(country, rng))
            created += importer.roll_import(path=path, qualifying_date=dt.date(2024, 1, 1)).imported
    return {"electors": created}
