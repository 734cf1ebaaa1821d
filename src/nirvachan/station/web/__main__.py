"""``python -m nirvachan.station.web --data-dir DIR [--host H] [--port N]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nirvachan.station.web.serve import DEFAULT_HOST, DEFAULT_PORT, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nirvachan.station.web")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    return run(args.data_dir, args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
