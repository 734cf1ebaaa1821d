"""Reads of the polling-station app, central side: which stations an election serves, the part
roll and the ballots that go into a station package (the RO's command-line tools; not per-user);
and, per user (election.view in their units), the turnout the stations report on poll day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.elections.models import Contest, Election
from nirvachan.elections.selectors import contest_ballot, polling_hours_for
from nirvachan.roll import rules
from nirvachan.roll.models import Elector, PollingStation
from nirvachan.station.errors import StationErrorCode as Code
from nirvachan.station.models import TurnoutReport

# Identity documents accepted at the station (seed 004); Bangladesh uses the NID card.
ID_DOCUMENTS = {
    "IN": [
        "epic", "aadhaar", "pan", "passport", "driving_licence", "passbook", "pension",
        "mgnrega", "health_card", "service_id", "mp_mla_id", "udid",
    ],
    "BD": ["nid", "passport", "driving_licence"],
}  # fmt: skip


def served_constituencies(station: PollingStation) -> list[Constituency]:
    """The station's assembly constituency and, when it is a segment, its parliamentary one."""
    ac = station.constituency
    return [ac, ac.parent] if ac.parent_id is not None and ac.parent is not None else [ac]


def station_contests(election: Election, station: PollingStation) -> list[Contest]:
    ids = [c.pk for c in served_constituencies(station)]
    return list(
        Contest.objects.filter(
            election=election, franchise=Contest.Franchise.DIRECT, constituency_id__in=ids
        )
        .select_related("phase", "constituency", "unit", "election")
        .order_by("constituency__kind", "code")
    )


def station_list(*, election: Election | None = None) -> QuerySet[PollingStation]:
    qs = PollingStation.objects.select_related("constituency", "constituency__parent").annotate(
        electors=Count("parts__electors", filter=Q(parts__electors__status=Elector.Status.ACTIVE))
    )
    if election is not None:
        served = Contest.objects.filter(
            election=election, franchise=Contest.Franchise.DIRECT
        ).values_list("constituency_id", flat=True)
        qs = qs.filter(Q(constituency_id__in=served) | Q(constituency__parent_id__in=served))
    return qs.order_by("constituency__code", "number")


def station_get(*, station_id: int) -> PollingStation:
    station = (
        PollingStation.objects.select_related("constituency", "constituency__parent")
        .filter(pk=station_id)
        .first()
    )
    if station is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("No polling station has the id %(id)s.") % {"id": station_id},
            station=station_id,
        )
    return station


def station_language(station: PollingStation) -> str:
    return "bn" if station.constituency.country == "BD" else "hi"


