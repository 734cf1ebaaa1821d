"""Pages of the roll app: the public "Find your name in the roll" page and the officers' pages
(part listings, elector detail, the application queue with actions)."""

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
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paginate, scope_for
from nirvachan.core.templatetags.nirvachan import local_date
from nirvachan.core.views import error_page
from nirvachan.roll import queries, selectors, services
from nirvachan.roll.api import _client, _count, device_issue, lookup_key
from nirvachan.roll.api_applications import apply_limit
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.forms import (
    CorrectionForm,
    DeletionForm,
    DeletionReason,
    InclusionForm,
    PairsLoadForm,
)
from nirvachan.roll.models import Application


def find(request: HttpRequest) -> HttpResponse:
    """Public: by EPIC number or by name, relative's name or age, and district/constituency."""
    context: dict[str, Any] = {"active": "roll_find", "q": request.GET, "results": None}
    status = 200
    try:
        if request.GET.get("epic"):
            key = lookup_key(request, request.GET["epic"])
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
        context["error_field"] = exc.details.get("field", "epic" if "epic" in request.GET else "")
        context["throttled"] = exc.status == 429
        status = exc.status
        retry_after = exc.details.get("retry_after")
    else:
        retry_after = None
    response = render(request, "roll/find.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    device_issue(request, response)
    return response


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
def application_notice_pdf(request: HttpRequest, application_id: int) -> HttpResponse:
    """The printable notice of a Form 7 hearing to the person named, in Bengali or Hindi."""
    try:
        application = selectors.application_get_for_user(request.user, application_id)
        if application.form != Application.Form.DELETION or application.elector is None:
            raise DomainError(
                RollErrorCode.NOT_FOUND,
                _("Only a Form 7 has a notice of hearing."),
                id=application_id,
            )
    except DomainError as exc:
        return error_page(request, exc)
    lang = request.GET.get("lang", "")
    if lang not in PDF_LANGS:
        lang = "bn" if application.constituency.unit.path.startswith("BD") else "hi"
    pdf = render_pdf(
        "roll/notice_print.html", {"a": application, "e": application.elector}, lang=lang
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{application.pk}-{lang}.pdf"'
    return response


@login_required
def elector_detail(request: HttpRequest, epic: str) -> HttpResponse:
    try:
        elector = selectors.elector_get_for_user(request.user, epic)
    except DomainError as exc:
        return error_page(request, exc)
    return render(
        request,
        "roll/elector_detail.html",
        {
            "active": "roll_parts",
            "e": elector,
            "applications": queries.applications_about(request.user, elector)[:50],
        },
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    return _queue(request)


def _queue(request: HttpRequest, error: DomainError | None = None) -> HttpResponse:
    """The queue; after a refused action, with the refusal above it and its status."""
    status = request.GET.get("status", "")
    form = request.GET.get("form", "")
    status = status if status in Application.Status.values else ""
    form = form if form in Application.Form.values else ""
    qs = selectors.application_list_for_user(request.user, status=status, form=form)
    try:
        page = paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    can_decide = scope_for(request.user, Capability.ROLL_MANAGE) is not None
    return render(
        request,
        "roll/applications.html",
        {
            "active": "roll_applications",
            "page": page,
            "can_decide": can_decide,
            "status": status,
            "form": form,
            "statuses": Application.Status.choices,
            "forms": Application.Form.choices,
            "error": error,
        },
        status=error.status if error is not None else 200,
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
            decided = services.application_decide(
                actor=request.user,
                application=application,
                accept=action == "accept",
                reason=request.POST.get("reason", ""),
            )
            if decided.form == Application.Form.INCLUSION and decided.elector is not None:
                messages.success(
                    request,
                    _(
                        "Accepted: %(name)s is on the roll as %(epic)s, part %(part)s, "
                        "serial %(serial)s."
                    )
                    % {
                        "name": decided.elector.name,
                        "epic": decided.elector.key,
                        "part": decided.elector.part.number,
                        "serial": decided.elector.serial,
                    },
                )
            else:
                messages.success(request, _("The decision was recorded."))
    except DomainError as exc:
        return _queue(request, exc)
    return redirect("roll:applications")


# --- public Form 6 / 7 / 8 -------------------------------------------------------------------


def _apply_count(request: HttpRequest) -> None:
    limit, window = apply_limit()
    services.lookup_count(
        client=_client(request), scope="apply", limit=limit, window_seconds=window
    )


def _form_page(
    request: HttpRequest, template: str, form: Any, error: DomainError | None = None
) -> HttpResponse:
    if error is not None:
        add_domain_error(form, error)
    status = error.status if error is not None else (422 if form.errors else 200)
    response = render(request, template, {"active": "roll_apply", "form": form}, status=status)
    if error is not None and error.details.get("retry_after"):
        response["Retry-After"] = str(error.details["retry_after"])
    return response


def _receipt(request: HttpRequest, application: Application) -> HttpResponse:
    return render(request, "roll/apply_done.html", {"active": "roll_apply", "a": application})


def apply(request: HttpRequest) -> HttpResponse:
    """Public: which form to fill."""
    return render(request, "roll/apply.html", {"active": "roll_apply"})


@require_http_methods(["GET", "POST"])
def apply_inclusion(request: HttpRequest) -> HttpResponse:
    form = InclusionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, "roll/apply_form6.html", form)
    data = form.cleaned_data
    try:
        _apply_count(request)
        constituency = queries.constituency_for_form(data["constituency"], "constituency")
        application = services.inclusion_submit(
            constituency=constituency,
            part=queries.part_for_form(constituency, data["part"], "part"),
            applicant_ref=data["applicant"],
            name=data["name"],
            relative_name=data["relative_name"],
            relation=data["relation"],
            gender=data["gender"],
            dob=data["dob"],
            citizen=data["citizen"],
            resident=data["resident"],
            house_no=data["house_no"],
            address=data["address"],
            nid=data["nid"],
        )
    except DomainError as exc:
        return _form_page(request, "roll/apply_form6.html", form, exc)
    return _receipt(request, application)


@require_http_methods(["GET", "POST"])
def apply_deletion(request: HttpRequest) -> HttpResponse:
    form = DeletionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, "roll/apply_form7.html", form)
    data = form.cleaned_data
    grounds = dict(DeletionReason.CHOICES)
    reason = str(grounds[data["ground"]])
    if data["details"].strip():
        reason = f"{reason}: {data['details'].strip()}"
    try:
        _apply_count(request)
        application = services.deletion_submit_by_elector(
            elector=queries.elector_for_form(data["epic"], "epic"),
            objector=queries.elector_for_form(data["applicant"], "applicant"),
            reason=reason,
        )
    except DomainError as exc:
        return _form_page(request, "roll/apply_form7.html", form, exc)
    return _receipt(request, application)


@require_http_methods(["GET", "POST"])
def apply_correction(request: HttpRequest) -> HttpResponse:
    form = CorrectionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, "roll/apply_form8.html", form)
    data = form.cleaned_data
    try:
        _apply_count(request)
        elector = queries.elector_for_form(data["epic"], "epic")
        changes = form.changes()
        if data["new_constituency"] or data["new_part"]:
            constituency = (
                queries.constituency_for_form(data["new_constituency"], "new_constituency")
                if data["new_constituency"]
                else elector.constituency
            )
            if data["new_part"] is None:
                raise DomainError(
                    RollErrorCode.VALIDATION,
                    _("Give the part number to shift to."),
                    field="new_part",
                )
            part = queries.part_for_form(constituency, data["new_part"], "new_part")
            if part is not None and part.pk != elector.part_id:
                changes["part"] = part.pk
        application = services.correction_submit(
            elector=elector,
            applicant_ref=data["applicant"],
            changes=changes,
            reason=data["reason"],
        )
    except DomainError as exc:
        return _form_page(request, "roll/apply_form8.html", form, exc)
    return _receipt(request, application)


# --- officers: possible duplicates -----------------------------------------------------------


def _duplicates_page(
    request: HttpRequest, load_form: PairsLoadForm | None = None, status: int = 200
) -> HttpResponse:
    try:
        page = paginate(queries.duplicate_list_for_user(request.user), request.GET.get("page"), 25)
    except DomainError as exc:
        return error_page(request, exc)
    can_decide = scope_for(request.user, Capability.ROLL_MANAGE) is not None
    return render(
        request,
        "roll/duplicates.html",
        {
            "active": "roll_duplicates",
            "page": page,
            "can_decide": can_decide,
            "load_form": load_form or PairsLoadForm(),
        },
        status=status,
    )


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    """Demographically similar entries awaiting review, most probable first."""
    return _duplicates_page(request)


@login_required
@require_POST
def duplicates_load(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user, Capability.ROLL_MANAGE) is None:
        return error_page(
            request,
            DomainError(
                RollErrorCode.PERMISSION_DENIED,
                _("Your role does not allow reviewing possible duplicates."),
            ),
        )
    form = PairsLoadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _duplicates_page(request, form, status=422)
    try:
        rows = services.pairs_parse(form.cleaned_data["file"].read())
        counts = services.duplicate_pairs_load(actor=request.user, rows=rows)
    except DomainError as exc:
        add_domain_error(form, exc)
        return _duplicates_page(request, form, status=exc.status)
    messages.success(
        request,
        _(
            "%(created)s new pairs to review; %(known)s already known, %(unknown)s with an "
            "unknown or inactive entry, %(out)s outside your area."
        )
        % {
            "created": counts["created"],
            "known": counts["known"],
            "unknown": counts["unknown"],
            "out": counts["out_of_scope"],
        },
    )
    return redirect("roll:duplicates")


@login_required
@require_POST
def duplicate_decide(request: HttpRequest, pair_id: int) -> HttpResponse:
    verdict = request.POST.get("verdict", "")
    try:
        pair = queries.duplicate_get_for_user(request.user, pair_id, for_change=True)
        if verdict not in ("same", "different"):
            raise DomainError(
                RollErrorCode.VALIDATION,
                _('Choose "same person" or "different people".'),
                field="verdict",
            )
        pair = services.duplicate_decide(actor=request.user, pair=pair, same=verdict == "same")
    except DomainError as exc:
        return error_page(request, exc)
    if pair.notice is not None:
        messages.success(
            request,
            _("A Form 7 notice was raised on %(epic)s; hearing on %(date)s.")
            % {"epic": pair.second.key, "date": local_date(pair.notice.hearing_date)},
        )
    else:
        messages.success(request, _("Recorded as different people; the pair will not return."))
    return redirect("roll:duplicates")
