"""Candidates' expenses against their limits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q
from nirvachan.elections.models import Election
from nirvachan.monitoring.models import (
    Expense,
    ExpenseLimit,
)
from nirvachan.monitoring.selectors._common import ALERT_SHARE, CENTS, _not_found, can_change

# --- expenses ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpenseTotal:
    candidate: str
    statement: Decimal
    shadow: Decimal
    limit: Decimal | None
    alert: str  # "", "warning" (80 %) or "breach"
    election: str = ""

    @property
    def spent(self) -> Decimal:
        """The larger of the two running totals: what is held against the limit."""
        return max(self.statement, self.shadow)

    @property
    def status(self) -> str:
        """ok, alert (80 % of the limit reached) or breach (above the limit)."""
        return {"warning": "alert", "breach": "breach"}.get(self.alert, "ok")

    @property
    def share(self) -> Decimal | None:
        """Percent of the limit spent, one decimal; None without a limit."""
        if not self.limit:
            return None
        return (self.spent * 100 / self.limit).quantize(Decimal("0.1"))


def _alert(spent: Decimal, limit: Decimal | None) -> str:
    if limit is None:
        return ""
    return "breach" if spent > limit else "warning" if spent >= limit * ALERT_SHARE else ""


def expense_limits() -> QuerySet[ExpenseLimit]:
    return ExpenseLimit.objects.order_by("country", "election_kind")


def expense_list_for_user(
    user: Any,
    *,
    election: Election | None = None,
    candidate: str = "",
    source: str = "",
    history: bool = False,
) -> QuerySet[Expense]:
    """Statement and shadow-register lines whose unit lies in the user's view scope; the
    current lines only, or with `history` also those corrected or withdrawn."""
    qs = Expense.objects.select_related("unit", "election", "replaces").filter(
        paths_q(user, Capability.MONITORING_VIEW, "unit__path")
    )
    if not history:
        qs = qs.filter(superseded_at__isnull=True)
    if election is not None:
        qs = qs.filter(election=election)
    if candidate:
        qs = qs.filter(candidate=candidate)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by("election__code", "candidate", "on", "pk")


def expense_totals(user: Any, *, election: Election | None = None) -> list[ExpenseTotal]:
    """Running totals per (election and) candidate, with alerts at 80 % and at breach."""
    limits = {(x.country, x.election_kind): x.amount for x in ExpenseLimit.objects.all()}
    qs = Expense.objects.filter(
        paths_q(user, Capability.MONITORING_VIEW, "unit__path"), superseded_at__isnull=True
    )
    if election is not None:
        qs = qs.filter(election=election)
    rows = (
        qs.order_by()
        .values("election__code", "election__country", "election__kind", "candidate")
        .annotate(
            statement=Sum("amount", filter=Q(source="statement"), default=Decimal(0)),
            shadow=Sum("amount", filter=Q(source="shadow"), default=Decimal(0)),
        )
        .order_by("election__code", "candidate")
    )
    out = []
    for r in rows:
        limit = limits.get((r["election__country"], r["election__kind"]))
        statement, shadow = r["statement"].quantize(CENTS), r["shadow"].quantize(CENTS)
        out.append(
            ExpenseTotal(
                r["candidate"],
                statement,
                shadow,
                limit,
                _alert(max(statement, shadow), limit),
                r["election__code"],
            )
        )
    return out


def expense_alerts(user: Any) -> list[ExpenseTotal]:
    """Candidates at 80 % of their limit or above it, across the elections in scope."""
    return [t for t in expense_totals(user) if t.alert]


@dataclass(frozen=True)
class CandidateExpenses:
    total: ExpenseTotal
    statement: list[Expense]
    shadow: list[Expense]


def expense_sheet(user: Any, *, election: Election) -> list[CandidateExpenses]:
    """Per candidate: the totals, and the statement's lines beside the shadow register's
    (corrected and withdrawn lines included, marked, so the history stays visible)."""
    lines: dict[str, dict[str, list[Expense]]] = {}
    for e in expense_list_for_user(user, election=election, history=True):
        lines.setdefault(e.candidate, {"statement": [], "shadow": []})[e.source].append(e)
    totals = {t.candidate: t for t in expense_totals(user, election=election)}
    limit = (
        ExpenseLimit.objects.filter(country=election.country, election_kind=election.kind)
        .values_list("amount", flat=True)
        .first()
    )
    zero = Decimal("0.00")
    return [
        CandidateExpenses(
            # a candidate whose every line was withdrawn still shows, with the history
            totals.get(name) or ExpenseTotal(name, zero, zero, limit, "", election.code),
            lines[name]["statement"],
            lines[name]["shadow"],
        )
        for name in sorted(lines)
    ]


def expense_get_for_user(user: Any, expense_id: int, *, for_change: bool = False) -> Expense:
    expense = expense_list_for_user(user, history=True).filter(pk=expense_id).first()
    if expense is None:
        raise _not_found(_("Expense"), expense_id)
    if for_change and not can_change(user, expense.unit.path):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow changing this entry."),
            id=expense_id,
        )
    return expense