def station_roll(station: PollingStation, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Active electors of the parts whose polling station this is, by part and serial."""
    on = on or timezone.localdate()
    electors = Elector.objects.filter(
        part__polling_station=station, status=Elector.Status.ACTIVE
    ).select_related("part")
    return [
        {
            "key": e.key,
            "key_kind": e.key_kind,
            "name": e.name,
            "name_key": e.name_key,
            "relative_name": e.relative_name,
            "relation": e.relation,
            "gender": e.gender,
            "age": rules.current_age(e.dob, e.age, e.age_on, on),
            "part": e.part.number,
            "serial": e.serial,
            "status": e.status,
            # The roll does not mark classified service voters yet (reported to the lead).
            "service_voter": False,
        }
        for e in electors.order_by("part__number", "serial")
    ]


def _names(obj: Any) -> dict[str, str]:
    return {f"name_{lang}": getattr(obj, f"name_{lang}", "") or "" for lang in ("bn", "hi", "en")}


def station_ballots(election: Election, station: PollingStation) -> list[dict[str, Any]]:
    """The ballots of the contests the station serves: accepted candidates in ballot order
    (elections.ballot_order, in the station's language), NOTA last (serial n + 1)."""
    lang = station_language(station)
    out = []
    for contest in station_contests(election, station):
        ballot = contest_ballot(contest, lang=lang)
        candidates = []
        for entry, nomination in ballot.rows:
            if entry.is_nota or nomination is None:
                continue
            party, symbol = nomination.party, nomination.symbol
            candidates.append(
                {
                    "serial": entry.serial,
                    "nomination": nomination.pk,
                    **_names(nomination),
                    "party": {"abbreviation": party.abbreviation, **_names(party)}
                    if party
                    else None,
                    "symbol": {"code": symbol.code, **_names(symbol)} if symbol else None,
                }
            )
        out.append(
            {
                "contest": contest.code,
                **_names(contest),
                "seats": contest.seats,
                "candidates": candidates,
                "nota": True,
            }
        )
    return out


def station_election(election: Election, station: PollingStation) -> dict[str, Any]:
    contests = station_contests(election, station)
    if not contests:
        raise DomainError(
            Code.NOT_SERVED,
            _("Election %(code)s has no contest in this station's constituency.")
            % {"code": election.code},
            election=election.code,
            station=station.pk,
        )
    opens, closes = polling_hours_for(contests[0])
    return {
        "code": election.code,
        **_names(election),
        "country": election.country,
        "poll_date": contests[0].phase.poll_date.isoformat(),
        "hours": {"open": opens.strftime("%H:%M"), "close": closes.strftime("%H:%M")},
        "id_documents": ID_DOCUMENTS.get(election.country, ID_DOCUMENTS["IN"]),
    }


def default_election(station: PollingStation) -> Election:
    """The most recent election with a contest the station serves."""
    ids = [c.pk for c in served_constituencies(station)]
    election = (
        Election.objects.filter(
            contests__constituency_id__in=ids, contests__franchise=Contest.Franchise.DIRECT
        )
        .order_by("-created_at")
        .first()
    )
    if election is None:
        raise DomainError(
            Code.NOT_SERVED,
            _("No election has a contest in this station's constituency."),
            station=station.pk,
        )
    return election


# --- turnout on poll day (per user) ------------------------------------------------------------

LATE_AFTER = dt.timedelta(hours=2)
COUNTRY_ZONES = {"IN": "Asia/Kolkata", "BD": "Asia/Dhaka"}


def is_late(
    *,
    now: dt.datetime,
    last_report: dt.datetime | None,
    opens: dt.datetime | None,
    closes: dt.datetime | None,
    after: dt.timedelta = LATE_AFTER,
) -> bool:
    """The one rule of a late station (pure): while the poll is open (opens <= now < closes), no
    report came in the last `after` (2 hours). Before the first report the opening counts as the
    last one, so a station is late only once `after` has passed since the poll opened. Outside the
    poll (or without known hours) no station is late."""
    if opens is None or closes is None or not opens <= now < closes:
        return False
    since = last_report if last_report is not None and last_report >= opens else opens
    return now - since >= after


@dataclass(frozen=True)
class StationTurnout:
    station: PollingStation
    constituency: Constituency
    electors: int
    reports: int
    last_at: dt.datetime | None
    voters: int | None
    late: bool

    @property
    def share(self) -> Fraction | None:
        if self.voters is None or not self.electors:
            return None
        return Fraction(self.voters, self.electors)


@dataclass(frozen=True)
class ConstituencyTurnout:
    constituency: Constituency
    stations: int
    reporting: int
    late: int
    electors: int
    voters: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.voters, self.electors) if self.electors else None


@dataclass(frozen=True)
class TurnoutOverview:
    election: Election
    constituency: Constituency | None
    now: dt.datetime
    stations: list[StationTurnout]
    totals: list[ConstituencyTurnout]
    total: ConstituencyTurnout | None
    series: list[tuple[dt.datetime, int]] = field(default_factory=list)

    @property
    def reported(self) -> bool:
        return any(row.reports for row in self.stations)


TURNOUT_SORTS = ("late", "turnout", "-turnout", "station")


def _require_view(user: Any) -> None:
    if scope_for(user, Capability.ELECTION_VIEW) is None:
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow seeing the turnout of stations."),
        )


def turnout_election_get(user: Any, code: str) -> Election:
    """An election the user may see the turnout of: 403 without election.view anywhere, 404 when
    no contest of the election lies in the user's units."""
    _require_view(user)
    if not code:
        raise DomainError(Code.VALIDATION, _("Name the election (its code)."), field="election")
    election = (
        Election.objects.filter(
            code=code,
            contests__in=Contest.objects.filter(
                _paths_q(user, Capability.ELECTION_VIEW, "unit__path")
            ),
        )
        .distinct()
        .first()
    )
    if election is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("No election has the code %(code)s.") % {"code": code},
            field="election",
            election=code,
        )
    return election


def election_zone(election: Election) -> zoneinfo.ZoneInfo:
    """The time zone of the election's country (its polling hours are local times)."""
    return zoneinfo.ZoneInfo(COUNTRY_ZONES.get(election.country, settings.TIME_ZONE))


def _poll_windows(election: Election) -> dict[int, tuple[dt.datetime, dt.datetime]]:
    """Constituency id → the poll's opening and closing instant (the contest's phase poll date and
    its polling hours, in the country's time zone), for the direct contests of the election."""
    zone = election_zone(election)
    out: dict[int, tuple[dt.datetime, dt.datetime]] = {}
    contests = Contest.objects.filter(
        election=election, franchise=Contest.Franchise.DIRECT, constituency__isnull=False
    ).select_related("phase", "unit", "election")
    for contest in contests:
        opens, closes = polling_hours_for(contest)
        day = contest.phase.poll_date
        out[contest.constituency_id] = (
            dt.datetime.combine(day, opens, tzinfo=zone),
            dt.datetime.combine(day, closes, tzinfo=zone),
        )
    return out


