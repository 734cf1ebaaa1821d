"""Every write of the meetings app: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import AdminUnit, User
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.locale import LocaleError
from nirvachan.meetings import events
from nirvachan.meetings.deadlines import Deadline, parse_deadline
from nirvachan.meetings.errors import MeetingsErrorCode
from nirvachan.meetings.minutes import MinutesData, TargetTableData
from nirvachan.meetings.models import (
    AgendaItem,
    Amendment,
    Decision,
    DecisionUpdate,
    Meeting,
    Progress,
    TargetRow,
    TargetTable,
)

S = Meeting.Status
# status -> the statuses it may move to (approval and circulation have their own services)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SCHEDULED: (S.HELD,),
    S.HELD: (S.DRAFTED,),
    S.DRAFTED: (S.HELD, S.APPROVED),
    S.APPROVED: (S.CIRCULATED,),
    S.CIRCULATED: (),
}
MEETING_FIELDS = ("body", "title", "date", "venue", "chair", "secretary", "participants", "opening")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _require(actor: Any, meeting_unit: AdminUnit) -> str:
    """The role under which `actor` may change meetings of the unit (system when None)."""
    if actor is None:
        return ""
    scope = scope_for(actor, Capability.MEETING_CHANGE, meeting_unit.path)
    if scope is None:
        raise DomainError(
            CoreErrorCode.OUT_OF_SCOPE,
            _("You may not record meetings in %(unit)s.") % {"unit": meeting_unit.name},
            unit=meeting_unit.code,
        )
    return scope.role


def _not_frozen(meeting: Meeting) -> None:
    if meeting.is_frozen:
        raise DomainError(
            MeetingsErrorCode.FROZEN,
            _("The minutes of %(title)s are approved; record a correction as an amendment.")
            % {"title": meeting.title},
            meeting=meeting.pk,
        )


def _required(value: str, field: str, label: str) -> str:
    value = _nfc(value)
    if not value:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("%(field)s is required.") % {"field": label},
            field=field,
        )
    return value


def deadline_from_text(text: str, *, field: str = "deadline") -> Deadline:
    try:
        return parse_deadline(text)
    except LocaleError:
        raise DomainError(
            MeetingsErrorCode.VALIDATION,
            _("%(text)s is not a deadline: write a date, a month (April 2023) or ongoing.")
            % {"text": text},
            field=field,
        ) from None


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


# --- reminders -----------------------------------------------------------------------------


def reminders_send(*, actor: Any = None, today: dt.date | None = None) -> dict[str, int]:
    """E-mail every implementer with an address their overdue and due-this-week decisions."""
    today = today or timezone.localdate()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    pending = (
        Decision.objects.exclude(status=Decision.Status.DONE)
        .filter(implementer_user__isnull=False, due__isnull=False, due__lte=week_end)
        .exclude(implementer_user__email="")
        .select_related("implementer_user", "item__meeting")
        .order_by("implementer_user_id", "due", "pk")
    )
    by_user: dict[int, list[Decision]] = {}
    for decision in pending:
        by_user.setdefault(decision.implementer_user_id or 0, []).append(decision)
    sent = 0
    for decisions in by_user.values():
        user = decisions[0].implementer_user
        assert user is not None
        lines = []
        for d in decisions:
            state = _("overdue") if d.due and d.due < today else _("due this week")
            lines.append(f"- [{state}, {d.due}] {d.item.meeting.title}: {d.text[:300]}")
        sent += send_mail(
            _("Decisions awaiting you: %(count)s") % {"count": len(decisions)},
            "\n".join(lines),
            None,
            [user.email],
        )
    with transaction.atomic():
        audit_record(
            event_type=events.REMINDERS_SENT,
            actor=actor,
            summary={"on": today.isoformat(), "mails": sent, "decisions": len(pending)},
        )
    return {"mails": sent, "decisions": sum(len(v) for v in by_user.values())}


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
