"""Constituencies, polling stations and parts (created on first sight by imports)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nirvachan.core.audit import audit_record
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.roll import events
from nirvachan.roll.models import Part, PollingStation
from nirvachan.roll.services._common import _nfc

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
