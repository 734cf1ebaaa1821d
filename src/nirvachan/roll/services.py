"""Every write of the roll app (DESIGN.md convention 1): typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.locale import name_key
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import (
    Application,
    Elector,
    Gender,
    LookupCounter,
    LookupTrail,
    Part,
    PollingStation,
    Relation,
)

DELETIONS_PER_APPLICANT_PER_DAY = 5
BURST_THRESHOLD = 10  # Form 7 applications against one part within an hour
HEARING_AFTER_DAYS = 7


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _today() -> dt.date:
    return timezone.localdate()


def qualifying_dates() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "ROLL_QUALIFYING_DATES", rules.DEFAULT_QUALIFYING_DATES))


def _state_path(constituency: Constituency) -> str:
    """The state (India) or division (Bangladesh) above a constituency's unit."""
    codes = [c for c in constituency.unit.path.split("/") if c]
    return "/".join(codes[:2]) + "/"


# --- constituencies, stations and parts (created on first sight by imports) ----------------


def constituency_ensure(
    *, unit: AdminUnit, number: int, name: str, actor: Any = None
) -> Constituency:
    """The assembly constituency `number` of a state (or a Bangladesh district), created once."""
    code = f"{unit.code}-AC-{number}"
    found = Constituency.objects.filter(code=code).first()
    if found is not None:
        return found
    name = _nfc(name)
    with transaction.atomic():
        fields = {"name_en": name}
        if unit.country == "BD" and not name.isascii():
            fields = {"name_en": name, "name_bn": name}
        elif not name.isascii():
            fields = {"name_en": name, "name_hi": name}
        constituency = Constituency.objects.create(
            code=code, kind="ac", number=number, country=unit.country, unit=unit, **fields
        )
        audit_record(
            event_type=events.CONSTITUENCY_CREATED,
            actor=actor,
            obj=constituency,
            summary={"code": code, "name": name},
        )
    return constituency


def station_ensure(
    *, constituency: Constituency, number: int, name: str, address: str = ""
) -> PollingStation:
    station, _created = PollingStation.objects.get_or_create(
        constituency=constituency,
        number=number,
        defaults={"name": _nfc(name), "address": _nfc(address)},
    )
    return station


def part_ensure(
    *, constituency: Constituency, number: int, name: str, station: PollingStation
) -> Part:
    part, _created = Part.objects.get_or_create(
        constituency=constituency,
        number=number,
        defaults={"name": _nfc(name), "polling_station": station},
    )
    return part


# --- electors ------------------------------------------------------------------------------


def _next_serial(part: Part) -> int:
    """The next serial of a part, under a row lock on the part (select_for_update)."""
    locked = Part.objects.select_for_update().get(pk=part.pk)
    highest = Elector.objects.filter(part=locked).aggregate(m=Max("serial"))["m"] or 0
    serial = max(locked.last_serial, highest) + 1
    Part.objects.filter(pk=part.pk).update(last_serial=serial)
    return serial


