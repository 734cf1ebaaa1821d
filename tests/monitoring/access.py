"""Access matrix entries of the monitoring app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "monitoring/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import CAPABILITIES, Capability

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEWERS = {role for role, caps in CAPABILITIES.items() if Capability.MONITORING_VIEW in caps}
CHANGERS = {role for role, caps in CAPABILITIES.items() if Capability.MONITORING_CHANGE in caps}
# The shadow register and incident reports: officers (change) and observers (observe).
WATCHERS = CHANGERS | {
    role for role, caps in CAPABILITIES.items() if Capability.MONITORING_OBSERVE in caps
}
ELECTION = "mon-matrix"


def public(ok: int) -> Callable[[str, str], int]:
    return lambda role, target: ok


def authenticated(role: str, target: str) -> int:
    return 401 if role == ANON else 200


def view(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 200 if role in VIEWERS and target == OWN else 404


def change(ok: int) -> Callable[[str, str], int]:
    def expect(role: str, target: str) -> int:
        if role == ANON:
            return 401
        if role not in VIEWERS or target == OTHER:
            return 404
        return ok if role in CHANGERS else 403

    return expect


def create(role: str, target: str) -> int:
    if role == ANON:
        return 401
    return 201 if role in CHANGERS and target == OWN else 403


def officer_or_citizen(role: str, target: str) -> int:
    """Citizens (anonymous) and in-scope officers report; others are out of scope."""
    if role == ANON or (role in WATCHERS and target == OWN):
        return 201
    return 403


def shadow(role: str, target: str) -> int:
    """A shadow-register line (the matrix body's source): observers and officers."""
    if role == ANON:
        return 401
    return 201 if role in WATCHERS and target == OWN else 403


def shadow_change(ok: int) -> Callable[[str, str], int]:
    def expect(role: str, target: str) -> int:
        if role == ANON:
            return 401
        if role not in VIEWERS or target == OTHER:
            return 404
        return ok if role in WATCHERS else 403

    return expect


def commission(role: str, target: str) -> int:
    """Limits are set over the whole country: no role holder placed in a district may."""
    return 401 if role == ANON else 403


def page(expect: Callable[[str, str], int]) -> Callable[[str, str], int]:
    return lambda role, target: 302 if role == ANON else expect(role, target)


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/monitoring/bodies"): authenticated,
    ("POST", "/api/v1/monitoring/bodies"): create,
    ("GET", "/api/v1/monitoring/bodies/{body_id}"): view,
    ("GET", "/api/v1/monitoring/obligations"): authenticated,
    ("POST", "/api/v1/monitoring/obligations/{obligation_id}/report"): change(201),
    ("GET", "/api/v1/monitoring/incidents"): authenticated,
    ("POST", "/api/v1/monitoring/incidents"): officer_or_citizen,
    ("GET", "/api/v1/monitoring/incidents/follow/{follow_code}"): public(200),
    ("GET", "/api/v1/monitoring/incidents/{incident_id}"): view,
    ("POST", "/api/v1/monitoring/incidents/{incident_id}/move"): change(200),
    ("GET", "/api/v1/monitoring/dashboard"): authenticated,
    ("GET", "/api/v1/monitoring/circulars"): authenticated,
    ("POST", "/api/v1/monitoring/circulars"): create,
    ("GET", "/api/v1/monitoring/circulars/{circular_id}"): view,
    ("POST", "/api/v1/monitoring/circulars/{circular_id}/issue"): change(200),
    ("POST", "/api/v1/monitoring/circulars/recipients/{recipient_id}/acknowledge"): change(200),
    ("GET", "/api/v1/monitoring/expenses/limits"): authenticated,
    ("POST", "/api/v1/monitoring/expenses/limits"): commission,
    ("GET", "/api/v1/monitoring/expenses"): authenticated,
    ("POST", "/api/v1/monitoring/expenses"): shadow,
    ("GET", "/api/v1/monitoring/expenses/totals"): authenticated,
    ("POST", "/api/v1/monitoring/expenses/{expense_id}/correct"): change(201),
    ("GET", "/api/v1/monitoring/rules"): authenticated,
    ("POST", "/api/v1/monitoring/rules"): commission,
}
# Page POSTs without form data: a changer is sent back to the page with the error message.
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "monitoring/"): page(authenticated),
    ("GET", "monitoring/bodies/<int:body_id>/"): page(view),
    ("POST", "monitoring/obligations/<int:obligation_id>/report/"): page(change(302)),
    ("GET", "monitoring/incidents/"): page(authenticated),
    ("GET", "monitoring/incidents/<int:incident_id>/"): page(view),
    ("POST", "monitoring/incidents/<int:incident_id>/move/"): page(change(302)),
    ("GET", "monitoring/circulars/"): page(authenticated),
    ("GET", "monitoring/circulars/new/"): page(authenticated),
    ("POST", "monitoring/circulars/new/"): page(lambda role, target: 422),
    ("GET", "monitoring/circulars/<int:circular_id>/"): page(view),
    ("GET", "monitoring/circulars/<int:circular_id>/pdf/"): page(view),
    ("POST", "monitoring/circulars/<int:circular_id>/issue/"): page(change(302)),
    ("POST", "monitoring/circulars/recipients/<int:recipient_id>/acknowledge/"): page(change(302)),
    ("GET", "monitoring/expenses/"): page(authenticated),
    ("POST", "monitoring/expenses/add/"): page(lambda role, target: 422),
    ("GET", "monitoring/expenses/limits/"): page(authenticated),
    ("POST", "monitoring/expenses/limits/"): page(lambda role, target: 422),
    ("POST", "monitoring/expenses/<int:expense_id>/correct/"): page(change(302)),
    ("POST", "monitoring/expenses/<int:expense_id>/withdraw/"): page(change(302)),
    ("GET", "monitoring/rules/"): page(authenticated),
    ("POST", "monitoring/rules/save/"): page(lambda role, target: 422),
    # rules are the commission's (a country scope): no district-placed holder may remove one
    ("POST", "monitoring/rules/<int:rule_id>/delete/"): page(commission),
    ("GET", "monitoring/notices/<int:notice_id>/"): page(view),
    ("GET", "monitoring/report/"): public(200),
    ("GET", "monitoring/follow/"): public(200),
}


