"""Public result pages and downloads of the results app. Thin: parse, call one selector,
render."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.pdf import render_pdf
from nirvachan.core.views import error_page
from nirvachan.elections.models import Contest
from nirvachan.results import selectors, services
from nirvachan.results.charts import bar_chart, share_chart
from nirvachan.results.exports import nist_cdf, results_csv, summary_json
from nirvachan.results.forms import (
    CheckForm,
    DrawForm,
    LotForm,
    PlanForm,
    PostalForm,
    RoundForm,
    SheetForm,
    StationForm,
    counts_of,
)


def _lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in ("bn", "hi", "en") else "en"


def results_index(request: HttpRequest) -> HttpResponse:
    elections = list(selectors.election_with_results_list())
    demo_codes = {e.code for e in elections if selectors.is_demo(e)}
    context = {"active": "results", "elections": elections, "demo_codes": demo_codes}
    return render(request, "results/index.html", context)


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
        "turnout_chart": share_chart(
            _("Turnout"),
            [(pgettext("turnout of the whole country", "All"), summary.national.turnout)]
            + [(unit.name, area.turnout) for unit, area in summary.states],
        ),
        "demo": selectors.is_demo(election),
    }
    return render(request, "results/election.html", context)


def contest_results(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
        contest = selectors.contest_get(election=election, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    outcome = selectors.contest_outcome(contest)
    day, day_electors = selectors.turnout_through_the_day(contest)
    context = {
        "active": "results",
        "election": election,
        "contest": contest,
        "outcome": outcome,
        "chart": bar_chart(_("Votes"), [(r["name"], r["votes"]) for r in outcome.rows]),
        "turnout_chart": share_chart(
            _("Turnout through polling day"),
            [(hour, Fraction(v, day_electors)) for hour, v in day],
        )
        if day and day_electors
        else None,
        "demo": selectors.is_demo(election),
        "can_manage": request.user.is_authenticated and selectors.can_manage(request.user, contest),
    }
    return render(request, "results/contest.html", context)


_DESK_DONE = {
    "plan": _("The counting plan was set."),
    "station": _("The station's result was entered."),
    "approve": _("The round was approved."),
    "publish": _("The round was published."),
    "sheet": _("The sheet entry was saved."),
    "resolve": _("The difference was resolved and the centre counted."),
    "postal": _("The postal ballots were entered."),
    "lot": _("The lot was recorded."),
    "draw": _("The stations were drawn."),
    "check": _("The paper count was entered."),
}


@login_required
@require_http_methods(["GET", "POST"])
def counting_desk(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    """The returning officer's counting desk of a contest: counting plan, rounds (approve,
    publish), station entry or paper-ballot sheets (double entry, resolution), reconciliation,
    postal ballots, lot, VVPAT draw and paper counts. Each form posts with its `action`."""
    try:
        contest = selectors.desk_contest_get(request.user, code=rs_code, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    show_all = request.GET.get("reconcile") == "all"
    if request.method == "GET" and request.headers.get("HX-Request"):
        context = {
            "reconciliation": selectors.reconciliation(contest, flagged_only=not show_all),
            "show_all": show_all,
        }
        return render(request, "results/_reconciliation.html", context)
    outcome = selectors.contest_outcome(contest, published_only=False)
    rows = [{"key": r["key"], "name": r["name"]} for r in outcome.rows]
    draws = selectors.vvpat_draw_list(contest)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    forms: dict[str, Form] = {
        "plan": PlanForm(data if action == "plan" else None),
        "approve": RoundForm(data if action == "approve" else None),
        "publish": RoundForm(data if action == "publish" else None),
        "station": StationForm(data if action == "station" else None, rows=rows),
        "sheet": SheetForm(data if action == "sheet" else None, rows=rows),
        "resolve": SheetForm(data if action == "resolve" else None, rows=rows, prefix="resolve"),
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
                done = _desk_act(request.user, contest, action, form, rows)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, done or _DESK_DONE[action])
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
        "rounds": selectors.round_list(contest),
        "reconciliation": selectors.reconciliation(contest, flagged_only=not show_all),
        "show_all": show_all,
        "differences": selectors.sheet_differences(contest),
        "names": {r["key"]: r["name"] for r in rows},
        "paper_ballot": contest.election.uses_paper_ballot,
        "round_forms": [forms["approve"], forms["publish"]],
        **{f"{name}_form": f for name, f in forms.items()},
    }
    return render(request, "results/desk.html", context, status=status)


def _desk_act(
    user: Any, contest: Contest, action: str, form: Form, rows: list[dict[str, Any]]
) -> str | None:
    """Do the action; a message other than the usual one, or None."""
    data = form.cleaned_data
    if action == "plan":
        services.counting_plan_set(
            actor=user, contest=contest, tables=data["tables"], rounds=data["rounds"]
        )
    elif action == "approve":
        services.round_approve(actor=user, contest=contest, number=data["round"])
    elif action == "publish":
        services.round_publish(actor=user, contest=contest, number=data["round"])
    elif action == "station":
        services.station_result_enter(
            actor=user, contest=contest, number=data["number"], round_number=data["round"],
            segment=data["segment"] or "", counts=counts_of(form, rows),
            voters_17a=data["voters_17a"], paper_count=data["paper_count"],
        )  # fmt: skip
    elif action == "sheet":
        out = services.sheet_entry_submit(
            actor=user, contest=contest, centre=data["centre"], round_number=data["round"],
            counts=counts_of(form, rows),
        )  # fmt: skip
        if out["status"] == "awaiting_second_entry":
            return _("The first entry was saved; a second operator must enter the sheet again.")
        if out["status"] == "different":
            return _("The two entries differ; the returning officer must resolve the difference.")
        return _("Both entries agree; the centre is counted.")
    elif action == "resolve":
        services.sheet_resolve(
            actor=user, contest=contest, centre=data["centre"], round_number=data["round"],
            counts=counts_of(form, rows),
        )  # fmt: skip
    elif action == "postal":
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
    return None


@login_required
@require_http_methods(["GET", "POST"])
def packages(request: HttpRequest, rs_code: str) -> HttpResponse:
    """Upload of signed station result packages for an election (one or many files), and the
    packages received so far in the user's units."""
    try:
        election = selectors.election_get(code=rs_code)
        selectors.require_results_role(request.user)
    except DomainError as exc:
        return error_page(request, exc)
    outcomes: list[tuple[str, Any]] = []
    status = 200
    resolve_error: DomainError | None = None
    if request.method == "POST" and request.POST.get("action") == "resolve":
        try:
            record = selectors.package_get_for_user(request.user, _int(request.POST.get("package")))
            services.package_conflict_resolve(
                actor=request.user,
                record=record,
                accept=request.POST.get("decision") == "replace",
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            resolve_error, status = exc, exc.status
        else:
            messages.success(request, _("The conflict was resolved."))
            return redirect("results:packages", election.code)
    elif request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            status = 422
            messages.error(request, _("Choose one or more station result packages (.zip)."))
        else:
            datas = [f.read() for f in files]
            verified = list(services.verify_many(datas))
            results = services.packages_ingest(
                actor=request.user,
                items=list(zip(datas, verified, strict=True)),
                election_code=election.code,
            )
            outcomes = [(f.name, r) for f, r in zip(files, results, strict=True)]
            if any(isinstance(r, DomainError) for r in results):
                status = 422
    context = {
        "active": "results",
        "election": election,
        "outcomes": outcomes,
        "resolve_error": resolve_error,
        "packages": selectors.package_list(election, user=request.user)[:200],
        "contests": selectors.contest_list_for_user(request.user).filter(election=election),
    }
    return render(request, "results/packages.html", context, status=status)


def _int(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def form20_pdf(request: HttpRequest, rs_code: str, rs_contest: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=rs_code)
        contest = selectors.contest_get(election=election, contest_id=rs_contest)
    except DomainError as exc:
        return error_page(request, exc)
    outcome = selectors.contest_outcome(contest)
    pdf = render_pdf(
        "results/form20_print.html",
        {
            "election": election,
            "contest": contest,
            "outcome": outcome,
            "demo": selectors.is_demo(election),
        },
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
    demo = selectors.is_demo(election)
    if fmt == "csv":
        response = HttpResponse(results_csv(summary), content_type="text/csv; charset=utf-8")
        name = f"results-{election.code}{'-DEMO' if demo else ''}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    data = nist_cdf(summary, demo=demo) if fmt == "nist" else summary_json(summary, demo=demo)
    if fmt == "json":
        data["contests_detail"] = [
            {"code": o.contest.code, "winners": [o.candidates[k].name_en for k in o.result.winners],
             "nota": o.result.nota, "margin": o.result.margin}
            for o in summary.outcomes
        ]  # fmt: skip
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
