"""Every write of the results app (DESIGN.md convention 1): typed keyword-only functions that
validate, write and record an audit event in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections import services as es
from nirvachan.elections.models import Contest, Election, Nomination, Party, Phase
from nirvachan.locale import name_key
from nirvachan.results import csvimport, events, tally, vvpat
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import (
    CountingRound,
    Lot,
    SheetEntry,
    StationReturn,
    VoteCount,
    VvpatCheck,
    VvpatDraw,
)

NOTA = tally.NOTA
MAX_TABLES = 100
MAX_ROUNDS = 500


def _require(actor: Any, contest: Contest) -> str:
    return require_scope(actor, Capability.RESULTS_MANAGE, contest.unit)


def _keys(contest: Contest) -> dict[str, Nomination]:
    """Contesting candidates (accepted, not withdrawn) by key."""
    return {str(n.pk): n for n in contest.nominations.filter(status=Nomination.Status.ACCEPTED)}


def _clean_counts(contest: Contest, counts: Mapping[str, Any], *, what: str) -> dict[str, int]:
    """Validated {key: votes} with every contesting candidate and NOTA (missing = 0)."""
    keys = _keys(contest)
    clean = {key: 0 for key in keys} | {NOTA: 0}
    for raw_key, raw in counts.items():
        key = str(raw_key).strip().upper() if str(raw_key).strip().upper() == NOTA else str(raw_key)
        if key not in clean:
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: %(key)s is not a contesting candidate of %(contest)s.")
                % {"what": what, "key": raw_key, "contest": contest.name},
                field="counts",
                key=str(raw_key),
            )
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: the votes for %(key)s must be a whole number, 0 or more.")
                % {"what": what, "key": raw_key},
                field="counts",
                key=str(raw_key),
            )
        clean[key] = raw
    return clean


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _write_counts(
    contest: Contest, counts: dict[str, int], keys: dict[str, Nomination], **where: Any
) -> None:
    VoteCount.objects.bulk_create(
        VoteCount(
            contest=contest,
            nomination=None if key == NOTA else keys[key],
            votes=votes,
            **where,
        )
        for key, votes in counts.items()
    )


# --- counting plan and rounds -------------------------------------------------------------------


def counting_plan_set(
    *, actor: Any = None, contest: Contest, tables: int, rounds: int
) -> list[CountingRound]:
    """Set the counting tables and rounds: rounds 1..`rounds` with `tables` tables each. Rounds
    already counted keep their tables; the plan may grow but not drop a round in use."""
    role = _require(actor, contest)
    if not 1 <= tables <= MAX_TABLES:
        raise DomainError(
            Code.VALIDATION,
            _("Tables must be between 1 and %(max)s.") % {"max": MAX_TABLES},
            field="tables",
        )
    if not 1 <= rounds <= MAX_ROUNDS:
        raise DomainError(
            Code.VALIDATION,
            _("Rounds must be between 1 and %(max)s.") % {"max": MAX_ROUNDS},
            field="rounds",
        )
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        existing = {r.number: r for r in CountingRound.objects.filter(contest=contest)}
        used = [n for n, r in existing.items() if n > rounds and r.stations.exists()]
        if used:
            raise DomainError(
                Code.CONFLICT,
                _("Round %(round)s already has stations counted; it cannot be dropped.")
                % {"round": min(used)},
                field="rounds",
            )
        CountingRound.objects.filter(contest=contest, number__gt=rounds).delete()
        for number in range(1, rounds + 1):
            current = existing.get(number)
            if current is None:
                CountingRound.objects.create(contest=contest, number=number, tables=tables)
            elif current.status == CountingRound.Status.OPEN and current.tables != tables:
                if current.stations.count() > tables:
                    raise DomainError(
                        Code.CONFLICT,
                        _("Round %(round)s has more stations than %(tables)s tables.")
                        % {"round": number, "tables": tables},
                        field="tables",
                    )
                current.tables = tables
                current.save(update_fields=["tables"])
        audit_record(
            event_type=events.COUNTING_PLANNED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "tables": tables, "rounds": rounds},
        )
    return list(CountingRound.objects.filter(contest=contest).order_by("number"))


def _round(contest: Contest, number: int, *, lock: bool = False) -> CountingRound:
    qs = CountingRound.objects.filter(contest=contest, number=number)
    found = (qs.select_for_update() if lock else qs).first()
    if found is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Round %(round)s of %(contest)s is not planned.")
            % {"round": number, "contest": contest.name},
            field="round",
        )
    return found


def station_result_enter(
    *,
    actor: Any = None,
    contest: Contest,
    number: int,
    round_number: int,
    counts: Mapping[str, Any],
    segment: str = "",
    voters_17a: int | None = None,
    paper_count: int | None = None,
    electors: int | None = None,
) -> tuple[StationReturn, bool]:
    """Enter a station's result in a round: (station, created). The same result twice is
    idempotent; a different result for a station already counted is a conflict (409) for the
    returning officer to resolve, never an overwrite."""
    role = _require(actor, contest)
    what = _("Station %(number)s") % {"number": number}
    clean = _clean_counts(contest, counts, what=what)
    segment = unicodedata.normalize("NFC", segment.strip())
    for field, value in (
        ("voters_17a", voters_17a),
        ("paper_count", paper_count),
        ("electors", electors),
    ):
        if value is not None and (isinstance(value, bool) or value < 0):
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: %(field)s must be 0 or more.") % {"what": what, "field": field},
                field=field,
            )
    digest = _digest(
        {
            "counts": clean,
            "segment": segment,
            "voters_17a": voters_17a,
            "paper_count": paper_count,
            "electors": electors,
        }
    )
    existing = StationReturn.objects.filter(contest=contest, number=number).first()
    if existing is not None:
        return _same_or_conflict(actor, role, contest, existing, digest, what), False
    try:
        with transaction.atomic():
            rnd = _round(contest, round_number, lock=True)
            if rnd.status != CountingRound.Status.OPEN:
                raise DomainError(
                    Code.WRONG_STATE,
                    _("Round %(round)s is %(status)s; no more stations can be entered in it.")
                    % {"round": rnd.number, "status": rnd.get_status_display()},
                    field="round",
                )
            if rnd.stations.count() >= rnd.tables:
                raise DomainError(
                    Code.CONFLICT,
                    _("Round %(round)s has %(tables)s tables, all counted already.")
                    % {"round": rnd.number, "tables": rnd.tables},
                    field="round",
                )
            station = StationReturn.objects.create(
                contest=contest,
                round=rnd,
                number=number,
                segment=segment,
                voters_17a=voters_17a,
                paper_count=paper_count,
                electors=electors,
                digest=digest,
                entered_by=actor,
            )
            _write_counts(contest, clean, _keys(contest), station=station)
            audit_record(
                event_type=events.STATION_ENTERED,
                actor=actor,
                actor_role=role,
                obj=station,
                summary={"contest": contest.code, "station": number, "round": rnd.number,
                         "digest": digest},
            )  # fmt: skip
    except IntegrityError:  # entered concurrently
        existing = StationReturn.objects.get(contest=contest, number=number)
        return _same_or_conflict(actor, role, contest, existing, digest, what), False
    return station, True


def _same_or_conflict(
    actor: Any, role: str, contest: Contest, existing: StationReturn, digest: str, what: str
) -> StationReturn:
    if existing.digest == digest:
        return existing
    with transaction.atomic():
        audit_record(
            event_type=events.STATION_CONFLICT,
            actor=actor,
            actor_role=role,
            obj=existing,
            summary={"contest": contest.code, "station": existing.number, "offered": digest},
        )
    raise DomainError(
        Code.CONFLICT,
        _("%(what)s was counted already with a different result; the returning officer must "
          "resolve the difference.") % {"what": what},
        station=existing.number,
    )  # fmt: skip


def postal_enter(
    *, actor: Any = None, contest: Contest, counts: Mapping[str, Any]
) -> tuple[list[VoteCount], bool]:
    """Enter the postal ballots of a contest (once; the same counts again are idempotent)."""
    role = _require(actor, contest)
    clean = _clean_counts(contest, counts, what=_("Postal ballots"))
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        existing = VoteCount.objects.filter(contest=contest, postal=True)
        if existing.exists():
            current = {str(c.nomination_id) if c.nomination_id else NOTA: c.votes for c in existing}
            if current == clean:
                return list(existing), False
            raise DomainError(
                Code.CONFLICT,
                _("Postal ballots of %(contest)s were entered already with other counts.")
                % {"contest": contest.name},
            )
        _write_counts(contest, clean, _keys(contest), postal=True, station=None)
        audit_record(
            event_type=events.POSTAL_ENTERED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "votes": sum(clean.values())},
        )
    return list(VoteCount.objects.filter(contest=contest, postal=True)), True


def round_approve(*, actor: Any = None, contest: Contest, number: int) -> CountingRound:
    role = _require(actor, contest)
    with transaction.atomic():
        rnd = _round(contest, number, lock=True)
        if rnd.status != CountingRound.Status.OPEN:
            return rnd
        if not rnd.stations.exists():
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s has no station counted yet.") % {"round": number},
                field="round",
            )
        rnd.status = CountingRound.Status.APPROVED
        rnd.approved_at = timezone.now()
        rnd.save(update_fields=["status", "approved_at"])
        audit_record(
            event_type=events.ROUND_APPROVED,
            actor=actor,
            actor_role=role,
            obj=rnd,
            summary={"contest": contest.code, "round": number, "stations": rnd.stations.count()},
        )
    return rnd


def round_publish(*, actor: Any = None, contest: Contest, number: int) -> CountingRound:
    role = _require(actor, contest)
    with transaction.atomic():
        rnd = _round(contest, number, lock=True)
        if rnd.status == CountingRound.Status.PUBLISHED:
            return rnd
        if rnd.status != CountingRound.Status.APPROVED:
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s must be approved before it is published.") % {"round": number},
                field="round",
            )
        earlier = CountingRound.objects.filter(contest=contest, number__lt=number).exclude(
            status=CountingRound.Status.PUBLISHED
        )
        if earlier.exists():
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s must be published first.")
                % {"round": earlier.order_by("number").first().number},  # type: ignore[union-attr]
                field="round",
            )
        rnd.status = CountingRound.Status.PUBLISHED
        rnd.published_at = timezone.now()
        rnd.save(update_fields=["status", "published_at"])
        audit_record(
            event_type=events.ROUND_PUBLISHED,
            actor=actor,
            actor_role=role,
            obj=rnd,
            summary={"contest": contest.code, "round": number},
        )
    return rnd


# --- paper-ballot result sheets (double entry) ---------------------------------------------------


def sheet_entry_submit(
    *,
    actor: Any = None,
    contest: Contest,
    centre: int,
    round_number: int,
    counts: Mapping[str, Any],
) -> dict[str, Any]:
    """One operator's entry of a centre's sheet. The second entry must come from another
    operator; when both agree the centre's result is entered, otherwise the difference is
    returned and stays open until the returning officer resolves it."""
    role = _require(actor, contest)
    clean = _clean_counts(contest, counts, what=_("Centre %(number)s") % {"number": centre})
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        entries = list(SheetEntry.objects.filter(contest=contest, centre=centre))
        if len(entries) >= 2:
            raise DomainError(
                Code.CONFLICT,
                _("Centre %(number)s has two entries already.") % {"number": centre},
                field="centre",
            )
        if entries and actor is not None and entries[0].entered_by_id == actor.pk:
            raise DomainError(
                Code.CONFLICT,
                _("The second entry of centre %(number)s must be made by another operator.")
                % {"number": centre},
                field="centre",
            )
        SheetEntry.objects.create(
            contest=contest, centre=centre, slot=len(entries) + 1, counts=clean, entered_by=actor
        )
        audit_record(
            event_type=events.SHEET_ENTERED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "centre": centre, "entry": len(entries) + 1},
        )
        if not entries:
            return {"status": "awaiting_second_entry", "differences": {}}
        first = entries[0].counts
        differences = {k: [first.get(k), v] for k, v in clean.items() if first.get(k) != v}
        if differences:
            return {"status": "different", "differences": differences}
        station_result_enter(
            actor=actor, contest=contest, number=centre, round_number=round_number, counts=clean
        )
        return {"status": "counted", "differences": {}}


def sheet_resolve(
    *,
    actor: Any = None,
    contest: Contest,
    centre: int,
    round_number: int,
    counts: Mapping[str, Any],
) -> StationReturn:
    """The returning officer settles a difference between the two entries of a sheet."""
    role = _require(actor, contest)
    clean = _clean_counts(contest, counts, what=_("Centre %(number)s") % {"number": centre})
    with transaction.atomic():
        entries = list(SheetEntry.objects.filter(contest=contest, centre=centre))
        if len(entries) != 2 or entries[0].counts == entries[1].counts:
            raise DomainError(
                Code.WRONG_STATE,
                _("Centre %(number)s has no difference to resolve.") % {"number": centre},
                field="centre",
            )
        station, _created = station_result_enter(
            actor=actor, contest=contest, number=centre, round_number=round_number, counts=clean
        )
        audit_record(
            event_type=events.SHEET_RESOLVED,
            actor=actor,
            actor_role=role,
            obj=station,
            summary={"contest": contest.code, "centre": centre},
        )
    return station


# --- lots ----------------------------------------------------------------------------------------


def lot_record(
    *, actor: Any = None, contest: Contest, order: list[str] | None = None, seed: str = ""
) -> Lot:
    """Decide a tie by lot: an order recorded by the returning officer, or a seeded draw
    (`tally.seeded_lot`) that anyone can reproduce from the seed."""
    from nirvachan.results.selectors import contest_outcome

    role = _require(actor, contest)
    seed = seed.strip()
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        outcome = contest_outcome(contest, published_only=False, with_lot=False)
        tied = list(outcome.result.tied)
        if not tied:
            raise DomainError(
                Code.WRONG_STATE,
                _("%(contest)s has no tie to decide by lot.") % {"contest": contest.name},
            )
        if Lot.objects.filter(contest=contest).exists():
            raise DomainError(
                Code.CONFLICT,
                _("The lot of %(contest)s was recorded already.") % {"contest": contest.name},
            )
        if seed:
            decided = list(tally.seeded_lot(seed, tied))
            method = Lot.Method.SEEDED
        elif order is not None and sorted(map(str, order)) == sorted(tied):
            decided = [str(k) for k in order]
            method = Lot.Method.RECORDED
        else:
            raise DomainError(
                Code.VALIDATION,
                _("Give a seed, or the order of all tied candidates (%(keys)s).")
                % {"keys": ", ".join(tied)},
                field="order",
                tied=tied,
            )
        lot = Lot.objects.create(
            contest=contest, method=method, seed=seed, order=decided, recorded_by=actor
        )
        audit_record(
            event_type=events.LOT_RECORDED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "method": method, "seed": seed, "order": decided},
        )
    return lot


# --- VVPAT sample --------------------------------------------------------------------------------


def vvpat_draw(*, actor: Any = None, contest: Contest, segment: str, seed: str) -> VvpatDraw:
    """Draw 5 stations of an assembly segment (vvpat.draw). Refused until counting of the
    contest is complete: every planned round approved."""
    role = _require(actor, contest)
    segment = unicodedata.normalize("NFC", segment.strip())
    try:
        seed = vvpat.check_seed(seed)
    except vvpat.DrawError:
        raise DomainError(
            Code.VALIDATION,
            _("The seed must be at least %(n)s decimal digits.") % {"n": vvpat.MIN_SEED_DIGITS},
            field="seed",
        ) from None
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        rounds = CountingRound.objects.filter(contest=contest)
        if not rounds.exists() or rounds.filter(status=CountingRound.Status.OPEN).exists():
            raise DomainError(
                Code.NOT_ALL_IN,
                _("Not every station result of %(contest)s is in: the draw waits until every "
                  "round is approved.") % {"contest": contest.name},
            )  # fmt: skip
        numbers = list(
            StationReturn.objects.filter(contest=contest, segment=segment, number__gt=0)
            .order_by("number")
            .values_list("number", flat=True)
        )
        if not numbers:
            raise DomainError(
                Code.NOT_FOUND,
                _("Segment %(segment)s has no station results.") % {"segment": segment},
                field="segment",
            )
        if VvpatDraw.objects.filter(contest=contest, segment=segment).exists():
            raise DomainError(
                Code.CONFLICT,
                _("Segment %(segment)s was drawn already.") % {"segment": segment},
                field="segment",
            )
        drawn = list(vvpat.draw(seed, numbers))
        draw = VvpatDraw.objects.create(
            contest=contest, segment=segment, seed=seed, stations=drawn, drawn_by=actor
        )
        audit_record(
            event_type=events.VVPAT_DRAWN,
            actor=actor,
            actor_role=role,
            obj=draw,
            summary={"contest": contest.code, "segment": segment, "seed": seed,
                     "stations": drawn},
        )  # fmt: skip
    return draw


def vvpat_check_enter(
    *, actor: Any = None, draw: VvpatDraw, station_number: int, paper: Mapping[str, Any]
) -> VvpatCheck:
    """Enter the slip count of a drawn station; a mismatch marks the station and paper
    prevails there in the tally."""
    contest = draw.contest
    role = _require(actor, contest)
    if station_number not in draw.stations:
        raise DomainError(
            Code.VALIDATION,
            _("Station %(number)s was not drawn in segment %(segment)s.")
            % {"number": station_number, "segment": draw.segment},
            field="station",
        )
    clean = _clean_counts(contest, paper, what=_("Station %(number)s") % {"number": station_number})
    station = StationReturn.objects.get(contest=contest, number=station_number)
    electronic = {
        str(c.nomination_id) if c.nomination_id else NOTA: c.votes for c in station.counts.all()
    }
    mismatch = electronic != clean
    try:
        with transaction.atomic():
            check = VvpatCheck.objects.create(
                draw=draw, station=station, paper=clean, mismatch=mismatch, entered_by=actor
            )
            audit_record(
                event_type=events.VVPAT_MISMATCH if mismatch else events.VVPAT_CHECKED,
                actor=actor,
                actor_role=role,
                obj=station,
                summary={"contest": contest.code, "station": station_number,
                         "mismatch": mismatch},
            )  # fmt: skip
    except IntegrityError:
        raise DomainError(
            Code.CONFLICT,
            _("The paper count of station %(number)s was entered already.")
            % {"number": station_number},
            field="station",
        ) from None
    return check


# --- import of finished results (`nirvachan results import-csv`) -------------------------------


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
