"""A synthetic electoral roll in the import format, with planted duplicates and their truth.

    python -m bench.gen_roll --n 1000000 --dup-rate 0.05 --seed 1 --out roll.csv
        [--truth roll.truth.csv]

Rows are spread over two Bangladesh districts (Gopalganj, Kishoreganj: Bengali names, NID
numbers; a few names written in Latin letters) and Uttar Pradesh (Devanagari names, a third
written in Latin letters, EPIC numbers), about 1,200 electors a part, 250 parts an assembly
constituency. `round(n * dup_rate)` of the n rows are duplicates of earlier entries, written at
the end of their part (a second registration) with a new EPIC/NID and one to three changes:
`typo` (one edit in a name), `translit` (a native-script name written in Latin letters,
in one of its usual spellings, or the reverse), `dob` (birth date shifted by days or a
year), `part` (moved to another part of the same constituency). The truth file lists
`original,duplicate,changes` per planted pair.

Pure Python and deterministic for a seed (no Django); 1,000,000 rows take about 12 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from nirvachan.roll.rules import IMPORT_COLUMNS as COLUMNS

PART_SIZE = 1200
PARTS_PER_AC = 250
AGE_ONLY_RATE = 0.08
LATIN_RATE_BD = 0.05
LATIN_RATE_IN = 0.33

# (Latin, Bengali, Devanagari), with other Latin spellings after a "/".
MALE = [
    ("Abdul/Abdool", "আব্দুল", "अब्दुल"),
    ("Mohammad/Mohammed/Muhammad", "মোহাম্মদ", "मोहम्मद"),
    ("Rahim", "রহিম", "रहीम"),
    ("Karim", "করিম", "करीम"),
    ("Jamal", "জামাল", "जमाल"),
    ("Kamal", "কামাল", "कमाल"),
    ("Rafiq/Rafique", "রফিক", "रफ़ीक"),
    ("Habib", "হাবিব", "हबीब"),
    ("Selim/Salim", "সেলিম", "सलीम"),
    ("Anwar/Anowar", "আনোয়ার", "अनवर"),
    ("Hasan/Hassan", "হাসান", "हसन"),
    ("Mizanur", "মিজানুর", "मिज़ानुर"),
    ("Shafiqul/Shafikul", "শফিকুল", "शफ़ीक़ुल"),
    ("Nurul", "নুরুল", "नुरुल"),
    ("Aminul", "আমিনুল", "अमीनुल"),
    ("Ram", "রাম", "राम"),
    ("Shyam/Shayam", "শ্যাম", "श्याम"),
    ("Mohan", "মোহন", "मोहन"),
    ("Suresh", "সুরেশ", "सुरेश"),
    ("Ramesh", "রমেশ", "रमेश"),
    ("Mahesh", "মহেশ", "महेश"),
    ("Rajesh", "রাজেশ", "राजेश"),
    ("Dinesh", "দীনেশ", "दिनेश"),
    ("Vijay/Bijay", "বিজয়", "विजय"),
    ("Anil", "অনিল", "अनिल"),
    ("Sunil", "সুনীল", "सुनील"),
    ("Gopal", "গোপাল", "गोपाल"),
    ("Krishna/Krishn", "কৃষ্ণ", "कृष्ण"),
    ("Prakash", "প্রকাশ", "प्रकाश"),
    ("Ashok/Asok", "অশোক", "अशोक"),
    ("Santosh", "সন্তোষ", "संतोष"),
    ("Manoj", "মনোজ", "मनोज"),
    ("Pradip/Pradeep", "প্রদীপ", "प्रदीप"),
    ("Tapan", "তপন", "तपन"),
    ("Nirmal", "নির্মল", "निर्मल"),
    ("Subhash/Subhas", "সুভাষ", "सुभाष"),
    ("Arun", "অরুণ", "अरुण"),
    ("Bimal", "বিমল", "बिमल"),
    ("Harun", "হারুন", "हारून"),
    ("Jalal", "জালাল", "जलाल"),
]
FEMALE = [
    ("Fatema/Fatima", "ফাতেমা", "फ़ातिमा"),
    ("Ayesha/Aysha", "আয়েশা", "आयशा"),
    ("Hasina", "হাসিনা", "हसीना"),
    ("Rahima", "রহিমা", "रहीमा"),
    ("Nasrin", "নাসরিন", "नसरीन"),
    ("Shirin", "শিরিন", "शीरीन"),
    ("Rina/Reena", "রিনা", "रीना"),
    ("Mina/Meena", "মিনা", "मीना"),
    ("Salma", "সালমা", "सलमा"),
    ("Rokeya/Rokeia", "রোকেয়া", "रोकेया"),
    ("Jahanara", "জাহানারা", "जहाँआरा"),
    ("Nazma/Najma", "নাজমা", "नजमा"),
    ("Sufia/Sufiya", "সুফিয়া", "सूफ़िया"),
    ("Momena", "মোমেনা", "मोमेना"),
    ("Sunita", "সুনীতা", "सुनीता"),
    ("Anita", "অনিতা", "अनीता"),
    ("Geeta/Gita", "গীতা", "गीता"),
    ("Sita/Seeta", "সীতা", "सीता"),
    ("Radha", "রাধা", "राधा"),
    ("Lakshmi/Laxmi", "লক্ষ্মী", "लक्ष्मी"),
    ("Savitri", "সাবিত্রী", "सावित्री"),
    ("Kamala", "কমলা", "कमला"),
    ("Usha", "ঊষা", "उषा"),
    ("Asha", "আশা", "आशा"),
    ("Pushpa", "পুষ্পা", "पुष्पा"),
    ("Priya", "প্রিয়া", "प्रिया"),
    ("Puja/Pooja", "পূজা", "पूजा"),
    ("Rekha", "রেখা", "रेखा"),
    ("Shanti/Santi", "শান্তি", "शांति"),
    ("Manju", "মঞ্জু", "मंजू"),
]
SURNAME = [
    ("Uddin/Udin", "উদ্দিন", "उद्दीन"),
    ("Hossain/Hussain/Hosen", "হোসেন", "हुसैन"),
    ("Rahman", "রহমান", "रहमान"),
    ("Islam", "ইসলাম", "इस्लाम"),
    ("Ali", "আলী", "अली"),
    ("Mia/Miah", "মিয়া", "मियाँ"),
    ("Sheikh/Shaikh", "শেখ", "शेख़"),
    ("Molla/Mollah", "মোল্লা", "मुल्ला"),
    ("Sarkar/Sircar", "সরকার", "सरकार"),
    ("Biswas", "বিশ্বাস", "बिस्वास"),
    ("Das", "দাস", "दास"),
    ("Mondal/Mandal", "মন্ডল", "मंडल"),
    ("Roy/Ray", "রায়", "राय"),
    ("Ghosh", "ঘোষ", "घोष"),
    ("Saha", "সাহা", "साहा"),
    ("Kumar", "কুমার", "कुमार"),
    ("Yadav", "যাদব", "यादव"),
    ("Sharma", "শর্মা", "शर्मा"),
    ("Verma", "বর্মা", "वर्मा"),
    ("Singh", "সিং", "सिंह"),
    ("Gupta", "গুপ্ত", "गुप्ता"),
    ("Mishra", "মিশ্র", "मिश्रा"),
    ("Tiwari/Tewari", "তিওয়ারি", "तिवारी"),
    ("Pandey/Pande", "পান্ডে", "पांडेय"),
    ("Chauhan", "চৌহান", "चौहान"),
    ("Prasad", "প্রসাদ", "प्रसाद"),
    ("Lal", "লাল", "लाल"),
    ("Nath", "নাথ", "नाथ"),
]
FEMALE_SURNAME = [
    ("Begum", "বেগম", "बेगम"),
    ("Khatun", "খাতুন", "ख़ातून"),
    ("Akter/Akhter", "আক্তার", "अख़्तर"),
    ("Devi", "দেবী", "देवी"),
    ("Rani", "রানী", "रानी"),
    ("Kumari", "কুমারী", "कुमारी"),
]
VILLAGES = [
    ("Kotalipara", "কোটালীপাড়া", "कोटालीपाड़ा"),
    ("Ghagar", "ঘাঘর", "घाघर"),
    ("Ramshil", "রামশীল", "रामशील"),
    ("Kushla", "কুশলা", "कुशला"),
    ("Bhairab", "ভৈরব", "भैरव"),
    ("Kuliarchar", "কুলিয়ারচর", "कुलियारचर"),
    ("Sigra", "শিগরা", "सिगरा"),
    ("Lanka", "লঙ্কা", "लंका"),
    ("Sarnath", "সারনাথ", "सारनाथ"),
    ("Chetganj", "চেতগঞ্জ", "चेतगंज"),
    ("Lahurabir", "লাহুরাবীর", "लहुराबीर"),
    ("Pandeypur", "পান্ডেপুর", "पांडेयपुर"),
]
# Region: (state as written in the file, script index 1 = Bengali / 2 = Devanagari,
# share of rows, first AC number, AC name stem, key kind).
REGIONS = [
    ("Gopalganj", 1, 0.25, 215, "গোপালগঞ্জ", "nid"),
    ("Kishoreganj", 1, 0.15, 162, "কিশোরগঞ্জ", "nid"),
    ("Uttar Pradesh", 2, 0.60, 380, "वाराणसी", "epic"),
]
_BN_SIGNS = {"ি": "ী", "ী": "ি", "ু": "ূ", "ূ": "ু", "ো": "", "া": ""}
_HI_SIGNS = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "ो": "", "ा": ""}


@dataclass(slots=True)
class Person:
    row: list[str]
    name: tuple[tuple[str, str, str], ...]
    relative: tuple[tuple[str, str, str], ...]
    script: int  # 0 Latin, 1 Bengali, 2 Devanagari
    region: int
    ac_no: int
    part_no: int


def _latin(token: tuple[str, str, str], variant: int = 0) -> str:
    spellings = token[0].split("/")
    return spellings[variant % len(spellings)]


def render(tokens: tuple[tuple[str, str, str], ...], script: int, variant: int = 0) -> str:
    if script == 0:
        return " ".join(_latin(t, variant) for t in tokens)
    return " ".join(t[script] for t in tokens)


def typo(text: str, rng: random.Random) -> str:
    """One plausible slip: a vowel sign swapped or dropped, or a Latin letter edited."""
    if text.isascii():
        words = text.split(" ")
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) < 4:
            return text + ("a" if rng.random() < 0.5 else "h")
        j = rng.randrange(1, len(w) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            w = w[:j] + w[j + 1 :]
        elif kind == 1:
            w = w[:j] + w[j] + w[j:]
        else:
            w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
        words[i] = w
        return " ".join(words)
    signs = _BN_SIGNS if any("\u0980" <= c <= "\u09ff" for c in text) else _HI_SIGNS
    spots = [i for i, c in enumerate(text) if c in signs]
    if not spots:
        return text + ("া" if signs is _BN_SIGNS else "ा")
    i = rng.choice(spots)
    return text[:i] + signs[text[i]] + text[i + 1 :]


class Generator:
    def __init__(self, n: int, dup_rate: float, seed: int) -> None:
        if not 0 <= dup_rate < 0.5:
            raise ValueError("dup-rate must be in [0, 0.5)")
        self.rng = random.Random(seed)
        self.n = n
        self.dups = round(n * dup_rate)
        self.originals = n - self.dups
        self.serials: dict[tuple[int, int, int], int] = {}
        self.key_seq: dict[tuple[int, int], int] = {}
        self.parts_of_ac: dict[tuple[int, int], set[int]] = {}
        self.part_lists: dict[tuple[int, int], list[int]] = {}
        self.ref_year = 2026

    def _key(self, region: int, ac_no: int) -> str:
        seq = self.key_seq.get((region, ac_no), 0) + 1
        self.key_seq[(region, ac_no)] = seq
        if REGIONS[region][5] == "nid":
            # 10-digit NID: region digit, AC number, serial within the AC.
            return f"{region + 1}{ac_no % 1000:03d}{seq:06d}"
        code = ac_no % 676
        prefix = "U" + chr(65 + code // 26) + chr(65 + code % 26)
        return f"{prefix}{seq:07d}"

    def _slot(self, region: int, ac_no: int, part_no: int) -> int:
        key = (region, ac_no, part_no)
        serial = self.serials.get(key, 0) + 1
        self.serials[key] = serial
        return serial

    def _place_row(self, row: list[str], region: int, ac_no: int, part_no: int) -> None:
        state, script, _share, _first, ac_stem, _kind = REGIONS[region]
        village = VILLAGES[(ac_no * 7 + part_no) % len(VILLAGES)]
        row[9] = state
        row[10] = str(ac_no)
        row[11] = f"{ac_stem}-{ac_no}"
        row[12] = str(part_no)
        row[13] = village[script]
        row[14] = str(self._slot(region, ac_no, part_no))
        row[15] = str(part_no)
        row[16] = f"{village[0]} Primary School"

    def person(self, region: int, ac_no: int, part_no: int) -> Person:
        rng = self.rng
        native = REGIONS[region][1]
        latin_rate = LATIN_RATE_BD if native == 1 else LATIN_RATE_IN
        script = 0 if rng.random() < latin_rate else native
        female = rng.random() < 0.49
        surname = rng.choice(SURNAME)
        father = (rng.choice(MALE), surname)
        if female:
            last = rng.choice(FEMALE_SURNAME) if rng.random() < 0.5 else surname
            name: tuple[tuple[str, str, str], ...] = (rng.choice(FEMALE), last)
        elif rng.random() < 0.3:
            name = (rng.choice(MALE), rng.choice(MALE), surname)
        else:
            name = (rng.choice(MALE), surname)
        age = 18 + int(rng.random() ** 1.6 * 70) + 1
        year = self.ref_year - age
        dob = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        relation = "F"
        relative = father
        if female and age > 24 and rng.random() < 0.7:
            relation = "H"
            relative = (rng.choice(MALE), rng.choice(SURNAME))
        elif rng.random() < 0.05:
            relation = "M"
            relative = (rng.choice(FEMALE), rng.choice(FEMALE_SURNAME))
        village = VILLAGES[(ac_no * 7 + part_no) % len(VILLAGES)]
        age_only = rng.random() < AGE_ONLY_RATE
        row = [
            self._key(region, ac_no),
            render(name, script),
            render(relative, script),
            relation,
            "F" if female else ("T" if rng.random() < 0.001 else "M"),
            "" if age_only else dob.isoformat(),
            str(age) if age_only else "",
            str(rng.randrange(1, 400)),
            f"{village[native]} {rng.randrange(1, 12)}",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
        self._place_row(row, region, ac_no, part_no)
        self.parts_of_ac.setdefault((region, ac_no), set()).add(part_no)
        return Person(row, name, relative, script, region, ac_no, part_no)

    def duplicate(self, p: Person) -> tuple[list[str], str]:
        rng = self.rng
        row = list(p.row)
        changes = set()
        for _ in range(1 + (rng.random() < 0.5) + (rng.random() < 0.2)):
            changes.add(rng.choice(("typo", "translit", "dob", "part")))
        native = REGIONS[p.region][1]
        if "translit" in changes:
            if p.script == 0:
                row[1] = render(p.name, native)
                row[2] = render(p.relative, native)
            else:
                row[1] = render(p.name, 0, rng.randrange(3))
                row[2] = render(p.relative, 0, rng.randrange(3))
        if "typo" in changes:
            if rng.random() < 0.8:
                row[1] = typo(row[1], rng)
            else:
                row[2] = typo(row[2], rng)
        if "dob" in changes:
            if row[5]:
                dob = dt.date.fromisoformat(row[5])
                if rng.random() < 0.5:
                    dob += dt.timedelta(days=rng.choice((-1, 1)) * rng.randrange(1, 60))
                else:
                    dob = dob.replace(year=dob.year + rng.choice((-1, 1)), day=min(dob.day, 28))
                row[5] = dob.isoformat()
            else:
                row[6] = str(int(row[6]) + rng.choice((-1, 1)))
        part_no = p.part_no
        if "part" in changes:
            parts = self.part_lists[(p.region, p.ac_no)]
            others = [q for q in (parts[0], parts[-1], p.part_no - 1, p.part_no + 1) if q > 0]
            part_no = rng.choice([q for q in others if q != p.part_no] or [p.part_no + 1])
        row[0] = self._key(p.region, p.ac_no)
        if rng.random() < 0.3:
            row[7] = str(rng.randrange(1, 400))
        self._place_row(row, p.region, p.ac_no, part_no)
        return row, "+".join(sorted(changes))

    def run(self, out: Path, truth: Path) -> dict[str, int]:
        rng = self.rng
        chosen = sorted(rng.sample(range(self.originals), self.dups)) if self.dups else []
        wanted = iter(chosen)
        next_dup = next(wanted, -1)
        kept: list[Person] = []
        counts = [round(self.originals * r[2]) for r in REGIONS]
        counts[-1] = self.originals - sum(counts[:-1])
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            i = 0
            for region, count in enumerate(counts):
                first_ac = REGIONS[region][3]
                for j in range(count):
                    part_index = j // PART_SIZE
                    ac_no = first_ac + part_index // PARTS_PER_AC
                    part_no = part_index % PARTS_PER_AC + 1
                    p = self.person(region, ac_no, part_no)
                    writer.writerow(p.row)
                    if i == next_dup:
                        kept.append(p)
                        next_dup = next(wanted, -1)
                    i += 1
            self.part_lists = {k: sorted(v) for k, v in self.parts_of_ac.items()}
            rng.shuffle(kept)
            with truth.open("w", encoding="utf-8", newline="") as th:
                tw = csv.writer(th)
                tw.writerow(["original", "duplicate", "changes"])
                for p in kept:
                    row, changes = self.duplicate(p)
                    writer.writerow(row)
                    tw.writerow([p.row[0], row[0], changes])
        return {"rows": self.originals + len(kept), "duplicates": len(kept)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gen_roll")
    parser.add_argument("--n", type=int, required=True, help="rows to write")
    parser.add_argument("--dup-rate", type=float, default=0.05, help="share of duplicates")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="roll CSV")
    parser.add_argument("--truth", help="pairs CSV (default <out>.truth.csv)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    truth = Path(args.truth) if args.truth else out.with_suffix(".truth.csv")
    started = time.perf_counter()
    counts = Generator(args.n, args.dup_rate, args.seed).run(out, truth)
    seconds = round(time.perf_counter() - started, 2)
    print(json.dumps({**counts, "out": str(out), "truth": str(truth), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
