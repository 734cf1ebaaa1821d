"""Demo data for the laptop shape: geography, offices and one user per role.

Idempotent: a second run adds nothing. Later issues add their own demo data here through
`DEMO_STEPS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from nirvachan.core.geography import geography_load
from nirvachan.core.models import AdminUnit, User
from nirvachan.core.roles import Role
from nirvachan.core.services import role_assign, user_create

DEMO_PASSWORD = "nirvachan-demo"  # noqa: S105 - demo only; printed by `nirvachan demo`


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit_code: str
    language: str
    first_name: str


DEMO_USERS = (
    DemoUser("admin", Role.COMMISSION_ADMIN, "BD", "bn", "Commission admin"),
    DemoUser("admin", Role.COMMISSION_ADMIN, "IN", "bn", "Commission admin"),
    DemoUser("ro", Role.RETURNING_OFFICER, "BD-DIS-51", "bn", "Returning officer, Gopalganj"),
    DemoUser("aro", Role.ASSISTANT_RETURNING_OFFICER, "BD-UPZ-388", "bn", "ARO, Kotalipara"),
    DemoUser("presiding", Role.PRESIDING_OFFICER, "BD-UPZ-385", "bn", "Presiding officer"),
    DemoUser("polling", Role.POLLING_OFFICER, "BD-UPZ-385", "bn", "Polling officer"),
    DemoUser("observer", Role.OBSERVER, "BD", "en", "Observer"),
    DemoUser("finance", Role.FINANCE_OFFICER, "BD", "bn", "Finance officer"),
    DemoUser(
        "secretary", Role.MEETING_SECRETARY, "BD-DIS-9", "bn", "Meeting secretary, Cox's Bazar"
    ),
    DemoUser("ro.up", Role.RETURNING_OFFICER, "IN-UP", "hi", "Returning officer, Uttar Pradesh"),
    DemoUser("ero", Role.ELECTORAL_REGISTRATION_OFFICER, "BD-DIS-51", "bn", "Registration officer"),
    DemoUser("blo", Role.BOOTH_LEVEL_OFFICER, "BD-UPZ-385", "bn", "Booth-level officer"),
)


def demo_users_load() -> int:
    created = 0
    units = {
        u.code: u for u in AdminUnit.objects.filter(code__in={d.unit_code for d in DEMO_USERS})
    }
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = user_create(
                username=demo.username,
                password=DEMO_PASSWORD,
                first_name=demo.first_name,
                preferred_language=demo.language,
                check_password=False,
            )
            created += 1
        role_assign(user=user, role=demo.role, unit=units[demo.unit_code])
    return created


def _app_step(app: str) -> Callable[[], object]:
    def step() -> object:
        module = importlib.import_module(f"nirvachan.{app}.demo")
        return module.demo_load()

    return step


# Each app adds its demo data through its own `demo.demo_load()` (counts of created rows).
DEMO_STEPS: list[tuple[str, Callable[[], object]]] = [
    ("geography", geography_load),
    ("users", demo_users_load),
    ("elections", _app_step("elections")),
    ("finance", _app_step("finance")),
    ("meetings", _app_step("meetings")),
    ("roll", _app_step("roll")),
    ("monitoring", _app_step("monitoring")),
    ("results", _app_step("results")),
]


def demo_load(progress: Callable[[str], None] | None = None) -> dict[str, object]:
    results: dict[str, object] = {}
    for name, step in DEMO_STEPS:
        if progress:
            progress(name)
        results[name] = step()
    return results
