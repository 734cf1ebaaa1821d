"""Every write of the results app (DESIGN.md convention 1): typed keyword-only functions that
validate, write and record an audit event in one transaction."""

from __future__ import annotations

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
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Contest, Nomination
from nirvachan.results import events, tally, vvpat
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
