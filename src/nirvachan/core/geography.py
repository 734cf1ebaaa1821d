"""Loading of the reference geography: Bangladesh's divisions, districts and upazilas
(bn/en names) and India's states with the 543 parliamentary constituencies of 2019.

Idempotent: units and offices are keyed by stable codes and a second run adds nothing.
Codes: BD, BD-DIV-<id>, BD-DIS-<id>, BD-UPZ-<id> (bangladesh-geocode ids); IN, IN-<ISO 3166-2>,
IN-<state>-PC-<NAME> for parliamentary constituencies.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from nirvachan.core import events
from nirvachan.core.audit import audit_record
from nirvachan.core.india_states import INDIA_STATES
from nirvachan.core.models import AdminUnit, Constituency, Country, Office

DATA = Path(__file__).resolve().parent / "data"
Kind = AdminUnit.Kind
_DEPTH = {Kind.COUNTRY: 0, Kind.DIVISION: 1, Kind.STATE: 1, Kind.DISTRICT: 2, Kind.UPAZILA: 3}


@dataclass(frozen=True)
class UnitRow:
    code: str
    kind: str
    country: str
    parent_code: str | None
    name_en: str
    name_bn: str = ""
    name_hi: str = ""


def _csv(name: str) -> Iterator[list[str]]:
    """Rows with every cell in NFC (the stored form of all text in Nirvachan)."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            yield [unicodedata.normalize("NFC", cell.strip()) for cell in row]


def bangladesh_units() -> list[UnitRow]:
    rows = [UnitRow("BD", Kind.COUNTRY, "BD", None, "Bangladesh", "বাংলাদেশ", "बांग्लादेश")]
    for div_id, name_en, name_bn, _url in _csv("bd-geocode/divisions.csv"):
        rows.append(UnitRow(f"BD-DIV-{div_id}", Kind.DIVISION, "BD", "BD", name_en, name_bn))
    for dis_id, div_id, name_en, name_bn, *_rest in _csv("bd-geocode/districts.csv"):
        rows.append(
            UnitRow(f"BD-DIS-{dis_id}", Kind.DISTRICT, "BD", f"BD-DIV-{div_id}", name_en, name_bn)
        )
    for upz_id, dis_id, name_en, name_bn, _url in _csv("bd-geocode/upazilas.csv"):
        rows.append(
            UnitRow(f"BD-UPZ-{upz_id}", Kind.UPAZILA, "BD", f"BD-DIS-{dis_id}", name_en, name_bn)
        )
    return rows


def _display(name: str) -> str:
    words = name.replace(" AND ", " and ").split(" ")
    return " ".join(
        w if w == "and" else "-".join(p.capitalize() for p in w.split("-")) for w in words
    )


def india_units() -> list[UnitRow]:
    rows = [UnitRow("IN", Kind.COUNTRY, "IN", None, "India", "ভারত", "भारत")]
    for code, name_en, name_hi in INDIA_STATES.values():
        rows.append(UnitRow(code, Kind.STATE, "IN", "IN", name_en, "", name_hi))
    return rows


def india_constituencies() -> list[tuple[str, str, str]]:
    """(code, state code, English name) for the 543 PCs of 2019."""
    result = []
    reader = _csv("in-lok-sabha-2019/constituencies.csv")
    next(reader)  # header
    for state, name in reader:
        state_code = INDIA_STATES[state][0]
        slug = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
        result.append((f"{state_code}-PC-{slug}", state_code, _display(name)))
    return result


