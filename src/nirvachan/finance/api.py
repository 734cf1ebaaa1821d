"""API of the finance app, mounted at /api/v1/finance/."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from nirvachan.core import selectors as core_selectors
from nirvachan.core.schemas import ErrorOut
from nirvachan.finance import presenters, selectors, services
from nirvachan.finance.schemas import (
    BudgetHeadCreateIn,
    BudgetHeadListOut,
    BudgetHeadOut,
    EconomicCodeListOut,
    LedgerOut,
    OrderCreateIn,
    OrderListOut,
    OrderOut,
    SummaryOut,
)

router = Router(tags=["finance"])
ERRORS: dict[int, type[ErrorOut]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _page_out(page: Any, items: list[Any]) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }


@router.get("/economic-codes", response={200: EconomicCodeListOut, **ERRORS}, auth=django_auth)
def economic_code_list(request: HttpRequest, page: int = 1, size: int = 200) -> dict[str, Any]:
    result = core_selectors.paginate(selectors.economic_code_list(), page, size)
    return _page_out(result, [presenters.economic_code(c) for c in result.object_list])


@router.get("/budget-heads", response={200: BudgetHeadListOut, **ERRORS}, auth=django_auth)
def budget_head_list(
    request: HttpRequest, fiscal_year: str = "", page: int = 1, size: int = 50
) -> dict[str, Any]:
    qs = selectors.budget_head_list_for_user(request.user, fiscal_year=fiscal_year)
    result = core_selectors.paginate(qs, page, size)
    return _page_out(result, [presenters.budget_head(h) for h in result.object_list])


@router.post("/budget-heads", response={201: BudgetHeadOut, **ERRORS}, auth=django_auth)
def budget_head_create(request: HttpRequest, payload: BudgetHeadCreateIn) -> Status:
    unit = core_selectors.unit_get(code=payload.unit)
    head = services.budget_head_create(
        actor=request.user,
        unit=unit,
        fiscal_year=services.fiscal_year_for(unit=unit, label=payload.fiscal_year),
        institution_code=payload.institution_code,
        economic_code=selectors.economic_code_get(code=payload.economic_code),
        amount=payload.amount,
    )
    return Status(201, presenters.budget_head(head))


@router.get("/orders", response={200: OrderListOut, **ERRORS}, auth=django_auth)
def order_list(
    request: HttpRequest,
    status: str = "",
    fiscal_year: str = "",
    q: str = "",
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    qs = selectors.order_list_for_user(
        request.user, status=status, fiscal_year=fiscal_year, search=q
    )
    result = core_selectors.paginate(qs, page, size)
    return _page_out(result, [presenters.order_summary(o) for o in result.object_list])


@router.post("/orders", response={201: OrderOut, **ERRORS}, auth=django_auth)
def order_create(request: HttpRequest, payload: OrderCreateIn) -> Status:
    data = payload.dict()
    unit = core_selectors.unit_get(code=data.pop("unit"))
    order = services.allocation_order_create_from_ids(actor=request.user, unit=unit, **data)
    order = selectors.order_get_for_user(request.user, order.pk)
    return Status(201, presenters.order_detail(order))


@router.get("/orders/{order_id}", response={200: OrderOut, **ERRORS}, auth=django_auth)
def order_detail(request: HttpRequest, order_id: int) -> dict[str, Any]:
    return presenters.order_detail(selectors.order_get_for_user(request.user, order_id))


@router.post("/orders/{order_id}/issue", response={200: OrderOut, **ERRORS}, auth=django_auth)
def order_issue(request: HttpRequest, order_id: int) -> dict[str, Any]:
    order = selectors.order_get_for_user(request.user, order_id, for_change=True)
    services.allocation_order_issue(actor=request.user, order=order)
    return presenters.order_detail(selectors.order_get_for_user(request.user, order_id))


@router.get("/offices/{office_id}/ledger", response={200: LedgerOut, **ERRORS}, auth=django_auth)
def office_ledger(request: HttpRequest, office_id: int) -> dict[str, Any]:
    office, lines = selectors.ledger_for_user(request.user, office_id)
    items = [presenters.ledger_line(line) for line in lines]
    total = sum((i["amount"] for i in items if i["status"] == "issued"), Decimal(0))
    return {"office_id": office.pk, "office": office.name, "total": total, "items": items}


@router.get("/summary", response={200: SummaryOut, **ERRORS}, auth=django_auth)
def summary(request: HttpRequest, fiscal_year: str = "") -> dict[str, Any]:
    return {
        "fiscal_year": fiscal_year,
        "by_district": selectors.summary_by_district(request.user, fiscal_year=fiscal_year),
        "by_economic_code": selectors.summary_by_economic_code(
            request.user, fiscal_year=fiscal_year
        ),
    }
