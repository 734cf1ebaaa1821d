"""Pages of the monitoring app: thin views over the services and selectors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.models import Country
from nirvachan.core.pdf import render_pdf
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.core.views import error_page
from nirvachan.elections.models import Election
from nirvachan.monitoring import charts, selectors, services
from nirvachan.monitoring.forms import (
    CircularForm,
    ExpenseCorrectForm,
    ExpenseForm,
    ExpenseLimitForm,
    ExpenseWithdrawForm,
    IncidentForm,
    RuleForm,
)
from nirvachan.monitoring.models import BodyKind, Expense, Incident


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The commission's dashboard (one row per district) or a returning officer's (one row per
    body of the district), for one election; `?district=CODE` drills down to one district."""
    code = request.GET.get("election", "").strip()
    district_code = request.GET.get("district", "").strip()
    try:
        election = selectors.election_get(code=code) if code else None
        district = (
            selectors.district_for_user(request.user, district_code) if district_code else None
        )
    except DomainError as exc:
        return error_page(request, exc)
    data = selectors.dashboard_for_user(
        request.user, election=election, district=district, page=request.GET.get("page")
    )
    query = {"election": data.election.code} if data.election else {}
    if district is not None:
        query["district"] = district.code
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "active": "monitoring",
            "data": data,
            "query": urlencode(query),
            "election_query": urlencode({k: v for k, v in query.items() if k == "election"}),
            "completeness_chart": charts.completeness_chart(
                _("Report completeness by due date"),
                data.completeness,
                labels={
                    "on_time": _("on time"),
                    "late": _("late"),
                    "missing": _("missing"),
                    "of": _("of"),
                },
            ),
            "kind_chart": charts.incident_chart(
                _("Incidents by type"),
                [(_kind_label(s.key), s) for s in data.by_kind],
                labels=_incident_labels(),
            ),
            "area_chart": charts.incident_chart(
                _("Incidents by area"), data.by_area, labels=_incident_labels()
            ),
            "by_kind": [(_kind_label(s.key), s) for s in data.by_kind],
            "circulars": selectors.circulars_received(request.user),
            "circulars_sent": selectors.circulars_sent(request.user),
        },
    )


def _kind_label(key: str) -> str:
    return str(dict(Incident.Kind.choices).get(key, key))


def _incident_labels() -> dict[str, str]:
    return {
        "within": _("handled within the deadline"),
        "late": _("handled after the deadline"),
        "open": _("not yet handled"),
    }


@login_required
def body_detail(request: HttpRequest, body_id: int) -> HttpResponse:
    try:
        body = selectors.body_get_for_user(request.user, body_id)
    except DomainError as exc:
        return error_page(request, exc)
    rows = selectors.obligation_rows(body.obligations.all(), history=True)
    return render(
        request,
        "monitoring/body.html",
        {
            "active": "monitoring",
            "body": body,
            "members": body.members.all(),
            "rows": rows,
            "can_change": selectors.can_change(request.user, body.unit.path),
        },
    )


