"""Writes of the polling-station app, central side: commissioning a station and building its
signed package, and receiving station-signed turnout reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.models import User
from nirvachan.elections.models import Election
from nirvachan.roll.models import PollingStation
from nirvachan.station import events, keys, package, selectors
from nirvachan.station.errors import StationErrorCode as Code
from nirvachan.station.models import StationKey, TurnoutReport


@dataclass(frozen=True)
class BuiltPackage:
    data: bytes
    station_key: StationKey
    signer: str


def station_package_build(
    *, election: Election, station: PollingStation, actor: User | None = None
) -> BuiltPackage:
    """Commission the station (new key pair, the old one revoked) and build its package signed
    with the returning officer's key for the election and the station's AC unit."""
    election_doc = selectors.station_election(election, station)
    ballots = selectors.station_ballots(election, station)
    if not any(b["candidates"] for b in ballots):
        raise DomainError(
            Code.NO_BALLOT,
            _("No contest of this station has accepted candidates yet."),
            station=station.pk,
        )
    roll = selectors.station_roll(station)
    ac = station.constituency
    with transaction.atomic():
        signing, ro_private = keys.signing_key_for(election=election, unit=ac.unit, actor=actor)
        station_key, pair = keys.station_commission(election=election, station=station, actor=actor)
        identity = {"id": station.pk, "constituency": ac.code, "number": station.number,
                    "name": station.name}  # fmt: skip
        station_json = {
            "election": election_doc,
            "station": {
                **identity,
                "address": station.address,
                "language": selectors.station_language(station),
            },
            "station_key": {"public": pair.public_hex, "private": pair.private_hex},
            "ro_key": {
                "public": signing.public_key,
                "fingerprint": package.fingerprint(signing.public_key),
            },
            "commissioned_at": timezone.now().isoformat(timespec="seconds"),
        }
        members = {
            "station.json": package.canonical_json(station_json),
            "roll.json": package.canonical_json(roll),
            "ballots.json": package.canonical_json(ballots),
        }
        data = package.build(
            package.KIND_STATION, {"election": election.code, "station": identity}, members,
            ro_private,
        )  # fmt: skip
        audit_record(
            event_type=events.PACKAGE_BUILT,
            actor=actor,
            obj=station,
            summary={
                "election": election.code,
                "electors": len(roll),
                "contests": [b["contest"] for b in ballots],
                "digest": package.sha256_hex(data),
                "signer": package.fingerprint(signing.public_key),
            },
        )
    return BuiltPackage(data=data, station_key=station_key, signer=signing.public_key)


@dataclass(frozen=True)
class TurnoutReceipt:
    stored: int
    already: int


def _bad(message: str, **details: Any) -> DomainError:
    return DomainError(Code.VALIDATION, message, **details)


# A day of two-hourly reports is about 7; hourly reports for two days stay below this.
MAX_TURNOUT_REPORTS = 48


def turnout_receive(*, body: dict[str, Any]) -> TurnoutReceipt:
    """Store a station-signed turnout report (idempotent: a report already stored is counted
    as ``already``). The signature is over the canonical JSON of {election, station, reports}
    and must verify with the station's current (unrevoked) key."""
    code, station_id, reports = body.get("election"), body.get("station"), body.get("reports")
    signature = body.get("signature")
    if not isinstance(code, str) or not isinstance(station_id, int):
        raise _bad(_("Name the election and the station."), field="station")
    if not isinstance(reports, list) or not isinstance(signature, str):
        raise _bad(_("Send the reports and their signature."), field="reports")
    if len(reports) > MAX_TURNOUT_REPORTS:
        raise _bad(
            _("At most %(n)s turnout reports can be sent at once.") % {"n": MAX_TURNOUT_REPORTS},
            field="reports",
        )
    election = Election.objects.filter(code=code).first()
    station = PollingStation.objects.filter(pk=station_id).first()
    key = (
        keys.current_station_key(election=election, station=station)
        if election is not None and station is not None
        else None
    )
    if key is None or election is None or station is None:
        raise DomainError(
            Code.NO_KEY,
            _("No key is issued to this station for this election."),
            field="station",
        )
    signed = package.canonical_json({"election": code, "station": station_id, "reports": reports})
    if not package.signature_valid(key.public_key, signed, signature):
        raise DomainError(
            Code.BAD_SIGNATURE,
            _("The signature does not match the station's key."),
            field="signature",
        )
    rows: list[tuple[dt.datetime, int]] = []
    for index, report in enumerate(reports):
        try:
            at = parse_datetime(str(report.get("at", ""))) if isinstance(report, dict) else None
        except ValueError:  # well formed but not a date, e.g. 30 February
            at = None
        voters = report.get("voters") if isinstance(report, dict) else None
        if at is None or at.tzinfo is None or not isinstance(voters, int) or voters < 0:
            raise _bad(
                _("Report %(n)s needs a time with its zone and a number of voters.")
                % {"n": index + 1},
                field="reports",
                row=index + 1,
            )
        rows.append((at, voters))
    stored = already = 0
    with transaction.atomic():
        for at, voters in rows:
            obj, created = TurnoutReport.objects.get_or_create(
                election=election,
                polling_station=station,
                at=at,
                defaults={"voters": voters, "station_key": key},
            )
            if not created and obj.voters != voters:
                raise DomainError(
                    Code.TURNOUT_CONFLICT,
                    _(
                        "The report of %(at)s was received before with %(stored)s voters, "
                        "not %(voters)s; nothing was stored."
                    )
                    % {"at": at.isoformat(), "stored": obj.voters, "voters": voters},
                    field="reports",
                )
            stored += created
            already += not created
        if stored:
            audit_record(
                event_type=events.TURNOUT_RECEIVED,
                obj=station,
                summary={"election": code, "stored": stored, "already": already},
            )
    return TurnoutReceipt(stored=stored, already=already)
