"""Expense limits and the expenses of candidates (statements and the shadow register)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election
from nirvachan.monitoring import events
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Expense, ExpenseLimit
from nirvachan.monitoring.services._common import (
    _nfc,
    _required,
    require_observer_or_officer,
)

CENTS = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 14  # the columns hold 16 digits, 2 after the point


def expense_limit_set(
    *, actor: Any, country: str, election_kind: str, amount: Decimal
) -> ExpenseLimit:
    country_unit = AdminUnit.objects.filter(code=country, depth=0).first()
    if country_unit is None:
        raise DomainError(
            Code.VALIDATION,
            _("No country has the code %(code)s.") % {"code": country},
            field="country",
        )
    actor_role = require_scope(actor, Capability.ELECTION_MANAGE, country_unit)
    election_kind = _required(election_kind, "election_kind", _("Election type"))
    if amount <= 0:
        raise DomainError(Code.VALIDATION, _("The limit must be above zero."), field="amount")
    if amount >= MAX_AMOUNT:
        raise DomainError(Code.VALIDATION, _("The amount is too large."), field="amount")
    amount = amount.quantize(CENTS)
    with transaction.atomic():
        limit, _created = ExpenseLimit.objects.update_or_create(
            country=country, election_kind=election_kind, defaults={"amount": amount}
        )
        audit_record(
            event_type=events.LIMIT_SET,
            actor=actor,
            actor_role=actor_role,
            obj=limit,
            summary={"country": country, "kind": election_kind, "amount": str(amount)},
        )
    return limit


def _require_for_source(actor: Any, unit: AdminUnit, source: str) -> str:
    """A candidate's statement is recorded by the officers; the shadow register is the
    observers' (and the officers')."""
    if source == Expense.Source.SHADOW:
        return require_observer_or_officer(actor, unit)
    return require_scope(actor, Capability.MONITORING_CHANGE, unit)


def expense_record(
    *,
    actor: Any,
    election: Election,
    unit: AdminUnit,
    candidate: str,
    source: str,
    category: str,
    on: dt.date,
    amount: Decimal,
    note: str = "",
) -> Expense:
    """One line of a candidate's statement or of the observers' shadow register."""
    actor_role = _require_for_source(actor, unit, source)
    if source not in Expense.Source.values:
        raise DomainError(Code.VALIDATION, _("Unknown source."), field="source")
    if category not in Expense.Category.values:
        raise DomainError(
            Code.VALIDATION, pgettext("expense category", "Unknown category."), field="category"
        )
    if amount <= 0:
        raise DomainError(Code.VALIDATION, _("The amount must be above zero."), field="amount")
    if amount >= MAX_AMOUNT:
        raise DomainError(Code.VALIDATION, _("The amount is too large."), field="amount")
    amount = amount.quantize(CENTS)
    with transaction.atomic():
        expense = Expense.objects.create(
            election=election,
            unit=unit,
            candidate=_required(candidate, "candidate", _("Candidate")),
            source=source,
            category=category,
            on=on,
            amount=amount,
            note=_nfc(note),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        audit_record(
            event_type=events.EXPENSE_RECORDED,
            actor=actor,
            actor_role=actor_role,
            obj=expense,
            summary={"candidate": expense.candidate, "source": source, "amount": str(amount)},
        )
    return expense


def _short(text: str, field: str, limit: int = 300) -> str:
    if len(text) > limit:
        raise DomainError(
            Code.VALIDATION,
            _("At most %(n)s characters, please.") % {"n": limit},
            field=field,
        )
    return text


def _current(expense: Expense) -> Expense:
    locked = Expense.objects.select_for_update().get(pk=expense.pk)
    if locked.superseded_at is not None:
        raise DomainError(
            Code.EXPENSE_SUPERSEDED,
            _("This entry was already corrected or withdrawn; change the current entry."),
            id=expense.pk,
        )
    return locked


def expense_correct(
    *,
    actor: Any,
    expense: Expense,
    amount: Decimal,
    category: str,
    on: dt.date,
    reason: str,
    note: str = "",
) -> Expense:
    """Correct a line: a new line replaces it and the old one is kept, marked superseded, with
    the reason (the history of every change stays visible)."""
    actor_role = _require_for_source(actor, expense.unit, expense.source)
    reason = _short(_required(reason, "reason", _("Reason for the change")), "reason")
    note = _short(_nfc(note), "note")
    if category not in Expense.Category.values:
        raise DomainError(
            Code.VALIDATION, pgettext("expense category", "Unknown category."), field="category"
        )
    if amount <= 0:
        raise DomainError(Code.VALIDATION, _("The amount must be above zero."), field="amount")
    if amount >= MAX_AMOUNT:
        raise DomainError(Code.VALIDATION, _("The amount is too large."), field="amount")
    amount = amount.quantize(CENTS)
    now = timezone.now()
    with transaction.atomic():
        old = _current(expense)
        old.superseded_at = now
        old.save(update_fields=["superseded_at"])
        new = Expense.objects.create(
            election_id=old.election_id,
            unit_id=old.unit_id,
            candidate=old.candidate,
            source=old.source,
            category=category,
            on=on,
            amount=amount,
            note=note,
            recorded_by=actor,
            recorded_at=now,
            replaces=old,
            change_reason=reason,
        )
        audit_record(
            event_type=events.EXPENSE_CORRECTED,
            actor=actor,
            actor_role=actor_role,
            obj=new,
            summary={
                "replaces": old.pk,
                "candidate": old.candidate,
                "amount": [str(old.amount), str(amount)],
                "reason": reason[:200],
            },
        )
    return new


def expense_withdraw(*, actor: Any, expense: Expense, reason: str) -> Expense:
    """Withdraw a line entered in error: it is kept, marked superseded, with the reason."""
    actor_role = _require_for_source(actor, expense.unit, expense.source)
    reason = _short(_required(reason, "reason", _("Reason for the change")), "reason")
    with transaction.atomic():
        old = _current(expense)
        old.superseded_at = timezone.now()
        old.withdraw_reason = reason
        old.save(update_fields=["superseded_at", "withdraw_reason"])
        audit_record(
            event_type=events.EXPENSE_CORRECTED,
            actor=actor,
            actor_role=actor_role,
            obj=old,
            summary={"withdrawn": old.pk, "candidate": old.candidate, "reason": reason[:200]},
        )
    return old
