"""`nirvachan demo [--no-serve] [--port N]`: migrate, load the demo data, print the demo
logins, and serve on 127.0.0.1 with static files (no DEBUG needed)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from nirvachan.core.demo import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Set up the demo: migrate, load demo data (idempotent), print logins, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="load and exit")
        parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        results = demo_load(progress=lambda name: self.stderr.write(f"loading {name} …"))
        self.stdout.write(json.dumps({"created": results}, ensure_ascii=False))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        seen: set[str] = set()
        for demo in DEMO_USERS:
            line = f"  {demo.username:<10} {demo.role:<28} {demo.unit_code}"
            self.stdout.write(line)
            seen.add(demo.username)
        if options["no_serve"]:
            return
        port = options["port"]
        self.stdout.write(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