def elector_add(
    *,
    actor: Any = None,
    part: Part,
    key: str,
    name: str,
    relative_name: str,
    relation: str,
    gender: str,
    dob: dt.date | None = None,
    age: int | None = None,
    age_on: dt.date | None = None,
    house_no: str = "",
    address: str = "",
    serial: int | None = None,
    application: Application | None = None,
) -> Elector:
    constituency = part.constituency
    actor_role = require_scope(actor, Capability.ROLL_MANAGE, constituency.unit)
    kind = rules.key_kind_for(constituency.country)
    key = rules.clean_key(key)
    if not rules.key_valid(kind, key):
        raise DomainError(
            RollErrorCode.MALFORMED_KEY,
            _("%(key)s is not a valid %(kind)s number.") % {"key": key, "kind": kind.upper()},
            field="epic",
        )
    name = _nfc(name)
    if not name:
        raise DomainError(RollErrorCode.VALIDATION, _("A name is required."), field="name")
    if relation not in Relation.values or gender not in Gender.values:
        raise DomainError(
            RollErrorCode.VALIDATION, _("Unknown relation or gender."), field="relation"
        )
    if dob is None and (age is None or age_on is None):
        raise DomainError(
            RollErrorCode.VALIDATION, _("A date of birth or an age is required."), field="dob"
        )
    with transaction.atomic():
        if Elector.objects.filter(key=key).exists():
            raise DomainError(
                RollErrorCode.DUPLICATE,
                _("%(key)s is already on the roll.") % {"key": key},
                field="epic",
            )
        if serial is None:
            serial = _next_serial(part)
        elif Elector.objects.filter(part=part, serial=serial).exists():
            raise DomainError(
                RollErrorCode.DUPLICATE,
                _("Serial %(serial)s is taken in part %(part)s.")
                % {"serial": serial, "part": part.number},
                field="serial",
            )
        else:
            Part.objects.filter(pk=part.pk, last_serial__lt=serial).update(last_serial=serial)
        relative_name = _nfc(relative_name)
        elector = Elector.objects.create(
            key_kind=kind,
            key=key,
            name=name,
            name_key=name_key(name),
            relative_name=relative_name,
            relative_key=name_key(relative_name) if relative_name else "",
            relation=relation,
            gender=gender,
            dob=dob,
            age=age,
            age_on=age_on,
            house_no=_nfc(house_no),
            address=_nfc(address),
            constituency=constituency,
            part=part,
            serial=serial,
            changed_by=application,
        )
        audit_record(
            event_type=events.ELECTOR_ADDED,
            actor=actor,
            actor_role=actor_role,
            obj=elector,
            summary={
                "epic": key,
                "part": part.number,
                "serial": serial,
                "application": application.pk if application else None,
            },
        )
    return elector


def _possible_duplicate(
    constituency: Constituency, key_of_name: str, relative_key: str, dob: dt.date
) -> Elector | None:
    years = (dob.year - 1, dob.year, dob.year + 1)
    candidates = Elector.objects.filter(
        name_key=key_of_name,
        relative_key=relative_key,
        status=Elector.Status.ACTIVE,
        constituency__unit__path__startswith=_state_path(constituency),
    ).only("pk", "dob", "age", "age_on")
    for candidate in candidates:
        year = rules.birth_year(candidate.dob, candidate.age, candidate.age_on)
        if year in years:
            return candidate
    return None


# --- Form 6 (inclusion) --------------------------------------------------------------------


def inclusion_submit(
    *,
    constituency: Constituency,
    part: Part | None,
    applicant_ref: str,
    name: str,
    relative_name: str,
    relation: str,
    gender: str,
    dob: dt.date,
    citizen: bool,
    resident: bool,
    house_no: str = "",
    address: str = "",
    nid: str = "",
    today: dt.date | None = None,
) -> Application:
    """Form 6: eligibility is checked now; a possible duplicate is flagged for the officer."""
    today = today or _today()
    name = _nfc(name)
    relative_name = _nfc(relative_name)
    if not name:
        raise DomainError(RollErrorCode.VALIDATION, _("A name is required."), field="name")
    if relation not in Relation.values:
        raise DomainError(RollErrorCode.VALIDATION, _("Unknown relation."), field="relation")
    if gender not in Gender.values:
        raise DomainError(RollErrorCode.VALIDATION, _("Unknown gender."), field="gender")
    if not citizen:
        raise DomainError(
            RollErrorCode.NOT_ELIGIBLE, _("Only citizens may be enrolled."), field="citizen"
        )
    if not resident:
        raise DomainError(
            RollErrorCode.NOT_ELIGIBLE,
            _("The applicant must be ordinarily resident in %(ac)s.") % {"ac": constituency.name},
            field="resident",
        )
    qdate = rules.qualifying_date_for(today, qualifying_dates())
    if rules.age_on(dob, qdate) < 18:
        raise DomainError(
            RollErrorCode.NOT_ELIGIBLE,
            _("The applicant will not be 18 on the qualifying date %(date)s.")
            % {"date": qdate.isoformat()},
            field="dob",
            qualifying_date=qdate.isoformat(),
        )
    if part is not None and part.constituency_id != constituency.pk:
        raise DomainError(RollErrorCode.VALIDATION, _("The part is not in this constituency."))
    kind = rules.key_kind_for(constituency.country)
    nid = rules.clean_key(nid)
    if kind == "nid" and not rules.key_valid("nid", nid):
        raise DomainError(
            RollErrorCode.MALFORMED_KEY, _("A valid NID number is required."), field="nid"
        )
    key_of_name = name_key(name)
    relative_key = name_key(relative_name) if relative_name else ""
    with transaction.atomic():
        application = Application.objects.create(
            form=Application.Form.INCLUSION,
            constituency=constituency,
            part=part,
            applicant_ref=_nfc(applicant_ref)[:40],
            name=name,
            name_key=key_of_name,
            relative_name=relative_name,
            relation=relation,
            gender=gender,
            dob=dob,
            house_no=_nfc(house_no),
            address=_nfc(address),
            qualifying_date=qdate,
            changes={"nid": nid} if nid else {},
            possible_duplicate=_possible_duplicate(constituency, key_of_name, relative_key, dob),
            submitted_at=timezone.now(),
        )
        audit_record(
            event_type=events.APPLICATION_SUBMITTED,
            obj=application,
            summary={
                "form": "6",
                "constituency": constituency.code,
                "qualifying_date": qdate.isoformat(),
                "possible_duplicate": application.possible_duplicate_id,
            },
        )
    return application


