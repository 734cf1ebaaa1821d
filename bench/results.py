"""Results speed: `python -m bench results [--stations N] [--choices K] [--constituencies C]`.

Tallies N polling stations × K choices (default 1,050,000 × 16 = 16.8 million rows) to national
results with the pure module `nirvachan.results.tally`: constituency totals (`block_totals`
over a station-major table of votes), each constituency's outcome (`decide`: winner, NOTA,
forfeited deposits), then party-wise seats and votes (`area_tally`). One process, one core.

The data are generated compactly with the `array` module: one unsigned byte per station and
choice (0–255 votes, random but seeded), 16.8 MB in all; the last choice of each constituency
is NOTA and candidate j of every constituency stands for party P<j>. Generation is not timed.
Prints a JSON object with the figures; the national total is checked against sum(votes).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from array import array

from nirvachan.results.tally import NOTA, area_tally, block_totals, decide


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench results")
    parser.add_argument("--stations", type=int, default=1_050_000)
    parser.add_argument("--choices", type=int, default=16)
    parser.add_argument("--constituencies", type=int, default=543)
    args = parser.parse_args(argv)
    n, k, c = args.stations, args.choices, args.constituencies
    rng = random.Random(2019)
    started = time.perf_counter()
    votes = array("B", rng.randbytes(n * k))
    generate_seconds = time.perf_counter() - started

    keys = [f"C{j}" for j in range(k - 1)] + [NOTA]
    started = time.perf_counter()
    results = []
    party_of: dict[str, str] = {}
    for pc in range(c):
        start, stop = n * pc // c, n * (pc + 1) // c
        sums = block_totals(votes, k, start, stop)
        counts = {key: (sums[j], 0) for j, key in enumerate(keys)}
        names = {key: f"{pc}:{key}" for key in keys if key != NOTA}
        party_of.update({name: f"P{j}" for j, name in enumerate(names.values())})
        results.append(
            decide(str(pc), {names.get(key, key): v for key, v in counts.items()},
                   candidates=list(names.values()))
        )  # fmt: skip
    national = area_tally("national", results, party_of)
    tally_seconds = time.perf_counter() - started

    expected = sum(votes)
    if national.valid_votes != expected:
        print(f"mismatch: {national.valid_votes} != {expected}", file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "stations": n,
                "choices": k,
                "rows": n * k,
                "constituencies": c,
                "generate_seconds": round(generate_seconds, 3),
                "tally_seconds": round(tally_seconds, 3),
                "rows_per_second": round(n * k / tally_seconds),
                "valid_votes": national.valid_votes,
                "nota": national.nota,
                "top_party": [national.parties[0].party, national.parties[0].seats],
                "target_seconds": 5,
                "python": platform.python_version(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
