"""Checks of signed station-result packages before they are counted: integrity and signature
(``package.read``), the election, the station, the station's current key, and the contests and
candidates the counts name. Each refusal is a DomainError whose code and translated message say
which check failed. Used by ``packages.py``, which writes what passes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.elections.models import Contest, Election, Nomination
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, ResultPackage, StationReturn
from nirvachan.results.services._common import NOTA, _clean_counts
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


def _conflict(station: PollingStation) -> DomainError:
    return DomainError(
        Code.CONFLICT,
        _("Station %(number)s of %(constituency)s was counted already from a different package; "
          "the returning officer must resolve the difference.")
        % {"number": station.number, "constituency": station.constituency.code},
        field="file",
        station=station.pk,
    )  # fmt: skip
