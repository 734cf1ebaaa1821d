"""Station result packages for the results tests, built as the station contract says
(/station/package.py, KIND_RESULT) and signed with a key registered in StationKey."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone

from nirvachan.elections.models import Contest, Election
from nirvachan.roll.models import PollingStation
from nirvachan.station import package
from nirvachan.station.models import StationKey


def station(contest: Contest, number: int, name: str = "") -> PollingStation:
    assert contest.constituency is not None
    return PollingStation.objects.create(
        constituency=contest.constituency, number=number, name=name or f"School {number}"
    )


def issue_key(election: Election, ps: PollingStation, *, revoked: bool = False) -> str:
    """A new key pair for the station (revoking the current one); the private half."""
    pair = package.new_key_pair()
    StationKey.objects.filter(election=election, polling_station=ps, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    StationKey.objects.create(
        election=election,
        polling_station=ps,
        public_key=pair.public_hex,
        revoked_at=timezone.now() if revoked else None,
    )
    return pair.private_hex


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def build(
    election_code: str,
    ps: PollingStation,
    private_hex: str,
    contests: dict[str, dict[str, int]],
    *,
    paper: dict[str, int] | None = None,
    voters: int | None = None,
    left: int = 0,
    recorded: int | None = None,
    electors: int = 1000,
    total_delta: int = 0,
) -> bytes:
    """A signed station-result package: contests = {code: {nomination id | "NOTA": votes}}."""
    rows = []
    for code, votes in contests.items():
        named = sorted((k, v) for k, v in votes.items() if k != "NOTA")
        cands = [{"serial": i + 1, "nomination": int(k), "votes": v}
                 for i, (k, v) in enumerate(named)]  # fmt: skip
        nota = votes.get("NOTA", 0)
        rows.append({"contest": code, "candidates": cands, "nota": nota,
                     "total": sum(votes.values()) + total_delta})  # fmt: skip
    first = sum(next(iter(contests.values())).values())
    voted = recorded if recorded is not None else first
    form17c = {
        "electors": electors, "voters_17a": voters if voters is not None else voted + left,
        "left_without_voting": left, "votes_recorded": voted, "tendered": 0,
        "test_votes_cleared": 0, "challenged": 0, "proxy": 0, "companions": 0,
        "seals": ["S-1"], "opened_at": "2024-01-07T08:00:00+06:00",
        "closed_at": "2024-01-07T16:00:00+06:00", "tokens_issued": voted + left,
    }  # fmt: skip
    paper_doc = {"contests": [
        {"contest": code, "count": (paper or {}).get(code, sum(v.values())), "chain_head": "0" * 64}
        for code, v in contests.items()
    ]}  # fmt: skip
    members = {
        "counts.json": _dump({"contests": rows}),
        "form17c.json": _dump(form17c),
        "paper.json": _dump(paper_doc),
        "events.jsonl": b"",
        "turnout.json": _dump([{"at": "2024-01-07T12:00:00+06:00", "voters": voted // 2},
                               {"at": "2024-01-07T16:00:00+06:00", "voters": voted}]),
    }  # fmt: skip
    header = {
        "election": election_code,
        "station": {"id": ps.pk, "constituency": ps.constituency.code, "number": ps.number,
                    "name": ps.name},
        "closed_on": dt.date(2024, 1, 7).isoformat(),
    }  # fmt: skip
    return package.build(package.KIND_RESULT, header, members, private_hex)
