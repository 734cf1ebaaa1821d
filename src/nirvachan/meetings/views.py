"""Pages of the meetings app: thin views over the services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.forms import add_domain_error
from nirvachan.core.pdf import render_pdf
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paginate, scope_for, unit_get
from nirvachan.core.views import error_page
from nirvachan.meetings import selectors, services
from nirvachan.meetings.forms import FollowUpForm, MeetingForm


def _detail(meeting_id: int) -> HttpResponse:
    return redirect("meetings:detail", meeting_id=meeting_id)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    try:
        qs = selectors.meeting_list_for_user(request.user, search=request.GET.get("q", "").strip())
        page = paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    can_create = scope_for(request.user, Capability.MEETING_CHANGE) is not None
    return render(
        request,
        "meetings/list.html",
        {
            "active": "meetings",
            "page": page,
            "q": request.GET.get("q", ""),
            "can_create": can_create,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user, Capability.MEETING_CHANGE) is None:
        return error_page(
            request,
            DomainError(CoreErrorCode.PERMISSION_DENIED, _("Your role may not record meetings.")),
        )
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            unit = unit_get(code=data.pop("unit"))
            meeting = services.meeting_create(actor=request.user, unit=unit, **data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The meeting was recorded."))
            return _detail(meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"active": "meetings", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get_for_user(request.user, meeting_id)
    except DomainError as exc:
        return error_page(request, exc)
    items = selectors.meeting_minutes(meeting)
    charts = [
        (table, selectors.target_progress(table)) for item in items for table in item.tables.all()
    ]
    return render(
        request,
        "meetings/detail.html",
        {
            "active": "meetings",
            "meeting": meeting,
            "items": items,
            "charts": charts,
            "today": timezone.localdate(),
            "can_change": selectors.can_change(request.user, meeting),
            "amendments": meeting.amendments.all(),
        },
    )


def _post_action(request: HttpRequest, meeting_id: int, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except DomainError as exc:
        if exc.status in (403, 404):
            return error_page(request, exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _detail(meeting_id)


@login_required
@require_POST
def item_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    return _post_action(
        request,
        meeting.pk,
        lambda: services.agenda_item_add(
            actor=request.user,
            meeting=meeting,
            topic=request.POST.get("topic", ""),
            discussion=request.POST.get("discussion", ""),
        ),
        _("The agenda item was added."),
    )


@login_required
@require_POST
def decision_add(request: HttpRequest, item_id: int) -> HttpResponse:
    try:
        item = selectors.item_get_for_user(request.user, item_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)

    def action() -> None:
        username = request.POST.get("implementer_username", "").strip()
        services.decision_add(
            actor=request.user,
            item=item,
            text=request.POST.get("text", ""),
            implementer=request.POST.get("implementer", ""),
            implementer_user=selectors.implementer_user_get(username) if username else None,
            deadline=request.POST.get("deadline", ""),
        )

    return _post_action(request, item.meeting_id, action, _("The decision was recorded."))


@login_required
@require_POST
def meeting_status(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    return _post_action(
        request,
        meeting.pk,
        lambda: services.meeting_status_set(
            actor=request.user, meeting=meeting, status=request.POST.get("status", "")
        ),
        _("The meeting's status was changed."),
    )


@login_required
@require_POST
def amendment_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get_for_user(request.user, meeting_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    return _post_action(
        request,
        meeting.pk,
        lambda: services.meeting_amend(
            actor=request.user,
            meeting=meeting,
            target=request.POST.get("target", ""),
            text=request.POST.get("text", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("The amendment was recorded."),
    )


@login_required
@require_POST
def progress_add(request: HttpRequest, row_id: int) -> HttpResponse:
    try:
        row = selectors.target_row_get_for_user(request.user, row_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    return _post_action(
        request,
        row.table.item.meeting_id,
        lambda: services.progress_record(
            actor=request.user,
            row=row,
            achieved=request.POST.get("achieved", ""),
            note=request.POST.get("note", ""),
        ),
        _("The progress was recorded."),
    )


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "implementer": request.GET.get("implementer", "").strip(),
        "overdue": request.GET.get("overdue") == "1",
        "due_this_week": request.GET.get("week") == "1",
        "mine": request.GET.get("mine") == "1",
    }
    try:
        qs = selectors.decision_list_for_user(request.user, **filters)  # type: ignore[arg-type]
        page = paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    return render(
        request,
        "meetings/decisions.html",
        {
            "active": "decisions",
            "page": page,
            "filters": filters,
            "by_implementer": selectors.decisions_by_implementer(qs),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    try:
        decision = selectors.decision_get_for_user(request.user, decision_id)
    except DomainError as exc:
        return error_page(request, exc)
    form = FollowUpForm(request.POST or None, initial={"status": decision.status})
    if request.method == "POST":
        try:
            decision = selectors.decision_get_for_user(request.user, decision_id, for_change=True)
        except DomainError as exc:
            return error_page(request, exc)
        if form.is_valid():
            try:
                services.decision_follow_up(
                    actor=request.user, decision=decision, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect("meetings:decision", decision_id=decision.pk)
    return render(
        request,
        "meetings/decision.html",
        {
            "active": "decisions",
            "decision": decision,
            "form": form,
            "today": timezone.localdate(),
            "updates": decision.updates.all(),
        },
        status=422 if form.errors else 200,
    )


@login_required
def minutes_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get_for_user(request.user, meeting_id)
    except DomainError as exc:
        return error_page(request, exc)
    lang = request.GET.get("lang", "bn")
    lang = lang if lang in ("bn", "hi", "en") else "bn"
    pdf = render_pdf(
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "items": selectors.meeting_minutes(meeting),
            "amendments": meeting.amendments.all(),
        },
        lang=lang,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}-{lang}.pdf"'
    return response
