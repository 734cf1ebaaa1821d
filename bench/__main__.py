"""`python -m bench <name> [options]`: run one benchmark and print its figures as JSON."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "audit": "bench.audit",
    "elections": "bench.elections",
    "finance": "bench.finance",
    "locale": "bench.locale",
    "monitoring": "bench.monitoring",
    "results": "bench.results",
    "roll": "bench.roll",
    "station": "bench.station",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print(f"usage: python -m bench {{{'|'.join(BENCHMARKS)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(BENCHMARKS[argv[0]])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
