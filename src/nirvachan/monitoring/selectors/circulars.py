"""Circulars, their recipients and acknowledgements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q, scope_for, unit_get
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.models import (
    Circular,
    CircularRecipient,
)
from nirvachan.monitoring.selectors._common import _not_found, can_change

# --- circulars ---------------------------------------------------------------------------------


def _circular_q(user: Any) -> Q:
    """Circulars the user sent (their unit is in scope) or received (a recipient is)."""
    return paths_q(user, Capability.MONITORING_VIEW, "unit__path") | Q(
        status=Circular.Status.ISSUED,
        pk__in=CircularRecipient.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path")
        ).values("circular_id"),
    )


def circular_list_for_user(user: Any, *, status: str = "") -> QuerySet[Circular]:
    qs = Circular.objects.select_related("unit").filter(_circular_q(user))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-date", "-pk")


def circular_get_for_user(user: Any, circular_id: int, *, for_change: bool = False) -> Circular:
    circular = circular_list_for_user(user).filter(pk=circular_id).first()
    if circular is None:
        raise _not_found(_("Circular"), circular_id)
    if for_change and not can_change(user, circular.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow issuing this circular."),
            id=circular_id,
        )
    return circular


@dataclass(frozen=True)
class RecipientRow:
    id: int
    unit: str
    unit_name: str
    office: str
    office_name: str
    due_at: dt.datetime
    acknowledged_at: dt.datetime | None
    status: str  # due, on_time, late, missing (as obligations)
    can_acknowledge: bool


def circular_recipients(
    user: Any, circular: Circular, *, now: dt.datetime | None = None
) -> list[RecipientRow]:
    """Who the circular went to and who has acknowledged. The sender sees every recipient;
    a recipient sees only the rows in their own scope."""
    now = now or timezone.now()
    qs = circular.recipients.select_related("unit", "office")
    sender = scope_for(user, Capability.MONITORING_VIEW, circular.unit.path) is not None
    if not sender:
        qs = qs.filter(paths_q(user, Capability.MONITORING_VIEW, "unit__path"))
    return [
        RecipientRow(
            id=r.pk,
            unit=r.unit.code,
            unit_name=r.unit.name,
            office=r.office.code if r.office else "",
            office_name=r.office.name if r.office else "",
            due_at=r.due_at,
            acknowledged_at=r.acknowledged_at,
            status=str(plan.status_of(r.due_at, r.acknowledged_at, now)),
            can_acknowledge=r.acknowledged_at is None and can_change(user, r.unit.path),
        )
        for r in qs
    ]


def recipient_get_for_user(user: Any, recipient_id: int) -> CircularRecipient:
    """A recipient row the user may acknowledge (404 out of scope, 403 if only a viewer)."""
    r = (
        CircularRecipient.objects.select_related("unit", "circular")
        .filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"),
            circular__status=Circular.Status.ISSUED,
            pk=recipient_id,
        )
        .first()
    )
    if r is None:
        raise _not_found(_("Recipient"), recipient_id)
    if not can_change(user, r.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow acknowledging this circular."),
            id=recipient_id,
        )
    return r


def circulars_received(user: Any, *, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Issued circulars sent to the user's scope, with their acknowledgement status, for the
    dashboard (newest first)."""
    now = now or timezone.now()
    rows = (
        CircularRecipient.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"),
            circular__status=Circular.Status.ISSUED,
        )
        .select_related("circular", "unit")
        .order_by("-circular__issued_at", "unit__path", "pk")[:50]
    )
    return [
        {
            "circular": r.circular,
            "recipient": r,
            "status": str(plan.status_of(r.due_at, r.acknowledged_at, now)),
        }
        for r in rows
    ]


def recipients_from_codes(pairs: list[tuple[str, str]]) -> list[Any]:
    """Recipients named by unit code and (optionally) office code; unknown codes are 404."""
    from nirvachan.monitoring.services import Recipient

    out = []
    for unit_code, office_code in pairs:
        unit = unit_get(code=unit_code)
        office = None
        if office_code:
            office = Office.objects.filter(code=office_code).first()
            if office is None:
                raise _not_found(_("Office"), office_code)
        out.append(Recipient(unit, office))
    return out


def circulars_sent(user: Any, *, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Issued circulars of the user's scope (the sender's side), newest first, with how many
    recipients have acknowledged and how many are past their deadline without doing so."""
    now = now or timezone.now()
    unacknowledged = Q(recipients__acknowledged_at__isnull=True)
    rows = (
        Circular.objects.filter(
            paths_q(user, Capability.MONITORING_VIEW, "unit__path"),
            status=Circular.Status.ISSUED,
        )
        .annotate(
            sent=Count("recipients"),
            acknowledged=Count("recipients", filter=Q(recipients__acknowledged_at__isnull=False)),
            overdue=Count("recipients", filter=unacknowledged & Q(recipients__due_at__lt=now)),
        )
        .order_by("-issued_at", "-pk")[:10]
    )
    return [
        {
            "circular": c,
            "sent": c.sent,
            "acknowledged": c.acknowledged,
            "overdue": c.overdue,
        }
        for c in rows
    ]
