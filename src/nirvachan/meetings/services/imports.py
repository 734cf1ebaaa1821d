"""Importing the minutes of a meeting."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.locale import LocaleError
from nirvachan.meetings import events
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.minutes import MinutesData, TargetTableData
from nirvachan.meetings.models import AgendaItem, Meeting
from nirvachan.meetings.services._common import S
from nirvachan.meetings.services.decisions import agenda_item_add, decision_add
from nirvachan.meetings.services.meetings import meeting_create
from nirvachan.meetings.services.targets import target_table_add

# --- import --------------------------------------------------------------------------------


def _table_scale(data: TargetTableData) -> tuple[str, str]:
    return data.value_unit, data.scale


def minutes_import(
    *,
    actor: Any,
    unit: AdminUnit,
    minutes: MinutesData,
    body: str = "",
    source: str = "",
) -> Meeting:
    """Create a meeting (status minutes drafted) from parsed minutes, all or nothing."""
    from nirvachan.locale import parse_date

    date_text = minutes.header.get("date", "")
    try:
        date = parse_date(date_text.replace("-", " "))
    except LocaleError:
        raise DomainError(
            MeetingsErrorCode.IMPORT,
            _("The date %(text)s of the minutes cannot be read.") % {"text": date_text},
            field="date",
        ) from None
    with transaction.atomic():
        audit_record(
            event_type=events.IMPORT_STARTED,
            actor=actor,
            summary={"source": source, "unit": unit.code},
        )
        meeting = meeting_create(
            actor=actor,
            unit=unit,
            body=body or minutes.title,
            title=minutes.title,
            date=date,
            venue=minutes.header.get("venue", ""),
            chair=minutes.header.get("chair", ""),
            secretary=minutes.header.get("secretary", ""),
            participants=minutes.header.get("participants", ""),
            opening=minutes.opening,
            with_review=False,
        )
        meeting.chair_signature = "\n".join(minutes.chair_signature)
        meeting.secretary_signature = "\n".join(minutes.secretary_signature)
        meeting.status = S.DRAFTED
        meeting.save(update_fields=["chair_signature", "secretary_signature", "status"])
        for data in minutes.items:
            item = agenda_item_add(
                actor=actor,
                meeting=meeting,
                topic=data.topic,
                discussion="\n".join(data.discussion),
                label=data.label,
                serial=data.serial,
            )
            if data.serial == 0:
                AgendaItem.objects.filter(pk=item.pk).update(is_review=True)
            for text in data.decisions:
                decision_add(
                    actor=actor,
                    item=item,
                    text=text,
                    implementer=data.implementer,
                    deadline=data.deadline,
                )
            for table in data.tables:
                value_unit, scale = _table_scale(table)
                target_table_add(
                    actor=actor,
                    item=item,
                    unit_label=table.unit_label,
                    metric=table.metric,
                    rows=[(r.name, r.value, r.remark) for r in table.rows],
                    value_unit=value_unit,
                    scale=scale,
                    total=table.total,
                    total_label=table.total_label,
                )
        audit_record(
            event_type=events.IMPORT_COMPLETED,
            actor=actor,
            obj=meeting,
            summary={"source": source, "outcome": "ok", "items": len(minutes.items)},
        )
    return meeting
