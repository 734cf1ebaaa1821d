"""Public result pages and downloads of the results app. Thin: parse, call one selector,
render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.pdf import render_pdf
from nirvachan.core.views import error_page
from nirvachan.elections.models import Contest
from nirvachan.results import selectors, services
from nirvachan.results.charts import bar_chart
from nirvachan.results.exports import nist_cdf, results_csv, summary_json
from nirvachan.results.forms import CheckForm, DrawForm, LotForm, PostalForm, counts_of


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
        "can_manage": request.user.is_authenticated and selectors.can_manage(request.user, contest),
    }
    return render(request, "results/contest.html", context)


_DESK_DONE = {
    "postal": _("The postal ballots were entered."),
    "lot": _("The lot was recorded."),
    "draw": _("The stations were drawn."),
    "check": _("The paper count was entered."),
}


@login_required
@require_http_methods(["GET", "POST"])
def counting_desk(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    """The returning officer's counting desk of a contest: postal ballots, lot, VVPAT draw and
    paper counts. Each form posts with its `action`."""
    try:
        contest = selectors.desk_contest_get(request.user, code=rs_code, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    outcome = selectors.contest_outcome(contest, published_only=False)
    rows = [{"key": r["key"], "name": r["name"]} for r in outcome.rows]
    draws = selectors.vvpat_draw_list(contest)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    forms = {
        "postal": PostalForm(data if action == "postal" else None, rows=rows),
        "lot": LotForm(data if action == "lot" else None),
        "draw": DrawForm(data if action == "draw" else None),
        "check": CheckForm(data if action == "check" else None, rows=rows, draws=draws),
    }
    status = 200
    if request.method == "POST":
        form = forms.get(action)
        if form is None:
            status = 422
            messages.error(request, _("Choose one of the forms of the counting desk."))
        elif form.is_valid():
            try:
                _desk_act(request.user, contest, action, form, rows)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _DESK_DONE[action])
                return redirect("results:desk", rs_code, contest.pk)
        if form is not None and form.errors:
            status = 422
    context = {
        "active": "results",
        "election": contest.election,
        "contest": contest,
        "outcome": outcome,
        "draws": draws,
        "postal": selectors.postal_counts(contest),
        **{f"{name}_form": f for name, f in forms.items()},
    }
    return render(request, "results/desk.html", context, status=status)


def _desk_act(
    user: Any, contest: Contest, action: str, form: Form, rows: list[dict[str, Any]]
) -> None:
    data = form.cleaned_data
    if action == "postal":
        services.postal_enter(actor=user, contest=contest, counts=counts_of(form, rows))
    elif action == "lot":
        order = form.order_list() if isinstance(form, LotForm) else None
        services.lot_record(actor=user, contest=contest, seed=data["seed"], order=order)
    elif action == "draw":
        services.vvpat_draw(actor=user, contest=contest, segment=data["segment"], seed=data["seed"])
    else:
        draw = selectors.vvpat_draw_get(contest=contest, draw_id=data["draw"])
        services.vvpat_check_enter(
            actor=user, draw=draw, station_number=data["station"], paper=counts_of(form, rows)
        )


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
