"""The counting plan and the entry of station results and postal ballots."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.elections.models import Contest, Election
from nirvachan.results import events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, DemoResults, StationReturn, VoteCount
from nirvachan.results.services._common import (
    MAX_ROUNDS,
    MAX_TABLES,
    NOTA,
    _clean_counts,
    _keys,
    _require,
    _round,
    _station_digest,
    _write_counts,
)


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
    votes_recorded: int | None = None,
    left_without_voting: int | None = None,
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
        ("votes_recorded", votes_recorded),
        ("left_without_voting", left_without_voting),
    ):
        if value is not None and (isinstance(value, bool) or value < 0):
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: %(field)s must be 0 or more.") % {"what": what, "field": field},
                field=field,
            )
    digest = _station_digest(
        clean, segment, voters_17a, paper_count, electors, votes_recorded, left_without_voting
    )
    existing = StationReturn.objects.filter(contest=contest, segment=segment, number=number).first()
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
                votes_recorded=votes_recorded,
                left_without_voting=left_without_voting,
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
        existing = StationReturn.objects.get(contest=contest, segment=segment, number=number)
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


def results_mark_demo(*, actor: Any = None, election: Election, note: str = "") -> bool:
    """Mark an election's results as demonstration figures (every results page and download
    then says so). Idempotent: True when newly marked."""
    role = _require_any(actor, election)
    with transaction.atomic():
        mark, created = DemoResults.objects.get_or_create(
            election=election, defaults={"note": note}
        )
        if created:
            audit_record(
                event_type=events.DEMO_MARKED,
                actor=actor,
                actor_role=role,
                obj=mark,
                summary={"election": election.code, "note": note},
            )
    return created


def _require_any(actor: Any, election: Election) -> str:
    contest = Contest.objects.filter(election=election).select_related("unit").first()
    if actor is None or contest is None:
        if actor is not None:
            raise DomainError(
                Code.NOT_FOUND, _("The election %(code)s has no contest.") % {"code": election.code}
            )
        return ""
    return _require(actor, contest)