@login_required
@require_POST
def report_submit(request: HttpRequest, obligation_id: int) -> HttpResponse:
    try:
        obligation = selectors.obligation_get_for_user(request.user, obligation_id)
    except DomainError as exc:
        return error_page(request, exc)
    try:
        services.report_submit(
            actor=request.user,
            body=obligation.body,
            obligation=obligation,
            situation=request.POST.get("situation", ""),
            law_and_order=request.POST.get("law_and_order", ""),
            code_of_conduct=request.POST.get("code_of_conduct", ""),
            expenses_observed=request.POST.get("expenses_observed", ""),
            attachment=request.FILES.get("attachment"),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The report was submitted."))
    return redirect("monitoring:body", body_id=obligation.body_id)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.incident_list_for_user(request.user, status=request.GET.get("status", ""))
    return render(
        request,
        "monitoring/incidents.html",
        {
            "active": "monitoring",
            "page": paginate(qs, request.GET.get("page"), 50),
            "statuses": Incident.Status.choices,
            "now": timezone.now(),
        },
    )


@login_required
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    try:
        incident = selectors.incident_get_for_user(request.user, incident_id)
    except DomainError as exc:
        return error_page(request, exc)
    return render(
        request,
        "monitoring/incident.html",
        {
            "active": "monitoring",
            "incident": incident,
            "steps": incident.steps.select_related("actor"),
            "teams": selectors.body_list_for_user(request.user).filter(
                election=incident.election_id
            ),
            "can_change": selectors.can_change(request.user, incident.unit.path),
            "actions": Incident.Action.choices,
        },
    )


@login_required
@require_POST
def incident_move(request: HttpRequest, incident_id: int) -> HttpResponse:
    try:
        incident = selectors.incident_get_for_user(request.user, incident_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    try:
        team_id = request.POST.get("team", "")
        team = selectors.body_get_for_user(request.user, int(team_id)) if team_id else None
        services.incident_move(
            actor=request.user,
            incident=incident,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            team=team,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        )
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, _("The incident was updated."))
    return redirect("monitoring:incident", incident_id=incident.pk)


@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest) -> HttpResponse:
    """The citizens' form: no login; optional anonymity; a follow-up code when not anonymous."""
    form = IncidentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        try:
            incident = services.incident_report(
                actor=None,
                election=selectors.election_get(code=data.pop("election")),
                unit=unit_get(code=data.pop("unit")),
                **data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return render(request, "monitoring/reported.html", {"incident": incident})
    return render(
        request,
        "monitoring/public_report.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


def follow(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip()
    incident, error = None, None
    if code:
        try:
            incident = selectors.incident_by_follow_code(code)
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "monitoring/follow.html",
        {"code": code, "incident": incident, "error": error},
        status=404 if error else 200,
    )


# --- circulars ---------------------------------------------------------------------------------


@login_required
def circular_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.circular_list_for_user(request.user, status=request.GET.get("status", ""))
    return render(
        request,
        "monitoring/circulars.html",
        {
            "active": "monitoring",
            "page": paginate(qs, request.GET.get("page"), 50),
            "can_draft": selectors.can_draft(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def circular_new(request: HttpRequest) -> HttpResponse:
    form = CircularForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        try:
            election = data.pop("election")
            circular = services.circular_draft(
                actor=request.user,
                unit=unit_get(code=data.pop("unit")),
                election=selectors.election_get(code=election) if election else None,
                **data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The circular was drafted."))
            return redirect("monitoring:circular", circular_id=circular.pk)
    return render(
        request,
        "monitoring/circular_form.html",
        {"active": "monitoring", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def circular_detail(request: HttpRequest, circular_id: int) -> HttpResponse:
    try:
        circular = selectors.circular_get_for_user(request.user, circular_id)
    except DomainError as exc:
        return error_page(request, exc)
    return render(
        request,
        "monitoring/circular.html",
        {
            "active": "monitoring",
            "circular": circular,
            "recipients": selectors.circular_recipients(request.user, circular),
            "can_issue": circular.status == "draft"
            and selectors.can_change(request.user, circular.unit.path),
        },
    )


@login_required
@require_POST
def circular_issue(request: HttpRequest, circular_id: int) -> HttpResponse:
    try:
        circular = selectors.circular_get_for_user(request.user, circular_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    try:
        ack_days = int(request.POST.get("ack_days") or 3)  # Bengali/Devanagari digits read too
    except ValueError:
        messages.error(request, _("Days to acknowledge: write a whole number of days."))
        return redirect("monitoring:circular", circular_id=circular.pk)
    try:
        pairs = []
        for line in request.POST.get("recipients", "").splitlines():
            unit, _sep, office = line.strip().partition(" ")
            if unit:
                pairs.append((unit, office.strip()))
        services.circular_issue(
            actor=request.user,
            circular=circular,
            recipients=selectors.recipients_from_codes(pairs),
            ack_days=ack_days,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The circular was issued."))
    return redirect("monitoring:circular", circular_id=circular.pk)


@login_required
@require_POST
def circular_acknowledge(request: HttpRequest, recipient_id: int) -> HttpResponse:
    try:
        recipient = selectors.recipient_get_for_user(request.user, recipient_id)
    except DomainError as exc:
        return error_page(request, exc)
    try:
        services.circular_acknowledge(actor=request.user, recipient=recipient)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Receipt was acknowledged."))
    return redirect("monitoring:circular", circular_id=recipient.circular_id)


@login_required
def circular_pdf(request: HttpRequest, circular_id: int) -> HttpResponse:
    lang = request.GET.get("lang", "bn")
    if lang not in ("bn", "en", "hi"):
        lang = "bn"
    try:
        circular = selectors.circular_get_for_user(request.user, circular_id)
    except DomainError as exc:
        return error_page(request, exc)
    pdf = render_pdf("monitoring/circular_print.html", {"circular": circular}, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="circular-{circular_id}-{lang}.pdf"'
    return response


# --- expenses ----------------------------------------------------------------------------------


def _expenses_page(request: HttpRequest, code: str, form: ExpenseForm) -> HttpResponse:
    election, error, sheet = None, None, []
    if code:
        try:
            election = selectors.election_get(code=code)
        except DomainError as exc:
            error = exc.message
        else:
            sheet = selectors.expense_sheet(request.user, election=election)
    status = 422 if form.errors else 404 if error else 200
    return render(
        request,
        "monitoring/expenses.html",
        {
            "active": "monitoring",
            "code": code,
            "election": election,
            "error": error,
            "sheet": sheet,
            "form": form,
            "can_record": selectors.can_observe(request.user),
            "categories": Expense.Category.choices,
        },
        status=status,
    )


@login_required
def expenses(request: HttpRequest) -> HttpResponse:
    """One election's candidates: running totals, alerts, statement beside shadow register."""
    code = request.GET.get("election", "").strip()
    return _expenses_page(request, code, ExpenseForm(initial={"election": code}))


@login_required
@require_POST
def expense_add(request: HttpRequest) -> HttpResponse:
    form = ExpenseForm(request.POST)
    if form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        code = data.pop("election")
        try:
            services.expense_record(
                actor=request.user,
                election=selectors.election_get(code=code),
                unit=unit_get(code=data.pop("unit")),
                **data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The expense was recorded."))
            return redirect(f"{reverse('monitoring:expenses')}?{urlencode({'election': code})}")
    return _expenses_page(request, request.POST.get("election", "").strip(), form)


def _back_to_expenses(code: str) -> HttpResponse:
    return redirect(f"{reverse('monitoring:expenses')}?{urlencode({'election': code})}")


@login_required
@require_POST
def expense_correct(request: HttpRequest, expense_id: int) -> HttpResponse:
    """Correct one line (a new line replaces it; the old one stays in the history)."""
    try:
        expense = selectors.expense_get_for_user(request.user, expense_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    form = ExpenseCorrectForm(request.POST)
    if form.is_valid():
        try:
            services.expense_correct(actor=request.user, expense=expense, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The entry was corrected; the old entry is kept."))
            return _back_to_expenses(expense.election.code)
    messages.error(request, _form_errors(form))
    return _back_to_expenses(expense.election.code)


@login_required
@require_POST
def expense_withdraw(request: HttpRequest, expense_id: int) -> HttpResponse:
    try:
        expense = selectors.expense_get_for_user(request.user, expense_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    form = ExpenseWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.expense_withdraw(actor=request.user, expense=expense, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The entry was withdrawn; it is kept in the history."))
            return _back_to_expenses(expense.election.code)
    messages.error(request, _form_errors(form))
    return _back_to_expenses(expense.election.code)


def _form_errors(form: Any) -> str:
    """The form's errors as one line, each with its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " · ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def expense_limits(request: HttpRequest) -> HttpResponse:
    """Spending limits per candidate, per country and election type; the commission sets them."""
    form = ExpenseLimitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_limit_set(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The limit was saved."))
            return redirect("monitoring:expense_limits")
    kinds = dict(Election.Kind.choices)
    countries = dict(Country.choices)
    return render(
        request,
        "monitoring/expense_limits.html",
        {
            "active": "monitoring",
            "limits": [
                (
                    countries.get(x.country, x.country),
                    kinds.get(x.election_kind, x.election_kind),
                    x,
                )
                for x in selectors.expense_limits()
            ],
            "form": form,
            "can_set": any(selectors.can_manage_election(request.user, c) for c in countries),
        },
        status=422 if form.errors else 200,
    )


# --- reporting rules ---------------------------------------------------------------------------


def _rules_page(request: HttpRequest, code: str, form: RuleForm | None) -> HttpResponse:
    election, rules, error = None, [], None
    if code:
        try:
            election = selectors.election_get(code=code)
        except DomainError as exc:
            error = exc.message
        else:
            rules = selectors.rules_of(election)
    can_edit = election is not None and selectors.can_manage_election(
        request.user, election.country
    )
    if form is None:
        form = RuleForm(initial={"election": code})
    kinds = dict(BodyKind.choices)
    return render(
        request,
        "monitoring/rules.html",
        {
            "active": "monitoring",
            "code": code,
            "election": election,
            "error": error,
            "rules": [(kinds.get(r.body_kind, r.body_kind), r) for r in rules],
            "form": form,
            "can_edit": can_edit,
        },
        status=422 if form.errors else 404 if error else 200,
    )


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """An election's reporting rules; the commission administrator changes them here."""
    return _rules_page(request, request.GET.get("election", "").strip(), None)


@login_required
@require_POST
def rule_save(request: HttpRequest) -> HttpResponse:
    form = RuleForm(request.POST)
    code = request.POST.get("election", "").strip()
    if form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        try:
            services.rule_set(
                actor=request.user,
                election=selectors.election_get(code=data.pop("election")),
                **data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The rule was saved and the future obligations were regenerated; past and "
                    "reported ones are kept."
                ),
            )
            return redirect(f"{reverse('monitoring:rules')}?{urlencode({'election': code})}")
    return _rules_page(request, code, form)


@login_required
@require_POST
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    try:
        rule = selectors.rule_get(rule_id)
    except DomainError as exc:
        return error_page(request, exc)
    code = rule.election.code
    try:
        services.rule_delete(actor=request.user, rule=rule)
    except DomainError as exc:
        if exc.status in (403, 404):
            return error_page(request, exc)
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The rule was removed; its future obligations were superseded.")
        )
    return redirect(f"{reverse('monitoring:rules')}?{urlencode({'election': code})}")


# --- the written notice to the Commission ------------------------------------------------------


@login_required
def incident_notice_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The written notice of a candidate's or agent's violation (`notice_id` is the incident's
    id), as a PDF in bn, hi or en."""
    lang = request.GET.get("lang", "bn")
    if lang not in ("bn", "en", "hi"):
        lang = "bn"
    try:
        incident = selectors.incident_get_for_user(request.user, notice_id)
        selectors.notice_required(incident)
    except DomainError as exc:
        return error_page(request, exc)
    steps = list(incident.steps.select_related("actor"))
    action_step = next((s for s in reversed(steps) if s.status == "action"), None)
    pdf = render_pdf(
        "monitoring/notice_print.html",
        {"incident": incident, "action_step": action_step, "steps": steps},
        lang=lang,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{incident.follow_code}-{lang}.pdf"'
    return response
