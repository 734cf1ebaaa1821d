"""Finance: `python -m bench finance [--lines N] [--db sqlite|postgresql]`.

Imports a generated N-line allocation table in the seed-002 text layout (parse, check serials,
total and words, match every office to the register, save the draft order) and renders the
150-line order of seed 002 to PDF. Targets (issue 9): 10,000 lines ≤ 2 s; PDF ≤ 3 s.
"""

from __future__ import annotations

import argparse
import json
import time
from decimal import Decimal


def _table(offices: list[tuple[str, str]], n: int) -> str:
    from nirvachan.locale import to_native_digits, to_words

    rows = ["ক্রম\tজেলা\tউপজেলা কার্যালয়/ কার্যালয়ের নাম\tটেলিফোন (৩২১১১২০)"]
    total = 0
    for i in range(1, n + 1):
        district, office = offices[i % len(offices)]
        amount = 1000 + (i * 37) % 9000
        total += amount
        serial, money = to_native_digits(i, "beng"), to_native_digits(amount, "beng")
        rows.append(f"{serial}\t{district}\t{office}\t{money}")
        if i % 40 == 0:
            rows.append("\f")
    rows.append(f"\t\t\t{to_native_digits(total, 'beng')}")
    rows.append("")
    rows.append(f"কথায়ঃ ({to_words(total, 'bn', currency='BDT')})")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench finance")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args(argv)

    from bench.django_env import django_database

    with django_database(args.db) as info:
        import datetime as dt

        from nirvachan.core.geography import geography_load
        from nirvachan.core.models import AdminUnit, Office
        from nirvachan.core.pdf import render_pdf
        from nirvachan.finance import selectors, services
        from nirvachan.finance.demo import demo_load
        from nirvachan.finance.tables import parse_text

        geography_load()
        demo_load()
        bd = AdminUnit.objects.get(code="BD")
        offices = [
            (o.name_bn.rsplit(", ", 1)[-1], o.name_bn)
            for o in Office.objects.filter(code__startswith="ICT-BD-").order_by("code")
        ]
        text = _table(offices, args.lines)
        services.budget_head_create(
            actor=None,
            unit=bd,
            fiscal_year=services.fiscal_year_ensure(country="BD", start_year=2022),
            institution_code="1280203000000",
            economic_code=selectors.economic_code_get(code="3211120"),
            amount=Decimal("999999999"),
        )
        started = time.perf_counter()
        result = services.allocation_order_import(
            table=parse_text(text),
            unit=bd,
            fiscal_year="2022-23",
            economic_code="3211120",
            memo_number="৫৬.০৪.০০০০.০১০.২০.০০১.২৩.১",
            date=dt.date(2022, 8, 1),
            subject="bench",
        )
        import_seconds = time.perf_counter() - started
        assert result.lines == args.lines

        from nirvachan.finance.models import AllocationOrder

        order = AllocationOrder.objects.exclude(subject="bench").get()
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            lines = list(selectors.order_lines(order))
            pdf = render_pdf(
                "finance/order_print.html",
                {"order": order, "lines": lines, "total": selectors.order_total(order)},
                lang="bn",
            )
            runs.append(time.perf_counter() - started)
        print(
            json.dumps(
                {
                    "benchmark": "finance import and PDF",
                    **info,
                    "import_lines": args.lines,
                    "import_seconds": round(import_seconds, 3),
                    "target_import_seconds": 2,
                    "pdf_lines": len(lines),
                    "pdf_bytes": len(pdf),
                    "pdf_seconds": [round(r, 3) for r in runs],
                    "target_pdf_seconds": 3,
                }
            )
        )
    return 0
