"""`nirvachan meetings import FILE [--dry-run] [--unit CODE] [--body NAME]` and
`nirvachan meetings remind [--today YYYY-MM-DD]`.

The import prints a JSON summary (items, decisions, tables, totals) and exits 1 with the error
(a total that does not match its rows names the table and both numbers) when the file is wrong;
nothing is written then, nor with --dry-run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from nirvachan.core.errors import DomainError
from nirvachan.core.selectors import unit_get
from nirvachan.meetings import services
from nirvachan.meetings.minutes import MinutesError, parse_minutes
from nirvachan.meetings.models import Decision, TargetTable


class _DryRun(Exception):
    pass


def summary(meeting: Any) -> dict[str, Any]:
    tables = TargetTable.objects.filter(item__meeting=meeting).prefetch_related("rows", "item")
    totals = []
    for table in tables.order_by("item__serial", "serial"):
        rows_sum = sum((r.target for r in table.rows.all()), 0)
        totals.append(
            {
                "item": table.item.label or str(table.item.serial),
                "table": table.metric,
                "rows": table.rows.count(),
                "total": str(table.total) if table.total is not None else None,
                "sum": str(rows_sum),
                "ok": table.total is None or table.total == rows_sum,
            }
        )
    decisions = Decision.objects.filter(item__meeting=meeting)
    return {
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "items": meeting.items.count(),
        "decisions": decisions.count(),
        "deadlines": {
            kind: decisions.filter(deadline_kind=kind).count()
            for kind in ("date", "month", "ongoing", "none")
        },
        "tables": len(totals),
        "totals": totals,
    }


class Command(BaseCommand):
    help = "Meetings: `import FILE` reads minutes laid out as seed 003; `remind` e-mails."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import minutes")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        imp.add_argument("--unit", default="BD-DIS-9", help="admin unit code (Cox's Bazar)")
        imp.add_argument("--body", default="", help="body or committee (default: the title)")
        remind = sub.add_parser("remind", help="e-mail implementers overdue and due decisions")
        remind.add_argument("--today", default="", help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
            self.stdout.write(json.dumps(services.reminders_send(today=today)))
            return
        path = Path(options["file"])
        try:
            minutes = parse_minutes(path.read_text(encoding="utf-8"))
            unit = unit_get(code=options["unit"])
            with transaction.atomic():
                meeting = services.minutes_import(
                    actor=None, unit=unit, minutes=minutes, body=options["body"], source=path.name
                )
                result = {"meeting": meeting.pk, "dry_run": options["dry_run"], **summary(meeting)}
                if options["dry_run"]:
                    result["meeting"] = None
                    raise _DryRun
        except _DryRun:
            pass
        except MinutesError as exc:
            self._fail({"error": str(exc), "line": exc.line})
        except DomainError as exc:
            self._fail({"error": exc.message, "code": str(exc.code), "details": exc.details})
        except OSError as exc:
            self._fail({"error": str(exc)})
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _fail(self, body: dict[str, Any]) -> None:
        self.stderr.write(json.dumps(body, ensure_ascii=False, default=str))
        sys.exit(1)
