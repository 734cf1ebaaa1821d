"""Public result pages and downloads of the results app. Thin: parse, call one selector,
render."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.pdf import render_pdf
from nirvachan.core.views import error_page
from nirvachan.results import selectors
from nirvachan.results.charts import bar_chart
from nirvachan.results.exports import nist_cdf, results_csv, summary_json


def _lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in ("bn", "hi", "en") else "en"


def results_index(request: HttpRequest) -> HttpResponse:
    elections = selectors.election_with_results_list()
    return render(request, "results/index.html", {"active": "results", "elections": elections})


def election_results(request: HttpRequest, rs_code: str) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
    except DomainError as exc:
        return error_page(request, exc)
    summary = selectors.election_summary(election)
    parties = summary.national.parties
    context = {
        "active": "results",
        "election": election,
        "summary": summary,
        "seats_chart": bar_chart(_("Seats by party"), [(p.party, p.seats) for p in parties]),
        "votes_chart": bar_chart(_("Votes by party"), [(p.party, p.votes) for p in parties]),
    }
    return render(request, "results/election.html", context)


def contest_results(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
        contest = selectors.contest_get(election=election, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    outcome = selectors.contest_outcome(contest)
    context = {
        "active": "results",
        "election": election,
        "contest": contest,
        "outcome": outcome,
        "chart": bar_chart(_("Votes"), [(r["name"], r["votes"]) for r in outcome.rows]),
    }
    return render(request, "results/contest.html", context)


def form20_pdf(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
        contest = selectors.contest_get(election=election, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    outcome = selectors.contest_outcome(contest)
    pdf = render_pdf(
        "results/form20_print.html",
        {"election": election, "contest": contest, "outcome": outcome},
        lang=_lang(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="form20-{election.code}-{contest.pk}.pdf"'
    return response


def download(request: HttpRequest, rs_code: str, fmt: str) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
    except DomainError as exc:
        return error_page(request, exc)
    summary = selectors.election_summary(election)
    if fmt == "csv":
        response = HttpResponse(results_csv(summary), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="results-{election.code}.csv"'
        return response
    data = nist_cdf(summary) if fmt == "nist" else summary_json(summary)
    if fmt == "json":
        data["contests_detail"] = [
            {"code": o.contest.code, "winners": [o.candidates[k].name_en for k in o.result.winners],
             "nota": o.result.nota, "margin": o.result.margin}
            for o in summary.outcomes
        ]  # fmt: skip
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
