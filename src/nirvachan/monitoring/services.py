"""Every write of the monitoring app: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Office
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Election, Phase
from nirvachan.locale import (
    LocaleError,
    bangla_date,
    format_bangla_date,
    parse_memo_number,
    to_native_digits,
)
from nirvachan.monitoring import events
from nirvachan.monitoring import obligations as plan
from nirvachan.monitoring.circular_text import CircularTextError, parse_circular
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import (
    Body,
    BodyKind,
    Circular,
    CircularRecipient,
    Expense,
    ExpenseLimit,
    Incident,
    IncidentStep,
    Member,
    Obligation,
    Report,
    ReportingRule,
)

RESPONSE_MINUTES = 100  # cVIGIL's promise; configurable per call
FOLLOW_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
S = Incident.Status
# status -> the statuses it may move to
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REPORTED: (S.ASSIGNED, S.DROPPED),
    S.ASSIGNED: (S.VERIFIED, S.DROPPED),
    S.VERIFIED: (S.ACTION, S.CLOSED, S.DROPPED),
    S.ACTION: (S.CLOSED,),
    S.CLOSED: (),
    S.DROPPED: (),
}
DROP_REASONS = ("unfounded", "duplicate")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _required(value: str, field: str, label: str) -> str:
    value = _nfc(value)
    if not value:
        raise DomainError(
            Code.VALIDATION, _("%(field)s is required.") % {"field": label}, field=field
        )
    return value


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _country_unit(country: str) -> AdminUnit:
    return AdminUnit.objects.get(code=country, depth=0)


# --- poll date and rules -----------------------------------------------------------------------


def poll_date_of(election: Election) -> dt.date:
    """The first poll date of the election's phases."""
    poll: dt.date | None = Phase.objects.filter(election=election).aggregate(p=Min("poll_date"))[
        "p"
    ]
    if poll is None:
        raise DomainError(
            Code.NO_POLL_DATE,
            _("Election %(code)s has no poll date yet; schedule a phase first.")
            % {"code": election.code},
            election=election.code,
        )
    return poll


def _seed_rules(election: Election) -> None:
    if ReportingRule.objects.filter(election=election).exists():
        return
    ReportingRule.objects.bulk_create(
        ReportingRule(
            election=election,
            body_kind=kind,
            code=r.code,
            kind=str(r.kind),
            every_days=r.every_days,
            window_days=r.window_days,
            offset_days=r.offset_days,
        )
        for kind, rules in plan.SEED_RULES.items()
        for r in rules
    )


def rules_for(election: Election) -> dict[str, list[plan.Rule]]:
    """The election's rules by body kind (the seed's defaults until the commission sets them)."""
    _seed_rules(election)
    out: dict[str, list[plan.Rule]] = {k: [] for k in BodyKind.values}
    for r in ReportingRule.objects.filter(election=election):
        out[r.body_kind].append(
            plan.Rule(
                r.code,
                plan.RuleKind(r.kind),
                every_days=r.every_days,
                window_days=r.window_days,
                offset_days=r.offset_days,
            )
        )
    return out


def rule_set(
    *,
    actor: Any,
    election: Election,
    body_kind: str,
    code: str,
    kind: str,
    every_days: int = 0,
    window_days: int = 0,
    offset_days: int = 0,
    today: dt.date | None = None,
) -> ReportingRule:
    """Create or change one reporting rule (commission level), then regenerate obligations."""
    actor_role = require_scope(actor, Capability.ELECTION_MANAGE, _country_unit(election.country))
    if body_kind not in BodyKind.values:
        raise DomainError(
            Code.VALIDATION,
            _("%(kind)s is not a type of body.") % {"kind": body_kind},
            field="body_kind",
        )
    if kind not in ReportingRule.Kind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a kind of rule.") % {"kind": kind}, field="kind"
        )
    try:
        plan.check_rule(plan.Rule(code, plan.RuleKind(kind), every_days, window_days, offset_days))
    except plan.RuleError:
        raise DomainError(
            Code.VALIDATION,
            _("Rule %(code)s must repeat at least every 1 day.") % {"code": code},
            field="every_days",
        ) from None
    with transaction.atomic():
        _seed_rules(election)
        rule, _created = ReportingRule.objects.update_or_create(
            election=election,
            body_kind=body_kind,
            code=_required(code, "code", _("Code")),
            defaults={
                "kind": kind,
                "every_days": every_days,
                "window_days": window_days,
                "offset_days": offset_days,
            },
        )
        audit_record(
            event_type=events.RULES_SET,
            actor=actor,
            actor_role=actor_role,
            obj=rule,
            summary={"election": election.code, "body_kind": body_kind, "code": rule.code},
        )
        obligations_generate(actor=None, election=election, today=today)
    return rule


