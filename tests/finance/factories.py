"""Factories of the finance tests: economic codes, budget heads, the seed's office register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

from nirvachan.core.models import AdminUnit, Office
from nirvachan.finance import services
from nirvachan.finance.models import AllocationOrder, BudgetHead, EconomicCode, FiscalYear
from nirvachan.finance.tables import office_parts, parse_text
from nirvachan.locale import name_key
from tests.factories import Geo, unit

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed_002.txt"
INSTITUTION = "1280203000000"
_memo = count(1)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def codes() -> tuple[EconomicCode, EconomicCode]:
    group = EconomicCode.objects.filter(code="32").first() or services.economic_code_create(
        code="32", name_en="Use of goods and services", name_bn="পণ্য ও সেবার ব্যবহার"
    )
    item = EconomicCode.objects.filter(code="3211120").first() or services.economic_code_create(
        code="3211120", name_en="Telephone", name_bn="টেলিফোন", parent=group
    )
    return group, item


def fiscal_year(country: str = "BD", start: int = 2021) -> FiscalYear:
    return services.fiscal_year_ensure(country=country, start_year=start)


def head(
    on: AdminUnit, amount: str | int = 1_000_000, code: EconomicCode | None = None
) -> BudgetHead:
    return services.budget_head_create(
        actor=None,
        unit=on,
        fiscal_year=fiscal_year(on.country),
        institution_code=INSTITUTION,
        economic_code=code or codes()[1],
        amount=Decimal(amount),
    )


def draft(
    on: AdminUnit,
    lines: list[tuple[Office, str | int]],
    *,
    memo: str | None = None,
    kind: str = AllocationOrder.Kind.ALLOCATION,
    supersedes: AllocationOrder | None = None,
    actor: Any = None,
) -> AllocationOrder:
    item = codes()[1]
    return services.allocation_order_create(
        actor=actor,
        unit=on,
        fiscal_year=fiscal_year(on.country),
        institution_code=INSTITUTION,
        memo_number=memo or f"৫৬.০৪.০০০০.০১০.২০.০০১.২২.{next(_memo)}",
        date=dt.date(2022, 6, 14),
        subject="টেলিফোন খাতে অর্থ বরাদ্দ",
        lines=[services.LineIn(office=o, amount=Decimal(a), economic_code=item) for o, a in lines],
        kind=kind,
        supersedes=supersedes,
        conditions=["০৩। উক্ত অর্থ বিধি মোতাবেক ব্যয় করতে হবে।"],
        distribution=["পরিচালক, অর্থ ও প্রশাসন"],
        signatory_name="মোঃ রেজাউল মাকছুদ জাহেদী",
        signatory_designation="মহাপরিচালক",
    )


def seed_register(geo: Geo) -> dict[str, Office]:
    """ICT upazila offices for every row of seed 002 (units made where the tree lacks them)."""
    table = parse_text(seed_text())
    districts = {name_key(u.name_bn): u for u in AdminUnit.objects.filter(kind="district")}
    upazilas = {
        (u.parent_id, name_key(u.name_bn)): u for u in AdminUnit.objects.filter(kind="upazila")
    }
    offices: dict[str, Office] = {}
    for row in table.rows:
        _title, place, _district = office_parts(row.office)
        district = districts.get(name_key(row.district))
        if district is None:
            district = unit(
                f"BD-DIS-T{row.serial}", "district", geo.dhaka, row.district, row.district
            )
            districts[name_key(row.district)] = district
        upazila = upazilas.get((district.pk, name_key(place)))
        if upazila is None:
            upazila = unit(f"BD-UPZ-T{row.serial}", "upazila", district, place, place)
            upazilas[(district.pk, name_key(place))] = upazila
        key = name_key(row.office)
        if key not in offices:
            offices[key] = Office.objects.create(
                code=f"ICT-{row.serial}",
                kind=Office.Kind.OTHER,
                unit=upazila,
                name_en=f"Upazila office, {place}",
                name_bn=f"উপজেলা কার্যালয়, {upazila.name_bn}, {district.name_bn}",
            )
    return offices
