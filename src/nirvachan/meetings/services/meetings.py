"""Meetings: creating, updating, moving through their statuses and amending minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.meetings import events
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.models import AgendaItem, Amendment, Decision, Meeting
from nirvachan.meetings.services._common import S, _nfc, _not_frozen, _require, _required

# status -> the statuses it may move to (approval and circulation have their own services)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SCHEDULED: (S.HELD,),
    S.HELD: (S.DRAFTED,),
    S.DRAFTED: (S.HELD, S.APPROVED),
    S.APPROVED: (S.CIRCULATED,),
    S.CIRCULATED: (),
}
MEETING_FIELDS = ("body", "title", "date", "venue", "chair", "secretary", "participants", "opening")


# --- meetings ------------------------------------------------------------------------------


def _previous_meeting(unit: AdminUnit, body: str, date: dt.date) -> Meeting | None:
    return (
        Meeting.objects.filter(unit=unit, body=body, date__lte=date)
        .order_by("-date", "-pk")
        .first()
    )


def _review_text(previous: Meeting) -> str:
    lines = []
    for d in (
        Decision.objects.filter(item__meeting=previous)
        .exclude(status=Decision.Status.DONE)
        .select_related("item")
    ):
        status = str(Decision.Status(d.status).label)
        lines.append(
            f"{d.item.label or d.item.serial} · {d.text[:200]} · {d.implementer} · {status}"
        )
    return "\n".join(lines)


def meeting_create(
    *,
    actor: Any,
    unit: AdminUnit,
    body: str,
    title: str,
    date: dt.date,
    venue: str = "",
    chair: str = "",
    secretary: str = "",
    participants: str = "",
    opening: str = "",
    with_review: bool = True,
) -> Meeting:
    """A new meeting; when the body met before, it opens with the review of those minutes."""
    actor_role = _require(actor, unit)
    body = _required(body, "body", _("The body or committee"))
    title = _required(title, "title", _("The title"))
    with transaction.atomic():
        previous = _previous_meeting(unit, body, date)
        meeting = Meeting.objects.create(
            unit=unit,
            body=body,
            title=title,
            date=date,
            venue=_nfc(venue),
            chair=_nfc(chair),
            secretary=_nfc(secretary),
            participants=_nfc(participants),
            opening=_nfc(opening),
            previous=previous,
        )
        if with_review and previous is not None:
            review = AgendaItem.objects.create(
                meeting=meeting,
                serial=0,
                topic=str(_("Review of the previous minutes")),
                discussion=_review_text(previous),
                is_review=True,
            )
            for number, d in enumerate(
                Decision.objects.filter(item__meeting=previous).exclude(status="done"), 1
            ):
                Decision.objects.create(
                    item=review,
                    serial=number,
                    text=d.text,
                    implementer=d.implementer,
                    implementer_user=d.implementer_user,
                    implementer_unit=d.implementer_unit,
                    deadline_kind=d.deadline_kind,
                    deadline=d.deadline,
                    due=d.due,
                    deadline_text=d.deadline_text,
                    status=d.status,
                )
        audit_record(
            event_type=events.MEETING_CREATED,
            actor=actor,
            actor_role=actor_role,
            obj=meeting,
            summary={
                "unit": unit.code,
                "body": body,
                "title": title,
                "date": date.isoformat(),
                "previous": previous.pk if previous else None,
            },
        )
    return meeting


def meeting_update(*, actor: Any, meeting: Meeting, **changes: Any) -> Meeting:
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("These fields cannot be changed: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
        )
    actor_role = _require(actor, meeting.unit)
    _not_frozen(meeting)
    clean = {k: _nfc(v) if isinstance(v, str) else v for k, v in changes.items()}
    for key in ("body", "title"):
        if key in clean and not clean[key]:
            raise DomainError(
                MeetingsErrorCode.VALIDATION,
                _("%(field)s is required.") % {"field": key},
                field=key,
            )
    diff = {
        k: [str(getattr(meeting, k)), str(v)] for k, v in clean.items() if getattr(meeting, k) != v
    }
    if not diff:
        return meeting
    with transaction.atomic():
        for key, value in clean.items():
            setattr(meeting, key, value)
        meeting.save()
        audit_record(
            event_type=events.MEETING_UPDATED,
            actor=actor,
            actor_role=actor_role,
            obj=meeting,
            summary={"changes": diff},
        )
    return meeting


def meeting_status_set(*, actor: Any, meeting: Meeting, status: str) -> Meeting:
    """Move a meeting on: scheduled → held → minutes drafted → approved → circulated."""
    actor_role = _require(actor, meeting.unit)
    if status not in TRANSITIONS.get(meeting.status, ()):
        raise DomainError(
            MeetingsErrorCode.BAD_TRANSITION,
            _("A meeting that is %(current)s cannot become %(status)s.")
            % {
                "current": Meeting.Status(meeting.status).label,
                "status": Meeting.Status(status).label
                if status in Meeting.Status.values
                else status,
            },
            current=meeting.status,
            status=status,
        )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.status != meeting.status:
            raise DomainError(
                MeetingsErrorCode.BAD_TRANSITION,
                _("The meeting was changed meanwhile; reload it."),
                current=locked.status,
            )
        before = meeting.status
        meeting.status = status
        now = timezone.now()
        event = events.MEETING_STATUS_CHANGED
        if status == S.APPROVED:
            meeting.approved_at = now
            event = events.MINUTES_APPROVED
        elif status == S.CIRCULATED:
            meeting.circulated_at = now
            event = events.MINUTES_CIRCULATED
        meeting.save(update_fields=["status", "approved_at", "circulated_at"])
        audit_record(
            event_type=event,
            actor=actor,
            actor_role=actor_role,
            obj=meeting,
            summary={"from": before, "to": status},
        )
    return meeting


def meeting_amend(
    *, actor: Any, meeting: Meeting, target: str, text: str, reason: str = ""
) -> Amendment:
    """A correction to approved minutes, recorded next to the frozen text."""
    actor_role = _require(actor, meeting.unit)
    if not meeting.is_frozen:
        raise DomainError(
            MeetingsErrorCode.NOT_APPROVED,
            _("The minutes are not approved yet; change them directly."),
            meeting=meeting.pk,
        )
    target = _required(target, "target", _("What is corrected"))
    text = _required(text, "text", _("The correction"))
    with transaction.atomic():
        serial = (meeting.amendments.aggregate(m=Max("serial"))["m"] or 0) + 1
        amendment = Amendment.objects.create(
            meeting=meeting,
            serial=serial,
            target=target,
            text=text,
            reason=_nfc(reason),
            actor=actor,
        )
        audit_record(
            event_type=events.MINUTES_AMENDED,
            actor=actor,
            actor_role=actor_role,
            obj=meeting,
            summary={"serial": serial, "target": target, "text": text},
        )
    return amendment
