"""The public, reproducible VVPAT sample draw (pure Python, no Django).

For i = 1, 2, …: index = int(sha256(f"{seed},{i}").hexdigest(), 16) mod N into the segment's
stations sorted by station number, skipping repeats, until `count` (5) are drawn. The seed is at
least 20 decimal digits from a public dice roll.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

SAMPLE = 5
MIN_SEED_DIGITS = 20


class DrawError(ValueError):
    pass


def check_seed(seed: str) -> str:
    seed = seed.strip()
    if not seed.isascii() or not seed.isdigit() or len(seed) < MIN_SEED_DIGITS:
        raise DrawError(f"the seed must be at least {MIN_SEED_DIGITS} decimal digits")
    return seed


def index(seed: str, i: int, n: int) -> int:
    return int(hashlib.sha256(f"{seed},{i}".encode()).hexdigest(), 16) % n


def draw(seed: str, stations: Iterable[int], count: int = SAMPLE) -> tuple[int, ...]:
    """The drawn station numbers in the order drawn (all of them when there are ≤ count)."""
    seed = check_seed(seed)
    ordered = sorted(set(stations))
    if not ordered:
        raise DrawError("the segment has no stations")
    wanted = min(count, len(ordered))
    drawn: list[int] = []
    i = 0
    while len(drawn) < wanted:
        i += 1
        station = ordered[index(seed, i, len(ordered))]
        if station not in drawn:
            drawn.append(station)
    return tuple(drawn)
