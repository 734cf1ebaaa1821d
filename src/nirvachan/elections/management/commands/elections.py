"""`nirvachan elections list [--format json]`, `nirvachan elections schedule --election CODE
[--format csv|json]` and `nirvachan elections import-ls2019` (seed 004)."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.elections import selectors
from nirvachan.elections.seed_import import ls2019_import


class Command(BaseCommand):
    help = "Elections: `list`, `schedule --election CODE`, `import-ls2019`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="code, type, name and poll dates of each election")
        listing.add_argument("--format", choices=["text", "json"], default="text")
        schedule = sub.add_parser("schedule", help="one row per phase of an election")
        schedule.add_argument("--election", required=True)
        schedule.add_argument("--format", choices=["text", "csv", "json"], default="text")
        sub.add_parser("import-ls2019", help="load the 2019 Lok Sabha schedule from seed 004")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(options["format"])
        elif action == "schedule":
            self._schedule(options["election"], options["format"])
        else:
            self._import()

    def _list(self, fmt: str) -> None:
        rows = [
            {
                "code": e.code,
                "type": e.kind,
                "name": e.name_en,
                "poll_dates": [p.poll_date.isoformat() for p in e.phases.all()],
            }
            for e in selectors.election_list()
        ]
        if fmt == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write(
                f"{r['code']}\t{r['type']}\t{r['name']}\t{', '.join(r['poll_dates'])}"
            )

    def _schedule(self, code: str, fmt: str) -> None:
        try:
            election = selectors.election_get(code=code)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        rows = [
            {"phase": r.number, "poll_date": r.poll_date.isoformat(), "seats": r.seats}
            for r in selectors.schedule_rows(election)
        ]
        if fmt == "json":
            self.stdout.write(json.dumps(rows, indent=2))
        elif fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=["phase", "poll_date", "seats"])
            writer.writeheader()
            writer.writerows(rows)
        else:
            for r in rows:
                self.stdout.write(f"{r['phase']}\t{r['poll_date']}\t{r['seats']}")

    def _import(self) -> None:
        report = ls2019_import()
        self.stdout.write(
            f"ls2019: {report.phases} phases, {report.matched} constituencies matched, "
            f"{report.contests_created} contests created"
        )
        if report.unmatched:
            self.stdout.write(f"not matched ({len(report.unmatched)}):")
            for e in report.unmatched:
                self.stdout.write(f"  phase {e.phase} {e.state} {e.name}")
        for code, e in report.repeated:
            self.stdout.write(f"  listed again in phase {e.phase}: {e.name} ({code}); kept first")
