"""Helpers shared by the monitoring services: text clean-up, end of day, the country unit."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope, scope_for
from nirvachan.monitoring.errors import MonitoringErrorCode as Code


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _required(value: str, field: str, label: str) -> str:
    value = _nfc(value)
    if not value:
        raise DomainError(
            Code.VALIDATION, _("%(field)s is required.") % {"field": label}, field=field
        )
    return value


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _country_unit(country: str) -> AdminUnit:
    return AdminUnit.objects.get(code=country, depth=0)


def _district_of(unit: AdminUnit) -> AdminUnit | None:
    """The district the unit lies in: the unit itself, its ancestor of kind district (found by
    the materialised path), or None for units above districts."""
    if unit.kind == AdminUnit.Kind.DISTRICT:
        return unit
    prefixes = [unit.path[: i + 1] for i, c in enumerate(unit.path) if c == "/"]
    return AdminUnit.objects.filter(kind=AdminUnit.Kind.DISTRICT, path__in=prefixes).first()


def require_observer_or_officer(actor: Any, unit: AdminUnit) -> str:
    """The role under which `actor` may do an observer's work in `unit` (shadow register,
    incident reports): monitoring.change or monitoring.observe; the 403 names the unit."""
    if actor is not None and scope_for(actor, Capability.MONITORING_OBSERVE, unit.path):
        return require_scope(actor, Capability.MONITORING_OBSERVE, unit)
    return require_scope(actor, Capability.MONITORING_CHANGE, unit)
