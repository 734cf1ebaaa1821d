from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.finance.models import AllocationOrder
from tests.factories import Geo, user
from tests.finance.factories import codes, draft, head, seed_register, seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def fo(geo: Geo) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="bn")
    client.force_login(user("fo", Role.FINANCE_OFFICER, geo.bd))
    return client


def _import(client: Client, text: str, **extra: str) -> object:
    upload = SimpleUploadedFile("order.txt", text.encode("utf-8"), content_type="text/plain")
    return client.post("/finance/import/", {"unit": "BD", "file": upload, **extra})


def test_import_the_seed_then_read_it_in_bengali(geo: Geo, fo: Client) -> None:
    codes()
    seed_register(geo)
    response = _import(fo, seed_text())
    order = AllocationOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/finance/orders/{order.pk}/"
    page = fo.get(response["Location"]).content.decode()
    assert "৬,২৪,৬০৭" in page
    assert "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা" in page
    assert "৩১ জ্যৈষ্ঠ ১৪২৯" in page and "১৪ জুন ২০২২" in page
    assert "উপজেলা কার্যালয়, সাভার, ঢাকা" in page


def test_import_check_only_and_a_wrong_total(geo: Geo, fo: Client) -> None:
    codes()
    seed_register(geo)
    checked = _import(fo, seed_text(), dry_run="on")
    assert checked.status_code == 200
    assert AllocationOrder.objects.count() == 0
    bad = _import(fo, seed_text().replace("\t\t\t৬২৪৬০৭", "\t\t\t৬২৪৬১৭"))
    assert bad.status_code == 422
    assert "624617" in bad.content.decode()
    assert AllocationOrder.objects.count() == 0


def test_issue_from_the_page_and_the_cancel_form(geo: Geo, fo: Client) -> None:
    head(geo.bd, 10_000)
    order = draft(geo.bd, [(geo.gopalganj_office, 4000)])
    assert fo.post(f"/finance/orders/{order.pk}/issue/").status_code == 302
    order.refresh_from_db()
    assert order.status == "issued"
    response = fo.post(
        f"/finance/orders/{order.pk}/cancel/",
        {"memo_number": "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৯৯", "date": "2022-06-20", "subject": "বাতিল"},
    )
    cancel = AllocationOrder.objects.get(kind="cancellation")
    assert response["Location"] == f"/finance/orders/{cancel.pk}/"
    assert (cancel.supersedes, cancel.status) == (order, "draft")


def test_pdf_in_three_languages(geo: Geo, fo: Client) -> None:
    order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 2625)])
    for lang in ("bn", "en", "hi"):
        response = fo.get(f"/finance/orders/{order.pk}/pdf/?lang={lang}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_print_template_has_the_seed_layout(geo: Geo) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    from nirvachan.finance import selectors

    order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 620607)])
    context = {
        "order": order,
        "lines": list(selectors.order_lines(order)),
        "total": selectors.order_total(order),
        "lang": "bn",
    }
    with translation.override("bn"):
        html = render_to_string("finance/order_print.html", context)
    for expected in (
        order.memo_number,
        "৩১ জ্যৈষ্ঠ ১৪২৯",
        "১৪ জুন ২০২২",
        "৪,০০০",
        "৬,২০,৬০৭",
        "৬,২৪,৬০৭",
        "(ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা)",
        "মোঃ রেজাউল মাকছুদ জাহেদী",
        "পরিচালক, অর্থ ও প্রশাসন",
    ):
        assert expected in html, expected
    with translation.override("en"):
        html = render_to_string("finance/order_print.html", {**context, "lang": "en"})
    assert "6,24,607" in html and "six lakh twenty-four thousand six hundred seven taka" in html


def test_exports(geo: Geo, fo: Client) -> None:
    order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, "2625.50")])
    response = fo.get(f"/finance/orders/{order.pk}/export/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["serial", "district", "office", "amount"]
    assert rows[1] == ["1", "গোপালগঞ্জ", "জেলা নির্বাচন অফিস, গোপালগঞ্জ", "4000.00"]
    assert rows[-1] == ["", "", "", "6625.50"]
    xlsx = fo.get(f"/finance/orders/{order.pk}/export/xlsx/")
    from nirvachan.finance.tables import check_table, parse_xlsx

    table = parse_xlsx(xlsx.content)
    assert (len(table.rows), check_table(table)) == (2, [])
    assert fo.get(f"/finance/orders/{order.pk}/export/pdfx/").status_code == 404


def test_summary_chart_ledger_and_budget(geo: Geo, fo: Client) -> None:
    from nirvachan.finance import services

    head(geo.bd, 100_000)
    order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 1000)])
    services.allocation_order_issue(actor=None, order=order)
    page = fo.get("/finance/summary/").content.decode()
    assert "width:100.0%" in page and "width:25.0%" in page
    assert "গোপালগঞ্জ" in page and "৫,০০০" in page
    ledger = fo.get(f"/finance/offices/{geo.gopalganj_office.pk}/ledger/").content.decode()
    assert order.memo_number in ledger and "৪,০০০" in ledger
    budget = fo.get("/finance/budget/").content.decode()
    assert "৯৫,০০০" in budget


def test_pages_without_finance_roles(geo: Geo) -> None:
    client = Client()
    client.force_login(user("sec", Role.MEETING_SECRETARY, geo.gopalganj))
    assert client.get("/finance/").status_code == 403
    assert client.get("/finance/import/").status_code == 403