# --- Form 7 (objection / deletion) ---------------------------------------------------------


def deletion_submit(
    *,
    elector: Elector,
    applicant_ref: str,
    reason: str,
    hearing_date: dt.date | None = None,
) -> Application:
    """Form 7: a notice is issued and a hearing fixed; at most 5 per applicant per day; a burst
    against one part within an hour is flagged to the officer."""
    applicant_ref = _nfc(applicant_ref)[:40]
    reason = _nfc(reason)
    if not applicant_ref:
        raise DomainError(
            RollErrorCode.VALIDATION, _("The applicant must be named."), field="applicant"
        )
    if not reason:
        raise DomainError(RollErrorCode.VALIDATION, _("A reason is required."), field="reason")
    now = timezone.now()
    today = timezone.localdate(now)
    hearing_date = hearing_date or today + dt.timedelta(days=HEARING_AFTER_DAYS)
    if hearing_date <= today:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("The hearing must be after the notice date."),
            field="hearing_date",
        )
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        sent_today = Application.objects.filter(
            form=Application.Form.DELETION,
            applicant_ref=applicant_ref,
            submitted_at__gte=start_of_day,
        ).count()
        if sent_today >= DELETIONS_PER_APPLICANT_PER_DAY:
            refused = True
        else:
            refused = False
            application = Application.objects.create(
                form=Application.Form.DELETION,
                constituency=elector.constituency,
                part=elector.part,
                elector=elector,
                applicant_ref=applicant_ref,
                reason=reason,
                notice_date=today,
                hearing_date=hearing_date,
                submitted_at=now,
            )
            audit_record(
                event_type=events.APPLICATION_SUBMITTED,
                obj=application,
                summary={"form": "7", "epic": elector.key, "hearing_date": str(hearing_date)},
            )
            recent = Application.objects.filter(
                form=Application.Form.DELETION,
                part=elector.part,
                submitted_at__gte=now - dt.timedelta(hours=1),
            )
            if recent.count() >= BURST_THRESHOLD:
                newly = recent.filter(burst_flag=False).update(burst_flag=True)
                application.burst_flag = True
                if newly == recent.count():  # the burst is new: tell the officer once
                    audit_record(
                        event_type=events.DELETION_BURST,
                        obj=elector.part,
                        summary={"part": elector.part.number, "count": newly},
                    )
    if refused:
        with transaction.atomic():
            audit_record(
                event_type=events.DELETION_REFUSED,
                summary={"applicant": applicant_ref, "epic": elector.key},
            )
        raise DomainError(
            RollErrorCode.LIMIT_REACHED,
            _("An applicant may file at most %(n)s deletion applications a day.")
            % {"n": DELETIONS_PER_APPLICANT_PER_DAY},
            field="applicant",
        )
    return application


# --- Form 8 (correction / shift) -----------------------------------------------------------

CORRECTABLE = ("name", "relative_name", "relation", "gender", "dob", "house_no", "address")


