"""Factories of the meetings tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nirvachan.core.models import AdminUnit
from nirvachan.meetings import services
from nirvachan.meetings.minutes import parse_minutes
from nirvachan.meetings.models import Meeting

SEED = Path(__file__).parent / "data" / "003_518c7c81e6ef05b1.txt"


def meeting(unit: AdminUnit, *, title: str = "Coordination meeting", **fields: object) -> Meeting:
    data: dict[str, object] = {
        "body": "District coordination cell",
        "date": dt.date(2023, 4, 5),
        "venue": "Conference room",
        "chair": "Deputy Commissioner",
        "secretary": "District Election Officer",
    }
    data.update(fields)
    return services.meeting_create(actor=None, unit=unit, title=title, **data)  # type: ignore[arg-type]


def seed_meeting(unit: AdminUnit) -> Meeting:
    return services.minutes_import(
        actor=None, unit=unit, minutes=parse_minutes(SEED.read_text(encoding="utf-8"))
    )
