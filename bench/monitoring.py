"""Monitoring: `python -m bench monitoring [--db sqlite|postgresql]`.

Forms the bodies of BEC circular 6 for every district of Bangladesh (a monitoring cell, a
district law-and-order cell and a committee per district; a vigilance team and an upazila
law-and-order cell per upazila), then times generating all their reporting obligations from the
poll date, and regenerating them after the poll date moves. Target (issue 8): ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench monitoring")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args(argv)

    from bench.django_env import django_database

    with django_database(args.db) as info:
        import datetime as dt

        from nirvachan.core.geography import geography_load
        from nirvachan.core.models import AdminUnit
        from nirvachan.elections import services as election_services
        from nirvachan.monitoring import services
        from nirvachan.monitoring.models import Body, Obligation

        geography_load()
        election = election_services.election_create(
            code="zp-bench", kind="local", country="BD", name_en="Zila Parishad (bench)",
            polls_open=dt.time(9), polls_close=dt.time(14),
        )  # fmt: skip
        election_services.phase_schedule(
            election=election, number=1, poll_date=dt.date(2022, 10, 17)
        )
        formed = dt.date(2022, 9, 1)
        bodies = []
        districts = list(AdminUnit.objects.filter(country="BD", kind="district"))
        for d in districts:
            for kind in ("cell", "law_district", "committee"):
                bodies.append(
                    Body(election=election, unit=d, kind=kind, name=kind, formed_on=formed)
                )
            for u in d.children.all():
                for kind in ("team", "law_upazila"):
                    bodies.append(
                        Body(election=election, unit=u, kind=kind, name=kind, formed_on=formed)
                    )
        Body.objects.bulk_create(bodies, batch_size=2000)
        start = time.perf_counter()
        first = services.obligations_generate(
            actor=None, election=election, today=dt.date(2022, 9, 1)
        )
        generate = time.perf_counter() - start
        election_services.phase_schedule(
            election=election, number=1, poll_date=dt.date(2022, 10, 24)
        )
        start = time.perf_counter()
        again = services.obligations_generate(
            actor=None, election=election, today=dt.date(2022, 10, 5)
        )
        regenerate = time.perf_counter() - start
        print(
            json.dumps(
                {
                    **info,
                    "districts": len(districts),
                    "bodies": len(bodies),
                    "obligations": first.added,
                    "generate_s": round(generate, 3),
                    "regenerate_added": again.added,
                    "regenerate_superseded": again.superseded,
                    "regenerate_s": round(regenerate, 3),
                    "total_rows": Obligation.objects.count(),
                    "target_s": 1.0,
                }
            )
        )
    return 0
