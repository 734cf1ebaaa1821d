"""Applications: Form 6 (inclusion), Form 7 (objection / deletion), Form 8 (correction / shift)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.locale import name_key
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, Elector, Gender, Part, Relation
from nirvachan.roll.services._common import _nfc, _state_path, _today, qualifying_dates

DELETIONS_PER_APPLICANT_PER_DAY = 5
BURST_THRESHOLD = 10  # Form 7 applications against one part within an hour
HEARING_AFTER_DAYS = 7


def _possible_duplicate(
    constituency: Constituency, key_of_name: str, relative_key: str, dob: dt.date
) -> Elector | None:
    years = (dob.year - 1, dob.year, dob.year + 1)
    # The state's constituencies probe the (constituency, name key) index one by one.
    state = Constituency.objects.filter(unit__path__startswith=_state_path(constituency))
    candidates = (
        Elector.objects.filter(
            constituency_id__in=state.values("pk"),
            name_key=key_of_name,
            relative_key=relative_key,
            status=Elector.Status.ACTIVE,
        )
        .only("pk", "dob", "age", "age_on")
        .order_by("pk")
    )
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
            application = deletion_notice_create(
                elector=elector,
                applicant_ref=applicant_ref,
                reason=reason,
                hearing_date=hearing_date,
                now=now,
            )
            recent = Application.objects.filter(
                form=Application.Form.DELETION,
                part=elector.part,
                submitted_at__gte=now - dt.timedelta(hours=1),
                raised_by__isnull=True,
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


def deletion_submit_by_elector(*, elector: Elector, objector: Elector, reason: str) -> Application:
    """A public Form 7: the objector (who may be the elector) is an elector of the same
    constituency, as on ECI's form, and the daily limit counts per objector's number, so it
    cannot be dodged by rewording the applicant's name."""
    same_place = objector.constituency_id == elector.constituency_id
    if objector.status != Elector.Status.ACTIVE or not same_place:
        raise DomainError(
            RollErrorCode.NOT_ELIGIBLE,
            _("An objection is filed by an elector of the same constituency (%(ac)s).")
            % {"ac": elector.constituency.name},
            field="applicant",
        )
    return deletion_submit(elector=elector, applicant_ref=objector.key, reason=reason)


def deletion_notice_create(
    *,
    elector: Elector,
    applicant_ref: str,
    reason: str,
    hearing_date: dt.date,
    now: dt.datetime,
    raised_by: Any = None,
    actor_role: str = "",
) -> Application:
    """The Form 7 row with its notice (today) and hearing, audited; the caller holds the
    transaction and has made the checks (public limit, or the officer's scope)."""
    application = Application.objects.create(
        form=Application.Form.DELETION,
        constituency=elector.constituency,
        part=elector.part,
        elector=elector,
        applicant_ref=applicant_ref,
        reason=reason,
        notice_date=timezone.localdate(now),
        hearing_date=hearing_date,
        submitted_at=now,
        raised_by=raised_by,
    )
    audit_record(
        event_type=events.APPLICATION_SUBMITTED,
        actor=raised_by,
        actor_role=actor_role,
        obj=application,
        summary={
            "form": "7",
            "epic": elector.key,
            "hearing_date": str(hearing_date),
            "raised_by_officer": raised_by is not None,
        },
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
