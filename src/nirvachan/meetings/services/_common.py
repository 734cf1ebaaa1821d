"""Helpers shared by the meetings services: clean-up, scope and freeze checks, deadlines."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.locale import LocaleError
from nirvachan.meetings.deadlines import Deadline, parse_deadline
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.models import Meeting

S = Meeting.Status


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _require(actor: Any, meeting_unit: AdminUnit) -> str:
    """The role under which `actor` may change meetings of the unit (system when None)."""
    if actor is None:
        return ""
    scope = scope_for(actor, Capability.MEETING_CHANGE, meeting_unit.path)
    if scope is None:
        raise DomainError(
            CoreErrorCode.OUT_OF_SCOPE,
            _("You may not record meetings in %(unit)s.") % {"unit": meeting_unit.name},
            unit=meeting_unit.code,
        )
    return scope.role


def _not_frozen(meeting: Meeting) -> None:
    if meeting.is_frozen:
        raise DomainError(
            MeetingsErrorCode.FROZEN,
            _("The minutes of %(title)s are approved; record a correction as an amendment.")
            % {"title": meeting.title},
            meeting=meeting.pk,
        )


def _required(value: str, field: str, label: str) -> str:
    value = _nfc(value)
    if not value:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("%(field)s is required.") % {"field": label},
            field=field,
        )
    return value


def deadline_from_text(text: str, *, field: str = "deadline") -> Deadline:
    try:
        return parse_deadline(text)
    except LocaleError:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("%(text)s is not a deadline: write a date, a month (April 2023) or ongoing.")
            % {"text": text},
            field=field,
        ) from None
