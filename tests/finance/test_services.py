"""Services and selectors of the finance app: drafts, issue, balance, amendment, cancellation,
import of seed 002 with office matching, and two orders issued at the same moment."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connections

from nirvachan.core.audit import audit_verify
from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.finance import selectors, services
from nirvachan.finance.models import AllocationLine, AllocationOrder, BudgetHead
from nirvachan.finance.tables import parse_text
from tests.factories import Geo, user
from tests.finance.factories import codes, draft, head, seed_register, seed_text

pytestmark = pytest.mark.django_db
WORDS = "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা"


def _events(prefix: str = "finance.order") -> list[str]:
    return list(
        AuditEvent.objects.filter(event_type__startswith=prefix)
        .order_by("seq")
        .values_list("event_type", flat=True)
    )


@pytest.fixture
def fo(geo: Geo) -> Any:
    return user("fo", Role.FINANCE_OFFICER, geo.bd)


class TestDraftAndIssue:
    def test_total_is_the_sum_of_the_lines(self, geo: Geo, fo: Any) -> None:
        order = draft(geo.bd, [(geo.gopalganj_office, "4000"), (geo.kishoreganj_office, "2625.50")])
        got = selectors.order_get_for_user(fo, order.pk)
        assert selectors.order_total(got) == Decimal("6625.50")
        assert [(line.serial, line.amount) for line in selectors.order_lines(order)] == [
            (1, Decimal("4000.00")),
            (2, Decimal("2625.50")),
        ]
        line = selectors.order_lines(order).first()
        assert line is not None and line.district == geo.gopalganj
        assert (order.status, order.currency) == ("draft", "BDT")
        assert _events() == ["finance.order_drafted"]

    def test_issue_draws_from_the_head_and_is_audited(self, geo: Geo, fo: Any) -> None:
        budget = head(geo.bd, 10_000)
        order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 2000)])
        services.allocation_order_issue(actor=fo, order=order)
        budget.refresh_from_db()
        order.refresh_from_db()
        assert (budget.allocated, budget.balance) == (Decimal(6000), Decimal(4000))
        assert order.status == "issued" and order.issued_by == fo and order.issued_at
        event = AuditEvent.objects.get(event_type="finance.order_issued")
        assert (event.actor_name, event.actor_role) == ("fo", "finance_officer")
        assert event.summary_data["total"] == "6000.00"
        assert event.summary_data["heads"] == {"3211120": "6000.00"}

    def test_an_order_may_not_overdraw_its_head(self, geo: Geo, fo: Any) -> None:
        budget = head(geo.bd, 5000)
        order = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 1001)])
        with pytest.raises(DomainError) as caught:
            services.allocation_order_issue(actor=fo, order=order)
        assert caught.value.code == "budget_overdrawn" and caught.value.status == 409
        assert caught.value.details == {
            "head": budget.pk,
            "balance": "5000.00",
            "needed": "5001.00",
        }
        budget.refresh_from_db()
        order.refresh_from_db()
        assert (budget.allocated, order.status) == (Decimal(0), "draft")
        assert _events() == ["finance.order_drafted"]

    def test_issued_orders_are_immutable(self, geo: Geo, fo: Any) -> None:
        head(geo.bd, 5000)
        order = draft(geo.bd, [(geo.gopalganj_office, 4000)])
        services.allocation_order_issue(actor=fo, order=order)
        with pytest.raises(DomainError) as caught:
            services.allocation_order_issue(actor=fo, order=order)
        assert caught.value.code == "order_not_draft"
        with pytest.raises(DomainError):
            services.allocation_order_delete(actor=fo, order=order)
        assert BudgetHead.objects.get().allocated == Decimal(4000)
        assert AllocationOrder.objects.filter(pk=order.pk).exists()

    def test_no_budget_head(self, geo: Geo, fo: Any) -> None:
        order = draft(geo.bd, [(geo.gopalganj_office, 10)])
        with pytest.raises(DomainError) as caught:
            services.allocation_order_issue(actor=fo, order=order)
        assert caught.value.code == "no_budget_head"
        assert caught.value.message == "No budget head of 1280203000000 in 2021-22 for 3211120."

    def test_amendment_gives_back_and_draws_again(self, geo: Geo, fo: Any) -> None:
        budget = head(geo.bd, 10_000)
        first = draft(geo.bd, [(geo.gopalganj_office, 6000)])
        services.allocation_order_issue(actor=fo, order=first)
        amended = draft(geo.bd, [(geo.gopalganj_office, 9000)], kind="amendment", supersedes=first)
        services.allocation_order_issue(actor=fo, order=amended)
        budget.refresh_from_db()
        first.refresh_from_db()
        assert (budget.allocated, first.status) == (Decimal(9000), "amended")
        assert _events() == [
            "finance.order_drafted",
            "finance.order_issued",
            "finance.order_drafted",
            "finance.order_issued",
            "finance.order_amended",
        ]
        assert list(selectors.order_later(first)) == [amended]

    def test_cancellation_returns_the_money(self, geo: Geo, fo: Any) -> None:
        budget = head(geo.bd, 10_000)
        first = draft(geo.bd, [(geo.gopalganj_office, 6000)])
        services.allocation_order_issue(actor=fo, order=first)
        cancel = draft(geo.bd, [], kind="cancellation", supersedes=first)
        services.allocation_order_issue(actor=fo, order=cancel)
        budget.refresh_from_db()
        first.refresh_from_db()
        assert (budget.allocated, first.status) == (Decimal(0), "cancelled")
        assert _events()[-1] == "finance.order_cancelled"
        with pytest.raises(DomainError) as caught:
            draft(geo.bd, [], kind="cancellation", supersedes=first)
        assert caught.value.code == "order_not_draft"

    def test_a_draft_cannot_be_amended_and_an_allocation_refers_to_nothing(self, geo: Geo) -> None:
        first = draft(geo.bd, [(geo.gopalganj_office, 10)])
        with pytest.raises(DomainError):
            draft(geo.bd, [(geo.gopalganj_office, 10)], kind="amendment", supersedes=first)
        with pytest.raises(DomainError) as caught:
            draft(geo.bd, [(geo.gopalganj_office, 10)], kind="amendment")
        assert caught.value.details == {"field": "supersedes"}
        assert AllocationOrder.objects.count() == 1

    @pytest.mark.parametrize(
        ("amount", "message"),
        [
            ("0", "Row 1: the amount 0 must be above zero with at most two decimals."),
            ("1.005", "Row 1: the amount 1.005 must be above zero with at most two decimals."),
        ],
    )
    def test_bad_amounts_name_the_row(self, geo: Geo, amount: str, message: str) -> None:
        with pytest.raises(DomainError) as caught:
            draft(geo.bd, [(geo.gopalganj_office, amount)])
        assert caught.value.message == message
        assert AllocationOrder.objects.count() == AllocationLine.objects.count() == 0

    def test_duplicate_memo_number(self, geo: Geo) -> None:
        draft(geo.bd, [(geo.gopalganj_office, 10)], memo="৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১")
        with pytest.raises(DomainError) as caught:
            draft(geo.bd, [(geo.gopalganj_office, 10)], memo="56.04.0000.010.20.001.22.81")
        assert caught.value.code == "duplicate"
        assert AllocationOrder.objects.count() == 1

    def test_offices_outside_the_issuing_unit_are_refused(self, geo: Geo) -> None:
        with pytest.raises(DomainError) as caught:
            draft(geo.gopalganj, [(geo.gopalganj_office, 10), (geo.kishoreganj_office, 10)])
        assert caught.value.message == (
            "Row 2: the office District Election Office, Kishoreganj is outside Gopalganj."
        )
        assert AllocationOrder.objects.count() == 0

    def test_scope(self, geo: Geo) -> None:
        district_fo = user("dfo", Role.FINANCE_OFFICER, geo.kishoreganj)
        observer = user("obs", Role.OBSERVER, geo.bd)
        with pytest.raises(DomainError) as caught:
            draft(geo.gopalganj, [(geo.gopalganj_office, 10)], actor=district_fo)
        assert caught.value.code == "out_of_scope"
        order = draft(geo.gopalganj, [(geo.gopalganj_office, 10)])
        with pytest.raises(DomainError) as caught:
            selectors.order_get_for_user(district_fo, order.pk)
        assert caught.value.status == 404
        assert selectors.order_get_for_user(observer, order.pk) == order
        with pytest.raises(DomainError) as caught:
            selectors.order_get_for_user(observer, order.pk, for_change=True)
        assert caught.value.status == 403


class TestLedgerAndSummaries:
    def test_ledger_and_summaries_count_issued_orders(self, geo: Geo, fo: Any) -> None:
        head(geo.bd, 100_000)
        one = draft(geo.bd, [(geo.gopalganj_office, 4000), (geo.kishoreganj_office, 1000)])
        services.allocation_order_issue(actor=fo, order=one)
        two = draft(geo.bd, [(geo.gopalganj_office, 500)])
        services.allocation_order_issue(actor=fo, order=two)
        draft(geo.bd, [(geo.gopalganj_office, 7)])  # a draft counts nowhere
        office, lines = selectors.ledger_for_user(fo, geo.gopalganj_office.pk)
        assert office == geo.gopalganj_office
        assert [(line.order.memo_number, line.amount) for line in lines] == [
            (one.memo_number, Decimal(4000)),
            (two.memo_number, Decimal(500)),
        ]
        assert [(r["code"], r["total"], r["lines"]) for r in selectors.summary_by_district(fo)] == [
            ("BD-DIS-51", Decimal(4500), 2),
            ("BD-DIS-45", Decimal(1000), 1),
        ]
        assert [(r["code"], r["total"]) for r in selectors.summary_by_economic_code(fo)] == [
            ("3211120", Decimal(5500))
        ]
        district_fo = user("dfo", Role.FINANCE_OFFICER, geo.kishoreganj)
        assert selectors.summary_by_district(district_fo) == []  # national orders not in scope
        with pytest.raises(DomainError):
            selectors.ledger_for_user(district_fo, geo.gopalganj_office.pk)


class TestImport:
    def test_seed_002_imports(self, geo: Geo, fo: Any) -> None:
        codes()
        seed_register(geo)
        result = services.allocation_order_import(
            actor=fo, table=parse_text(seed_text()), unit=geo.bd
        )
        assert (result.lines, result.total, result.words) == (150, Decimal(624607), WORDS)
        assert result.warnings == [
            "Rows 24 and 25 (serials 9 and 10) name the same office: উপজেলা কার্যালয়, সাভার, ঢাকা."
        ]
        order = result.order
        assert order is not None
        assert order.memo_number == "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১"
        assert (order.fiscal_year.label, order.institution_code) == ("2021-22", "1280203000000")
        assert order.signatory_name == "মোঃ রেজাউল মাকছুদ জাহেদী"
        assert len(order.distribution_list) == 7 and len(order.reference_list) == 2
        assert selectors.order_total(selectors.order_get_for_user(fo, order.pk)) == 624607
        lines = list(selectors.order_lines(order))
        assert lines[0].office.code == "ICT-1" and lines[0].district == geo.kishoreganj
        assert lines[8].office == lines[9].office
        assert _events("finance.order_import") == [
            "finance.order_import.started",
            "finance.order_import.completed",
        ]

    def test_dry_run_writes_nothing(self, geo: Geo, fo: Any) -> None:
        codes()
        seed_register(geo)
        before = AuditEvent.objects.count()
        result = services.allocation_order_import(
            actor=fo, table=parse_text(seed_text()), unit=geo.bd, dry_run=True
        )
        assert (result.lines, result.total, result.order) == (150, Decimal(624607), None)
        assert AllocationOrder.objects.count() == 0 and AuditEvent.objects.count() == before

    def test_unknown_office_names_the_row_and_suggests(self, geo: Geo, fo: Any) -> None:
        codes()
        seed_register(geo)
        text = seed_text().replace("কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ", "কার্যালয়, কুলিয়াপুর, কিশোরগঞ্জ")
        with pytest.raises(DomainError) as caught:
            services.allocation_order_import(actor=fo, table=parse_text(text), unit=geo.bd)
        error = caught.value
        assert error.code == "unknown_office"
        assert error.message == ("Row 16: no office উপজেলা কার্যালয়, কুলিয়াপুর, কিশোরগঞ্জ in the register.")
        assert error.details == {
            "differences": [],
            "unknown_offices": [
                {
                    "row": 16,
                    "serial": 1,
                    "office": "উপজেলা কার্যালয়, কুলিয়াপুর, কিশোরগঞ্জ",
                    "suggestions": [
                        "উপজেলা কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ",
                        "উপজেলা কার্যালয়, করিমগঞ্জ, কিশোরগঞ্জ",
                        "উপজেলা কার্যালয়, পাকুন্দিয়া, কিশোরগঞ্জ",
                    ],
                }
            ],
        }
        assert AllocationOrder.objects.count() == 0

    def test_spelling_variants_and_missing_titles_still_match(self, geo: Geo, fo: Any) -> None:
        codes()
        seed_register(geo)
        text = seed_text().replace("কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ", "কার্যালয়, কুলিয়ারচড়, কিশোরগঞ্জ")
        text = text.replace("কিশোরগঞ্জ\tউপজেলা কার্যালয়, পাকুন্দিয়া", "কিশোরগঞ্জ\tপাকুন্দিয়া")
        result = services.allocation_order_import(
            actor=fo, table=parse_text(text), unit=geo.bd, dry_run=True
        )
        assert result.lines == 150

    def test_differences_are_reported_together(self, geo: Geo, fo: Any) -> None:
        codes()
        seed_register(geo)
        text = seed_text().replace("\t\t\t৬২৪৬০৭", "\t\t\t৬২৪৬১৭")
        with pytest.raises(DomainError) as caught:
            services.allocation_order_import(actor=fo, table=parse_text(text), unit=geo.bd)
        assert caught.value.code == "table_mismatch"
        assert caught.value.message == "Row 169: expected 624607, found 624617."
        assert caught.value.details["differences"] == [
            {"kind": "total", "row": 169, "expected": "624607", "found": "624617"}
        ]


@pytest.mark.django_db(transaction=True)
def test_two_orders_issued_at_once_cannot_overdraw(tx_geo: Geo) -> None:
    """Two finance officers issue, at the same moment, orders of 6,000 against a head of
    10,000: exactly one succeeds and the head ends at 6,000."""
    geo = tx_geo
    budget = head(geo.bd, 10_000)
    orders = [draft(geo.bd, [(geo.gopalganj_office, 6000)]) for _ in range(2)]
    officers = [user(f"fo{n}", Role.FINANCE_OFFICER, geo.bd) for n in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.allocation_order_issue(actor=officers[n], order=orders[n])
            outcomes.append("issued")
        except DomainError as exc:
            outcomes.append(str(exc.code))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(outcomes) == ["budget_overdrawn", "issued"]
    budget.refresh_from_db()
    assert budget.allocated == Decimal(6000)
    statuses = sorted(AllocationOrder.objects.values_list("status", flat=True))
    assert statuses == ["draft", "issued"]
    assert audit_verify().ok