# --- bodies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberData:
    name: str
    office: str = ""
    role: str = ""
    contact: str = ""
    is_leader: bool = False


def body_form(
    *,
    actor: Any,
    election: Election,
    unit: AdminUnit,
    kind: str,
    name: str,
    formed_on: dt.date,
    members: list[MemberData] | None = None,
    today: dt.date | None = None,
) -> Body:
    """Form a team, cell or committee with its members, and generate its obligations."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, unit)
    if kind not in BodyKind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a type of body.") % {"kind": kind}, field="kind"
        )
    name = _required(name, "name", _("Name"))
    members = members or []
    if sum(1 for m in members if m.is_leader) > 1:
        raise DomainError(
            Code.VALIDATION, _("A body has one leader only."), field="members", body=name
        )
    if Body.objects.filter(election=election, unit=unit, name=name).exists():
        raise DomainError(
            Code.VALIDATION,
            _("%(unit)s already has a body named %(name)s.") % {"unit": unit.name, "name": name},
            field="name",
        )
    with transaction.atomic():
        body = Body.objects.create(
            election=election, unit=unit, kind=kind, name=name, formed_on=formed_on
        )
        for i, m in enumerate(members, start=1):
            Member.objects.create(
                body=body,
                name=_required(m.name, f"members[{i}].name", _("Name")),
                office=_nfc(m.office),
                role=_nfc(m.role),
                contact=_nfc(m.contact),
                is_leader=m.is_leader,
            )
        audit_record(
            event_type=events.BODY_FORMED,
            actor=actor,
            actor_role=actor_role,
            obj=body,
            summary={"election": election.code, "unit": unit.code, "kind": kind, "name": name},
        )
        _generate([body], rules_for(election), poll_date_of(election), today)
    return body


def member_add(
    *,
    actor: Any,
    body: Body,
    name: str,
    office: str = "",
    role: str = "",
    contact: str = "",
    is_leader: bool = False,
) -> Member:
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, body.unit)
    name = _required(name, "name", _("Name"))
    with transaction.atomic():
        if is_leader:
            Member.objects.filter(body=body, is_leader=True).update(is_leader=False)
        member = Member.objects.create(
            body=body,
            name=name,
            office=_nfc(office),
            role=_nfc(role),
            contact=_nfc(contact),
            is_leader=is_leader,
        )
        audit_record(
            event_type=events.MEMBER_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=member,
            summary={"body": body.pk, "name": name, "leader": is_leader},
        )
    return member


# --- obligations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenerateResult:
    added: int
    superseded: int
    kept: int


def _generate(
    bodies: list[Body],
    rules: dict[str, list[plan.Rule]],
    poll: dt.date,
    today: dt.date | None,
) -> GenerateResult:
    today = today or timezone.localdate()
    now = timezone.now()
    existing: dict[int, list[Obligation]] = {b.pk: [] for b in bodies}
    for o in Obligation.objects.filter(body__in=bodies, superseded_at__isnull=True).values(
        "pk", "body_id", "code", "due_on", "report__id"
    ):
        existing[o["body_id"]].append(o)  # type: ignore[arg-type]
    new: list[Obligation] = []
    drop: list[int] = []
    kept = 0
    for body in bodies:
        rows: list[Any] = existing[body.pk]
        body_rules = rules.get(body.kind, [])
        if not rows:  # a new body: its whole schedule, past dates included
            fresh = plan.schedule(body_rules, formed=body.formed_on, poll=poll)
            new.extend(
                Obligation(
                    body=body, code=d.code, due_on=d.on, due_at=_end_of_day(d.on), poll_date=poll
                )
                for d in fresh
            )
            continue
        by_due = {plan.Due(r["due_on"], r["code"]): r for r in rows}
        done = frozenset(d for d, r in by_due.items() if r["report__id"] is not None)
        result = plan.replan(
            list(by_due),
            body_rules,
            formed=body.formed_on,
            poll=poll,
            today=today,
            done=done,
        )
        kept += len(result.keep)
        drop.extend(by_due[d]["pk"] for d in result.drop)
        new.extend(
            Obligation(
                body=body, code=d.code, due_on=d.on, due_at=_end_of_day(d.on), poll_date=poll
            )
            for d in result.add
        )
    if drop:
        Obligation.objects.filter(pk__in=drop).update(superseded_at=now)
    Obligation.objects.bulk_create(new, batch_size=2000)
    return GenerateResult(added=len(new), superseded=len(drop), kept=kept)


def obligations_generate(
    *, actor: Any, election: Election, today: dt.date | None = None
) -> GenerateResult:
    """Generate (or regenerate, after the poll date or the rules changed) every body's
    obligations. Past and reported obligations are kept as history; future ones that no longer
    fit are marked superseded."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, _country_unit(election.country))
    poll = poll_date_of(election)
    with transaction.atomic():
        bodies = list(Body.objects.filter(election=election))
        result = _generate(bodies, rules_for(election), poll, today)
        audit_record(
            event_type=events.OBLIGATIONS_GENERATED,
            actor=actor,
            actor_role=actor_role,
            obj=election,
            summary={
                "election": election.code,
                "poll_date": poll.isoformat(),
                "bodies": len(bodies),
                "added": result.added,
                "superseded": result.superseded,
            },
        )
    return result


