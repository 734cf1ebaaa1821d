"""nirvachan.locale speed: `python -m bench locale [--names N] [--numbers N] [--dates N]`.

Times, on one core, ``name_key`` over N distinct generated names (Bengali, Devanagari and
Latin, 2-4 words, with honorifics), ``to_words`` over N numbers in the three languages and
both styles, and ``bangla_date`` over N consecutive days under the official rules. Prints
a JSON object with the rates. Targets (issue 3): name_key >= 100,000 names/s, to_words
>= 100,000 numbers/s, bangla_date >= 300,000 dates/s.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from nirvachan.locale import bangla_date, name_key, to_words

_BN_GIVEN = (
    "আব্দুল", "মুজিবুর", "রহিমা", "করিম", "সুমন", "নাসরিন", "রফিকুল", "শাহানা", "কামাল",
    "জাহানারা", "হাবিবুর", "ফাতেমা", "আনোয়ার", "মাহমুদা", "শফিকুল", "তাসলিমা", "জসিম",
    "রাশেদা", "মিজানুর", "সালমা", "উৎপল", "প্রিয়াঙ্কা", "বিজয়", "অমিত", "দীপক",
)  # fmt: skip
_BN_FAMILY = (
    "রহমান", "ইসলাম", "হোসেন", "খাতুন", "বেগম", "আহমেদ", "চৌধুরী", "সরকার", "মিয়া",
    "উদ্দিন", "আক্তার", "দাস", "রায়", "পাল", "বিশ্বাস", "মণ্ডল", "শেখ", "তালুকদার",
)  # fmt: skip
_BN_HON = ("", "", "", "মোঃ ", "মোছাঃ ", "ডাঃ ", "শ্রী ", "মো: ")
_HI_GIVEN = (
    "राम", "सुनीता", "अमित", "प्रियंका", "राजेश", "पूजा", "विजय", "अनीता", "मुकेश",
    "सीमा", "दीपक", "कविता", "संजय", "ममता", "अजय", "रेखा", "मुजीबुर", "लक्ष्मी",
)  # fmt: skip
_HI_FAMILY = (
    "यादव", "सिंह", "कुमार", "शर्मा", "वर्मा", "गुप्ता", "देवी", "मिश्रा", "पांडेय", "रहमान",
    "खान", "प्रसाद", "चौधरी", "तिवारी", "मौर्य", "पासवान",
)  # fmt: skip
_HI_HON = ("", "", "", "श्री ", "श्रीमती ", "डॉ. ")
_EN_GIVEN = (
    "Abdul", "Mujibur", "Rahima", "Karim", "Suman", "Nasrin", "Rafiqul", "Shahana", "Kamal",
    "Jahanara", "Habibur", "Fatema", "Anwar", "Ram", "Sunita", "Amit", "Priyanka", "Rajesh",
    "Pooja", "Vijay", "Anita", "Utpal", "Dipak", "Lakshmi",
)  # fmt: skip
_EN_FAMILY = (
    "Rahman", "Islam", "Hossain", "Khatun", "Begum", "Ahmed", "Chowdhury", "Sarkar", "Mia",
    "Uddin", "Akter", "Das", "Roy", "Yadav", "Singh", "Kumar", "Sharma", "Gupta", "Devi",
)  # fmt: skip
_EN_HON = ("", "", "", "Md. ", "Mst. ", "Dr. ", "Sri ", "Mohammad ", "Smt. ")
_SCRIPTS = (
    (_BN_HON, _BN_GIVEN, _BN_FAMILY),
    (_HI_HON, _HI_GIVEN, _HI_FAMILY),
    (_EN_HON, _EN_GIVEN, _EN_FAMILY),
)


def make_names(n: int, seed: int = 3) -> list[str]:
    """``n`` distinct realistic names (2-4 words) mixing Bengali, Devanagari and Latin."""
    rng = random.Random(seed)
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < n:
        hon, given, family = _SCRIPTS[len(names) % 3]
        words = [rng.choice(given)]
        if rng.random() < 0.5:
            words.append(rng.choice(given))
        words.append(rng.choice(family))
        if rng.random() < 0.3:
            words.append(rng.choice(family))
        name = rng.choice(hon) + " ".join(words)
        if name in seen:
            # vary with a place-style suffix so the list stays distinct and realistic
            name = f"{name} {rng.choice(family)}{rng.choice(given)}"
            if name in seen:
                continue
        seen.add(name)
        names.append(name)
    return names


def _rate(func: Callable[[Any], object], items: Sequence[Any]) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        for item in items:
            func(item)
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    return len(items) / elapsed


def run(names: int = 200_000, numbers: int = 200_000, dates: int = 400_000) -> dict[str, Any]:
    """Measure and return the figures (best of three passes each)."""
    name_list = make_names(names)
    rng = random.Random(5)
    langs = ("bn", "hi", "en")
    styles = ("official", "colloquial")
    number_jobs = [
        (rng.randrange(10 ** rng.randint(1, 15)), langs[i % 3], styles[(i // 3) % 2])
        for i in range(numbers)
    ]
    start = date(1900, 1, 1)
    day_list = [start + timedelta(days=i % 73_000) for i in range(dates)]

    def words(job: tuple[int, str, str]) -> object:
        return to_words(job[0], job[1], style=job[2])  # type: ignore[arg-type]

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "name_key_distinct": len(set(name_list)),
        "name_key_per_s": round(max(_rate(name_key, name_list) for _ in range(3))),
        "to_words_per_s": round(max(_rate(words, number_jobs) for _ in range(3))),
        "bangla_date_per_s": round(max(_rate(bangla_date, day_list) for _ in range(3))),
        "targets": {"name_key_per_s": 100_000, "to_words_per_s": 100_000,
                    "bangla_date_per_s": 300_000},
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench locale", description=__doc__)
    parser.add_argument("--names", type=int, default=200_000)
    parser.add_argument("--numbers", type=int, default=200_000)
    parser.add_argument("--dates", type=int, default=400_000)
    args = parser.parse_args(argv)
    figures = run(args.names, args.numbers, args.dates)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
