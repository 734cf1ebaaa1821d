"""Shared pieces of the monitoring selectors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.elections.models import Election

ALERT_SHARE = Decimal("0.8")
CENTS = Decimal("0.01")


def _not_found(what: str, pk: Any) -> DomainError:
    return DomainError(
        CoreErrorCode.NOT_FOUND,
        _("%(what)s %(id)s was not found.") % {"what": what, "id": pk},
        id=pk,
    )


def can_change(user: Any, unit_path: str) -> bool:
    return scope_for(user, Capability.MONITORING_CHANGE, unit_path) is not None


def can_observe(user: Any) -> bool:
    """May the user keep the shadow register somewhere (monitoring.change or .observe)?"""
    return (
        scope_for(user, Capability.MONITORING_OBSERVE) is not None
        or scope_for(user, Capability.MONITORING_CHANGE) is not None
    )


def can_draft(user: Any) -> bool:
    """May the user draft circulars anywhere (a MONITORING_CHANGE scope)?"""
    return scope_for(user, Capability.MONITORING_CHANGE) is not None


def election_get(*, code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise _not_found(_("Election"), code)
    return election


def can_manage_election(user: Any, country: str) -> bool:
    """May the user change an election's monitoring rules and the expense limits (a commission
    scope over the whole country)?"""
    return scope_for(user, Capability.ELECTION_MANAGE, f"{country}/") is not None
