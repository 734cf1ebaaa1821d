"""Elections speed: `python -m bench elections [--ballots N]`.

Times, on one core, the pure ballot order (`ballot_order` + `units_needed`) over N ballots of
383 generated candidates (Bengali, Devanagari and Latin names in the three groups, the largest
ballot allowed with NOTA), and the seed 004 reading and matching against the 543 constituencies
(`parse_lists` + `match_constituencies`). Prints a JSON object with the rates.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import sys
import time
from pathlib import Path

from nirvachan.elections.ballot_order import BallotCandidate, Group, ballot_order, units_needed
from nirvachan.elections.seed_ls2019 import match_constituencies, parse_lists

ROOT = Path(__file__).resolve().parents[1] / "src" / "nirvachan"
_NAMES = (
    "আব্দুল করিম", "রহিমা খাতুন", "ক্ষমা দাস", "য়াসিন আলী", "সৎ রায়", "অমল পাল",
    "राम यादव", "कंकड़ सिंह", "क्षमा देवी", "ज़फ़र खान", "अमित कुमार", "कौशल मिश्रा",
    "Amit Kumar", "Zara Das", "Rahim Uddin", "Lakshmi Devi",
)  # fmt: skip


def _ballot(rng: random.Random) -> list[BallotCandidate]:
    return [
        BallotCandidate(str(i), f"{rng.choice(_NAMES)} {i}", rng.choice(list(Group)))
        for i in range(383)
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench elections")
    parser.add_argument("--ballots", type=int, default=200)
    args = parser.parse_args(argv)
    rng = random.Random(5)
    ballots = [_ballot(rng) for _ in range(args.ballots)]
    started = time.perf_counter()
    for candidates in ballots:
        units_needed(ballot_order(candidates))
    ballot_seconds = time.perf_counter() - started

    text = (ROOT / "elections" / "data" / "004_3d411d863dfc4311.txt").read_text(encoding="utf-8")
    with (ROOT / "core" / "data" / "in-lok-sabha-2019" / "constituencies.csv").open() as handle:
        rows = list(csv.reader(handle))[1:]
    from nirvachan.core.india_states import INDIA_STATES

    pcs = [(f"{st}/{name}", INDIA_STATES[st][0], name.title()) for st, name in rows]
    started = time.perf_counter()
    result = match_constituencies(parse_lists(text), pcs)
    match_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "ballots": args.ballots,
                "candidates_per_ballot": 383,
                "ballots_per_second": round(args.ballots / ballot_seconds, 1),
                "candidates_per_second": round(args.ballots * 383 / ballot_seconds),
                "seed_match_seconds": round(match_seconds, 4),
                "seed_matched": len(result.matched),
                "seed_unmatched": len(result.unmatched),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
