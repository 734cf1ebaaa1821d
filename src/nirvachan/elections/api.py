"""API of the elections app, mounted at /api/v1/elections/ (public reads)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from nirvachan.core.api import ERRORS
from nirvachan.core.selectors import paginate
from nirvachan.elections import selectors
from nirvachan.elections.models import Contest, Election
from nirvachan.elections.schemas import (
    BallotOut,
    ContestListOut,
    ElectionListOut,
    ElectionOut,
    PhaseListOut,
)

router = Router(tags=["elections"])
GROUPS = {1: "recognised", 2: "registered", 3: "independent"}


def _page_out(page: Any, items: list[Any]) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }


def _election(e: Election) -> dict[str, Any]:
    return {
        "code": e.code,
        "kind": e.kind,
        "country": e.country,
        "status": e.status,
        "name": e.name,
        "name_en": e.name_en,
        "name_bn": e.name_bn,
        "name_hi": e.name_hi,
        "poll_dates": [p.poll_date for p in e.phases.all()],
        "polls_open": e.polls_open.strftime("%H:%M"),
        "polls_close": e.polls_close.strftime("%H:%M"),
        "deposit_general": str(e.deposit_general),
        "deposit_reserved": str(e.deposit_reserved),
    }


def _contest(c: Contest) -> dict[str, Any]:
    opens, closes = selectors.polling_hours_for(c)
    return {
        "id": c.pk,
        "code": c.code,
        "name": c.name,
        "name_en": c.name_en,
        "name_bn": c.name_bn,
        "name_hi": c.name_hi,
        "phase": c.phase.number,
        "poll_date": c.phase.poll_date,
        "seats": c.seats,
        "reservation": c.reservation,
        "franchise": c.franchise,
        "constituency": c.constituency.code if c.constituency else None,
        "unit": c.unit.code,
        "polls_open": opens.strftime("%H:%M"),
        "polls_close": closes.strftime("%H:%M"),
    }


@router.get("", response={200: ElectionListOut, **ERRORS}, auth=None, summary="Elections")
def election_list(request: HttpRequest, page: int = 1, size: int = 50) -> dict[str, Any]:
    result = paginate(selectors.election_list(), page, size)
    return _page_out(result, [_election(e) for e in result.object_list])


@router.get("/{election_code}", response={200: ElectionOut, **ERRORS}, auth=None)
def election_detail(request: HttpRequest, election_code: str) -> dict[str, Any]:
    return _election(selectors.election_get(code=election_code))


@router.get("/{election_code}/phases", response={200: PhaseListOut, **ERRORS}, auth=None)
def phase_list(request: HttpRequest, election_code: str) -> dict[str, Any]:
    election = selectors.election_get(code=election_code)
    rows = {r.number: r for r in selectors.schedule_rows(election)}
    items = [
        {
            "number": p.number,
            "notification_date": p.notification_date,
            "nomination_last_date": p.nomination_last_date,
            "scrutiny_date": p.scrutiny_date,
            "withdrawal_last_date": p.withdrawal_last_date,
            "poll_date": p.poll_date,
            "counting_date": p.counting_date,
            "seats": rows[p.number].seats,
            "contests": rows[p.number].contests,
        }
        for p in selectors.phase_list(election)
    ]
    return {"election": election.code, "items": items}


@router.get("/{election_code}/contests", response={200: ContestListOut, **ERRORS}, auth=None)
def contest_list(
    request: HttpRequest,
    election_code: str,
    state: str = "",
    phase: int | None = None,
    q: str = "",
    page: int = 1,
    size: int = 100,
) -> dict[str, Any]:
    election = selectors.election_get(code=election_code)
    qs = selectors.contest_list(election, state_code=state, phase=phase, search=q)
    result = paginate(qs, page, size)
    return _page_out(result, [_contest(c) for c in result.object_list])


@router.get(
    "/{election_code}/contests/{contest_id}/ballot",
    response={200: BallotOut, **ERRORS},
    auth=None,
    summary="The ballot of a contest in ballot order, NOTA last",
)
def contest_ballot(
    request: HttpRequest,
    election_code: str,
    contest_id: int,
    lang: Literal["bn", "hi", "en", ""] = "",
) -> dict[str, Any]:
    election = selectors.election_get(code=election_code)
    contest = selectors.contest_get(election=election, contest_id=contest_id)
    language = lang or (get_language() or "en")[:2]
    ballot = selectors.contest_ballot(contest, lang=language)
    return {
        "election": election.code,
        "contest": contest.pk,
        "language": language,
        "units": ballot.units,
        "entries": [
            {
                "serial": e.serial,
                "name": e.name,
                "party": e.party,
                "symbol": e.symbol,
                "group": "nota" if e.group is None else GROUPS[int(e.group)],
                "nota": e.is_nota,
            }
            for e in ballot.entries
        ],
    }
