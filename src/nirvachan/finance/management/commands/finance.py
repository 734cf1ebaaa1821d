"""`nirvachan finance import-order FILE [--fiscal-year 2021-22] [--economic-code 3211120]
[--unit BD] [--memo-number …] [--date 2022-06-14] [--dry-run]`

Reads an allocation table (text as in seed 002, .csv or .xlsx), checks serials, the total row
and the words line, matches the offices to the register and prints a JSON summary (lines,
total, words, warnings). Every difference is printed as JSON too, and the exit status is 1.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core import selectors as core_selectors
from nirvachan.core.errors import DomainError
from nirvachan.finance import services
from nirvachan.finance.tables import ParsedTable, parse_csv, parse_text, parse_xlsx


def read_table(path: Path) -> ParsedTable:
    if path.suffix.lower() == ".xlsx":
        return parse_xlsx(path.read_bytes())
    text = path.read_text(encoding="utf-8-sig")
    return parse_csv(text) if path.suffix.lower() == ".csv" else parse_text(text)


class Command(BaseCommand):
    help = "Finance tools: import-order FILE checks and imports an allocation table."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-order", help="check and import an allocation table")
        imp.add_argument("file")
        imp.add_argument("--fiscal-year", default="")
        imp.add_argument("--economic-code", default="")
        imp.add_argument("--unit", default="BD", help="code of the issuing unit (default BD)")
        imp.add_argument("--memo-number", default="")
        imp.add_argument("--date", default="", help="YYYY-MM-DD (default: the date in the text)")
        imp.add_argument("--subject", default="")
        imp.add_argument("--dry-run", action="store_true", help="check only; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            table = read_table(path)
            date = dt.date.fromisoformat(options["date"]) if options["date"] else None
            result = services.allocation_order_import(
                table=table,
                unit=core_selectors.unit_get(code=options["unit"]),
                fiscal_year=options["fiscal_year"],
                economic_code=options["economic_code"],
                memo_number=options["memo_number"],
                date=date,
                subject=options["subject"],
                dry_run=options["dry_run"],
            )
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except DomainError as exc:
            self.stdout.write(json.dumps({"ok": False, **exc.as_dict()}, ensure_ascii=False))
            for item in exc.details.get("differences", []):
                self.stderr.write(
                    f"row {item['row']}: {item['kind']}: expected {item['expected']}, "
                    f"found {item['found']}"
                )
            for item in exc.details.get("unknown_offices", []):
                hint = "; ".join(item["suggestions"]) or "no close match"
                self.stderr.write(f"row {item['row']}: unknown office {item['office']} ({hint})")
            if not exc.details.get("differences") and not exc.details.get("unknown_offices"):
                self.stderr.write(exc.message)
            sys.exit(1)
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            json.dumps(
                {"ok": True, "dry_run": options["dry_run"], **result.as_dict()}, ensure_ascii=False
            )
        )
