"""Verifying and deciding applications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.locale import name_key
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, Elector, Part
from nirvachan.roll.services._common import _next_serial, _nfc, _today
from nirvachan.roll.services.duplicates import duplicate_pair_from_form6
from nirvachan.roll.services.electors import elector_add

# --- verification and decision -------------------------------------------------------------


def application_verify(*, actor: Any, application: Application, report: str) -> Application:
    """The booth-level officer's field report."""
    actor_role = require_scope(actor, Capability.ROLL_VERIFY, application.constituency.unit)
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
        added = elector_add(
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
        flagged = application.possible_duplicate
        if flagged is not None and flagged.status == Elector.Status.ACTIVE:
            # The officer accepted despite the flag: the two entries go to the review page.
            duplicate_pair_from_form6(existing=flagged, new=added)
        return added
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
