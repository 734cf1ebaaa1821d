"""The monitoring rules of an election: list, save, delete."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.views import error_page
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.forms import RuleForm
from nirvachan.monitoring.models import BodyKind


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
