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
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.elections.models import Contest, Election, Nomination
from nirvachan.results import events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, ResultPackage, StationReturn, VoteCount
from nirvachan.results.services._common import NOTA, _clean_counts, _station_digest
from nirvachan.roll.models import PollingStation
from nirvachan.station import package
from nirvachan.station.models import StationKey


def _changed_messages() -> dict[str, str]:
    return {
        "corrupt": _("a file fails its checksum"),
        "hash_mismatch": _("a file does not match the hash in the signed manifest"),
        "altered_archive": _("the archive is not laid out as it was signed"),
        "bad_signature": _("the signature does not match the manifest"),
        "unlisted_member": _("it holds a file the manifest does not list"),
        "missing_member": _("a file listed in the manifest is missing"),
        "duplicate_member": _("it holds a file twice"),
        "bad_manifest": _("its manifest cannot be read"),
        "too_large": _("a file is too large"),
    }


def package_verify(data: bytes) -> package.Package:
    """Read and verify a station-result package (integrity and signature); refusals are
    translated DomainErrors naming the check that failed."""
    try:
        return package.read(data, package.KIND_RESULT)
    except package.PackageError as exc:
        raise _package_error(exc) from None


def _package_error(exc: package.PackageError) -> DomainError:
    if exc.code == "not_a_package":
        return DomainError(
            Code.PACKAGE_INVALID,
            _("The file is not a station result package (it is not a readable zip archive)."),
            field="file",
            check=exc.code,
        )
    if exc.code in ("wrong_kind", "bad_format"):
        return DomainError(
            Code.PACKAGE_INVALID,
            _("The file is not a station result package of a format this system reads."),
            field="file",
            check=exc.code,
        )
    reason = _changed_messages().get(exc.code, exc.message)
    return DomainError(
        Code.PACKAGE_CHANGED,
        _("The package has been changed since the station signed it: %(reason)s.")
        % {"reason": reason},
        field="file",
        check=exc.code,
        **{k: str(v) for k, v in exc.details.items()},
    )


@dataclass(frozen=True)
class Ingested:
    package: ResultPackage
    created: bool
    stations: list[StationReturn] = field(default_factory=list)


def _invalid(message: str, **details: Any) -> DomainError:
    return DomainError(Code.PACKAGE_INVALID, message, field="file", **details)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _invalid(
            _("The package's %(what)s is not a whole number, 0 or more.") % {"what": what},
            member=what,
        )
    return value


def _header(pkg: package.Package) -> tuple[str, int, str, int]:
    manifest = pkg.manifest
    station = manifest.get("station")
    election = manifest.get("election")
    if (
        not isinstance(election, str)
        or not isinstance(station, dict)
        or isinstance(station.get("id"), bool)
        or not isinstance(station.get("id"), int)
        or not isinstance(station.get("constituency"), str)
        or not isinstance(station.get("number"), int)
    ):
        raise _invalid(_("The package's manifest does not name its election and station."))
    return election, station["id"], station["constituency"], station["number"]


@dataclass(frozen=True)
class _ContestCount:
    contest: Contest
    counts: dict[str, int]
    paper: int | None
    keys: dict[str, Nomination]


def _station_error(station_id: int, constituency: str, number: int) -> DomainError:
    return DomainError(
        Code.UNKNOWN_STATION,
        _("The package names polling station %(number)s of %(constituency)s (id %(id)s), "
          "which is not a station known here.")
        % {"number": number, "constituency": constituency, "id": station_id},
        field="file",
        station=station_id,
    )  # fmt: skip


def _check_key(
    election: Election, station: PollingStation, key: StationKey | None, signer: str
) -> StationKey:
    """The current key of the station, which must be the package's signer."""
    fp = package.fingerprint(signer)
    if key is not None and key.election_id == election.pk:
        if key.polling_station_id == station.pk:
            if key.revoked_at is None:
                return key
            raise DomainError(
                Code.REVOKED_KEY,
                _("The package is signed with key %(fp)s of station %(number)s, which was "
                  "revoked; results signed with it are refused.")
                % {"fp": fp, "number": station.number},
                field="file",
                fingerprint=fp,
            )  # fmt: skip
        other = key.polling_station
        raise DomainError(
            Code.WRONG_STATION_KEY,
            _("The package is signed with the key of another station (%(other)s), not the key "
              "issued to station %(number)s.")
            % {"other": f"{other.number}. {other.name}", "number": station.number},
            field="file",
            fingerprint=fp,
        )  # fmt: skip
    if key is not None:
        raise DomainError(
            Code.OTHER_ELECTION,
            _("The package is signed with a key issued for another election, not %(election)s.")
            % {"election": election.code},
            field="file",
            fingerprint=fp,
        )
    raise DomainError(
        Code.WRONG_STATION_KEY,
        _("The package is signed with key %(fp)s, which is not the key issued to station "
          "%(number)s for this election.") % {"fp": fp, "number": station.number},
        field="file",
        fingerprint=fp,
    )  # fmt: skip