def correction_submit(
    *, elector: Elector, applicant_ref: str, changes: dict[str, Any], reason: str = ""
) -> Application:
    """Form 8: corrected particulars and/or a new part (`part` = a Part id), within or between
    constituencies."""
    allowed = {*CORRECTABLE, "part"}
    unknown = sorted(set(changes) - allowed)
    if unknown or not changes:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Nothing to correct, or fields that cannot be corrected: %(fields)s.")
            % {"fields": ", ".join(unknown) or "-"},
            field="changes",
        )
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "part":
            if not Part.objects.filter(pk=value).exists():
                raise DomainError(RollErrorCode.VALIDATION, _("Unknown part."), field="part")
            clean[field] = int(value)
        elif field == "dob":
            parsed = rules.parse_iso_date(str(value))
            if parsed is None:
                raise DomainError(RollErrorCode.VALIDATION, _("Unreadable date."), field="dob")
            clean[field] = parsed.isoformat()
        else:
            clean[field] = _nfc(str(value))
    if clean.get("name") == "":
        raise DomainError(RollErrorCode.VALIDATION, _("A name is required."), field="name")
    with transaction.atomic():
        application = Application.objects.create(
            form=Application.Form.CORRECTION,
            constituency=elector.constituency,
            part=elector.part,
            elector=elector,
            applicant_ref=_nfc(applicant_ref)[:40],
            changes=clean,
            reason=_nfc(reason),
            submitted_at=timezone.now(),
        )
        audit_record(
            event_type=events.APPLICATION_SUBMITTED,
            obj=application,
            summary={"form": "8", "epic": elector.key, "fields": sorted(clean)},
        )
    return application


# --- verification and decision -------------------------------------------------------------


def application_verify(*, actor: Any, application: Application, report: str) -> Application:
    """The booth-level officer's field report."""
    actor_role = require_scope(actor, Capability.ROLL_VIEW, application.constituency.unit)
    report = _nfc(report)
    if not report:
        raise DomainError(RollErrorCode.VALIDATION, _("The report is empty."), field="report")
    with transaction.atomic():
        updated = Application.objects.filter(
            pk=application.pk, status=Application.Status.SUBMITTED
        ).update(status=Application.Status.VERIFIED, field_report=report)
        if not updated:
            raise DomainError(
                RollErrorCode.WRONG_STATE,
                _("Application %(id)s is not awaiting field verification.")
                % {"id": application.pk},
            )
        application.refresh_from_db()
        audit_record(
            event_type=events.APPLICATION_VERIFIED,
            actor=actor,
            actor_role=actor_role,
            obj=application,
            summary={"form": application.form},
        )
    return application


def _generated_epic(application: Application) -> str:
    constituency = application.constituency
    letters = "".join(ch for ch in constituency.unit.code.split("-")[-1] if ch.isalpha())
    prefix = (letters + "XX")[:2] + chr(ord("A") + (constituency.number or 0) % 26)
    number = 9_000_000 + application.pk
    while Elector.objects.filter(key=f"{prefix}{number:07d}").exists():
        number += 1
    return f"{prefix}{number % 10_000_000:07d}"


def _accept(actor: Any, application: Application) -> Elector | None:
    if application.form == Application.Form.INCLUSION:
        part = (
            application.part
            or Part.objects.filter(constituency=application.constituency).order_by("number").first()
        )
        if part is None:
            raise DomainError(
                RollErrorCode.VALIDATION, _("The constituency has no part to add the elector to.")
            )
        kind = rules.key_kind_for(application.constituency.country)
        key = application.changes.get("nid", "") if kind == "nid" else _generated_epic(application)
        return elector_add(
            actor=actor,
            part=part,
            key=key,
            name=application.name,
            relative_name=application.relative_name,
            relation=application.relation,
            gender=application.gender,
            dob=application.dob,
            house_no=application.house_no,
            address=application.address,
            application=application,
        )
    elector = Elector.objects.select_for_update().get(pk=application.elector_id)
    if application.form == Application.Form.DELETION:
        elector.status = Elector.Status.DELETED
        elector.status_reason = application.reason
        elector.changed_by = application
        elector.save(update_fields=["status", "status_reason", "changed_by"])
        audit_record(
            event_type=events.ELECTOR_DELETED,
            actor=actor,
            obj=elector,
            summary={"epic": elector.key, "application": application.pk},
        )
        return elector
    changes = dict(application.changes)
    new_part_id = changes.pop("part", None)
    for field, value in changes.items():
        setattr(elector, field, dt.date.fromisoformat(value) if field == "dob" else value)
    elector.name_key = name_key(elector.name)
    elector.relative_key = name_key(elector.relative_name) if elector.relative_name else ""
    if new_part_id and new_part_id != elector.part_id:
        new_part = Part.objects.select_related("constituency").get(pk=new_part_id)
        elector.serial = _next_serial(new_part)
        elector.part = new_part
        elector.constituency = new_part.constituency
    elector.changed_by = application
    elector.save()
    audit_record(
        event_type=events.ELECTOR_CHANGED,
        actor=actor,
        obj=elector,
        summary={"epic": elector.key, "application": application.pk, "fields": sorted(changes)},
    )
    return elector


