"""Pages: thin views that parse input, call one service or selector and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core import selectors, services
from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.forms import OfficeEditForm, OfficeForm, add_domain_error
from nirvachan.core.middleware import set_language_cookie
from nirvachan.core.models import Language
from nirvachan.core.roles import Capability


def _client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def error_page(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "core/error.html", {"error": exc}, status=exc.status)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"active": "home"})


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST":
        username = request.POST.get("username", "")
        try:
            services.login_attempt_check(username=username, address=_client_address(request))
        except DomainError as exc:
            form.errors.clear()
            form.add_error(None, exc.message)
            return render(request, "core/login.html", {"form": form}, status=exc.status)
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            services.login_success_record(user=user, address=_client_address(request))
            response = redirect(_safe_next(request, reverse("core:dashboard")))
            if user.preferred_language:
                translation.activate(user.preferred_language)
                set_language_cookie(response, user.preferred_language)
            return response
        services.login_failure_record(username=username, address=_client_address(request))
    return render(request, "core/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.logout_record(user=request.user)  # type: ignore[arg-type]
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("core:home")


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in Language.values:
        return render(
            request,
            "core/error.html",
            {"error": DomainError(CoreErrorCode.VALIDATION, _("Unknown language."))},
            status=422,
        )
    if request.user.is_authenticated:
        services.user_language_set(user=request.user, language=language)  # type: ignore[arg-type]
    translation.activate(language)
    response = HttpResponseRedirect(_safe_next(request, reverse("core:home")))
    set_language_cookie(response, language)
    return response


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard_for_user(request.user)
    return render(request, "core/dashboard.html", {"active": "dashboard", **data})


def units(request: HttpRequest, code: str = "") -> HttpResponse:
    try:
        unit = selectors.unit_get(code=code) if code else None
        children = selectors.paginate(
            selectors.unit_children(parent=unit), request.GET.get("page"), 100
        )
        ancestors = selectors.unit_ancestors(unit) if unit else []
        constituencies = (
            selectors.paginate(
                selectors.constituency_list(unit=unit), request.GET.get("cpage"), 100
            )
            if unit is not None and unit.depth >= 1
            else None
        )
    except DomainError as exc:
        return error_page(request, exc)
    context: dict[str, Any] = {
        "active": "units",
        "unit": unit,
        "children": children,
        "ancestors": ancestors,
        "constituencies": constituencies,
    }
    return render(request, "core/units.html", context)


@login_required
def offices(request: HttpRequest) -> HttpResponse:
    try:
        qs = selectors.office_list_for_user(
            request.user,
            search=request.GET.get("q", "").strip(),
            unit_code=request.GET.get("unit", ""),
        )
        page = selectors.paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    context = {"active": "offices", "page": page, "q": request.GET.get("q", "")}
    template = (
        "core/_office_rows.html" if request.headers.get("HX-Request") else "core/offices.html"
    )
    return render(request, template, context)


@login_required
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    try:
        office = selectors.office_get_for_user(request.user, office_id)
    except DomainError as exc:
        return error_page(request, exc)
    can_change = selectors.scope_for(request.user, Capability.OFFICE_CHANGE, office.unit.path)
    return render(
        request,
        "core/office_detail.html",
        {"active": "offices", "office": office, "can_change": can_change is not None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def office_new(request: HttpRequest) -> HttpResponse:
    if selectors.scope_for(request.user, Capability.OFFICE_CHANGE) is None:
        return error_page(
            request,
            DomainError(CoreErrorCode.PERMISSION_DENIED, _("Your role may not register offices.")),
        )
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            unit = selectors.unit_get(code=data.pop("unit"))
            office = services.office_create(actor=request.user, unit=unit, **data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The office was registered."))
            return redirect("core:office_detail", office_id=office.pk)
    return render(
        request,
        "core/office_form.html",
        {"active": "offices", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, office_id: int) -> HttpResponse:
    try:
        office = selectors.office_get_for_user(request.user, office_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    initial = {f: getattr(office, f) for f in services.OFFICE_FIELDS}
    form = OfficeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_update(actor=request.user, office=office, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The office was saved."))
            return redirect("core:office_detail", office_id=office.pk)
    return render(
        request,
        "core/office_form.html",
        {"active": "offices", "form": form, "office": office},
        status=422 if form.errors else 200,
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    try:
        qs = selectors.audit_event_list_for_user(
            request.user, event_type=request.GET.get("type", "")
        )
        page = selectors.paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    return render(request, "core/audit.html", {"active": "audit", "page": page})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", {}, status=500)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", {}, status=403)
