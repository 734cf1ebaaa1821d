"""The monitoring dashboard, a body's obligations and the report of one obligation."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.views import error_page
from nirvachan.monitoring import charts, selectors, services
from nirvachan.monitoring.models import Incident


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
