"""Ingest of signed station-result packages (`nirvachan results ingest`, the packages API).

A package (see ``nirvachan.station.package`` and docs/results.md) is accepted when, in order:
it reads and every byte is the one signed (``package.read``); it is a package of the election
named by the caller; it names a known polling station; it is signed with the current,
unrevoked key issued to that station for that election; and its counts name contests of the
election that the station votes in, with candidates of those contests. Each refusal raises a
:class:`DomainError` whose code and (translated) message say which check failed.

Then ``counts.json`` becomes one station result per contest, validated as
``station_result_enter`` validates a hand entry (segment = the station's assembly constituency
code, number = the station number), with the Form 17C figures and the paper-record count for
reconciliation, in the first open round of the counting plan that has a free table (or the
round asked for). The same package twice is idempotent; a different package for a station
already counted (or a different hand-entered result) is kept as a conflict for the returning
officer and never applied.

``packages_ingest`` counts a batch: the checks read the database in a few queries for the whole
batch, and the packages that pass are written in one transaction with one audit event per
election listing each package (station, digest, contests). That is what makes 10,000 packages
fit in a minute (bench/results.py); ``package_ingest`` is a batch of one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.elections.models import Contest
from nirvachan.results import events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, ResultPackage, StationReturn, VoteCount
from nirvachan.results.services._common import NOTA, _station_digest
from nirvachan.results.services.package_checks import (
    Ingested,
    _Batch,
    _check,
    _conflict,
    _contests,
    _header,
    _invalid,
    _load,
    _package_error,
    _Plan,
    _require_contests,
    package_verify,
)
from nirvachan.roll.models import PollingStation
from nirvachan.station import package


def packages_ingest(
    *,
    actor: Any = None,
    items: Sequence[tuple[bytes, package.Package | DomainError]],
    election_code: str | None = None,
    round_number: int | None = None,
) -> list[Ingested | DomainError]:
    """Count a batch of verified packages (``verify_many``): for each, in order, the Ingested
    record or the DomainError that refused it. Packages that pass are written together in one
    transaction with one audit event per election listing them; a refused package writes
    nothing (a conflict keeps the offered package for the returning officer)."""
    out: list[Ingested | DomainError | None] = [None] * len(items)
    headers: dict[int, tuple[str, int, str, int, str, str]] = {}
    for i, (data, pkg) in enumerate(items):
        if isinstance(pkg, DomainError):
            out[i] = pkg
            continue
        try:
            if pkg.digest != package.sha256_hex(data):
                raise _package_error(package.PackageError("altered_archive", "digest differs"))
            headers[i] = (*_header(pkg), pkg.signer, pkg.digest)
        except DomainError as exc:
            out[i] = exc
    batch = _load(list(headers.values()))
    plans: list[_Plan] = []
    conflicts: list[tuple[int, _Plan]] = []
    for i, header in headers.items():
        data, pkg = items[i]
        assert not isinstance(pkg, DomainError)
        try:
            checked = _check(batch, actor, i, data, pkg, header, election_code)
        except DomainError as exc:
            out[i] = exc
            continue
        except package.PackageError as exc:  # a member missing or not JSON
            name = str(exc.details.get("name", ""))
            out[i] = _invalid(
                _("The package's %(member)s is missing or is not valid JSON.") % {"member": name},
                member=name,
            )
            continue
        if isinstance(checked, Ingested):
            out[i] = checked
            continue
        spot = (checked.election.pk, checked.station.pk)
        if spot in batch.counted or any((p.election.pk, p.station.pk) == spot for p in plans):
            conflicts.append((i, checked))
            continue
        plans.append(checked)
    if plans:
        try:
            for i, result in _write(actor, plans, round_number).items():
                out[i] = result
        except IntegrityError:  # a concurrent ingest of the same station: one by one
            for plan in plans:
                try:
                    out[plan.index] = _write(actor, [plan], round_number)[plan.index]
                except IntegrityError:
                    conflicts.append((plan.index, plan))
    for i, plan in conflicts:
        counted = ResultPackage.objects.filter(
            election=plan.election, polling_station=plan.station,
            status=ResultPackage.Status.ACCEPTED,
        ).first()  # fmt: skip
        if counted is not None and counted.digest == plan.pkg.digest:
            out[i] = Ingested(counted, False)
            continue
        if counted is None:  # the package it clashed with in this batch was refused
            try:
                out[i] = _write(actor, [plan], round_number)[plan.index]
                continue
            except IntegrityError:
                pass
        _record_conflict(actor, plan)
        out[i] = _conflict(plan.station)
    return [r for r in out if r is not None]


def _write(
    actor: Any, plans: list[_Plan], round_number: int | None
) -> dict[int, Ingested | DomainError]:
    """Write the plans that still fit (rounds, hand-entered results) in one transaction."""
    results: dict[int, Ingested | DomainError] = {}
    hand_conflicts: list[_Plan] = []
    with transaction.atomic():
        contest_ids = {c.contest.pk for p in plans for c in p.contests}
        rounds: dict[int, list[CountingRound]] = defaultdict(list)
        for rnd in (
            CountingRound.objects.select_for_update()
            .filter(contest_id__in=contest_ids)
            .order_by("contest_id", "number")
        ):
            rounds[rnd.contest_id].append(rnd)
        used: dict[int, int] = defaultdict(int)
        for rid, n in (
            StationReturn.objects.filter(round__contest_id__in=contest_ids)
            .values_list("round_id")
            .annotate(n=Count("id"))
            .values_list("round_id", "n")
        ):
            used[rid] = n
        numbers = {p.station.number for p in plans}
        entered = {
            (st.contest_id, st.segment, st.number): st
            for st in StationReturn.objects.filter(
                contest_id__in=contest_ids, number__in=numbers
            ).order_by()
        }
        returns: list[StationReturn] = []
        ready: list[_Plan] = []
        for plan in plans:
            try:
                chosen = []
                taken: dict[int, int] = defaultdict(int)
                segment = plan.station.constituency.code
                hand = False
                for item in plan.contests:
                    if (item.contest.pk, segment, plan.station.number) in entered:
                        hand = True
                        break
                    rnd = _pick_round(
                        item.contest, rounds[item.contest.pk], used, taken, round_number
                    )
                    taken[rnd.pk] += 1
                    chosen.append(rnd)
            except DomainError as exc:
                results[plan.index] = exc
                continue
            if hand:
                hand_conflicts.append(plan)
                continue
            for rid, n in taken.items():
                used[rid] += n
            plan.rounds = chosen
            form = plan.form
            for item, rnd in zip(plan.contests, chosen, strict=True):
                digest = _station_digest(
                    item.counts, segment, form["voters_17a"], item.paper, form["electors"],
                    form["votes_recorded"], form["left_without_voting"],
                )  # fmt: skip
                returns.append(
                    StationReturn(
                        contest=item.contest, round=rnd, number=plan.station.number,
                        segment=segment, voters_17a=form["voters_17a"],
                        left_without_voting=form["left_without_voting"],
                        votes_recorded=form["votes_recorded"], paper_count=item.paper,
                        electors=form["electors"], digest=digest, entered_by=_user(actor),
                    )
                )  # fmt: skip
            ready.append(plan)
        StationReturn.objects.bulk_create(returns)
        counts: list[VoteCount] = []
        at = 0
        records: list[ResultPackage] = []
        for plan in ready:
            stations = returns[at : at + len(plan.contests)]
            at += len(plan.contests)
            for item, st in zip(plan.contests, stations, strict=True):
                keys = item.keys
                for key, votes in item.counts.items():
                    nomination = None if key == NOTA else keys[key]
                    counts.append(
                        VoteCount(
                            contest=item.contest, station=st, votes=votes, nomination=nomination
                        )
                    )
            records.append(_package_row(actor, plan, ResultPackage.Status.ACCEPTED))
            results[plan.index] = Ingested(records[-1], True, stations)
        VoteCount.objects.bulk_create(counts)
        ResultPackage.objects.bulk_create(records)
        by_election: dict[int, list[_Plan]] = defaultdict(list)
        for plan in ready:
            by_election[plan.election.pk].append(plan)
        for group in by_election.values():
            election = group[0].election
            audit_record(
                event_type=events.PACKAGE_INGESTED,
                actor=actor,
                actor_role=_role(actor, group[0].contests[0].contest),
                obj=election,
                summary={"election": election.code, "packages": [
                    {"station": p.station.pk, "digest": p.pkg.digest,
                     "contests": [c.contest.code for c in p.contests]} for p in group]},
            )  # fmt: skip
    for plan in hand_conflicts:  # a different result was entered by hand for the station
        _record_conflict(actor, plan)
        results[plan.index] = _conflict(plan.station)
    return results


def _pick_round(
    contest: Contest,
    rounds: list[CountingRound],
    used: dict[int, int],
    taken: dict[int, int],
    wanted: int | None,
) -> CountingRound:
    for rnd in rounds:
        if wanted is not None and rnd.number != wanted:
            continue
        free = rnd.status == CountingRound.Status.OPEN and used[rnd.pk] + taken[rnd.pk] < rnd.tables
        if free:
            return rnd
        if wanted is not None:
            if rnd.status != CountingRound.Status.OPEN:
                raise DomainError(
                    Code.WRONG_STATE,
                    _("Round %(round)s is %(status)s; no more stations can be entered in it.")
                    % {"round": rnd.number, "status": rnd.get_status_display()},
                    field="round",
                )
            raise DomainError(
                Code.CONFLICT,
                _("Round %(round)s has %(tables)s tables, all counted already.")
                % {"round": rnd.number, "tables": rnd.tables},
                field="round",
            )
    if wanted is not None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Round %(round)s of %(contest)s is not planned.")
            % {"round": wanted, "contest": contest.name},
            field="round",
        )
    raise DomainError(
        Code.WRONG_STATE,
        _("No open counting round of %(contest)s has a free table: set or extend the "
          "counting plan first.") % {"contest": contest.name},
        field="round",
        contest=contest.pk,
    )  # fmt: skip


def package_ingest(
    *,
    actor: Any = None,
    data: bytes,
    election_code: str | None = None,
    round_number: int | None = None,
    verified: package.Package | None = None,
) -> Ingested:
    """Verify a station-result package and count it (see the module docstring); a refusal
    raises the DomainError saying which check failed.

    ``verified``: the result of :func:`package_verify` for these bytes when the caller has
    checked the signature already (in parallel)."""
    pkg = verified if verified is not None else package_verify(data)
    result = packages_ingest(
        actor=actor, items=[(data, pkg)], election_code=election_code, round_number=round_number
    )[0]
    if isinstance(result, DomainError):
        raise result
    return result


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _role(actor: Any, contest: Contest) -> str:
    if actor is None:
        return ""
    scope = scope_for(actor, Capability.RESULTS_MANAGE, contest.unit.path)
    return scope.role if scope is not None else ""


def _package_row(actor: Any, plan: _Plan, status: str) -> ResultPackage:
    pkg = plan.pkg

    def member(name: str, default: Any) -> Any:
        try:
            return pkg.json(name)
        except package.PackageError:
            return default

    return ResultPackage(
        election=plan.election,
        polling_station=plan.station,
        station_key=plan.key,
        status=status,
        digest=pkg.digest,
        manifest=pkg.manifest,
        form17c=member("form17c.json", {}),
        paper=member("paper.json", {}),
        turnout=member("turnout.json", []),
        data=plan.data,
        received_by=_user(actor),
    )


def _record_conflict(actor: Any, plan: _Plan) -> None:
    """Keep the offered package beside the counted one for the returning officer (once)."""
    with transaction.atomic():
        if ResultPackage.objects.filter(digest=plan.pkg.digest).exists():
            return
        record = _package_row(actor, plan, ResultPackage.Status.CONFLICT)
        record.save()
        audit_record(
            event_type=events.PACKAGE_CONFLICT,
            actor=actor,
            obj=record,
            summary={"election": plan.election.code, "station": plan.station.pk,
                     "digest": plan.pkg.digest},
        )  # fmt: skip


def package_conflict_resolve(
    *, actor: Any = None, record: ResultPackage, accept: bool, reason: str
) -> ResultPackage:
    """The returning officer's decision on a package kept as a conflict: keep the count
    (`accept=False`: the offered package is dismissed) or count the offered package instead
    (`accept=True`: the station's current results — from a package or entered by hand — are
    removed and the offered package is ingested; allowed only while every round holding the
    station is still open). Returns the package now counted (or the dismissed one). A reason is
    required; the decision is an audit event."""
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(Code.VALIDATION, _("Give the reason for the decision."), field="reason")
    if record.status != ResultPackage.Status.CONFLICT:
        raise DomainError(
            Code.WRONG_STATE,
            _("This package is not a conflict waiting for a decision."),
            field="package",
        )
    data = bytes(record.data)
    pkg = package_verify(data)
    station = PollingStation.objects.select_related("constituency").get(
        pk=record.polling_station_id
    )
    batch = _Batch()
    contests = _contests(batch, record.election, station, pkg)
    _require_contests(actor, contests)
    role = _role(actor, contests[0].contest)
    summary: dict[str, Any] = {"election": record.election.code, "station": station.pk,
                               "offered": record.digest, "reason": reason}  # fmt: skip
    with transaction.atomic():
        locked = ResultPackage.objects.select_for_update().get(pk=record.pk)
        if locked.status != ResultPackage.Status.CONFLICT:
            raise DomainError(
                Code.WRONG_STATE,
                _("This package is not a conflict waiting for a decision."),
                field="package",
            )
        if not accept:
            locked.status = ResultPackage.Status.DISMISSED
            locked.resolution = reason
            locked.save(update_fields=["status", "resolution"])
            audit_record(event_type=events.PACKAGE_RESOLVED, actor=actor, actor_role=role,
                         obj=locked, summary=summary | {"decision": "kept"})  # fmt: skip
            return locked
        current = list(
            StationReturn.objects.filter(
                contest__election_id=record.election_id,
                segment=station.constituency.code,
                number=station.number,
            ).select_related("round")
        )
        for st in current:
            if st.round.status != CountingRound.Status.OPEN:
                raise DomainError(
                    Code.WRONG_STATE,
                    _("Round %(round)s is %(status)s: the station's count can no longer be "
                      "replaced.") % {"round": st.round.number,
                                      "status": st.round.get_status_display()},
                    field="package",
                )  # fmt: skip
        counted = ResultPackage.objects.filter(
            election_id=record.election_id,
            polling_station=station,
            status=ResultPackage.Status.ACCEPTED,
        ).first()
        if counted is not None:
            counted.status = ResultPackage.Status.SUPERSEDED
            counted.resolution = reason
            counted.save(update_fields=["status", "resolution"])
            summary["replaced"] = counted.digest
        StationReturn.objects.filter(pk__in=[st.pk for st in current]).delete()
        locked.delete()  # ingested again below, as the package counted
        result = packages_ingest(actor=actor, items=[(data, pkg)])[0]
        if isinstance(result, DomainError):
            raise result
        audit_record(event_type=events.PACKAGE_RESOLVED, actor=actor, actor_role=role,
                     obj=result.package, summary=summary | {"decision": "replaced"})  # fmt: skip
        result.package.resolution = reason
        result.package.save(update_fields=["resolution"])
        return result.package
