"""`nirvachan audit verify`: prove the audit log's hash chain.

Exit 0 and print the number of events when the chain is intact; exit 1 naming the first bad
sequence number after any edit, deletion or insertion."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nirvachan.core.audit import audit_verify


class Command(BaseCommand):
    help = "Audit log tools: `verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the hash chain")
        verify.add_argument("--json", action="store_true", help="print the result as JSON")
        # Election audits (VVPAT sample draw, risk-limiting audit) belong to the results app.
        from nirvachan.results.cli import add_audit_subcommands

        add_audit_subcommands(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "verify":
            from nirvachan.results.cli import handle_audit

            sys.exit(handle_audit(options, self.stdout))
        started = time.perf_counter()
        result = audit_verify()
        seconds = time.perf_counter() - started
        if options.get("json"):
            import json

            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "events": result.count,
                        "first_bad_seq": result.first_bad_seq,
                        "reason": result.reason,
                        "seconds": round(seconds, 3),
                    }
                )
            )
        elif result.ok:
            self.stdout.write(f"audit chain intact: {result.count} events")
        else:
            self.stderr.write(
                f"audit chain broken at sequence number {result.first_bad_seq}: {result.reason} "
                f"({result.count} events verified before it)"
            )
        if not result.ok:
            sys.exit(1)
