"""`nirvachan results summary --election CODE --format json` and
`nirvachan results import-csv FILE --election CODE`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.results import selectors, services
from nirvachan.results.cli import summary


class Command(BaseCommand):
    help = (
        "Results tools: `summary` prints winners, margins, NOTA and forfeited deposits; "
        "`import-csv` loads finished results for analysis."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("summary")
        s.add_argument("--election", required=True)
        s.add_argument("--format", default="json", choices=["json"])
        i = sub.add_parser("import-csv")
        i.add_argument("file")
        i.add_argument("--election", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
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
