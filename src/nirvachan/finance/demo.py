"""Demo data of the finance app (idempotent: a second run adds nothing).

Economic codes 32 → 3211120, the 2021-22 budget head of institution 1280203000000, the ICT
upazila offices that seed 002 names (placed on the upazila units whose names match by
name_key, or on the district when the geography has no such upazila), and seed 002 itself
imported as a draft order.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from nirvachan.core.models import AdminUnit, Office
from nirvachan.finance import services
from nirvachan.finance.models import AllocationOrder, BudgetHead, EconomicCode
from nirvachan.finance.tables import office_parts, parse_text
from nirvachan.locale import name_key, parse_memo_number

SEED = Path(__file__).resolve().parent / "data" / "seed_002.txt"
INSTITUTION = "1280203000000"


def _codes() -> tuple[EconomicCode, int]:
    created = 0
    group = EconomicCode.objects.filter(code="32").first()
    if group is None:
        group = services.economic_code_create(
            code="32",
            name_en="Use of goods and services",
            name_bn="পণ্য ও সেবার ব্যবহার",
            name_hi="वस्तुओं और सेवाओं का उपयोग",
        )
        created += 1
    item = EconomicCode.objects.filter(code="3211120").first()
    if item is None:
        item = services.economic_code_create(
            code="3211120", name_en="Telephone", name_bn="টেলিফোন", name_hi="टेलीफ़ोन", parent=group
        )
        created += 1
    return item, created


def _offices(text: str) -> int:
    """ICT upazila offices for the rows of the seed (kind "other")."""
    districts = {
        name_key(u.name_bn or u.name_en): u
        for u in AdminUnit.objects.filter(kind="district", country="BD")
    }
    upazilas = {
        (u.parent_id, key): u
        for u in AdminUnit.objects.filter(kind="upazila", country="BD")
        for key in {name_key(u.name_bn), name_key(u.name_en)} - {""}
    }
    existing = set(Office.objects.filter(code__startswith="ICT-BD-").values_list("code", flat=True))
    new = []
    for row in parse_text(text).rows:
        _title, place, _district = office_parts(row.office)
        district = districts.get(name_key(row.district))
        if district is None:
            continue
        unit = upazilas.get((district.pk, name_key(place)), district)
        code = f"ICT-BD-{district.code[7:]}-{name_key(place).upper()[:20]}"
        if code in existing:
            continue
        existing.add(code)
        new.append(
            Office(
                code=code,
                kind=Office.Kind.OTHER,
                unit=unit,
                name_bn=f"উপজেলা কার্যালয়, {place}, {district.name_bn}",
                name_en=f"ICT upazila office, {unit.name_en if unit != district else place}, "
                f"{district.name_en}",
            )
        )
    Office.objects.bulk_create(new)
    return len(new)


def demo_load() -> dict[str, int]:
    bd = AdminUnit.objects.filter(code="BD").first()
    if bd is None:
        return {}
    text = SEED.read_text(encoding="utf-8")
    with transaction.atomic():
        item, codes = _codes()
        offices = _offices(text)
    year = services.fiscal_year_ensure(country="BD", start_year=2021)
    heads = 0
    if not BudgetHead.objects.filter(fiscal_year=year, institution_code=INSTITUTION).exists():
        services.budget_head_create(
            actor=None,
            unit=bd,
            fiscal_year=year,
            institution_code=INSTITUTION,
            economic_code=item,
            amount=Decimal("1500000"),
        )
        heads = 1
    orders = 0
    table = parse_text(text)
    if not AllocationOrder.objects.filter(
        memo_key=parse_memo_number(table.text.memo_number).key
    ).exists():
        services.allocation_order_import(table=table, unit=bd)
        orders = 1
    return {"economic_codes": codes, "offices": offices, "budget_heads": heads, "orders": orders}
