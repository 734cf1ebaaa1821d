"""The catalogue of audit event types (DESIGN.md convention 7).

Each app declares its event types once, with `declare()`, in its own `events` module; the
recorder refuses a type that was not declared. Long operations declare a `.started` and a
`.completed` event and log both with the outcome.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from types import MappingProxyType


class Severity(enum.StrEnum):
    INFO = "info"
    NOTICE = "notice"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    description: str
    severity: Severity


_CATALOGUE: dict[str, EventType] = {}


def declare(code: str, description: str, severity: Severity = Severity.INFO) -> EventType:
    if code in _CATALOGUE:
        raise ValueError(f"audit event type {code!r} is declared twice")
    event = EventType(code, description, severity)
    _CATALOGUE[code] = event
    return event


def catalogue() -> MappingProxyType[str, EventType]:
    return MappingProxyType(_CATALOGUE)


def get(code: str) -> EventType:
    try:
        return _CATALOGUE[code]
    except KeyError:
        raise ValueError(f"audit event type {code!r} is not declared in the catalogue") from None


# Core's own event types.
USER_LOGGED_IN = declare("user.logged_in", "A user logged in")
USER_LOGGED_OUT = declare("user.logged_out", "A user logged out")
USER_LOGIN_FAILED = declare("user.login_failed", "A login attempt failed", Severity.NOTICE)
USER_LOGIN_THROTTLED = declare(
    "user.login_throttled", "Login refused after repeated failures", Severity.WARNING
)
USER_CREATED = declare("user.created", "A user account was created")
USER_LANGUAGE_CHANGED = declare("user.language_changed", "A user chose a language")
ROLE_ASSIGNED = declare("role.assigned", "A role was given to a user in a unit", Severity.NOTICE)
OFFICE_CREATED = declare("office.created", "An office was registered")
OFFICE_UPDATED = declare("office.updated", "An office was changed")
GEOGRAPHY_LOAD_STARTED = declare("geography.load.started", "Loading of admin units started")
GEOGRAPHY_LOAD_COMPLETED = declare("geography.load.completed", "Loading of admin units ended")
AUDIT_VERIFIED = declare("audit.verified", "The audit chain was verified")
