"""Demo data of the meetings app (idempotent: a second run adds nothing).

Imports seed 003 (a coordination meeting in Cox's Bazar) for the demo meeting secretary."""

from __future__ import annotations

from pathlib import Path

from nirvachan.core.models import AdminUnit
from nirvachan.meetings import services
from nirvachan.meetings.minutes import parse_minutes
from nirvachan.meetings.models import Meeting

SEED = Path(__file__).parent / "data" / "minutes_003.txt"


def demo_load() -> dict[str, int]:
    unit = AdminUnit.objects.filter(code="BD-DIS-9").first()
    if unit is None or not SEED.exists():
        return {"meetings": 0}
    minutes = parse_minutes(SEED.read_text(encoding="utf-8"))
    if Meeting.objects.filter(unit=unit, title=minutes.title).exists():
        return {"meetings": 0}
    meeting = services.minutes_import(actor=None, unit=unit, minutes=minutes, source=SEED.name)
    return {"meetings": 1, "decisions": sum(i.decisions.count() for i in meeting.items.all())}