@dataclass
class _Batch:
    """What a batch of packages needs from the database, loaded in a few queries."""

    elections: dict[str, Election] = field(default_factory=dict)
    stations: dict[int, PollingStation] = field(default_factory=dict)
    keys: dict[str, StationKey] = field(default_factory=dict)
    by_digest: dict[str, ResultPackage] = field(default_factory=dict)
    counted: dict[tuple[int, int], ResultPackage] = field(default_factory=dict)
    contests: dict[int, dict[str, Contest]] = field(default_factory=dict)
    nominations: dict[int, dict[str, Nomination]] = field(default_factory=dict)

    def contests_of(self, election: Election) -> dict[str, Contest]:
        if election.pk not in self.contests:
            self.contests[election.pk] = {
                c.code: c
                for c in Contest.objects.filter(election=election).select_related(
                    "unit", "constituency"
                )
            }
        return self.contests[election.pk]

    def nominations_of(self, contests: Iterable[Contest]) -> None:
        wanted = [c.pk for c in contests if c.pk not in self.nominations]
        for pk in wanted:
            self.nominations[pk] = {}
        if wanted:
            for n in Nomination.objects.filter(
                contest_id__in=wanted, status=Nomination.Status.ACCEPTED
            ):
                self.nominations[n.contest_id][str(n.pk)] = n


def _load(headers: list[tuple[str, int, str, int, str, str]]) -> _Batch:
    batch = _Batch()
    codes = {h[0] for h in headers}
    batch.elections = {e.code: e for e in Election.objects.filter(code__in=codes)}
    batch.stations = {
        s.pk: s
        for s in PollingStation.objects.filter(pk__in={h[1] for h in headers}).select_related(
            "constituency"
        )
    }
    batch.keys = {
        k.public_key: k
        for k in StationKey.objects.filter(public_key__in={h[4] for h in headers}).select_related(
            "polling_station"
        )
    }
    digests = {h[5] for h in headers}
    for record in (
        ResultPackage.objects.filter(
            Q(digest__in=digests)
            | Q(polling_station_id__in=batch.stations, status=ResultPackage.Status.ACCEPTED)
        )
        .defer("data")
        .order_by()
    ):
        batch.by_digest[record.digest] = record
        if record.status == ResultPackage.Status.ACCEPTED:
            batch.counted[(record.election_id, record.polling_station_id)] = record
    return batch


@dataclass
class _Plan:
    """One package that passed every check: what it will write."""

    index: int
    data: bytes
    pkg: package.Package
    election: Election
    station: PollingStation
    key: StationKey
    contests: list[_ContestCount]
    form: dict[str, int]
    rounds: list[CountingRound] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)


def _contests(
    batch: _Batch, election: Election, station: PollingStation, pkg: package.Package
) -> list[_ContestCount]:
    counts = pkg.json("counts.json")
    paper_doc = pkg.json("paper.json")
    rows = counts.get("contests") if isinstance(counts, dict) else None
    if not isinstance(rows, list) or not rows:
        raise _invalid(_("counts.json lists no contest."), member="counts.json")
    paper: dict[str, int] = {}
    for item in paper_doc.get("contests", []) if isinstance(paper_doc, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("contest"), str):
            paper[item["contest"]] = _int(item.get("count"), "paper.json count")
    found = batch.contests_of(election)
    own = {station.constituency_id, station.constituency.parent_id}
    out = []
    for row in rows:
        if not isinstance(row, dict):
            raise _invalid(_("counts.json lists a contest that is not an object."))
        code = row.get("contest")
        contest = found.get(code) if isinstance(code, str) else None
        if contest is None:
            raise DomainError(
                Code.OTHER_ELECTION,
                _("The package counts contest %(contest)s, which is not a contest of election "
                  "%(election)s.") % {"contest": code, "election": election.code},
                field="file",
                contest=str(code),
            )  # fmt: skip
        if contest.constituency_id not in own:
            raise _invalid(
                _("Station %(number)s of %(constituency)s does not vote in contest %(contest)s.")
                % {"number": station.number, "constituency": station.constituency.code,
                   "contest": code},
                contest=code,
            )  # fmt: skip
        candidates = row.get("candidates")
        if not isinstance(candidates, list) or not all(isinstance(c, dict) for c in candidates):
            raise _invalid(
                _("counts.json: contest %(contest)s has no list of candidates.") % {"contest": code}
            )
        votes: dict[str, int] = {}
        for cand in candidates:
            votes[str(cand.get("nomination"))] = _int(cand.get("votes"), "counts.json votes")
        votes[NOTA] = _int(row.get("nota", 0), "counts.json nota")
        total = _int(row.get("total"), "counts.json total")
        if total != sum(votes.values()):
            raise _invalid(
                _("counts.json: the total of contest %(contest)s (%(total)s) is not the sum of "
                  "its votes (%(sum)s).") % {"contest": code, "total": total,
                                             "sum": sum(votes.values())},
                contest=code,
            )  # fmt: skip
        batch.nominations_of([contest])
        what = _("Station %(number)s") % {"number": station.number}
        clean = _clean_counts(contest, votes, what=what, keys=batch.nominations[contest.pk])
        out.append(_ContestCount(contest, clean, paper.get(code), batch.nominations[contest.pk]))
    return out


