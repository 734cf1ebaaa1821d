"""Import of the 2019 Lok Sabha schedule from seed 004 (phases, seats, constituencies by
phase, polling hours by region). Idempotent; writes go through the services."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from nirvachan.core.audit import audit_record
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency, Country
from nirvachan.elections import events, services
from nirvachan.elections.models import Contest, Election, Phase, PollingHours
from nirvachan.elections.seed_ls2019 import PHASES, SeedList, match_constituencies, parse_lists

SEED = Path(__file__).resolve().parent / "data" / "004_3d411d863dfc4311.txt"
CODE = "ls2019"
# Seed 004, "Time allotted to voting": 07:00-18:00 in general, 07:00-17:00 in the North
# Eastern region, 07:00-16:00 in Manipur and Nagaland. ("Some other constituencies" also
# closed at 16:00; the seed does not name them, so they are not set here.)
NORTH_EAST = ("IN-AR", "IN-AS", "IN-ML", "IN-MZ", "IN-SK", "IN-TR")
EARLY_CLOSE = ("IN-MN", "IN-NL")


@dataclass
class ImportReport:
    phases: int = 0
    contests_created: int = 0
    matched: int = 0
    unmatched: list[SeedList] = field(default_factory=list)
    repeated: list[tuple[str, SeedList]] = field(default_factory=list)


def ls2019_import(*, actor: Any = None, text: str | None = None) -> ImportReport:
    text = SEED.read_text(encoding="utf-8") if text is None else text
    report = ImportReport()
    with contextlib.suppress(_NothingNew):  # a re-run that found everything leaves no trace
        _ls2019_write(report, actor, text)
    return report


class _NothingNew(Exception):
    pass


def _ls2019_write(report: ImportReport, actor: Any, text: str) -> None:
    with transaction.atomic():
        started = audit_record(
            event_type=events.SEED_IMPORT_STARTED, actor=actor, summary={"code": CODE}
        )
        election = Election.objects.filter(code=CODE).first() or services.election_create(
            actor=actor,
            code=CODE,
            kind=Election.Kind.GENERAL,
            country=Country.INDIA,
            name_en="General Election to the 17th Lok Sabha, 2019",
            name_hi="17वीं लोकसभा का आम चुनाव, 2019",
            name_bn="সপ্তদশ লোকসভার সাধারণ নির্বাচন, ২০১৯",
            polls_open=dt.time(7),
            polls_close=dt.time(18),
            status=Election.Status.COMPLETED,
        )
        phases = {p.number: p for p in Phase.objects.filter(election=election)}
        for seed in PHASES:
            if seed.number not in phases:
                phases[seed.number] = services.phase_schedule(
                    actor=actor,
                    election=election,
                    number=seed.number,
                    poll_date=seed.poll_date,
                    seats_declared=seed.seats,
                )
        report.phases = len(phases)
        units = {u.code: u for u in AdminUnit.objects.filter(code__in=NORTH_EAST + EARLY_CLOSE)}
        have_hours = set(
            PollingHours.objects.filter(election=election).values_list("unit__code", flat=True)
        )
        for codes, closes in ((NORTH_EAST, dt.time(17)), (EARLY_CLOSE, dt.time(16))):
            for code in codes:
                if code in units and code not in have_hours:
                    services.polling_hours_set(
                        actor=actor,
                        election=election,
                        unit=units[code],
                        opens=dt.time(7),
                        closes=closes,
                    )
        pcs = {
            c.code: c
            for c in Constituency.objects.filter(
                kind=Constituency.Kind.PARLIAMENTARY, country=Country.INDIA
            ).select_related("unit")
        }
        match = match_constituencies(
            parse_lists(text), [(c.code, c.unit.code, c.name_en) for c in pcs.values()]
        )
        existing = set(Contest.objects.filter(election=election).values_list("code", flat=True))
        for code, entry in sorted(match.matched.items(), key=lambda kv: (kv[1].phase, kv[0])):
            if code in existing:
                continue
            pc = pcs[code]
            services.contest_create(
                actor=actor,
                election=election,
                phase=phases[entry.phase],
                code=code,
                name_en=pc.name_en,
                name_hi=entry.name,
                constituency=pc,
            )
            report.contests_created += 1
        report.matched = len(match.matched)
        report.unmatched = list(match.unmatched)
        report.repeated = list(match.repeated)
        if not AuditEvent.objects.filter(seq__gt=started.seq).exists():
            raise _NothingNew  # every write records an event: none means nothing was written
        audit_record(
            event_type=events.SEED_IMPORT_COMPLETED,
            actor=actor,
            summary={
                "code": CODE,
                "outcome": "success",
                "contests_created": report.contests_created,
                "matched": report.matched,
                "unmatched": [f"{e.phase}:{e.state}:{e.name}" for e in match.unmatched],
            },
        )
