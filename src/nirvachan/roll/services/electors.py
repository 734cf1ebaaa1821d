"""Adding electors to the roll."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.locale import name_key
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, Elector, Gender, Part, Relation
from nirvachan.roll.services._common import _next_serial, _nfc

# --- electors ------------------------------------------------------------------------------


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
