"""Pages of the elections app: public schedules, candidate lists and ballots; the returning
officer's nomination pages. Thin: parse, call one selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.models import Country
from nirvachan.core.pdf import render_pdf
from nirvachan.core.selectors import paginate
from nirvachan.core.views import error_page
from nirvachan.elections import selectors, services
from nirvachan.elections.errors import ElectionsErrorCode
from nirvachan.elections.forms import NominationForm, ScrutinyForm


def _lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in ("bn", "hi", "en") else "en"


def election_list(request: HttpRequest) -> HttpResponse:
    elections = selectors.election_list()
    return render(request, "elections/list.html", {"active": "elections", "elections": elections})


def schedule(request: HttpRequest, election_code: str) -> HttpResponse:
    state = request.GET.get("state", "")
    try:
        election = selectors.election_get(code=election_code)
        contests = paginate(
            selectors.contest_list(
                election, state_code=state, search=request.GET.get("q", "").strip()
            ),
            request.GET.get("page"),
            100,
        )
    except DomainError as exc:
        return error_page(request, exc)
    rows = [(c, *selectors.polling_hours_for(c)) for c in contests.object_list]
    context: dict[str, Any] = {
        "active": "elections",
        "election": election,
        "phases": selectors.schedule_rows(election),
        "states": selectors.states_of(election),
        "state": state,
        "page": contests,
        "rows": rows,
        "overrides": selectors.polling_hours_overrides(election),
        "q": request.GET.get("q", ""),
    }
    return render(request, "elections/schedule.html", context)


def contest_detail(request: HttpRequest, election_code: str, contest_id: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=election_code)
        contest = selectors.contest_get(election=election, contest_id=contest_id)
        ballot = selectors.contest_ballot(contest, lang=_lang())
    except DomainError as exc:
        return error_page(request, exc)
    opens, closes = selectors.polling_hours_for(contest)
    context = {
        "active": "elections",
        "election": election,
        "contest": contest,
        "ballot": ballot,
        "opens": opens,
        "closes": closes,
        "can_manage": selectors.can_manage_nominations(request.user, contest),
    }
    return render(request, "elections/contest.html", context)


def ballot_pdf(request: HttpRequest, election_code: str, contest_id: int) -> HttpResponse:
    try:
        election = selectors.election_get(code=election_code)
        contest = selectors.contest_get(election=election, contest_id=contest_id)
        ballot = selectors.contest_ballot(contest, lang=_lang())
    except DomainError as exc:
        return error_page(request, exc)
    pdf = render_pdf(
        "elections/ballot_print.html",
        {"election": election, "contest": contest, "ballot": ballot},
        lang=_lang(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ballot-{election.code}-{contest.pk}.pdf"'
    return response


# --- returning officer ------------------------------------------------------------------------


@login_required
def officer_contests(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.contest_list_for_user(request.user), request.GET.get("page"), 100)
    return render(
        request, "elections/officer_contests.html", {"active": "nominations", "page": page}
    )


def _nomination_form(contest: Any, data: Any = None) -> NominationForm:
    symbols = selectors.symbol_list(contest.election.country)
    return NominationForm(
        data, parties=selectors.party_list(contest.election.country), symbols=symbols
    )


def _nominations_page(
    request: HttpRequest, contest: Any, form: NominationForm, status: int = 200
) -> HttpResponse:
    context = {
        "active": "nominations",
        "election": contest.election,
        "contest": contest,
        "nominations": selectors.nomination_list_for_user(request.user, contest),
        "form": form,
        "scrutiny_form": ScrutinyForm(),
        "can_manage": selectors.can_manage_nominations(request.user, contest),
        "is_india": contest.election.country == Country.INDIA,
    }
    return render(request, "elections/nominations.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def nominations(request: HttpRequest, election_code: str, contest_id: int) -> HttpResponse:
    try:
        contest = selectors.contest_get_for_user(
            request.user,
            election_code=election_code,
            contest_id=contest_id,
            for_change=request.method == "POST",
        )
    except DomainError as exc:
        return error_page(request, exc)
    form = _nomination_form(contest, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            party = selectors.party_list(contest.election.country).filter(pk=data["party"]).first()
            symbols = selectors.symbol_list(contest.election.country)
            symbol = symbols.filter(pk=data["symbol"]).first() if data["symbol"] else None
            services.nomination_file(
                actor=request.user,
                contest=contest,
                name_en=data["name_en"],
                name_bn=data["name_bn"],
                name_hi=data["name_hi"],
                party=party if data["party"] else None,
                symbol=symbol,
                category=data["category"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The nomination was filed."))
            return redirect("elections:nominations", election_code, contest.pk)
    return _nominations_page(request, contest, form, 422 if form.errors else 200)


def _officer_nomination(
    request: HttpRequest, election_code: str, contest_id: int, nomination_id: int
) -> tuple[Any, Any]:
    contest = selectors.contest_get_for_user(
        request.user, election_code=election_code, contest_id=contest_id, for_change=True
    )
    nomination = selectors.nomination_get_for_user(
        request.user, contest=contest, nomination_id=nomination_id, for_change=True
    )
    return contest, nomination


@login_required
@require_POST
def nomination_scrutiny(
    request: HttpRequest, election_code: str, contest_id: int, nomination_id: int
) -> HttpResponse:
    try:
        contest, nomination = _officer_nomination(request, election_code, contest_id, nomination_id)
    except DomainError as exc:
        return error_page(request, exc)
    form = ScrutinyForm(request.POST)
    if not form.is_valid():
        return error_page(
            request,
            DomainError(ElectionsErrorCode.VALIDATION, _("Choose to accept or to reject.")),
        )
    try:
        services.nomination_scrutinise(
            actor=request.user,
            nomination=nomination,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return error_page(request, exc)
    messages.success(request, _("The decision was recorded."))
    return redirect("elections:nominations", election_code, contest.pk)


@login_required
@require_POST
def nomination_withdraw(
    request: HttpRequest, election_code: str, contest_id: int, nomination_id: int
) -> HttpResponse:
    try:
        contest, nomination = _officer_nomination(request, election_code, contest_id, nomination_id)
        services.nomination_withdraw(actor=request.user, nomination=nomination)
    except DomainError as exc:
        return error_page(request, exc)
    messages.success(request, _("The withdrawal was recorded."))
    return redirect("elections:nominations", election_code, contest.pk)


@login_required
@require_POST
def final_list(request: HttpRequest, election_code: str, contest_id: int) -> HttpResponse:
    try:
        contest = selectors.contest_get_for_user(
            request.user, election_code=election_code, contest_id=contest_id, for_change=True
        )
        services.contest_final_list_publish(actor=request.user, contest=contest)
    except DomainError as exc:
        return error_page(request, exc)
    messages.success(request, _("The list of contesting candidates was published."))
    return redirect("elections:contest", election_code, contest.pk)