def application_decide(
    *, actor: Any, application: Application, accept: bool, reason: str = ""
) -> Application:
    """The electoral registration officer's decision. Form 7 only after its hearing date."""
    actor_role = require_scope(actor, Capability.ROLL_MANAGE, application.constituency.unit)
    reason = _nfc(reason)
    if not accept and not reason:
        raise DomainError(
            RollErrorCode.VALIDATION, _("A rejection needs a reason."), field="reason"
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.VERIFIED:
            raise DomainError(
                RollErrorCode.WRONG_STATE,
                _("Application %(id)s must be field-verified and undecided.") % {"id": locked.pk},
            )
        if (
            accept
            and locked.form == Application.Form.DELETION
            and locked.hearing_date
            and _today() < locked.hearing_date
        ):
            raise DomainError(
                RollErrorCode.WRONG_STATE,
                _("A deletion is decided only after the hearing on %(date)s.")
                % {"date": locked.hearing_date.isoformat()},
            )
        elector = _accept(actor, locked) if accept else None
        locked.status = Application.Status.ACCEPTED if accept else Application.Status.REJECTED
        locked.decision_reason = reason
        locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.decided_at = timezone.now()
        if elector is not None and locked.form == Application.Form.INCLUSION:
            locked.elector = elector
        locked.save()
        audit_record(
            event_type=events.APPLICATION_ACCEPTED if accept else events.APPLICATION_REJECTED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary={
                "form": locked.form,
                "reason": reason,
                "epic": elector.key if elector is not None else None,
            },
        )
    return locked


# --- anti-scraping -------------------------------------------------------------------------


def lookup_count(*, client: str, scope: str, limit: int, window_seconds: int) -> None:
    """Count one request of `client`; over `limit` in the window → 429 with Retry-After."""
    now = time.time()
    window = int(now // window_seconds)
    with transaction.atomic():
        counter, _created = LookupCounter.objects.get_or_create(
            client=client[:80], scope=scope, window=window
        )
        LookupCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        count = counter.count + 1
    if count > limit:
        retry_after = max(1, int((window + 1) * window_seconds - now))
        raise DomainError(
            RollErrorCode.THROTTLED,
            _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": retry_after},
            retry_after=retry_after,
        )


SEQUENTIAL_RUN_LIMIT = 5
BLOCK_SECONDS = 3600


def lookup_trail(*, client: str, key: str) -> None:
    """Block a client whose lookups walk sequential EPIC numbers (5 steps of at most 3)."""
    prefix, number = rules.epic_parts(key)
    now = timezone.now()
    with transaction.atomic():
        trail, _created = LookupTrail.objects.select_for_update().get_or_create(client=client[:80])
        if trail.blocked_until and trail.blocked_until > now:
            blocked_for = int((trail.blocked_until - now).total_seconds()) + 1
        else:
            step = abs(number - trail.last_number)
            sequential = prefix == trail.last_prefix and 0 < step <= rules.SEQUENTIAL_STEP
            trail.run = trail.run + 1 if sequential else 0
            trail.last_prefix, trail.last_number = prefix, number
            blocked_for = 0
            if trail.run >= SEQUENTIAL_RUN_LIMIT:
                trail.blocked_until = now + dt.timedelta(seconds=BLOCK_SECONDS)
                trail.run = 0
                blocked_for = BLOCK_SECONDS
                audit_record(
                    event_type=events.LOOKUP_BLOCKED,
                    summary={"client": client[:80], "last": key},
                )
            trail.save()
    if blocked_for:
        raise DomainError(
            RollErrorCode.BLOCKED,
            _("Lookups from your address are paused for walking through EPIC numbers."),
            retry_after=blocked_for,
        )
