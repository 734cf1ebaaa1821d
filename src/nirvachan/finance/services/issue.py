"""Issuing an allocation order: locking and drawing on its budget heads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.finance import events
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.models import AllocationOrder, BudgetHead, EconomicCode
from nirvachan.finance.services._common import CENT, Kind, Status, _require


def _per_code(order: AllocationOrder) -> dict[int, Decimal]:
    rows = order.lines.values("economic_code_id").annotate(total=Sum("amount"))
    return {r["economic_code_id"]: Decimal(r["total"]).quantize(CENT) for r in rows}


def allocation_order_issue(*, actor: Any, order: AllocationOrder) -> AllocationOrder:
    """Issue a draft: draw its lines from the budget heads; an amendment or a cancellation
    first gives back what the order it refers to drew."""
    actor_role = _require(actor, Capability.FINANCE_CHANGE, order.unit)
    with transaction.atomic():
        locked = AllocationOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != Status.DRAFT:
            raise DomainError(
                FinanceErrorCode.NOT_DRAFT,
                _("The order %(memo)s is %(status)s and cannot be issued again.")
                % {"memo": locked.memo_number, "status": locked.get_status_display()},
                id=order.pk,
            )
        target = None
        if locked.supersedes_id is not None:
            target = AllocationOrder.objects.select_for_update().get(pk=locked.supersedes_id)
            if target.status != Status.ISSUED:
                raise DomainError(
                    FinanceErrorCode.NOT_DRAFT,
                    _("The order %(memo)s is %(status)s already.")
                    % {"memo": target.memo_number, "status": target.get_status_display()},
                    id=target.pk,
                )
        draw = _per_code(locked)
        give_back = _per_code(target) if target is not None else {}
        heads = _lock_heads(locked, set(draw) | set(give_back))
        changes = []
        for code_id in sorted(set(draw) | set(give_back)):
            head = heads[code_id]
            delta = draw.get(code_id, Decimal(0)) - give_back.get(code_id, Decimal(0))
            if head.allocated + delta > head.amount:
                raise DomainError(
                    FinanceErrorCode.OVERDRAWN,
                    _(
                        "Budget head %(code)s of %(year)s has %(balance)s left; "
                        "this order needs %(needed)s."
                    )
                    % {
                        "code": head.economic_code.code,
                        "year": head.fiscal_year.label,
                        "balance": head.balance.quantize(CENT),
                        "needed": delta.quantize(CENT),
                    },
                    head=head.pk,
                    balance=str(head.balance.quantize(CENT)),
                    needed=str(delta.quantize(CENT)),
                )
            changes.append((head, delta))
        for head, delta in changes:
            try:
                with transaction.atomic():
                    BudgetHead.objects.filter(pk=head.pk).update(allocated=F("allocated") + delta)
            except IntegrityError:  # the database constraint: never above the amount
                raise DomainError(
                    FinanceErrorCode.OVERDRAWN,
                    _("Budget head %(code)s of %(year)s would be overdrawn.")
                    % {"code": head.economic_code.code, "year": head.fiscal_year.label},
                    head=head.pk,
                ) from None
        now = timezone.now()
        AllocationOrder.objects.filter(pk=locked.pk).update(
            status=Status.ISSUED,
            issued_at=now,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        total = sum(draw.values(), Decimal(0))
        summary = {
            "memo_number": locked.memo_number,
            "kind": locked.kind,
            "total": str(total),
            "heads": {heads[c].economic_code.code: str(d) for c, d in draw.items()},
        }
        if target is not None:
            summary["supersedes"] = target.memo_number
        audit_record(
            event_type=events.ORDER_ISSUED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary=summary,
        )
        if target is not None:
            new_status = Status.AMENDED if locked.kind == Kind.AMENDMENT else Status.CANCELLED
            AllocationOrder.objects.filter(pk=target.pk).update(status=new_status)
            audit_record(
                event_type=(
                    events.ORDER_AMENDED
                    if locked.kind == Kind.AMENDMENT
                    else events.ORDER_CANCELLED
                ),
                actor=actor,
                actor_role=actor_role,
                obj=target,
                summary={"memo_number": target.memo_number, "by": locked.memo_number},
            )
    order.refresh_from_db()
    return order


def _lock_heads(order: AllocationOrder, code_ids: set[int]) -> dict[int, BudgetHead]:
    heads = {
        h.economic_code_id: h
        for h in BudgetHead.objects.select_for_update()
        .select_related("economic_code", "fiscal_year")
        .filter(
            fiscal_year=order.fiscal_year_id,
            institution_code=order.institution_code,
            economic_code_id__in=code_ids,
        )
        .order_by("pk")
    }
    missing = sorted(code_ids - set(heads))
    if missing:
        codes = list(EconomicCode.objects.filter(pk__in=missing).values_list("code", flat=True))
        raise DomainError(
            FinanceErrorCode.NO_BUDGET_HEAD,
            _("No budget head of %(institution)s in %(year)s for %(codes)s.")
            % {
                "institution": order.institution_code,
                "year": order.fiscal_year.label,
                "codes": ", ".join(codes),
            },
            codes=codes,
        )
    return heads