def turnout_overview(
    user: Any,
    *,
    election: Election,
    constituency: str = "",
    sort: str = "late",
    now: dt.datetime | None = None,
) -> TurnoutOverview:
    """Each polling station of the election in the user's units (election.view) with its latest
    turnout report, the active electors of its parts, the number of reports and whether it is
    late (`is_late`); totals per assembly constituency and the total voters over time."""
    _require_view(user)
    now = now or timezone.now()
    qs = station_list(election=election).filter(
        _paths_q(user, Capability.ELECTION_VIEW, "constituency__unit__path")
    )
    chosen: Constituency | None = None
    if constituency:
        chosen = (
            Constituency.objects.filter(
                _paths_q(user, Capability.ELECTION_VIEW, "unit__path"), code=constituency
            )
            .select_related("unit")
            .first()
        )
        if chosen is None:
            raise DomainError(
                Code.NOT_FOUND,
                _("No constituency has the code %(code)s.") % {"code": constituency},
                field="constituency",
                constituency=constituency,
            )
        qs = qs.filter(Q(constituency=chosen) | Q(constituency__parent=chosen))
    stations = list(qs)
    windows = _poll_windows(election)
    reports: dict[int, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for station_id, at, voters in (
        TurnoutReport.objects.filter(
            election=election,
            polling_station__in=PollingStation.objects.filter(pk__in=qs.order_by().values("pk")),
        )
        .order_by("at")
        .values_list("polling_station_id", "at", "voters")
    ):
        reports[station_id].append((at, voters))
    rows = []
    for station in stations:
        mine = reports.get(station.pk, [])
        window = windows.get(station.constituency_id) or windows.get(
            station.constituency.parent_id or 0
        )
        last_at, voters = mine[-1] if mine else (None, None)
        rows.append(
            StationTurnout(
                station=station,
                constituency=station.constituency,
                electors=station.electors,
                reports=len(mine),
                last_at=last_at,
                voters=voters,
                late=is_late(
                    now=now,
                    last_report=last_at,
                    opens=window[0] if window else None,
                    closes=window[1] if window else None,
                ),
            )
        )
    rows = _sorted(rows, sort)
    totals = [_total(c, [r for r in rows if r.constituency == c]) for c in _constituencies(rows)]
    total = _total(chosen or rows[0].constituency, rows) if rows else None
    series = _series([reports[s.pk] for s in stations if s.pk in reports])
    return TurnoutOverview(election, chosen, now, rows, totals, total, series)


def _constituencies(rows: list[StationTurnout]) -> list[Constituency]:
    seen: dict[int, Constituency] = {}
    for row in rows:
        seen.setdefault(row.constituency.pk, row.constituency)
    return sorted(seen.values(), key=lambda c: c.code)


def _sorted(rows: list[StationTurnout], sort: str) -> list[StationTurnout]:
    if sort not in TURNOUT_SORTS:
        raise DomainError(
            Code.VALIDATION,
            _("Sort by one of: %(choices)s.") % {"choices": ", ".join(TURNOUT_SORTS)},
            field="sort",
        )

    def place(row: StationTurnout) -> tuple[str, int]:
        return (row.constituency.code, row.station.number)

    def share(row: StationTurnout) -> Fraction:
        return row.share if row.share is not None else Fraction(-1)

    rows = sorted(rows, key=place)
    if sort == "late":
        return sorted(rows, key=lambda r: (not r.late, r.last_at is not None))
    if sort == "turnout":
        return sorted(rows, key=share)
    if sort == "-turnout":
        return sorted(rows, key=share, reverse=True)
    return rows


def _total(constituency: Constituency, rows: list[StationTurnout]) -> ConstituencyTurnout:
    return ConstituencyTurnout(
        constituency=constituency,
        stations=len(rows),
        reporting=sum(1 for r in rows if r.reports),
        late=sum(1 for r in rows if r.late),
        electors=sum(r.electors for r in rows),
        voters=sum(r.voters or 0 for r in rows),
    )


def _series(per_station: list[list[tuple[dt.datetime, int]]]) -> list[tuple[dt.datetime, int]]:
    """Total voters over time: at each instant a report came in, the sum over the stations of
    their latest report so far (a station that has not reported yet counts 0)."""
    events = sorted(
        (at, index, voters) for index, mine in enumerate(per_station) for at, voters in mine
    )
    latest: dict[int, int] = {}
    out: list[tuple[dt.datetime, int]] = []
    for at, index, voters in events:
        latest[index] = voters
        total = sum(latest.values())
        if out and out[-1][0] == at:
            out[-1] = (at, total)
        else:
            out.append((at, total))
    return out
