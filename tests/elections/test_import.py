"""Seed 004 on the real geography: phases, seats, hours, constituencies matched by name_key,
and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from nirvachan.core.geography import geography_load
from nirvachan.core.models import AuditEvent
from nirvachan.elections import selectors
from nirvachan.elections.models import Contest, Election
from nirvachan.elections.seed_import import ls2019_import
from nirvachan.elections.seed_ls2019 import SeedList, match_constituencies, parse_lists

SEED = Path(__file__).parent / "data" / "004_3d411d863dfc4311.txt"


def test_parse_reads_every_phase_and_state() -> None:
    entries = parse_lists(SEED.read_text(encoding="utf-8"))
    assert len(entries) == 545
    first = [e for e in entries if e.phase == 1][:3]
    assert first == [
        SeedList(1, "IN-UP", "सहारनपुर"),
        SeedList(1, "IN-UP", "कैराना"),
        SeedList(1, "IN-UP", "मुजफ्फरनगर"),
    ]
    assert SeedList(7, "IN-UP", "वाराणसी") in entries
    assert SeedList(1, "IN-UT", "हरिद्वार") in entries  # after "…गौतम बुद्ध नगरउत्तराखंड-"
    assert SeedList(1, "IN-WB", "अलीपुरदुआर") in entries  # "सीट पर भी …" cut off


def test_ambiguous_keys_match_nothing() -> None:
    pcs = [("A", "IN-BR", "Arrah"), ("B", "IN-BR", "Araria"), ("C", "IN-UP", "Varanasi")]
    entries = [SeedList(7, "IN-BR", "आरा"), SeedList(7, "IN-UP", "वाराणसी")]
    result = match_constituencies(entries, pcs)
    assert result.matched == {"C": entries[1]}
    assert result.unmatched == (entries[0],)


@pytest.mark.django_db
def test_import_on_the_real_seed() -> None:
    geography_load()
    report = ls2019_import()
    election = Election.objects.get(code="ls2019")
    rows = selectors.schedule_rows(election)
    assert [(r.number, r.poll_date.isoformat(), r.seats) for r in rows] == [
        (1, "2019-04-11", 91),
        (2, "2019-04-18", 95),
        (3, "2019-04-23", 117),
        (4, "2019-04-29", 71),
        (5, "2019-05-06", 51),
        (6, "2019-05-12", 59),
        (7, "2019-05-19", 59),
    ]
    assert report.matched == report.contests_created == Contest.objects.count()
    assert report.matched >= 480
    unmatched = {(e.state, e.name) for e in report.unmatched}
    assert ("IN-WB", "पूर्णिया") in unmatched  # the seed lists Purnia (Bihar) under West Bengal
    varanasi = Contest.objects.get(code="IN-UP-PC-VARANASI")
    assert (varanasi.phase.number, varanasi.name_hi, varanasi.franchise) == (7, "वाराणसी", "direct")
    assert Contest.objects.get(code="IN-JK-PC-ANANTNAG").phase.number == 3  # listed in 3, 4, 5
    hours = {
        c.code: selectors.polling_hours_for(c)
        for c in Contest.objects.filter(code__in=["IN-UP-PC-VARANASI", "IN-AS-PC-JORHAT",
                                                  "IN-NL-PC-NAGALAND"])
    }  # fmt: skip
    assert {k: (a.hour, b.hour) for k, (a, b) in hours.items()} == {
        "IN-UP-PC-VARANASI": (7, 18),
        "IN-AS-PC-JORHAT": (7, 17),
        "IN-NL-PC-NAGALAND": (7, 16),
    }
    assert AuditEvent.objects.filter(event_type="election.seed_import.completed").count() == 1
    # a second run adds nothing
    again = ls2019_import()
    assert again.contests_created == 0 and Contest.objects.count() == report.matched

    out = io.StringIO()
    call_command("elections", "schedule", "--election", "ls2019", "--format", "csv", stdout=out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert table[0] == {"phase": "1", "poll_date": "2019-04-11", "seats": "91"}
    assert len(table) == 7
    out = io.StringIO()
    call_command("elections", "list", "--format", "json", stdout=out)
    listed = json.loads(out.getvalue())
    assert listed == [
        {
            "code": "ls2019",
            "type": "general",
            "name": "General Election to the 17th Lok Sabha, 2019",
            "poll_dates": [r.poll_date.isoformat() for r in rows],
        }
    ]
    out = io.StringIO()
    call_command("elections", "import-ls2019", stdout=out)
    assert "not matched (" in out.getvalue() and "पूर्णिया" in out.getvalue()