# --- reports -----------------------------------------------------------------------------------


def report_submit(
    *,
    actor: Any,
    body: Body,
    situation: str,
    obligation: Obligation | None = None,
    law_and_order: str = "",
    code_of_conduct: str = "",
    expenses_observed: str = "",
    attachment: Any = None,
    at: dt.datetime | None = None,
) -> Report:
    """A report of the body, answering one obligation (or none: an event report)."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, body.unit)
    situation = _required(situation, "situation", _("Situation summary"))
    with transaction.atomic():
        if obligation is not None:
            obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
            if obligation.body_id != body.pk or obligation.superseded_at is not None:
                raise DomainError(
                    Code.VALIDATION,
                    _("Obligation %(id)s is not open for %(body)s.")
                    % {"id": obligation.pk, "body": body.name},
                    field="obligation",
                )
            if Report.objects.filter(obligation=obligation).exists():
                raise DomainError(
                    Code.ALREADY_REPORTED,
                    _("The report due on %(date)s was already submitted.")
                    % {"date": obligation.due_on.isoformat()},
                    obligation=obligation.pk,
                )
        report = Report.objects.create(
            body=body,
            obligation=obligation,
            submitted_at=at or timezone.now(),
            submitted_by=actor,
            situation=situation,
            law_and_order=_nfc(law_and_order),
            code_of_conduct=_nfc(code_of_conduct),
            expenses_observed=_nfc(expenses_observed),
            attachment=attachment or "",
        )
        audit_record(
            event_type=events.REPORT_SUBMITTED,
            actor=actor,
            actor_role=actor_role,
            obj=report,
            summary={
                "body": body.pk,
                "obligation": obligation.pk if obligation else None,
                "late": bool(obligation and report.submitted_at > obligation.due_at),
            },
        )
    return report


# --- incidents ---------------------------------------------------------------------------------


def _follow_code() -> str:
    return "".join(secrets.choice(FOLLOW_ALPHABET) for _ in range(8))


def incident_report(
    *,
    actor: Any,
    election: Election,
    unit: AdminUnit,
    kind: str,
    description: str,
    occurred_at: dt.datetime,
    location: str = "",
    anonymous: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    by_candidate: bool = False,
    candidate: str = "",
    attachment: Any = None,
    response_minutes: int = RESPONSE_MINUTES,
    at: dt.datetime | None = None,
) -> Incident:
    """An incident reported by an officer (actor) or a citizen (actor None, public form)."""
    if actor is not None:
        actor_role = require_scope(actor, Capability.MONITORING_CHANGE, unit)
    else:
        actor_role = ""
    if kind not in Incident.Kind.values:
        raise DomainError(
            Code.VALIDATION, _("%(kind)s is not a type of incident.") % {"kind": kind}, field="kind"
        )
    description = _required(description, "description", _("Description"))
    if response_minutes < 1:
        raise DomainError(
            Code.VALIDATION, _("The response time must be at least 1 minute."), field="minutes"
        )
    now = at or timezone.now()
    if occurred_at > now + dt.timedelta(minutes=5):
        raise DomainError(
            Code.VALIDATION, _("The time of the incident is in the future."), field="occurred_at"
        )
    if anonymous:
        contact_name = contact_phone = ""
    with transaction.atomic():
        incident = Incident.objects.create(
            election=election,
            unit=unit,
            kind=kind,
            description=description,
            location=_nfc(location),
            occurred_at=occurred_at,
            reported_at=now,
            reporter=Incident.Reporter.OFFICER if actor else Incident.Reporter.CITIZEN,
            reported_by=actor,
            anonymous=anonymous,
            contact_name=_nfc(contact_name),
            contact_phone=_nfc(contact_phone),
            follow_code=_follow_code(),
            attachment=attachment or "",
            by_candidate=by_candidate,
            candidate=_nfc(candidate),
            deadline_at=now + dt.timedelta(minutes=response_minutes),
        )
        IncidentStep.objects.create(incident=incident, status=S.REPORTED, at=now, actor=actor)
        audit_record(
            event_type=events.INCIDENT_REPORTED,
            actor=actor,
            actor_role=actor_role,
            obj=incident,
            summary={"unit": unit.code, "kind": kind, "citizen": actor is None},
        )
    return incident


def notice_text(incident: Incident) -> str:
    """The written notice to the Commission of a violation by a candidate or agent."""
    return "\n".join(
        [
            _("To: the Election Commission"),
            _("Subject: violation of the code of conduct by a candidate or agent"),
            _("Election: %(e)s") % {"e": incident.election.name},
            _("Area: %(u)s") % {"u": incident.unit.name},
            _("Candidate or agent: %(c)s") % {"c": incident.candidate},
            _("Time: %(t)s") % {"t": f"{timezone.localtime(incident.occurred_at):%Y-%m-%d %H:%M}"},
            _("Place: %(p)s") % {"p": incident.location},
            _("Facts: %(d)s") % {"d": incident.description},
            _("Action taken: %(a)s") % {"a": incident.get_action_display()},
            _("Reference: %(r)s") % {"r": incident.follow_code},
        ]
    )


def incident_move(
    *,
    actor: Any,
    incident: Incident,
    status: str,
    note: str = "",
    team: Body | None = None,
    action: str = "",
    reason: str = "",
    at: dt.datetime | None = None,
) -> Incident:
    """One step of the lifecycle: assigned (to a team), verified, action, closed or dropped."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, incident.unit)
    now = at or timezone.now()
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if status not in TRANSITIONS.get(incident.status, ()):
            raise DomainError(
                Code.BAD_TRANSITION,
                _("Incident %(code)s cannot move from %(old)s to %(new)s.")
                % {"code": incident.follow_code, "old": incident.status, "new": status},
                status=status,
            )
        if status == S.ASSIGNED:
            if team is None or team.election_id != incident.election_id:
                raise DomainError(
                    Code.VALIDATION, _("Choose a team of this election."), field="team"
                )
            incident.team = team
        if status == S.ACTION:
            if action not in Incident.Action.values:
                raise DomainError(
                    Code.VALIDATION, _("Choose the action taken."), field="action", action=action
                )
            incident.action = action
        if status == S.DROPPED:
            if reason not in DROP_REASONS:
                raise DomainError(
                    Code.VALIDATION,
                    _("An incident is dropped as unfounded or duplicate."),
                    field="reason",
                )
            incident.drop_reason = reason
        if status in (S.VERIFIED, S.DROPPED) and incident.responded_at is None:
            incident.responded_at = now
        incident.status = status
        if status == S.ACTION and incident.by_candidate:
            incident.notice = notice_text(incident)
        incident.save()
        IncidentStep.objects.create(
            incident=incident, status=status, at=now, actor=actor, note=_nfc(note)
        )
        audit_record(
            event_type=events.INCIDENT_MOVED,
            actor=actor,
            actor_role=actor_role,
            obj=incident,
            summary={"status": status, "action": action, "reason": reason},
        )
        if incident.notice and status == S.ACTION:
            audit_record(
                event_type=events.NOTICE_ISSUED,
                actor=actor,
                actor_role=actor_role,
                obj=incident,
                summary={"candidate": incident.candidate},
            )
    return incident


# --- expenses ----------------------------------------------------------------------------------


def expense_limit_set(
    *, actor: Any, country: str, election_kind: str, amount: Decimal
) -> ExpenseLimit:
    actor_role = require_scope(actor, Capability.ELECTION_MANAGE, _country_unit(country))
    if amount <= 0:
        raise DomainError(Code.VALIDATION, _("The limit must be above zero."), field="amount")
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
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, unit)
    if source not in Expense.Source.values:
        raise DomainError(Code.VALIDATION, _("Unknown source."), field="source")
    if category not in Expense.Category.values:
        raise DomainError(Code.VALIDATION, _("Unknown category."), field="category")
    if amount <= 0:
        raise DomainError(Code.VALIDATION, _("The amount must be above zero."), field="amount")
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
        )
        audit_record(
            event_type=events.EXPENSE_RECORDED,
            actor=actor,
            actor_role=actor_role,
            obj=expense,
            summary={"candidate": expense.candidate, "source": source, "amount": str(amount)},
        )
    return expense


# --- circulars ---------------------------------------------------------------------------------


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