def _upsert_units(rows: list[UnitRow]) -> int:
    """Create the units that are missing, level by level (parents first)."""
    existing = dict(AdminUnit.objects.values_list("code", "path"))
    ids = dict(AdminUnit.objects.values_list("code", "id"))
    created = 0
    for depth in range(5):
        level = [r for r in rows if r.code not in existing and _DEPTH[r.kind] == depth]
        if not level:
            continue
        objs = []
        for r in level:
            parent_path = existing[r.parent_code] if r.parent_code else ""
            objs.append(
                AdminUnit(
                    code=r.code,
                    kind=r.kind,
                    country=r.country,
                    parent_id=ids.get(r.parent_code) if r.parent_code else None,
                    path=f"{parent_path}{r.code}/",
                    depth=depth,
                    name_en=r.name_en,
                    name_bn=r.name_bn,
                    name_hi=r.name_hi,
                )
            )
        AdminUnit.objects.bulk_create(objs, batch_size=500)
        created += len(objs)
        existing.update(AdminUnit.objects.values_list("code", "path"))
        ids.update(AdminUnit.objects.values_list("code", "id"))
    return created


def _upsert_constituencies() -> int:
    existing = set(Constituency.objects.values_list("code", flat=True))
    unit_ids = dict(AdminUnit.objects.filter(country=Country.INDIA).values_list("code", "id"))
    new = [
        Constituency(
            code=code,
            kind=Constituency.Kind.PARLIAMENTARY,
            country=Country.INDIA,
            unit_id=unit_ids[state_code],
            name_en=name,
        )
        for code, state_code, name in india_constituencies()
        if code not in existing
    ]
    Constituency.objects.bulk_create(new, batch_size=500)
    return len(new)


def _upsert_offices() -> int:
    existing = set(Office.objects.values_list("code", flat=True))
    units = {u.code: u for u in AdminUnit.objects.filter(country=Country.BANGLADESH)}
    new: list[Office] = []
    for unit in units.values():
        code = f"EO-{unit.code}"
        if code in existing:
            continue
        parent = units.get(unit.path.split("/")[-3]) if unit.depth >= 2 else None
        if unit.kind == Kind.DISTRICT:
            new.append(
                Office(
                    code=code,
                    kind=Office.Kind.DISTRICT,
                    unit=unit,
                    name_en=f"District Election Office, {unit.name_en}",
                    name_bn=f"জেলা নির্বাচন অফিস, {unit.name_bn}",
                    name_hi=f"जिला निर्वाचन कार्यालय, {unit.name_en}",
                )
            )
        elif unit.kind == Kind.UPAZILA and parent is not None:
            new.append(
                Office(
                    code=code,
                    kind=Office.Kind.UPAZILA,
                    unit=unit,
                    name_en=f"Upazila Election Office, {unit.name_en}, {parent.name_en}",
                    name_bn=f"উপজেলা নির্বাচন অফিস, {unit.name_bn}, {parent.name_bn}",
                    name_hi=f"उपज़िला निर्वाचन कार्यालय, {unit.name_en}, {parent.name_en}",
                )
            )
    Office.objects.bulk_create(new, batch_size=500)
    return len(new)


def geography_load(*, actor: object = None) -> dict[str, int]:
    """Load (or top up) the reference geography; returns counts of what was created.

    When everything is there already, nothing is written (not even the audit events)."""
    units = bangladesh_units() + india_units()
    have_units = set(AdminUnit.objects.values_list("code", flat=True))
    have_pcs = set(Constituency.objects.values_list("code", flat=True))
    office_count = Office.objects.filter(code__startswith="EO-BD-").count()
    expected_offices = sum(1 for u in units if u.kind in (Kind.DISTRICT, Kind.UPAZILA))
    if (
        {u.code for u in units} <= have_units
        and {c[0] for c in india_constituencies()} <= have_pcs
        and office_count >= expected_offices
    ):
        return {"units": 0, "constituencies": 0, "offices": 0}
    with transaction.atomic():
        audit_record(event_type=events.GEOGRAPHY_LOAD_STARTED, actor=actor)
        counts = {
            "units": _upsert_units(units),
            "constituencies": _upsert_constituencies(),
            "offices": _upsert_offices(),
        }
        audit_record(
            event_type=events.GEOGRAPHY_LOAD_COMPLETED,
            actor=actor,
            summary={"outcome": "success", **counts},
        )
    return counts
