"""Factories of the monitoring tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nirvachan.core.models import AdminUnit
from nirvachan.elections import services as election_services
from nirvachan.elections.models import Election
from nirvachan.monitoring import services
from nirvachan.monitoring.models import Body
from nirvachan.monitoring.services import MemberData

SEED = Path(__file__).parent / "data" / "000_588e6cb86caf0552.txt"
POLL = dt.date(2022, 10, 17)
FORMED = dt.date(2022, 9, 20)


def election(code: str = "zp2022-gop") -> Election:
    e = election_services.election_create(
        code=code,
        kind="local",
        country="BD",
        name_en="Zila Parishad election 2022, Gopalganj",
        polls_open=dt.time(9),
        polls_close=dt.time(14),
    )
    election_services.phase_schedule(election=e, number=1, poll_date=POLL)
    return e


def team(e: Election, unit: AdminUnit, name: str = "Vigilance team 1", **kw: object) -> Body:
    return services.body_form(
        actor=None,
        election=e,
        unit=unit,
        kind=str(kw.pop("kind", "team")),
        name=name,
        formed_on=FORMED,
        members=[
            MemberData("Md. Karim", "UNO, Kotalipara", "Executive magistrate", "01700000001", True),
            MemberData("A. Rahman", "Judicial magistrate court", "Judicial magistrate"),
        ],
        today=dt.date(2022, 9, 20),
        **kw,  # type: ignore[arg-type]
    )
