"""Circulars: drafting, issuing, acknowledging and the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.pdf import render_pdf
from nirvachan.core.selectors import paginate, unit_get
from nirvachan.core.views import error_page
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.forms import CircularForm


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
