"""Candidates' expenses: the ledger, entries, corrections, withdrawals and the limits."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.models import Country
from nirvachan.core.selectors import unit_get
from nirvachan.core.views import error_page
from nirvachan.elections.models import Election
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.forms import (
    ExpenseCorrectForm,
    ExpenseForm,
    ExpenseLimitForm,
    ExpenseWithdrawForm,
)
from nirvachan.monitoring.models import Expense


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
