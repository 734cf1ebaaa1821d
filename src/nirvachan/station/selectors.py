"""Reads of the polling-station app, central side: which stations an election serves, the part
roll and the ballots that go into a station package (the RO's command-line tools; not per-user).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.elections.models import Contest, Election
from nirvachan.elections.selectors import contest_ballot, polling_hours_for
from nirvachan.roll import rules
from nirvachan.roll.models import Elector, PollingStation
from nirvachan.station.errors import StationErrorCode as Code

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
