"""Pages of the roll app: the public "Find your name in the roll" page and the officers' pages
(part listings, elector detail, the application queue with actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nirvachan.core.errors import DomainError
from nirvachan.core.pdf import render_pdf
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paginate, scope_for
from nirvachan.core.views import error_page
from nirvachan.roll import selectors, services
from nirvachan.roll.api import _client, _count


def find(request: HttpRequest) -> HttpResponse:
    """Public: by EPIC number or by name, relative's name or age, and district/constituency."""
    context: dict[str, Any] = {"active": "roll_find", "q": request.GET, "results": None}
    status = 200
    try:
        if request.GET.get("epic"):
            _count(request, "lookup")
            key = selectors.key_parse(request.GET["epic"])
            services.lookup_trail(client=_client(request), key=key)
            context["results"] = [selectors.public_record(selectors.elector_public(epic=key))]
        elif request.GET.get("name"):
            _count(request, "search")
            age_text = request.GET.get("age", "").strip()
            hits = selectors.elector_search(
                name=request.GET.get("name", ""),
                relative=request.GET.get("relative", ""),
                age=int(age_text) if age_text.isdigit() else None,
                district=request.GET.get("district", ""),
                constituency=request.GET.get("constituency", ""),
            )
            context["results"] = [selectors.public_record(h.elector) for h in hits]
    except DomainError as exc:
        context["error"] = exc.message
        status = exc.status
    return render(request, "roll/find.html", context, status=status)


@login_required
def parts(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.part_list_for_user(request.user), request.GET.get("page"), 50)
    return render(request, "roll/parts.html", {"active": "roll_parts", "page": page})


@login_required
def part_detail(request: HttpRequest, part_id: int) -> HttpResponse:
    try:
        part = selectors.part_get_for_user(request.user, part_id)
        sort = request.GET.get("sort", "serial")
        page = paginate(selectors.part_electors(part, sort=sort), request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    return render(
        request,
        "roll/part_detail.html",
        {"active": "roll_parts", "part": part, "page": page, "sort": sort},
    )


PDF_LANGS = ("bn", "hi")


@login_required
def part_pdf(request: HttpRequest, part_id: int) -> HttpResponse:
    """The printable part roll (serial, name, relative, age, gender, house number)."""
    lang = request.GET.get("lang", "")
    try:
        part = selectors.part_get_for_user(request.user, part_id)
        rows = selectors.part_roll_rows(part)
    except DomainError as exc:
        return error_page(request, exc)
    if lang not in PDF_LANGS:
        lang = "bn" if part.constituency.unit.path.startswith("BD") else "hi"
    pdf = render_pdf("roll/part_print.html", {"part": part, "rows": rows}, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="part-{part.number}-{lang}.pdf"'
    return response


@login_required
def elector_detail(request: HttpRequest, epic: str) -> HttpResponse:
    try:
        elector = selectors.elector_get_for_user(request.user, epic)
    except DomainError as exc:
        return error_page(request, exc)
    return render(request, "roll/elector_detail.html", {"active": "roll_parts", "e": elector})


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    qs = selectors.application_list_for_user(request.user, status=request.GET.get("status", ""))
    page = paginate(qs, request.GET.get("page"), 50)
    can_decide = scope_for(request.user, Capability.ROLL_MANAGE) is not None
    return render(
        request,
        "roll/applications.html",
        {"active": "roll_applications", "page": page, "can_decide": can_decide},
    )


@login_required
@require_POST
def application_action(request: HttpRequest, application_id: int) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        if action == "verify":
            application = selectors.application_get_for_user(request.user, application_id)
            services.application_verify(
                actor=request.user, application=application, report=request.POST.get("report", "")
            )
            messages.success(request, _("The field report was recorded."))
        else:
            application = selectors.application_get_for_user(
                request.user, application_id, for_change=True
            )
            services.application_decide(
                actor=request.user,
                application=application,
                accept=action == "accept",
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("The decision was recorded."))
    except DomainError as exc:
        return error_page(request, exc)
    return redirect("roll:applications")
