"""Agenda items, decisions and their follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, User
from nirvachan.meetings import events
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.models import AgendaItem, Decision, DecisionUpdate, Meeting
from nirvachan.meetings.services._common import (
    _nfc,
    _not_frozen,
    _require,
    _required,
    deadline_from_text,
)

# --- agenda items and decisions ------------------------------------------------------------


def agenda_item_add(
    *,
    actor: Any,
    meeting: Meeting,
    topic: str,
    discussion: str = "",
    label: str = "",
    serial: int | None = None,
) -> AgendaItem:
    actor_role = _require(actor, meeting.unit)
    _not_frozen(meeting)
    topic = _required(topic, "topic", _("The topic"))
    with transaction.atomic():
        if serial is None:
            serial = (meeting.items.aggregate(m=Max("serial"))["m"] or 0) + 1
        elif meeting.items.filter(serial=serial).exists():
            raise DomainError(
                MeetingsErrorCode.VALIDATION,
                _("Agenda item %(serial)s exists already.") % {"serial": serial},
                field="serial",
            )
        item = AgendaItem.objects.create(
            meeting=meeting,
            serial=serial,
            label=_nfc(label) or (f"{serial:02d}" if serial else ""),
            topic=topic,
            discussion=_nfc(discussion),
        )
        audit_record(
            event_type=events.ITEM_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=item,
            summary={"meeting": meeting.pk, "serial": serial, "topic": topic},
        )
    return item


def decision_add(
    *,
    actor: Any,
    item: AgendaItem,
    text: str,
    implementer: str = "",
    implementer_user: User | None = None,
    implementer_unit: AdminUnit | None = None,
    deadline: str = "",
) -> Decision:
    """A decision; `deadline` is a date, a month ("এপ্রিল/২৩", "April 2023") or "ongoing"."""
    meeting = item.meeting
    actor_role = _require(actor, meeting.unit)
    _not_frozen(meeting)
    text = _required(text, "text", _("The decision"))
    parsed = deadline_from_text(deadline)
    implementer = _nfc(implementer) or (
        implementer_user.get_full_name() or implementer_user.get_username()
        if implementer_user
        else ""
    )
    with transaction.atomic():
        serial = (item.decisions.aggregate(m=Max("serial"))["m"] or 0) + 1
        decision = Decision.objects.create(
            item=item,
            serial=serial,
            text=text,
            implementer=implementer,
            implementer_user=implementer_user,
            implementer_unit=implementer_unit,
            deadline_kind=parsed.kind,
            deadline=parsed.day,
            due=parsed.due,
            deadline_text=_nfc(deadline),
        )
        audit_record(
            event_type=events.DECISION_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=decision,
            summary={
                "meeting": meeting.pk,
                "item": item.serial,
                "implementer": implementer,
                "deadline": parsed.kind,
                "due": parsed.due.isoformat() if parsed.due else None,
            },
        )
    return decision


def decision_follow_up(
    *,
    actor: Any,
    decision: Decision,
    status: str,
    note: str = "",
    evidence: str = "",
    on: dt.date | None = None,
) -> DecisionUpdate:
    """A dated follow-up by the implementer (or the meeting's secretary): status, note, evidence.

    Allowed after approval: following a decision up does not change the minutes."""
    if status not in Decision.Status.values:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("Unknown status %(status)s.") % {"status": status},
            field="status",
        )
    actor_role = "implementer"
    if actor is None or decision.implementer_user_id != actor.pk:
        actor_role = _require(actor, decision.item.meeting.unit)
    note, evidence = _nfc(note), _nfc(evidence)
    if status == decision.status and not note and not evidence:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("Write a note or attach evidence, or change the status."),
            field="note",
        )
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        before = locked.status
        update = DecisionUpdate.objects.create(
            decision=locked, on=on, actor=actor, status=status, note=note, evidence=evidence
        )
        locked.status = status
        locked.done_at = on if status == Decision.Status.DONE else None
        locked.save(update_fields=["status", "done_at"])
        decision.status, decision.done_at = locked.status, locked.done_at
        audit_record(
            event_type=events.DECISION_UPDATED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary={"from": before, "to": status, "on": on.isoformat(), "evidence": evidence},
        )
    return update
