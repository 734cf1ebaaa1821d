"""Factories of the roll tests: constituencies, stations, parts and electors on make_geo()."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count

from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.roll import services
from nirvachan.roll.models import Elector, Part

_n = count(1)


def ac(
    unit: AdminUnit, number: int, name_en: str, name_bn: str = "", name_hi: str = ""
) -> Constituency:
    return Constituency.objects.create(
        code=f"{unit.code}-AC-{number}",
        kind="ac",
        number=number,
        country=unit.country,
        unit=unit,
        name_en=name_en,
        name_bn=name_bn,
        name_hi=name_hi,
    )


def part(constituency: Constituency, number: int = 1, name: str = "Part one") -> Part:
    station = services.station_ensure(
        constituency=constituency,
        number=number,
        name=f"{name} school",
        address=f"{name} road",
    )
    return services.part_ensure(
        constituency=constituency, number=number, name=name, station=station
    )


def elector(
    part_obj: Part,
    key: str | None = None,
    name: str = "Abdul Karim",
    relative_name: str = "Rahim Uddin",
    dob: dt.date | None = dt.date(1980, 5, 17),
    **fields: object,
) -> Elector:
    if key is None:
        n = next(_n)
        key = f"{n:010d}" if part_obj.constituency.country == "BD" else f"ABC{n:07d}"
    return services.elector_add(
        part=part_obj,
        key=key,
        name=name,
        relative_name=relative_name,
        relation=str(fields.pop("relation", "father")),
        gender=str(fields.pop("gender", "male")),
        dob=dob,
        **fields,  # type: ignore[arg-type]
    )


@dataclass
class Roll:
    gopalganj_ac: Constituency
    kishoreganj_ac: Constituency
    up_ac: Constituency
    g1: Part
    k1: Part
    u1: Part


def make_roll(geo: object) -> Roll:
    g = ac(geo.gopalganj, 217, "Gopalganj-3", name_bn="গোপালগঞ্জ-৩")  # type: ignore[attr-defined]
    k = ac(geo.kishoreganj, 162, "Kishoreganj-6", name_bn="কিশোরগঞ্জ-৬")  # type: ignore[attr-defined]
    u = ac(geo.up, 390, "Varanasi Cantt.", name_hi="वाराणसी कैंट")  # type: ignore[attr-defined]
    return Roll(g, k, u, part(g, 1, "Kotalipara"), part(k, 1, "Kuliarchar"), part(u, 1, "Sigra"))
