"""`nirvachan roll_review load-pairs pairs.csv` (the `nirvachan roll dedupe` output, for the
officers' review page) and `nirvachan roll_review purge-counters` (delete the rate-limit
counters of ended windows; run it from cron, e.g. hourly)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.roll import services
from nirvachan.roll.api import _limit
from nirvachan.roll.api_applications import apply_limit


def rate_windows() -> dict[str, int]:
    """{scope: window seconds} of every rate-limited roll service, as configured."""
    windows = {name: _limit(name)[1] for name in ("lookup", "search", "sms")}
    windows["apply"] = apply_limit()[1]
    return windows


class Command(BaseCommand):
    help = "Load de-duplication pairs for review; purge old lookup counters."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load-pairs", help="load a pairs CSV for the review page")
        load.add_argument("file")
        sub.add_parser("purge-counters", help="delete rate-limit counters of ended windows")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "purge-counters":
            deleted = services.lookup_counters_purge(windows=rate_windows())
            self.stdout.write(json.dumps({"deleted": deleted}))
            return
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        try:
            counts = services.duplicate_pairs_load(actor=None, rows=services.pairs_parse(data))
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(counts))
