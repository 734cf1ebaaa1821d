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
from nirvachan.core.pdf import render_pdf
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.core.views import error_page
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.forms import CircularForm, ExpenseForm, IncidentForm
from nirvachan.monitoring.models import Incident


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard_for_user(request.user)
    peak = max((r["total"] for r in data["completeness"]), default=0)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "active": "monitoring",
            "data": data,
            "peak": peak or 1,
            "circulars": selectors.circulars_received(request.user),
        },
    )


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
        pairs = []
        for line in request.POST.get("recipients", "").splitlines():
            unit, _sep, office = line.strip().partition(" ")
            if unit:
                pairs.append((unit, office.strip()))
        services.circular_issue(
            actor=request.user,
            circular=circular,
            recipients=selectors.recipients_from_codes(pairs),
            ack_days=int(request.POST.get("ack_days") or 3),
        )
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
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
            "can_record": selectors.can_draft(request.user),
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