def _form17c(pkg: package.Package) -> dict[str, int]:
    doc = pkg.json("form17c.json")
    if not isinstance(doc, dict):
        raise _invalid(_("form17c.json is not a Form 17C."), member="form17c.json")
    return {
        name: _int(doc.get(name), f"form17c.json {name}")
        for name in ("electors", "voters_17a", "left_without_voting", "votes_recorded")
    }


def _require_contests(actor: Any, contests: list[_ContestCount]) -> None:
    for item in contests:
        unit = item.contest.unit
        if actor is not None and scope_for(actor, Capability.RESULTS_MANAGE, unit.path) is None:
            raise DomainError(
                Code.PERMISSION_DENIED,
                _("You may not count results of %(contest)s.") % {"contest": item.contest.name},
                field="file",
                contest=item.contest.pk,
            )


def _check(
    batch: _Batch,
    actor: Any,
    index: int,
    data: bytes,
    pkg: package.Package,
    header: tuple[str, int, str, int, str, str],
    expected: str | None,
) -> _Plan | Ingested:
    code, station_id, constituency, number, signer, digest = header
    if expected is not None and code != expected:
        raise DomainError(
            Code.OTHER_ELECTION,
            _("The package is for election %(found)s, not %(expected)s.")
            % {"found": code, "expected": expected},
            field="file",
            election=code,
        )
    election = batch.elections.get(code)
    if election is None:
        raise DomainError(
            Code.OTHER_ELECTION,
            _("The package is for election %(found)s, which is not known here.") % {"found": code},
            field="file",
            election=code,
        )
    station = batch.stations.get(station_id)
    if station is None or station.constituency.code != constituency or station.number != number:
        raise _station_error(station_id, constituency, number)
    key = _check_key(election, station, batch.keys.get(signer), signer)
    contests = _contests(batch, election, station, pkg)
    _require_contests(actor, contests)  # scope first: nothing written for a contest out of reach
    existing = batch.by_digest.get(digest)
    if existing is not None:
        if existing.status == ResultPackage.Status.ACCEPTED:
            return Ingested(existing, False)
        raise _conflict(station)
    form = _form17c(pkg)
    return _Plan(index, data, pkg, election, station, key, contests, form)


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


def _conflict(station: PollingStation) -> DomainError:
    return DomainError(
        Code.CONFLICT,
        _("Station %(number)s of %(constituency)s was counted already from a different package; "
          "the returning officer must resolve the difference.")
        % {"number": station.number, "constituency": station.constituency.code},
        field="file",
        station=station.pk,
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


def _verify_quietly(data: bytes) -> package.Package | package.PackageError:
    try:
        return package.read(data, package.KIND_RESULT)
    except package.PackageError as exc:
        return exc


def verify_many(
    datas: Iterable[bytes], *, workers: int = 1
) -> Iterator[package.Package | DomainError]:
    """Verify packages (integrity and signature only), in ``workers`` processes when > 1; in
    order, each a Package or the DomainError saying why it is refused."""
    items = list(datas)
    if workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(
                pool.map(_verify_quietly, items, chunksize=max(1, len(items) // (workers * 8)))
            )
    else:
        results = [_verify_quietly(d) for d in items]
    for result in results:
        yield _package_error(result) if isinstance(result, package.PackageError) else result
