"""Access matrix entries of the finance app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "finance/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nirvachan.core.roles import Role
from tests.factories import Geo

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEW = {Role.COMMISSION_ADMIN, Role.RETURNING_OFFICER, Role.OBSERVER, Role.FINANCE_OFFICER}
CHANGE = {Role.COMMISSION_ADMIN, Role.FINANCE_OFFICER}


def _authenticated(role: str, target: str) -> int:
    return 401 if role == ANON else 200


def _view(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 200 if role in VIEW and target == OWN else 404


def _change(role: str, target: str) -> int:
    if role == ANON:
        return 401
    if role not in VIEW or target == OTHER:
        return 404
    return 200 if role in CHANGE else 403


def _create(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 201 if role in CHANGE and target == OWN else 403


def _page(expect: Callable[[str, str], int]) -> Callable[[str, str], int]:
    return lambda role, target: 302 if role == ANON else expect(role, target)


def _page_view_any(role: str, target: str) -> int:
    return 200 if role in VIEW else 403


def _page_change_any(role: str, target: str) -> int:
    return 200 if role in CHANGE else 403


def _page_issue(role: str, target: str) -> int:
    status = _change(role, target)
    return 302 if status == 200 else status


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/finance/economic-codes"): _authenticated,
    ("GET", "/api/v1/finance/budget-heads"): _authenticated,
    ("POST", "/api/v1/finance/budget-heads"): _create,
    ("GET", "/api/v1/finance/orders"): _authenticated,
    ("POST", "/api/v1/finance/orders"): _create,
    ("GET", "/api/v1/finance/orders/{order_id}"): _view,
    ("POST", "/api/v1/finance/orders/{order_id}/issue"): _change,
    ("GET", "/api/v1/finance/offices/{office_id}/ledger"): _view,
    ("GET", "/api/v1/finance/summary"): _authenticated,
}
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "finance/"): _page(_page_view_any),
    ("GET", "finance/import/"): _page(_page_change_any),
    ("GET", "finance/budget/"): _page(_page_view_any),
    ("GET", "finance/summary/"): _page(_page_view_any),
    ("GET", "finance/orders/<int:order_id>/"): _page(_view),
    ("GET", "finance/orders/<int:order_id>/pdf/"): _page(_view),
    ("GET", "finance/orders/<int:order_id>/export/<str:fmt>/"): _page(_view),
    ("POST", "finance/orders/<int:order_id>/issue/"): _page(_page_issue),
    ("GET", "finance/orders/<int:order_id>/cancel/"): _page(_change),
    ("GET", "finance/offices/<int:office_id>/ledger/"): _page(_view),
}


def objects(geo: Geo) -> dict[str, dict[str, Any]]:
    from tests.finance.factories import draft, head

    head(geo.bd, 10_000_000)
    own = draft(geo.gopalganj, [(geo.gopalganj_office, 4000)])
    other = draft(geo.kishoreganj, [(geo.kishoreganj_office, 3000)])
    return {"order_id": {OWN: own.pk, OTHER: other.pk}, "fmt": {OWN: "csv", OTHER: "xlsx"}}


def _order_body(target: str, objs: dict[str, Any]) -> dict[str, Any]:
    office = objs["office_id"][target]
    unit = "BD-DIS-51" if target == OWN else "BD-DIS-45"
    return {
        "unit": unit,
        "fiscal_year": "2021-22",
        "institution_code": "1280203000000",
        "memo_number": f"৫৬.০৪.০০০০.০১০.২০.০০১.২২.{9000 + (target == OWN)}",
        "date": "2022-06-14",
        "subject": "টেলিফোন খাতে অর্থ বরাদ্দ",
        "lines": [{"office_id": office, "amount": "1500.50", "economic_code": "3211120"}],
    }


def _head_body(target: str, objs: dict[str, Any]) -> dict[str, Any]:
    return {
        "unit": "BD-DIS-51" if target == OWN else "BD-DIS-45",
        "fiscal_year": "2021-22",
        "institution_code": f"INST-{target}",
        "economic_code": "3211120",
        "amount": "50000",
    }


BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/finance/orders"): _order_body,
    ("POST", "/api/v1/finance/budget-heads"): _head_body,
}