def _unit(target: str) -> str:
    return "BD-DIS-51" if target == OWN else "BD-DIS-45"


BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/monitoring/bodies"): lambda t, o: {
        "election": ELECTION,
        "unit": _unit(t),
        "kind": "team",
        "name": "Matrix team",
        "formed_on": "2022-09-20",
    },
    ("POST", "/api/v1/monitoring/obligations/{obligation_id}/report"): lambda t, o: {
        "situation": "Calm"
    },
    ("POST", "/api/v1/monitoring/incidents"): lambda t, o: {
        "election": ELECTION,
        "unit": _unit(t),
        "kind": "violence",
        "description": "Clash at a market",
        "occurred_at": "2022-10-10T10:00:00+06:00",
    },
    ("POST", "/api/v1/monitoring/incidents/{incident_id}/move"): lambda t, o: {
        "status": "assigned",
        "team": o["body_id"][t],
    },
    ("POST", "/api/v1/monitoring/circulars"): lambda t, o: {
        "unit": _unit(t),
        "memo_number": f"নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-{800 if t == OWN else 801}",
        "date": "2022-10-13",
        "subject": "Matrix circular",
        "paragraphs": [{"text": "Acknowledge receipt."}],
        "signatory_name": "Matrix signatory",
    },
    ("POST", "/api/v1/monitoring/expenses/limits"): lambda t, o: {
        "country": "BD",
        "election_kind": "local",
        "amount": "5000000",
    },
    ("POST", "/api/v1/monitoring/expenses"): lambda t, o: {
        "election": ELECTION,
        "unit": _unit(t),
        "candidate": "Matrix candidate",
        "source": "shadow",
        "category": "vehicles",
        "on": "2022-10-10",
        "amount": "25000",
    },
    ("POST", "/api/v1/monitoring/expenses/{expense_id}/correct"): lambda t, o: {
        "amount": "900",
        "category": "publicity",
        "on": "2022-10-01",
        "reason": "Matrix correction",
    },
    ("POST", "/api/v1/monitoring/rules"): lambda t, o: {
        "election": ELECTION,
        "body_kind": "team",
        "code": "weekly",
        "kind": "periodic",
        "every_days": 5,
    },
    ("POST", "/api/v1/monitoring/circulars/{circular_id}/issue"): lambda t, o: {
        "recipients": [{"unit": _unit(t)}],
        "ack_days": 3,
    },
}


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    from nirvachan.monitoring import services
    from nirvachan.monitoring.models import ReportingRule
    from tests.monitoring.factories import election, team

    e = election(ELECTION)
    own, other = team(e, geo.gopalganj), team(e, geo.kishoreganj)
    incidents = {
        target: services.incident_report(
            actor=None,
            election=e,
            unit=unit,
            kind="money",
            description="Cash handed out",
            occurred_at=timezone.now() - dt.timedelta(hours=1),
            contact_name="Rahim",
        )
        for target, unit in ((OWN, geo.gopalganj), (OTHER, geo.kishoreganj))
    }
    drafts, recipients = {}, {}
    bd = AdminUnit.objects.get(code="BD")
    for n, (target, unit) in enumerate(((OWN, geo.gopalganj), (OTHER, geo.kishoreganj))):
        drafts[target] = services.circular_draft(
            actor=None,
            unit=unit,
            memo_number=f"নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-{90 + n}",
            date=dt.date(2022, 10, 13),
            subject="Matrix",
            paragraphs=["Acknowledge receipt."],
            signatory_name="Signatory",
        )
        issued = services.circular_issue(
            actor=None,
            circular=services.circular_draft(
                actor=None,
                unit=bd,
                memo_number=f"নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-{80 + n}",
                date=dt.date(2022, 10, 13),
                subject="Matrix issued",
                paragraphs=["Acknowledge receipt."],
                signatory_name="Signatory",
            ),
            recipients=[services.Recipient(unit)],
        )
        recipients[target] = issued.recipients.get().pk
    expenses, notices = {}, {}
    for target, unit, t in ((OWN, geo.gopalganj, own), (OTHER, geo.kishoreganj, other)):
        expenses[target] = services.expense_record(
            actor=None,
            election=e,
            unit=unit,
            candidate="Matrix candidate",
            source="statement",
            category="publicity",
            on=dt.date(2022, 10, 1),
            amount=Decimal("1000"),
        ).pk
        violation = services.incident_report(
            actor=None,
            election=e,
            unit=unit,
            kind="code_of_conduct",
            description="Posters on a school wall",
            occurred_at=timezone.now() - dt.timedelta(hours=2),
            by_candidate=True,
            candidate="Matrix candidate",
        )
        for step in ("assigned", "verified", "action"):
            services.incident_move(
                actor=None, incident=violation, status=step, team=t, action="warning"
            )
        notices[target] = violation.pk
    rules = list(ReportingRule.objects.filter(election=e).order_by("pk")[:2])
    return {
        "expense_id": expenses,
        "notice_id": notices,
        "rule_id": {OWN: rules[0].pk, OTHER: rules[1].pk},
        "circular_id": {OWN: drafts[OWN].pk, OTHER: drafts[OTHER].pk},
        "recipient_id": recipients,
        "body_id": {OWN: own.pk, OTHER: other.pk},
        "obligation_id": {OWN: own.obligations.first().pk, OTHER: other.obligations.first().pk},  # type: ignore[union-attr]
        "incident_id": {OWN: incidents[OWN].pk, OTHER: incidents[OTHER].pk},
        "follow_code": {OWN: incidents[OWN].follow_code, OTHER: incidents[OTHER].follow_code},
    }
