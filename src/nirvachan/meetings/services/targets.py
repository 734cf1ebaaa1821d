"""Target tables and the progress recorded against them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.meetings import events
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.models import AgendaItem, Progress, TargetRow, TargetTable
from nirvachan.meetings.services._common import _nfc, _not_frozen, _require, _required

# --- target tables and progress ------------------------------------------------------------


def _amount(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("%(value)s is not a number.") % {"value": value},
            field=field,
        ) from None
    if amount < 0 or not amount.is_finite():
        raise DomainError(
            MeetingsErrorCode.VALIDATION, _("Amounts cannot be negative."), field=field
        )
    return amount.quantize(Decimal("0.01"))


def target_table_add(
    *,
    actor: Any,
    item: AgendaItem,
    unit_label: str,
    metric: str,
    rows: list[tuple[str, Any]] | list[tuple[str, Any, str]],
    value_unit: str = "count",
    scale: str = "one",
    total: Any = None,
    total_label: str = "",
    title: str = "",
) -> TargetTable:
    """A target table (rows in the base unit: taka, %, count); a stated total must equal the sum."""
    meeting = item.meeting
    actor_role = _require(actor, meeting.unit)
    _not_frozen(meeting)
    unit_label = _required(unit_label, "unit_label", _("The unit column"))
    metric = _required(metric, "metric", _("The metric"))
    if value_unit not in TargetTable.ValueUnit.values or scale not in TargetTable.Scale.values:
        raise DomainError(
            MeetingsErrorCode.VALIDATION, _("Unknown unit of the values."), field="value_unit"
        )
    if not rows:
        raise DomainError(
            MeetingsErrorCode.VALIDATION, _("A target table needs at least one row."), field="rows"
        )
    clean: list[tuple[str, Decimal, str]] = []
    for number, row in enumerate(rows, 1):
        name = _required(str(row[0]), f"rows[{number}].name", _("The unit name"))
        remark = _nfc(str(row[2])) if len(row) > 2 else ""
        clean.append((name, _amount(row[1], f"rows[{number}].target"), remark))
    names = [r[0] for r in clean]
    if len(set(names)) != len(names):
        raise DomainError(
            MeetingsErrorCode.VALIDATION, _("A unit appears twice in the table."), field="rows"
        )
    table_name = _nfc(title) or f"{item.label or item.serial} {item.topic}: {metric}"
    rows_sum = sum((r[1] for r in clean), Decimal("0.00"))
    total_value = None if total in (None, "") else _amount(total, "total")
    if total_value is not None and total_value != rows_sum:
        raise DomainError(
            MeetingsErrorCode.TOTAL_MISMATCH,
            _(
                "In the table %(table)s the total %(total)s does not equal "
                "the sum of the rows %(sum)s."
            )
            % {"table": table_name, "total": total_value, "sum": rows_sum},
            table=table_name,
            total=str(total_value),
            sum=str(rows_sum),
        )
    with transaction.atomic():
        serial = (item.tables.aggregate(m=Max("serial"))["m"] or 0) + 1
        table = TargetTable.objects.create(
            item=item,
            serial=serial,
            title=_nfc(title),
            unit_label=unit_label,
            metric=metric,
            value_unit=value_unit,
            scale=scale,
            total=total_value,
            total_label=_nfc(total_label),
        )
        TargetRow.objects.bulk_create(
            TargetRow(table=table, serial=n, name=name, target=value, remark=remark)
            for n, (name, value, remark) in enumerate(clean, 1)
        )
        audit_record(
            event_type=events.TARGET_TABLE_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=table,
            summary={
                "meeting": meeting.pk,
                "item": item.serial,
                "rows": len(clean),
                "sum": str(rows_sum),
                "total": str(total_value) if total_value is not None else None,
            },
        )
    return table


def progress_record(
    *, actor: Any, row: TargetRow, achieved: Any, on: dt.date | None = None, note: str = ""
) -> Progress:
    """Progress against one target (allowed after approval: it is follow-up, not minutes)."""
    actor_role = _require(actor, row.table.item.meeting.unit)
    value = _amount(achieved, "achieved")
    on = on or timezone.localdate()
    with transaction.atomic():
        entry = Progress.objects.create(
            row=row, on=on, achieved=value, note=_nfc(note), actor=actor
        )
        audit_record(
            event_type=events.PROGRESS_RECORDED,
            actor=actor,
            actor_role=actor_role,
            obj=entry,
            summary={"row": row.name, "achieved": str(value), "on": on.isoformat()},
        )
    return entry
