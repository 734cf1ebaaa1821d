"""API of the results app, mounted at /api/v1/results/: public results; the returning
officer's station result packages, counting plan, station results, reconciliation, round
approval/publication, paper-ballot sheets, postal ballots, lots, the VVPAT draw with its paper
counts and the risk-limiting audit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.security import django_auth

from nirvachan.core.api_support import ERRORS
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for
from nirvachan.results import rla, selectors, services
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.exports import contest_json, summary_json
from nirvachan.results.rla_messages import rla_refusal
from nirvachan.results.schemas import (
    ContestResultOut,
    CountingPlanOut,
    CountingPlanSetIn,
    ElectionResultOut,
    LotOut,
    LotRecordIn,
    PackageOut,
    PackageResolveIn,
    PackageResolveOut,
    PostalEnterIn,
    PostalOut,
    ReconciliationOut,
    RlaIn,
    RlaOut,
    RoundOut,
    SheetEntryIn,
    SheetEntryOut,
    SheetResolveIn,
    StationResultEnterIn,
    StationResultOut,
    VvpatCheckEnterIn,
    VvpatCheckOut,
    VvpatDrawIn,
    VvpatDrawOut,
)

router = Router(tags=["results"])


# Before "/{rs_code}": a POST to /packages must not reach the public election route.
_ZIP_BODY = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/packages",
    response={200: PackageOut, **ERRORS},
    auth=django_auth,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/zip": _ZIP_BODY, "application/octet-stream": _ZIP_BODY},
        }
    },
)
def package_upload(request: HttpRequest, election: str | None = None) -> dict[str, Any]:
    """A signed station result package as the raw request body (Content-Type
    application/zip or application/octet-stream); `?election=CODE` refuses a package of any
    other election."""
    if scope_for(request.user, Capability.RESULTS_MANAGE) is None:
        raise DomainError(Code.PERMISSION_DENIED, _("Your role does not allow entering results."))
    try:
        data = request.body
    except RequestDataTooBig:
        raise DomainError(
            Code.PACKAGE_INVALID, _("The package is too large."), field="file"
        ) from None
    done = services.package_ingest(actor=request.user, data=data, election_code=election or None)
    record = done.package
    stations = done.stations or list(selectors.package_stations(record))
    return {
        "status": "counted" if done.created else "already_counted",
        "election": record.manifest["election"],
        "station": record.polling_station_id,
        "digest": record.digest,
        "stations": [
            {"contest": st.contest_id, "segment": st.segment, "number": st.number,
             "round": st.round.number}
            for st in stations
        ],
    }  # fmt: skip


@router.post(
    "/packages/{rs_package}/resolve",
    response={200: PackageResolveOut, **ERRORS},
    auth=django_auth,
)
def package_resolve(
    request: HttpRequest, rs_package: int, body: PackageResolveIn
) -> dict[str, Any]:
    """The returning officer's decision on a package kept as a conflict: keep the count
    (`accept: false`) or count this package instead (`accept: true`, only while the station's
    rounds are open); `reason` is required."""
    record = selectors.package_get_for_user(request.user, rs_package)
    done = services.package_conflict_resolve(
        actor=request.user, record=record, accept=body.accept, reason=body.reason
    )
    return {"id": done.pk, "status": done.status, "digest": done.digest}


@router.get("/{rs_code}", response={200: ElectionResultOut, **ERRORS}, auth=None)
def election_result(request: HttpRequest, rs_code: str) -> dict[str, Any]:
    election = selectors.election_get(code=rs_code)
    return summary_json(selectors.election_summary(election), demo=selectors.is_demo(election))


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


@router.get(
    "/contests/{rs_contest}/reconciliation",
    response={200: list[ReconciliationOut], **ERRORS},
    auth=django_auth,
)
def reconciliation(
    request: HttpRequest, rs_contest: int, flagged: bool = False
) -> list[dict[str, Any]]:
    """Each station: voters in Form 17A (less those who left without voting), votes recorded
    (Form 17C), votes counted and paper records; `flagged` lists only the mismatches."""
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    return [
        {"segment": r.station.segment, "number": r.station.number, "round": r.station.round.number,
         "voters_17a": r.station.voters_17a, "left_without_voting": r.station.left_without_voting,
         "votes_recorded": r.station.votes_recorded, "counted": r.recorded,
         "paper_count": r.station.paper_count, "flagged": r.flagged, "reasons": list(r.reasons),
         "conflict": r.conflict}
        for r in selectors.reconciliation(contest, flagged_only=flagged)
    ]  # fmt: skip


@router.post(
    "/contests/{rs_contest}/sheets", response={200: SheetEntryOut, **ERRORS}, auth=django_auth
)
def sheet_entry(request: HttpRequest, rs_contest: int, body: SheetEntryIn) -> dict[str, Any]:
    """One operator's entry of a paper-ballot centre's result sheet (double entry)."""
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    out = services.sheet_entry_submit(
        actor=request.user,
        contest=contest,
        centre=body.centre,
        round_number=body.round,
        counts=body.counts,
    )
    return {"contest": contest.pk, "centre": body.centre, **out}


@router.post(
    "/contests/{rs_contest}/sheets/{rs_centre}/resolve",
    response={200: StationResultOut, **ERRORS},
    auth=django_auth,
)
def sheet_resolve(
    request: HttpRequest, rs_contest: int, rs_centre: int, body: SheetResolveIn
) -> dict[str, Any]:
    """The returning officer settles the difference between a sheet's two entries."""
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    station = services.sheet_resolve(
        actor=request.user,
        contest=contest,
        centre=rs_centre,
        round_number=body.round,
        counts=body.counts,
    )
    return {
        "contest": contest.pk,
        "number": station.number,
        "round": station.round.number,
        "created": True,
        "digest": station.digest,
    }


@router.post("/contests/{rs_contest}/rla", response={200: RlaOut, **ERRORS}, auth=django_auth)
def risk_limiting_audit(request: HttpRequest, rs_contest: int, body: RlaIn) -> dict[str, Any]:
    """BRAVO ballot polling over every counted round: the expected sample size from the
    reported margin, then the risk after each sampled paper record (`ballots`: candidate keys
    or "NOTA", in the order drawn). Writes nothing."""
    contest = selectors.contest_get_for_user(request.user, rs_contest, for_change=True)
    outcome = selectors.contest_outcome(contest, published_only=False)
    reported = {c.key: c.votes for c in outcome.result.candidates}
    winners = list(outcome.result.winners)
    for i, ballot in enumerate(body.ballots):
        if ballot not in reported and ballot != services.NOTA:
            raise DomainError(
                Code.VALIDATION,
                _("Ballot %(n)s: %(key)s is not a contesting candidate of %(contest)s.")
                % {"n": i + 1, "key": ballot, "contest": contest.name},
                field="ballots",
                index=i,
            )
    try:
        asn = rla.expected_sample_size(reported, winners, body.risk_limit)
        states = rla.run(rla.start(reported, winners, body.risk_limit), body.ballots)
    except rla.AuditError as exc:
        raise rla_refusal(exc, outcome) from None
    confirmed = bool(states) and states[-1].confirmed
    return {
        "contest": contest.pk,
        "risk_limit": body.risk_limit,
        "winners": winners,
        "expected_sample_size": asn,
        "steps": [{"sampled": st.sampled, "risk": round(st.risk, 6)} for st in states],
        "outcome": "confirmed" if confirmed else "full_count",
    }
