"""`nirvachan users …`: create users and give them roles, through the audited services.

nirvachan users add USERNAME --role returning_officer --unit BD-DIS-51 [--language bn]
    (the password is read from standard input, or asked for on a terminal)
nirvachan users assign USERNAME --role observer --unit BD
nirvachan users list [--unit CODE]
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.core.models import RoleAssignment, User
from nirvachan.core.roles import Role
from nirvachan.core.selectors import unit_get
from nirvachan.core.services import role_assign, user_create


class Command(BaseCommand):
    help = "Create users and give them roles in admin units (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="create a user with one role")
        add.add_argument("username")
        add.add_argument("--role", choices=Role.values, required=True)
        add.add_argument("--unit", required=True, help="admin unit code, e.g. BD-DIS-51")
        add.add_argument("--language", choices=["bn", "hi", "en"], default="")
        add.add_argument("--first-name", default="")
        add.add_argument("--last-name", default="")
        assign = sub.add_parser("assign", help="give an existing user a role in a unit")
        assign.add_argument("username")
        assign.add_argument("--role", choices=Role.values, required=True)
        assign.add_argument("--unit", required=True)
        listing = sub.add_parser("list", help="users and their roles")
        listing.add_argument("--unit", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from None

    def _add(self, options: dict[str, Any]) -> None:
        unit = unit_get(code=options["unit"])
        if sys.stdin.isatty():
            password = getpass.getpass("Password: ")
        else:
            password = sys.stdin.readline().rstrip("\n")
        user = user_create(
            username=options["username"],
            password=password,
            preferred_language=options["language"],
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        role_assign(user=user, role=options["role"], unit=unit)
        self.stdout.write(f"created {user.username}: {options['role']} in {unit.code}")

    def _assign(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']}")
        unit = unit_get(code=options["unit"])
        role_assign(user=user, role=options["role"], unit=unit)
        self.stdout.write(f"{user.username}: {options['role']} in {unit.code}")

    def _list(self, options: dict[str, Any]) -> None:
        rows = RoleAssignment.objects.select_related("user", "unit").order_by("user__username")
        if options["unit"]:
            rows = rows.filter(unit__path__startswith=unit_get(code=options["unit"]).path)
        for row in rows:
            self.stdout.write(f"{row.user.username}\t{row.role}\t{row.unit.code}")
