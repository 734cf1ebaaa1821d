"""API of the results app, mounted at /api/v1/results/: public results; the returning
officer's counting plan, station results, round approval/publication, postal ballots, lots and
the VVPAT draw with its paper counts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS
from nirvachan.results import selectors, services
from nirvachan.results.exports import contest_json, summary_json
from nirvachan.results.schemas import (
    ContestResultOut,
    CountingPlanOut,
    CountingPlanSetIn,
    ElectionResultOut,
    LotOut,
    LotRecordIn,
    PostalEnterIn,
    PostalOut,
    RoundOut,
    StationResultEnterIn,
    StationResultOut,
    VvpatCheckEnterIn,
    VvpatCheckOut,
    VvpatDrawIn,
    VvpatDrawOut,
)

router = Router(tags=["results"])


@router.get("/{rs_code}", response={200: ElectionResultOut, **ERRORS}, auth=None)
def election_result(request: HttpRequest, rs_code: str) -> dict[str, Any]:
    election = selectors.election_get(code=rs_code)
    return summary_json(selectors.election_summary(election))


@router.get(
    "/{rs_code}/contests/{rs_contest}",
    response={200: ContestResultOut, **ERRORS},
    auth=None,
)
def contest_result(request: HttpRequest, rs_code: str, rs_contest: int) -> dict[str, Any]:
    election = selectors.election_get(code=rs_code)
    contest = selectors.contest_get(election=election, contest_id=rs_contest)
    return contest_json(selectors.contest_outcome(contest))


@router.post(
    "/contests/{rs_contest}/plan", response={200: CountingPlanOut, **ERRORS}, auth=django_auth
)
def counting_plan(request: HttpRequest, rs_contest: int, body: CountingPlanSetIn) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    rounds = services.counting_plan_set(
        actor=request.user, contest=contest, tables=body.tables, rounds=body.rounds
    )
    return {
        "contest": contest.pk,
        "rounds": [RoundOut(number=r.number, tables=r.tables, status=r.status) for r in rounds],
    }


@router.post(
    "/contests/{rs_contest}/stations", response={200: StationResultOut, **ERRORS}, auth=django_auth
)
def station_result(
    request: HttpRequest, rs_contest: int, body: StationResultEnterIn
) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    station, created = services.station_result_enter(
        actor=request.user,
        contest=contest,
        number=body.number,
        round_number=body.round,
        counts=body.counts,
        segment=body.segment,
        voters_17a=body.voters_17a,
        paper_count=body.paper_count,
        electors=body.electors,
    )
    return {
        "contest": contest.pk,
        "number": station.number,
        "round": body.round,
        "created": created,
        "digest": station.digest,
    }


@router.post(
    "/contests/{rs_contest}/rounds/{rs_round}/approve",
    response={200: RoundOut, **ERRORS},
    auth=django_auth,
)
def round_approve(request: HttpRequest, rs_contest: int, rs_round: int) -> Any:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    return services.round_approve(actor=request.user, contest=contest, number=rs_round)


@router.post(
    "/contests/{rs_contest}/rounds/{rs_round}/publish",
    response={200: RoundOut, **ERRORS},
    auth=django_auth,
)
def round_publish(request: HttpRequest, rs_contest: int, rs_round: int) -> Any:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    return services.round_publish(actor=request.user, contest=contest, number=rs_round)


@router.post("/contests/{rs_contest}/postal", response={200: PostalOut, **ERRORS}, auth=django_auth)
def postal(request: HttpRequest, rs_contest: int, body: PostalEnterIn) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    counts, created = services.postal_enter(actor=request.user, contest=contest, counts=body.counts)
    return {"contest": contest.pk, "created": created, "votes": sum(c.votes for c in counts)}


@router.post("/contests/{rs_contest}/lot", response={200: LotOut, **ERRORS}, auth=django_auth)
def lot(request: HttpRequest, rs_contest: int, body: LotRecordIn) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    recorded = services.lot_record(
        actor=request.user, contest=contest, order=body.order, seed=body.seed
    )
    return {
        "contest": contest.pk,
        "method": recorded.method,
        "seed": recorded.seed,
        "order": recorded.order,
    }


def _draw_out(draw: Any) -> dict[str, Any]:
    return {
        "id": draw.pk,
        "contest": draw.contest_id,
        "segment": draw.segment,
        "seed": draw.seed,
        "stations": draw.stations,
    }


@router.post(
    "/contests/{rs_contest}/vvpat", response={200: VvpatDrawOut, **ERRORS}, auth=django_auth
)
def vvpat_draw(request: HttpRequest, rs_contest: int, body: VvpatDrawIn) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    draw = services.vvpat_draw(
        actor=request.user, contest=contest, segment=body.segment, seed=body.seed
    )
    return _draw_out(draw)


@router.post(
    "/contests/{rs_contest}/vvpat/{rs_draw}/checks",
    response={200: VvpatCheckOut, **ERRORS},
    auth=django_auth,
)
def vvpat_check(
    request: HttpRequest, rs_contest: int, rs_draw: int, body: VvpatCheckEnterIn
) -> dict[str, Any]:
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    draw = selectors.vvpat_draw_get(contest=contest, draw_id=rs_draw)
    check = services.vvpat_check_enter(
        actor=request.user, draw=draw, station_number=body.station, paper=body.paper
    )
    return {"draw": draw.pk, "station": body.station, "mismatch": check.mismatch}
