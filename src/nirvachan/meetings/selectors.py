"""Reads of the meetings app, with every per-user access rule in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    TargetRow,
    TargetTable,
)


def _not_found(what: str, pk: int) -> DomainError:
    return DomainError(
        CoreErrorCode.NOT_FOUND,
        _("%(what)s %(id)s was not found.") % {"what": what, "id": pk},
        id=pk,
    )


def _denied(message: str, pk: int) -> DomainError:
    return DomainError(CoreErrorCode.PERMISSION_DENIED, message, id=pk)


def can_change(user: Any, meeting: Meeting) -> bool:
    return scope_for(user, Capability.MEETING_CHANGE, meeting.unit.path) is not None


# --- meetings ------------------------------------------------------------------------------


def meeting_list_for_user(
    user: Any, *, search: str = "", status: str = "", body: str = ""
) -> QuerySet[Meeting]:
    qs = Meeting.objects.select_related("unit").filter(
        _paths_q(user, Capability.MEETING_VIEW, "unit__path")
    )
    if status:
        qs = qs.filter(status=status)
    if body:
        qs = qs.filter(body=body)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(body__icontains=search))
    return qs.order_by("-date", "-pk")


def meeting_get_for_user(user: Any, meeting_id: int, *, for_change: bool = False) -> Meeting:
    meeting = (
        Meeting.objects.select_related("unit", "previous")
        .filter(_paths_q(user, Capability.MEETING_VIEW, "unit__path"), pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise _not_found(_("Meeting"), meeting_id)
    if for_change and not can_change(user, meeting):
        raise _denied(_("Your role does not allow changing this meeting."), meeting_id)
    return meeting


def meeting_minutes(meeting: Meeting) -> list[AgendaItem]:
    """The agenda items with their decisions, tables, rows and progress, in order."""
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("serial")),
            Prefetch(
                "tables",
                queryset=TargetTable.objects.order_by("serial").prefetch_related(
                    Prefetch(
                        "rows",
                        queryset=TargetRow.objects.order_by("serial").annotate(
                            achieved=Sum("progress__achieved")
                        ),
                    )
                ),
            ),
        )
        .order_by("serial")
    )


def item_get_for_user(user: Any, item_id: int, *, for_change: bool = False) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("meeting__unit")
        .filter(_paths_q(user, Capability.MEETING_VIEW, "meeting__unit__path"), pk=item_id)
        .first()
    )
    if item is None:
        raise _not_found(_("Agenda item"), item_id)
    if for_change and not can_change(user, item.meeting):
        raise _denied(_("Your role does not allow changing this meeting."), item_id)
    return item


def target_row_get_for_user(user: Any, row_id: int, *, for_change: bool = False) -> TargetRow:
    row = (
        TargetRow.objects.select_related("table__item__meeting__unit")
        .filter(
            _paths_q(user, Capability.MEETING_VIEW, "table__item__meeting__unit__path"), pk=row_id
        )
        .first()
    )
    if row is None:
        raise _not_found(_("Target"), row_id)
    if for_change and not can_change(user, row.table.item.meeting):
        raise _denied(_("Your role does not allow recording progress here."), row_id)
    return row


# --- decisions and follow-up ---------------------------------------------------------------


def _visible_decisions(user: Any) -> QuerySet[Decision]:
    mine = Q(implementer_user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return Decision.objects.select_related(
        "item__meeting__unit", "implementer_user", "implementer_unit"
    ).filter(_paths_q(user, Capability.MEETING_VIEW, "item__meeting__unit__path") | mine)


def week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


def decision_list_for_user(
    user: Any,
    *,
    implementer: str = "",
    unit_code: str = "",
    status: str = "",
    overdue: bool = False,
    due_this_week: bool = False,
    mine: bool = False,
    meeting_id: int | None = None,
    today: dt.date | None = None,
) -> QuerySet[Decision]:
    """Decisions the user may see: those of meetings in scope, and those assigned to them."""
    today = today or timezone.localdate()
    qs = _visible_decisions(user)
    if mine:
        qs = qs.filter(implementer_user=user)
    if implementer:
        qs = qs.filter(
            Q(implementer__icontains=implementer) | Q(implementer_user__username=implementer)
        )
    if unit_code:
        qs = qs.filter(implementer_unit__code=unit_code)
    if status:
        qs = qs.filter(status=status)
    if meeting_id is not None:
        qs = qs.filter(item__meeting_id=meeting_id)
    if overdue:
        qs = qs.exclude(status=Decision.Status.DONE).filter(due__lt=today)
    if due_this_week:
        qs = qs.exclude(status=Decision.Status.DONE).filter(
            due__gte=today, due__lte=week_end(today)
        )
    return qs.order_by("due", "item__meeting__date", "item__serial", "serial", "pk")


def decision_get_for_user(user: Any, decision_id: int, *, for_change: bool = False) -> Decision:
    decision = _visible_decisions(user).filter(pk=decision_id).first()
    if decision is None:
        raise _not_found(_("Decision"), decision_id)
    if (
        for_change
        and decision.implementer_user_id != user.pk
        and not can_change(user, decision.item.meeting)
    ):
        raise _denied(
            _("Only the implementer or the meeting secretary may update it."), decision_id
        )
    return decision


def decisions_by_implementer(decisions: QuerySet[Decision]) -> list[tuple[str, int, int]]:
    """(implementer, open, done) counts."""
    counts: dict[str, list[int]] = {}
    for name, status in decisions.values_list("implementer", "status"):
        entry = counts.setdefault(name or "—", [0, 0])
        entry[1 if status == Decision.Status.DONE else 0] += 1
    return [(name, c[0], c[1]) for name, c in sorted(counts.items())]


# --- targets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetProgress:
    row_id: int
    name: str
    target: Decimal
    achieved: Decimal
    percent: Decimal


def target_progress(table: TargetTable) -> list[TargetProgress]:
    """Per unit: target, achievement (sum of progress entries) and achievement in %."""
    result = []
    rows = TargetRow.objects.filter(table=table).annotate(done=Sum("progress__achieved"))
    for row in rows.order_by("serial"):
        achieved = row.done or Decimal("0.00")
        percent = (
            (achieved * 100 / row.target).quantize(Decimal("0.1")) if row.target else Decimal(0)
        )
        result.append(TargetProgress(row.pk, row.name, row.target, achieved, percent))
    return result


def implementer_user_get(username: str) -> Any:
    """The user named as implementer (any user may be assigned a decision)."""
    from nirvachan.core.models import User

    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise DomainError(
            CoreErrorCode.VALIDATION,
            _("No user is called %(name)s.") % {"name": username},
            field="implementer_username",
        )
    return found
