from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.finance.models import AllocationOrder, BudgetHead
from tests.factories import Geo, user
from tests.finance.factories import codes, draft, head

pytestmark = pytest.mark.django_db


def _post(client: Client, path: str, body: Any = None, **extra: Any) -> Any:
    return client.post(
        path, json.dumps(body) if body is not None else "", content_type="application/json", **extra
    )


@pytest.fixture
def fo(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("fo", Role.FINANCE_OFFICER, geo.bd))
    return client


def _body(geo: Geo, **changes: Any) -> dict[str, Any]:
    body = {
        "unit": "BD",
        "fiscal_year": "২০২১-২২",
        "institution_code": "1280203000000",
        "memo_number": "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১",
        "date": "2022-06-14",
        "subject": "টেলিফোন খাতে অর্থ বরাদ্দ",
        "conditions": ["০৩। বিধি মোতাবেক ব্যয় করতে হবে।"],
        "lines": [
            {"office_id": geo.gopalganj_office.pk, "amount": "4000", "economic_code": "3211120"},
            {
                "office_id": geo.kishoreganj_office.pk,
                "amount": "2625.50",
                "economic_code": "3211120",
            },
        ],
    }
    body.update(changes)
    return body


def test_create_issue_and_read_an_order(geo: Geo, fo: Client) -> None:
    codes()
    head(geo.bd, 10_000)
    response = _post(fo, "/api/v1/finance/orders", _body(geo))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["status"], data["total"], data["lines"]) == ("draft", "6625.50", 2)
    assert data["total_words"] == "ছয় হাজার ছয়শত পঁচিশ টাকা পঞ্চাশ পয়সা"
    assert data["date_bangla"] == "৩১ জ্যৈষ্ঠ ১৪২৯"
    assert [i["serial"] for i in data["items"]] == [1, 2]
    assert data["items"][0]["district"] == "গোপালগঞ্জ"
    issued = _post(fo, f"/api/v1/finance/orders/{data['id']}/issue")
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    assert BudgetHead.objects.get().allocated == Decimal("6625.50")
    again = _post(fo, f"/api/v1/finance/orders/{data['id']}/issue")
    assert again.status_code == 409 and again.json()["code"] == "order_not_draft"
    listed = fo.get("/api/v1/finance/orders?status=issued").json()
    assert [o["memo_number"] for o in listed["items"]] == ["৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১"]
    ledger = fo.get(f"/api/v1/finance/offices/{geo.kishoreganj_office.pk}/ledger").json()
    assert (ledger["total"], len(ledger["items"])) == ("2625.50", 1)
    summary = fo.get("/api/v1/finance/summary?fiscal_year=2021-22").json()
    assert [(r["code"], r["total"]) for r in summary["by_district"]] == [
        ("BD-DIS-51", "4000.00"),
        ("BD-DIS-45", "2625.50"),
    ]
    heads = fo.get("/api/v1/finance/budget-heads").json()["items"]
    assert heads[0]["balance"] == "3374.50"


def test_overdraw_is_409_in_bengali(geo: Geo, fo: Client) -> None:
    codes()
    head(geo.bd, 5000)
    order = _post(fo, "/api/v1/finance/orders", _body(geo)).json()
    response = _post(fo, f"/api/v1/finance/orders/{order['id']}/issue", HTTP_ACCEPT_LANGUAGE="bn")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "budget_overdrawn"
    assert body["details"]["needed"] == "6625.50"
    assert AllocationOrder.objects.get().status == "draft"
    assert BudgetHead.objects.get().allocated == 0


def test_a_bad_line_names_the_row(geo: Geo, fo: Client) -> None:
    codes()
    body = _body(geo)
    body["lines"][1]["economic_code"] = "9999"
    response = _post(fo, "/api/v1/finance/orders", body)
    assert response.status_code == 422
    assert response.json()["message"] == "Row 2: no economic code 9999 is registered."
    assert AllocationOrder.objects.count() == 0


def test_amounts_must_be_positive(geo: Geo, fo: Client) -> None:
    codes()
    body = _body(geo)
    body["lines"][0]["amount"] = "-5"
    response = _post(fo, "/api/v1/finance/orders", body)
    assert response.status_code == 422
    assert AllocationOrder.objects.count() == 0


def test_budget_head_create_and_duplicate(geo: Geo, fo: Client) -> None:
    codes()
    body = {
        "unit": "BD",
        "fiscal_year": "2021-22",
        "institution_code": "1280203000000",
        "economic_code": "3211120",
        "amount": "624607",
    }
    created = _post(fo, "/api/v1/finance/budget-heads", body)
    assert created.status_code == 201
    assert created.json()["balance"] == "624607.00"
    duplicate = _post(fo, "/api/v1/finance/budget-heads", body)
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate"
    assert BudgetHead.objects.count() == 1


def test_cancellation_through_the_api(geo: Geo, fo: Client) -> None:
    codes()
    head(geo.bd, 10_000)
    first = draft(geo.bd, [(geo.gopalganj_office, 4000)])
    _post(fo, f"/api/v1/finance/orders/{first.pk}/issue")
    cancel = _post(
        fo,
        "/api/v1/finance/orders",
        _body(
            geo,
            memo_number="৫৬.০৪.০০০০.০১০.২০.০০১.২২.৯০",
            kind="cancellation",
            lines=[],
            supersedes_id=first.pk,
        ),
    )
    assert cancel.status_code == 201, cancel.json()
    _post(fo, f"/api/v1/finance/orders/{cancel.json()['id']}/issue")
    assert fo.get(f"/api/v1/finance/orders/{first.pk}").json()["status"] == "cancelled"
    assert BudgetHead.objects.get().allocated == 0


def test_messages_in_bengali_and_hindi(geo: Geo) -> None:
    client = Client()
    client.force_login(user("obs", Role.OBSERVER, geo.bd))
    response = client.get("/api/v1/finance/orders/999", HTTP_ACCEPT_LANGUAGE="bn")
    assert response.json()["message"] == "বরাদ্দ আদেশ 999 পাওয়া যায়নি।"
    response = client.get("/api/v1/finance/orders/999", HTTP_ACCEPT_LANGUAGE="hi")
    assert response.json()["message"] == "आवंटन आदेश 999 नहीं मिला।"
