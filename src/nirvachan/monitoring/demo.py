"""Demo data of the monitoring app (idempotent: a second run adds nothing).

The Zila Parishad election zp2022-gop (Gopalganj, poll 17 Oct 2022) gets the bodies of BEC
circular 6 (seed 000, in data/), obligations from its poll date, reports on time and late, and
incidents in several states (with the monitoring cell's reports on them, due by each incident's
response deadline).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from nirvachan.core.models import AdminUnit
from nirvachan.elections.models import Election
from nirvachan.monitoring import services
from nirvachan.monitoring.models import Body, Obligation
from nirvachan.monitoring.services import MemberData

FORMED = dt.date(2022, 9, 20)
SEED = Path(__file__).parent / "data" / "000_588e6cb86caf0552.txt"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def demo_load() -> dict[str, int]:
    election = Election.objects.filter(code="zp2022-gop").first()
    district = AdminUnit.objects.filter(code="BD-DIS-51").first()
    if election is None or district is None or Body.objects.filter(election=election).exists():
        return {}
    upazilas = list(district.children.order_by("code"))
    bodies = [
        services.body_form(
            actor=None, election=election, unit=district, kind="cell",
            name="Election monitoring cell, Returning Officer's office", formed_on=FORMED,
            members=[MemberData("Returning Officer", "Deputy Commissioner, Gopalganj",
                                "Convener", "+880 2 6681234", True),
                     MemberData("District Election Officer", "District Election Office",
                                "Member secretary")],
        ),
        services.body_form(
            actor=None, election=election, unit=district, kind="law_district",
            name="District law-and-order coordination cell", formed_on=FORMED,
            members=[MemberData("Deputy Commissioner", "DC office", "Head", "", True),
                     MemberData("Superintendent of Police", "Police", "Member"),
                     MemberData("Commander, RAB", "RAB", "Member")],
        ),
        services.body_form(
            actor=None, election=election, unit=district, kind="committee",
            name="Electoral inquiry committee", formed_on=FORMED,
            members=[MemberData("Joint District Judge", "Judiciary", "Chair", "", True)],
        ),
    ]  # fmt: skip
    for i, upazila in enumerate(upazilas, start=1):
        bodies.append(
            services.body_form(
                actor=None, election=election, unit=upazila, kind="team",
                name=f"Vigilance and observation team {i}", formed_on=FORMED,
                members=[MemberData("Executive Magistrate", f"UNO office, {upazila.name_en}",
                                    "Leader", "", True),
                         MemberData("Judicial Magistrate", "Chief Judicial Magistrate court",
                                    "Member")],
            )
        )  # fmt: skip
        bodies.append(
            services.body_form(
                actor=None, election=election, unit=upazila, kind="law_upazila",
                name=f"Upazila law-and-order coordination cell ({upazila.name_en})",
                formed_on=FORMED,
                members=[MemberData("Upazila Nirbahi Officer", "UNO office", "Head", "", True)],
            )
        )  # fmt: skip
    reports = 0
    for body in bodies:
        for n, o in enumerate(body.obligations.order_by("due_on")):
            if n % 4 == 3:
                continue  # missing
            late = n % 3 == 2
            services.report_submit(
                actor=None, body=body, obligation=o,
                situation="Situation normal; campaigning within the rules.",
                law_and_order="No incident of note.",
                at=_at(o.due_on + dt.timedelta(days=1 if late else 0), 11 if late else 17),
            )  # fmt: skip
            reports += 1
    team = next(b for b in bodies if b.kind == "team")
    unit = team.unit
    day = dt.date(2022, 10, 12)
    states = [
        ("code_of_conduct", "Posters on a school wall", ["assigned", "verified", "action"]),
        ("money", "Cash offered to members of the electoral college", ["assigned"]),
        ("violence", "Scuffle between supporters at the bazar", ["assigned", "verified",
                                                                 "closed"]),
        ("other", "Same posters reported again", ["dropped"]),
        ("expense", "Large procession with hired vehicles", []),
    ]  # fmt: skip
    for n, (kind, text, steps) in enumerate(states):
        when = _at(day, 10 + n)
        incident = services.incident_report(
            actor=None, election=election, unit=unit, kind=kind, description=text,
            occurred_at=when - dt.timedelta(minutes=30), location="Kotalipara bazar",
            contact_name="" if n % 2 else "Rahima Begum", anonymous=bool(n % 2),
            by_candidate=kind == "code_of_conduct", candidate="Candidate (demo)", at=when,
        )  # fmt: skip
        for k, step in enumerate(steps, start=1):
            services.incident_move(
                actor=None, incident=incident, status=step, team=team,
                action="warning" if step == "action" else "",
                reason="duplicate" if step == "dropped" else "",
                at=when + dt.timedelta(minutes=40 * k),
            )  # fmt: skip
    # the event-driven obligations the incidents created: two answered (on time, late), one not
    for n, o in enumerate(
        Obligation.objects.filter(body__election=election, incident__isnull=False).order_by("pk")
    ):
        if n % 3 == 2:
            continue
        services.report_submit(
            actor=None, body=o.body, obligation=o,
            situation="Team sent to the spot; the situation is under control.",
            at=o.due_at + (dt.timedelta(hours=2) if n % 3 == 1 else -dt.timedelta(minutes=30)),
        )  # fmt: skip
        reports += 1
    services.expense_limit_set(
        actor=None, country="BD", election_kind="local", amount=Decimal("500000")
    )
    for kind, amount in (("general", "9500000"), ("assembly", "4000000")):
        if AdminUnit.objects.filter(code="IN", depth=0).exists():
            services.expense_limit_set(
                actor=None, country="IN", election_kind=kind, amount=Decimal(amount)
            )
    for candidate, source, category, amount in (
        ("Candidate (demo)", "shadow", "vehicles", "420000"),
        ("Candidate (demo)", "statement", "publicity", "250000"),
        ("Second candidate (demo)", "statement", "meetings", "180000"),
        ("Second candidate (demo)", "shadow", "meetings", "510000"),
        ("Third candidate (demo)", "statement", "publicity", "90000"),
    ):
        services.expense_record(
            actor=None, election=election, unit=district, candidate=candidate,
            source=source, category=category, on=day, amount=Decimal(amount),
        )  # fmt: skip
    circulars = demo_circular(election, district)
    return {
        "bodies": len(bodies),
        "reports": reports,
        "incidents": len(states),
        "circulars": circulars,
    }


def demo_circular(election: Election, district: AdminUnit) -> int:
    """Seed 000 itself, issued by the commission to the district and its upazilas on its date;
    the district acknowledged it the next day, the upazilas have not."""
    text = SEED.read_text(encoding="utf-8")
    country = AdminUnit.objects.get(code="BD", depth=0)
    circular = services.circular_from_text(actor=None, unit=country, text=text, election=election)
    services.circular_issue(
        actor=None,
        circular=circular,
        recipients=[services.Recipient(district)]
        + [services.Recipient(u) for u in district.children.order_by("code")],
        ack_days=3,
        at=_at(circular.date, 11),
    )
    first = circular.recipients.get(unit=district)
    services.circular_acknowledge(
        actor=None, recipient=first, at=_at(circular.date + dt.timedelta(days=1), 10)
    )
    return 1
