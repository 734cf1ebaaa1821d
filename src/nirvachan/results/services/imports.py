"""Import of finished results (`nirvachan results import-csv`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency
from nirvachan.elections import services as es
from nirvachan.elections.models import Contest, Election, Party, Phase
from nirvachan.locale import name_key
from nirvachan.results import csvimport, events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, StationReturn
from nirvachan.results.services._common import NOTA, _keys
from nirvachan.results.services.counting import (
    counting_plan_set,
    postal_enter,
    station_result_enter,
)
from nirvachan.results.services.rounds import round_approve, round_publish


def _problem_message(problem: csvimport.CsvProblem) -> str:
    messages = {
        "columns": _("Line %(line)s: missing columns: %(value)s."),
        "empty": _("Line %(line)s: %(value)s is empty."),
        "count": _("Line %(line)s: %(value)s must be a whole number, 0 or more."),
        "nota": _('Line %(line)s: the NOTA row has candidate "None of the Above" and party '
                  '"NOTA".'),
        "duplicate": _("Line %(line)s: %(value)s appears twice in the constituency."),
        "electors": _("Line %(line)s: electors %(value)s differ from an earlier row."),
        "empty_file": _("Line %(line)s: the file has no result rows."),
        "state": _("Line %(line)s: unknown state %(value)s."),
        "constituency": _("Line %(line)s: no constituency %(value)s in that state."),
        "ambiguous": _("Line %(line)s: more than one constituency matches %(value)s."),
        "final": _("Line %(line)s: %(value)s is not on the final list of candidates."),
        "no_phase": _("Line %(line)s: the election has no phase to hold a new contest."),
        "counted": _("Line %(line)s: %(value)s has station results counted already."),
    }  # fmt: skip
    return messages[problem.kind] % {"line": problem.line, "value": problem.value}


def _import_error(problems: list[csvimport.CsvProblem]) -> DomainError:
    messages = [_problem_message(p) for p in problems]
    return DomainError(
        Code.IMPORT_ERROR,
        messages[0] if len(messages) == 1 else
        _("%(count)s rows have errors; nothing was imported. %(first)s")
        % {"count": len(messages), "first": messages[0]},
        errors=[{"line": p.line, "message": m} for p, m in zip(problems, messages, strict=True)],
    )  # fmt: skip


def _keyed(*names: str) -> set[str]:
    return {name_key(n) for n in names if n}


def _match_places(
    election: Election, entries: list[csvimport.CsvConstituency]
) -> tuple[dict[int, Constituency], list[csvimport.CsvProblem]]:
    """The constituency of each entry (by index), matched by name_key within its state."""
    states = list(AdminUnit.objects.filter(country=election.country, depth=1))
    kind = (
        Constituency.Kind.ASSEMBLY
        if election.kind == Election.Kind.ASSEMBLY
        else Constituency.Kind.PARLIAMENTARY
    )
    places = list(
        Constituency.objects.filter(country=election.country, kind=kind).select_related("unit")
    )
    out: dict[int, Constituency] = {}
    problems = []
    for i, entry in enumerate(entries):
        key = name_key(entry.state)
        state = [s for s in states if key in _keyed(s.name_en, s.name_bn, s.name_hi)
                 or s.code.lower() == entry.state.lower()]  # fmt: skip
        if len(state) != 1:
            problems.append(csvimport.CsvProblem(entry.line, "", "state", entry.state))
            continue
        key = name_key(entry.constituency_name)
        found = [p for p in places if p.unit.path.startswith(state[0].path)
                 and key in _keyed(p.name_en, p.name_bn, p.name_hi)]  # fmt: skip
        if len(found) > 1:  # name_key drops vowels: prefer the exact spelling
            exact = entry.constituency_name.casefold()
            found = [p for p in found if exact in {p.name_en.casefold(), p.name_bn, p.name_hi}]
        if not found:
            problems.append(
                csvimport.CsvProblem(entry.line, "", "constituency", entry.constituency_name)
            )
        elif len(found) > 1:
            problems.append(
                csvimport.CsvProblem(entry.line, "", "ambiguous", entry.constituency_name)
            )
        else:
            out[i] = found[0]
    return out, problems


def _party(election: Election, text: str, cache: dict[str, Party | None]) -> Party | None:
    """The party a row names (abbreviation or name); independents have none. A party not yet
    known is registered (unrecognised) so that the analysis can group its votes."""
    key = text.casefold()
    if key in cache:
        return cache[key]
    if key in ("", "ind", "independent", "निर्दलीय", "স্বতন্ত্র"):
        cache[key] = None
        return None
    parties = Party.objects.filter(country=election.country)
    party = next((p for p in parties if p.abbreviation.casefold() == key), None) or next(
        (p for p in parties if p.name_en.casefold() == key), None
    )
    if party is None:
        party = es.party_register(
            country=election.country, abbreviation=text[:20], kind=Party.Kind.REGISTERED,
            name_en=text,
        )  # fmt: skip
    cache[key] = party
    return party


def results_import_csv(*, actor: Any = None, election: Election, text: str) -> dict[str, Any]:
    """Load finished results from CSV for analysis: every row validated first (errors name the
    line), then written all-or-nothing. A constituency's totals become station 0 in round 1
    (general votes, electors) plus its postal ballots; the round is approved and published.
    Contests and candidates the election lacks are created. Importing the same file again
    changes nothing."""
    entries, problems = csvimport.parse(text)
    places, more = _match_places(election, entries)
    problems = sorted(problems + more, key=lambda p: p.line)
    if problems:
        raise _import_error(problems)
    summary: dict[str, Any] = {
        "election": election.code, "constituencies": len(entries),
        "rows": sum(len(e.rows) for e in entries), "contests_created": 0,
        "candidates_created": 0, "results_entered": 0, "unchanged": 0,
        "votes": sum(r.general + r.postal for e in entries for r in e.rows),
    }  # fmt: skip
    phase = Phase.objects.filter(election=election).order_by("number").first()
    with transaction.atomic():
        started = audit_record(
            event_type=events.IMPORT_STARTED,
            actor=actor,
            obj=election,
            summary={"election": election.code, "rows": summary["rows"]},
        )
        parties: dict[str, Party | None] = {}
        for i, entry in enumerate(entries):
            pc = places[i]
            contest = Contest.objects.filter(election=election, constituency=pc).first()
            created = contest is None
            if contest is None:
                if phase is None:
                    raise _import_error([csvimport.CsvProblem(entry.line, "", "no_phase")])
                contest = es.contest_create(
                    actor=actor, election=election, phase=phase, code=pc.code,
                    name_en=pc.name_en, name_bn=pc.name_bn, name_hi=pc.name_hi, constituency=pc,
                )  # fmt: skip
                summary["contests_created"] += 1
            keys = {name_key(n.name_en or n.name or ""): n for n in _keys(contest).values()}
            for n in _keys(contest).values():
                keys.update({name_key(x): n for x in (n.name_bn, n.name_hi) if x})
            general: dict[str, int] = {}
            postal: dict[str, int] = {}
            for row in entry.rows:
                if row.nota:
                    key = NOTA
                elif name_key(row.candidate) in keys:
                    key = str(keys[name_key(row.candidate)].pk)
                elif contest.final_list_published_at is not None:
                    raise _import_error([csvimport.CsvProblem(row.line, "", "final",
                                                              row.candidate)])  # fmt: skip
                else:
                    phase_of = contest.phase
                    nomination = es.nomination_file(
                        actor=actor, contest=contest, name_en=row.candidate,
                        party=_party(election, row.party, parties),
                        on=phase_of.nomination_last_date
                        or phase_of.poll_date - dt.timedelta(days=30),
                    )  # fmt: skip
                    nomination = es.nomination_scrutinise(
                        actor=actor, nomination=nomination, accept=True
                    )
                    keys[name_key(row.candidate)] = nomination
                    key = str(nomination.pk)
                    summary["candidates_created"] += 1
                general[key] = row.general
                postal[key] = row.postal
            if created:
                es.contest_final_list_publish(actor=actor, contest=contest)
            if not CountingRound.objects.filter(contest=contest).exists():
                counting_plan_set(actor=actor, contest=contest, tables=1, rounds=1)
            elif StationReturn.objects.filter(contest=contest).exclude(number=0).exists():
                raise _import_error(
                    [csvimport.CsvProblem(entry.line, "", "counted", entry.constituency_name)]
                )
            _station, new = station_result_enter(
                actor=actor, contest=contest, number=0, round_number=1, counts=general,
                electors=entry.electors,
            )  # fmt: skip
            postal_enter(actor=actor, contest=contest, counts=postal)
            round_approve(actor=actor, contest=contest, number=1)
            round_publish(actor=actor, contest=contest, number=1)
            summary["results_entered" if new else "unchanged"] += 1
        if (
            summary["unchanged"] == len(entries)
            and not AuditEvent.objects.filter(seq__gt=started.seq).exists()
        ):
            transaction.set_rollback(True)  # nothing new: leave no trace of the re-run
            return summary
        audit_record(
            event_type=events.IMPORT_COMPLETED,
            actor=actor,
            obj=election,
            summary={k: v for k, v in summary.items() if k != "election"}
            | {"election": election.code, "outcome": "success"},
        )
    return summary
