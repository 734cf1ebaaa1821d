"""`nirvachan monitoring obligations --election CODE [--body ID] [--format json]
[--regenerate] [--history]`.

Lists every due date generated for each body of the election (text table or JSON). With
--regenerate it first brings the obligations in line with the current poll date and rules
(past and reported ones are kept as history). Exits 1 with the message on an unknown election.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.models import Obligation


class Command(BaseCommand):
    help = "Reporting obligations of monitoring bodies."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ob = sub.add_parser("obligations", help="List the due dates of each body.")
        ob.add_argument("--election", required=True)
        ob.add_argument("--body", type=int)
        ob.add_argument("--format", choices=["text", "json"], default="text")
        ob.add_argument("--regenerate", action="store_true")
        ob.add_argument("--history", action="store_true", help="include superseded dates")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            election = selectors.election_get(code=options["election"])
            if options["regenerate"]:
                services.obligations_generate(actor=None, election=election)
            qs = Obligation.objects.filter(body__election=election)
            if options["body"] is not None:
                qs = qs.filter(body_id=options["body"])
            rows = selectors.obligation_rows(qs, history=options["history"])
        except DomainError as exc:
            self.stderr.write(exc.message)
            sys.exit(1)
        if options["format"] == "json":
            out = [
                {
                    "id": r.id,
                    "body": r.body,
                    "body_name": r.body_name,
                    "unit": r.unit,
                    "rule": r.code,
                    "due_on": r.due_on.isoformat(),
                    "status": r.status,
                    "escalated": r.escalated,
                    "superseded": r.superseded,
                    "incident": r.incident,
                }
                for r in rows
            ]
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
            return
        for r in rows:
            self.stdout.write(
                f"{r.due_on.isoformat()}  {r.unit:<10} {r.body:>5} {r.body_name[:40]:<40} "
                f"{r.code:<22} {r.status}{' escalated' if r.escalated else ''}"
            )
