"""`nirvachan results summary --election CODE --format json`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nirvachan.results.cli import summary


class Command(BaseCommand):
    help = "Results tools: `summary` prints winners, margins, NOTA and forfeited deposits."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("summary")
        s.add_argument("--election", required=True)
        s.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(summary(options["election"]), ensure_ascii=False, indent=1))
