"""Incidents: the list, one incident and its moves, the public report form, following a
report, and the notice PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.pdf import render_pdf
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.core.views import error_page
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.forms import IncidentForm
from nirvachan.monitoring.models import Incident


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
