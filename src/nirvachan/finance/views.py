"""Pages of the finance app: thin views that parse input, call one service or selector and
render (DESIGN.md convention 3)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core import selectors as core_selectors
from nirvachan.core.errors import DomainError
from nirvachan.core.pdf import render_pdf
from nirvachan.core.roles import Capability
from nirvachan.core.views import error_page
from nirvachan.finance import selectors, services
from nirvachan.finance.errors import FinanceErrorCode
from nirvachan.finance.forms import OrderCancelForm, OrderImportForm
from nirvachan.finance.tables import parse_csv, parse_text, parse_xlsx

LANGS = ("bn", "en", "hi")


def _need(request: HttpRequest, capability: Capability) -> DomainError | None:
    if core_selectors.scope_for(request.user, capability) is None:
        return DomainError(
            FinanceErrorCode.PERMISSION_DENIED, _("Your role does not allow this page.")
        )
    return None


@login_required
def orders(request: HttpRequest) -> HttpResponse:
    refused = _need(request, Capability.FINANCE_VIEW)
    if refused:
        return error_page(request, refused)
    try:
        qs = selectors.order_list_for_user(
            request.user,
            status=request.GET.get("status", ""),
            fiscal_year=request.GET.get("fiscal_year", ""),
            search=request.GET.get("q", "").strip(),
        )
        page = core_selectors.paginate(qs, request.GET.get("page"), 50)
    except DomainError as exc:
        return error_page(request, exc)
    context = {
        "active": "finance",
        "page": page,
        "q": request.GET.get("q", ""),
        "can_change": core_selectors.scope_for(request.user, Capability.FINANCE_CHANGE) is not None,
    }
    template = (
        "finance/_order_rows.html" if request.headers.get("HX-Request") else "finance/orders.html"
    )
    return render(request, template, context)


def _order_context(request: HttpRequest, order_id: int) -> dict[str, Any]:
    order = selectors.order_get_for_user(request.user, order_id)
    return {
        "order": order,
        "lines": list(selectors.order_lines(order)),
        "total": selectors.order_total(order),
        "later": list(selectors.order_later(order)),
    }


@login_required
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        context = _order_context(request, order_id)
    except DomainError as exc:
        return error_page(request, exc)
    order = context["order"]
    context.update(
        active="finance",
        can_change=core_selectors.scope_for(
            request.user, Capability.FINANCE_CHANGE, order.unit.path
        )
        is not None,
        langs=LANGS,
    )
    return render(request, "finance/order_detail.html", context)


@login_required
def order_pdf(request: HttpRequest, order_id: int) -> HttpResponse:
    lang = request.GET.get("lang", "bn")
    if lang not in LANGS:
        lang = "bn"
    try:
        context = _order_context(request, order_id)
    except DomainError as exc:
        return error_page(request, exc)
    pdf = render_pdf("finance/order_print.html", context, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="order-{order_id}-{lang}.pdf"'
    return response


@login_required
def order_export(request: HttpRequest, order_id: int, fmt: str) -> HttpResponse:
    try:
        context = _order_context(request, order_id)
        if fmt not in ("csv", "xlsx"):
            raise DomainError(FinanceErrorCode.NOT_FOUND, _("Unknown export format."), fmt=fmt)
    except DomainError as exc:
        return error_page(request, exc)
    rows = [
        (line.serial, line.district_name, line.office_name, line.amount)
        for line in context["lines"]
    ]
    total: Decimal = context["total"]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["serial", "district", "office", "amount"])
        writer.writerows(rows)
        writer.writerow(["", "", "", total])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(rows, total),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="order-{order_id}.{fmt}"'
    return response


def _xlsx(rows: list[tuple[Any, ...]], total: Decimal) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("order")
    sheet.append(["serial", "district", "office", "amount"])
    for row in rows:
        sheet.append(list(row))
    sheet.append([None, None, None, total])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@login_required
@require_POST
def order_issue(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        order = selectors.order_get_for_user(request.user, order_id, for_change=True)
        services.allocation_order_issue(actor=request.user, order=order)
    except DomainError as exc:
        if exc.status in (403, 404):
            return error_page(request, exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The order was issued."))
    return redirect("finance:order_detail", order_id=order_id)


@login_required
@require_http_methods(["GET", "POST"])
def order_cancel(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        order = selectors.order_get_for_user(request.user, order_id, for_change=True)
    except DomainError as exc:
        return error_page(request, exc)
    form = OrderCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel = services.allocation_order_create(
                actor=request.user,
                unit=order.unit,
                fiscal_year=order.fiscal_year,
                institution_code=order.institution_code,
                kind="cancellation",
                supersedes=order,
                lines=[],
                references=[order.memo_number],
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("A cancellation order was drafted; issue it to cancel."))
            return redirect("finance:order_detail", order_id=cancel.pk)
    return render(
        request,
        "finance/order_cancel.html",
        {"active": "finance", "form": form, "order": order},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_import(request: HttpRequest) -> HttpResponse:
    refused = _need(request, Capability.FINANCE_CHANGE)
    if refused:
        return error_page(request, refused)
    form = OrderImportForm(request.POST or None, request.FILES or None)
    result = None
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        name = upload.name.lower()
        raw = upload.read()
        try:
            unit = core_selectors.unit_get(code=data["unit"])
            if name.endswith(".xlsx"):
                table = parse_xlsx(raw)
            elif name.endswith(".csv"):
                table = parse_csv(raw.decode("utf-8-sig"))
            else:
                table = parse_text(raw.decode("utf-8-sig"))
            result = services.allocation_order_import(
                actor=request.user,
                table=table,
                unit=unit,
                fiscal_year=data["fiscal_year"],
                economic_code=data["economic_code"],
                memo_number=data["memo_number"],
                date=data["date"],
                subject=data["subject"],
                dry_run=data["dry_run"],
            )
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text, CSV or XLSX."))
        except DomainError as exc:
            error = exc
        else:
            if result.order is not None:
                messages.success(request, _("The order was imported as a draft."))
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect("finance:order_detail", order_id=result.order.pk)
    return render(
        request,
        "finance/order_import.html",
        {"active": "finance", "form": form, "result": result, "error": error},
        status=422 if (form.errors or error) else 200,
    )


@login_required
def ledger(request: HttpRequest, office_id: int) -> HttpResponse:
    try:
        office, lines = selectors.ledger_for_user(request.user, office_id)
    except DomainError as exc:
        return error_page(request, exc)
    rows = list(lines)
    total = sum((line.amount for line in rows if line.order.status == "issued"), Decimal(0))
    return render(
        request,
        "finance/ledger.html",
        {"active": "finance", "office": office, "lines": rows, "total": total},
    )


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    refused = _need(request, Capability.FINANCE_VIEW)
    if refused:
        return error_page(request, refused)
    fiscal_year = request.GET.get("fiscal_year", "")
    try:
        districts = selectors.summary_by_district(request.user, fiscal_year=fiscal_year)
        codes = selectors.summary_by_economic_code(request.user, fiscal_year=fiscal_year)
    except DomainError as exc:
        return error_page(request, exc)
    top = max((row["total"] for row in districts), default=Decimal(0)) or Decimal(1)
    for row in districts:
        row["percent"] = round(float(row["total"] / top) * 100, 1)
    return render(
        request,
        "finance/summary.html",
        {
            "active": "finance",
            "districts": districts,
            "codes": codes,
            "fiscal_year": fiscal_year,
            "grand_total": sum((r["total"] for r in codes), Decimal(0)),
        },
    )


@login_required
def budget(request: HttpRequest) -> HttpResponse:
    refused = _need(request, Capability.FINANCE_VIEW)
    if refused:
        return error_page(request, refused)
    try:
        heads = selectors.budget_head_list_for_user(
            request.user, fiscal_year=request.GET.get("fiscal_year", "")
        )
        page = core_selectors.paginate(heads, request.GET.get("page"), 100)
    except DomainError as exc:
        return error_page(request, exc)
    return render(request, "finance/budget.html", {"active": "finance", "page": page})
