"""Circulars: drafted (or read from their text), issued to recipients, acknowledged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election
from nirvachan.locale import (
    LocaleError,
    bangla_date,
    format_bangla_date,
    parse_memo_number,
    to_native_digits,
)
from nirvachan.monitoring import events
from nirvachan.monitoring.circular_text import CircularTextError, parse_circular
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Circular, CircularRecipient
from nirvachan.monitoring.services._common import _end_of_day, _nfc, _required


def _text_list(values: list[str] | tuple[str, ...]) -> list[str]:
    return [v for v in (_nfc(x) for x in values) if v]


def circular_draft(
    *,
    actor: Any,
    unit: AdminUnit,
    memo_number: str,
    date: dt.date,
    subject: str,
    paragraphs: list[str] | list[dict[str, str]],
    signatory_name: str,
    signatory_lines: list[str] | tuple[str, ...] = (),
    distribution: list[str] | tuple[str, ...] = (),
    copies: list[str] | tuple[str, ...] = (),
    copy_purpose: str = "",
    heading: list[str] | tuple[str, ...] = (),
    title: str = "",
    preamble: str = "",
    election: Election | None = None,
) -> Circular:
    """Draft a circular of `unit` (its issuing office's area). Paragraphs given as plain strings
    are numbered 1, 2, … in Bengali digits; as {"number", "text"} they keep their numbers."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, unit)
    raw = _required(memo_number, "memo_number", _("Memo number"))
    try:
        memo = parse_memo_number(raw)
    except LocaleError as exc:
        raise DomainError(
            Code.VALIDATION,
            _("The memo number %(memo)s cannot be read: %(error)s")
            % {"memo": raw, "error": str(exc)},
            field="memo_number",
        ) from None
    subject = _required(subject, "subject", _("Subject"))
    signatory_name = _required(signatory_name, "signatory_name", _("Signatory"))
    given = [
        (_nfc(p.get("number", "")), _nfc(p.get("text", "")))
        if isinstance(p, dict)
        else ("", _nfc(p))
        for p in paragraphs
    ]
    paras = [
        {"number": number or to_native_digits(n, "beng"), "text": text}
        for n, (number, text) in enumerate([g for g in given if g[1]], start=1)
    ]
    if not paras:
        raise DomainError(
            Code.VALIDATION, _("A circular needs at least one paragraph."), field="paragraphs"
        )
    if Circular.objects.filter(memo_key=memo.key).exists():
        raise DomainError(
            Code.CIRCULAR_DUPLICATE,
            _("A circular with memo number %(memo)s already exists.") % {"memo": raw},
            field="memo_number",
        )
    with transaction.atomic():
        circular = Circular.objects.create(
            election=election,
            unit=unit,
            memo_number=memo.text,
            memo_key=memo.key,
            date=date,
            bangla_date=format_bangla_date(bangla_date(date)),
            heading=_text_list(heading),
            title=_nfc(title),
            subject=subject,
            preamble=_nfc(preamble),
            paragraphs=paras,
            signatory_name=signatory_name,
            signatory_lines=_text_list(signatory_lines),
            distribution=_text_list(distribution),
            copy_purpose=_nfc(copy_purpose),
            copies=_text_list(copies),
            created_by=actor,
        )
        audit_record(
            event_type=events.CIRCULAR_DRAFTED,
            actor=actor,
            actor_role=actor_role,
            obj=circular,
            summary={"memo": memo.text, "unit": unit.code, "subject": subject[:100]},
        )
    return circular


def circular_from_text(
    *, actor: Any, unit: AdminUnit, text: str, election: Election | None = None
) -> Circular:
    """Draft a circular from its text (as in seed 000)."""
    try:
        parsed = parse_circular(text)
    except CircularTextError as exc:
        raise DomainError(
            Code.VALIDATION,
            _("The circular cannot be read: %(error)s") % {"error": str(exc)},
            field=exc.part,
        ) from None
    return circular_draft(
        actor=actor,
        unit=unit,
        election=election,
        memo_number=parsed.memo.text,
        date=parsed.date,
        subject=parsed.subject,
        paragraphs=[{"number": p.number, "text": p.text} for p in parsed.paragraphs],
        signatory_name=parsed.signatory_name,
        signatory_lines=parsed.signatory_lines,
        distribution=parsed.distribution,
        copies=parsed.copies,
        copy_purpose=parsed.copy_purpose,
        heading=parsed.heading,
        title=parsed.title,
        preamble=parsed.preamble,
    )


@dataclass(frozen=True)
class Recipient:
    unit: AdminUnit
    office: Office | None = None


def circular_issue(
    *,
    actor: Any,
    circular: Circular,
    recipients: list[Recipient],
    ack_days: int = 3,
    at: dt.datetime | None = None,
) -> Circular:
    """Issue a draft: it reaches each recipient (office or unit), who must acknowledge it
    within `ack_days` days (by the end of that day)."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, circular.unit)
    now = at or timezone.now()
    if not recipients:
        raise DomainError(Code.VALIDATION, _("Choose at least one recipient."), field="recipients")
    if not 1 <= ack_days <= 60:
        raise DomainError(
            Code.VALIDATION,
            _("The days to acknowledge must be between 1 and 60."),
            field="ack_days",
        )
    seen: set[tuple[int, int | None]] = set()
    for r in recipients:
        if r.office is not None and r.office.unit_id != r.unit.pk:
            raise DomainError(
                Code.VALIDATION,
                _("Office %(office)s is not in %(unit)s.")
                % {"office": r.office.code, "unit": r.unit.name},
                field="recipients",
            )
        key = (r.unit.pk, r.office.pk if r.office else None)
        if key in seen:
            raise DomainError(
                Code.VALIDATION,
                _("%(name)s is listed twice.") % {"name": (r.office or r.unit).name},
                field="recipients",
            )
        seen.add(key)
    due_at = _end_of_day(timezone.localtime(now).date() + dt.timedelta(days=ack_days))
    with transaction.atomic():
        circular = Circular.objects.select_for_update().get(pk=circular.pk)
        if circular.status != Circular.Status.DRAFT:
            raise DomainError(
                Code.CIRCULAR_NOT_DRAFT,
                _("Circular %(memo)s was already issued.") % {"memo": circular.memo_number},
                id=circular.pk,
            )
        circular.status = Circular.Status.ISSUED
        circular.issued_at = now
        circular.issued_by = actor
        circular.ack_days = ack_days
        circular.save(update_fields=["status", "issued_at", "issued_by", "ack_days"])
        CircularRecipient.objects.bulk_create(
            CircularRecipient(circular=circular, unit=r.unit, office=r.office, due_at=due_at)
            for r in recipients
        )
        audit_record(
            event_type=events.CIRCULAR_ISSUED,
            actor=actor,
            actor_role=actor_role,
            obj=circular,
            summary={
                "memo": circular.memo_number,
                "recipients": [r.office.code if r.office else r.unit.code for r in recipients],
                "due_at": due_at.isoformat(),
            },
        )
    return circular


def circular_acknowledge(
    *, actor: Any, recipient: CircularRecipient, at: dt.datetime | None = None
) -> CircularRecipient:
    """The recipient acknowledges receipt (প্রাপ্তি স্বীকার)."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, recipient.unit)
    now = at or timezone.now()
    with transaction.atomic():
        recipient = CircularRecipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.acknowledged_at is not None:
            raise DomainError(
                Code.ALREADY_ACKNOWLEDGED,
                _("Receipt of circular %(memo)s was already acknowledged for %(unit)s.")
                % {"memo": recipient.circular.memo_number, "unit": recipient.unit.name},
                id=recipient.pk,
            )
        recipient.acknowledged_at = now
        recipient.acknowledged_by = actor
        recipient.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(
            event_type=events.CIRCULAR_ACKNOWLEDGED,
            actor=actor,
            actor_role=actor_role,
            obj=recipient.circular,
            summary={
                "recipient": recipient.pk,
                "unit": recipient.unit.code,
                "late": now > recipient.due_at,
            },
        )
    return recipient
