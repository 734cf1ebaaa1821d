"""`nirvachan results summary --election CODE --format json`,
`nirvachan results import-csv FILE --election CODE` and
`nirvachan results ingest FILE… [--election CODE] [--round N] [--workers N]`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.results import selectors, services
from nirvachan.results.cli import summary

BATCH = 500  # packages counted per transaction by `ingest`


class Command(BaseCommand):
    help = (
        "Results tools: `summary` prints winners, margins, NOTA and forfeited deposits; "
        "`import-csv` loads finished results for analysis; `ingest` verifies and counts signed "
        "station result packages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("summary")
        s.add_argument("--election", required=True)
        s.add_argument("--format", default="json", choices=["json"])
        i = sub.add_parser("import-csv")
        i.add_argument("file")
        i.add_argument("--election", required=True)
        g = sub.add_parser("ingest", help="verify and count signed station result packages")
        g.add_argument("files", nargs="+", metavar="FILE")
        g.add_argument("--election", default=None, help="refuse packages of any other election")
        g.add_argument("--round", type=int, default=None, help="count in this round")
        g.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="processes verifying signatures in parallel",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "ingest":
            self._ingest(options)
            return
        try:
            if options["action"] == "import-csv":
                election = selectors.election_get(code=options["election"])
                text = Path(options["file"]).read_text(encoding="utf-8-sig")
                out: Any = services.results_import_csv(election=election, text=text)
            else:
                out = summary(options["election"])
        except DomainError as exc:
            for error in exc.details.get("errors", []):
                self.stderr.write(str(error["message"]))
            raise CommandError(exc.message) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))

    def _ingest(self, options: dict[str, Any]) -> None:
        """One JSON line per file: counted, already counted, or refused with code and message.
        Exits non-zero when any file was refused."""
        if options["election"] is not None:
            try:
                selectors.election_get(code=options["election"])
            except DomainError as exc:
                raise CommandError(exc.message) from None
        datas: list[bytes | None] = []
        for name in options["files"]:
            try:
                datas.append(Path(name).read_bytes())
            except OSError as exc:
                datas.append(None)
                self.stderr.write(f"{name}: {exc.strerror or exc}")
        readable = [d for d in datas if d is not None]
        verified = list(services.verify_many(readable, workers=options["workers"]))
        outcomes: list[Any] = []
        for start in range(0, len(readable), BATCH):
            outcomes += services.packages_ingest(
                items=list(zip(readable[start : start + BATCH], verified[start : start + BATCH],
                               strict=True)),
                election_code=options["election"],
                round_number=options["round"],
            )  # fmt: skip
        results = iter(outcomes)
        refused = sum(d is None for d in datas)
        counted = repeated = 0
        for name, data in zip(options["files"], datas, strict=True):
            if data is None:
                continue
            outcome = next(results)
            line: dict[str, Any] = {"file": name}
            if isinstance(outcome, DomainError):
                refused += 1
                line |= {"status": "refused", "code": str(outcome.code), "message": outcome.message}
            else:
                counted += outcome.created
                repeated += not outcome.created
                line |= {
                    "status": "counted" if outcome.created else "already counted",
                    "station": outcome.package.polling_station_id,
                    "digest": outcome.package.digest,
                }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        self.stdout.write(
            json.dumps({"counted": counted, "already_counted": repeated, "refused": refused})
        )
        if refused:
            raise CommandError(f"{refused} file(s) refused")
