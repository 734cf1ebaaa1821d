"""Access matrix entries of the meetings app, merged into tests/core/test_access.py.

API: {(method, path template): expect(role, target) -> status}; PAGES likewise with the path
relative to the site root (as in the URL pattern, e.g. "meetings/orders/<int:order_id>/").
See tests/core/test_access.py for the helpers and what OWN/OTHER mean. The calls run in this
order on one database: the meeting is changed (items, decisions, targets) before it is approved
and amended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nirvachan.core.roles import Role
from nirvachan.meetings import services

ANON, OWN, OTHER = "anonymous", "own", "other"
VIEWERS = {
    Role.COMMISSION_ADMIN,
    Role.RETURNING_OFFICER,
    Role.ASSISTANT_RETURNING_OFFICER,
    Role.OBSERVER,
    Role.MEETING_SECRETARY,
}
CHANGERS = {Role.COMMISSION_ADMIN, Role.MEETING_SECRETARY}


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


def authenticated(role: str, target: str) -> int:
    return 401 if role == ANON else 200


def page(expect: Callable[[str, str], int]) -> Callable[[str, str], int]:
    return lambda role, target: 302 if role == ANON else expect(role, target)


API: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "/api/v1/meetings/meetings"): authenticated,
    ("POST", "/api/v1/meetings/meetings"): create,
    ("GET", "/api/v1/meetings/meetings/{meeting_id}"): view,
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/items"): change(201),
    ("POST", "/api/v1/meetings/items/{item_id}/decisions"): change(201),
    ("POST", "/api/v1/meetings/items/{item_id}/targets"): change(201),
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/status"): change(200),
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/amendments"): change(201),
    ("GET", "/api/v1/meetings/decisions"): authenticated,
    ("POST", "/api/v1/meetings/decisions/{decision_id}/updates"): change(201),
    ("POST", "/api/v1/meetings/targets/{row_id}/progress"): change(201),
}
# POSTs of pages carry no form data here: a changer's empty form is sent back with a message.
PAGES: dict[tuple[str, str], Callable[[str, str], int]] = {
    ("GET", "meetings/"): page(authenticated),
    ("GET", "meetings/new/"): page(lambda r, t: 200 if r in CHANGERS else 403),
    ("GET", "meetings/<int:meeting_id>/"): page(view),
    ("GET", "meetings/<int:meeting_id>/minutes.pdf"): page(view),
    ("POST", "meetings/<int:meeting_id>/items/"): page(change(302)),
    ("POST", "meetings/<int:meeting_id>/status/"): page(change(302)),
    ("POST", "meetings/<int:meeting_id>/amendments/"): page(change(302)),
    ("POST", "meetings/items/<int:item_id>/decisions/"): page(change(302)),
    ("POST", "meetings/targets/<int:row_id>/progress/"): page(change(302)),
    ("GET", "meetings/decisions/"): page(authenticated),
    ("GET", "meetings/decisions/<int:decision_id>/"): page(view),
}


def objects(geo: Any) -> dict[str, dict[str, Any]]:
    import datetime as dt

    objs: dict[str, dict[str, Any]] = {
        "meeting_id": {},
        "item_id": {},
        "decision_id": {},
        "row_id": {},
    }
    for target, unit in ((OWN, geo.gopalganj), (OTHER, geo.kishoreganj)):
        meeting = services.meeting_create(
            actor=None, unit=unit, body="Cell", title="Meeting", date=dt.date(2023, 4, 5)
        )
        item = services.agenda_item_add(actor=None, meeting=meeting, topic="Savings")
        decision = services.decision_add(actor=None, item=item, text="Do it", deadline="চলমান")
        table = services.target_table_add(
            actor=None, item=item, unit_label="Region", metric="Increase", rows=[("A", "10")]
        )
        services.meeting_status_set(actor=None, meeting=meeting, status="held")
        services.meeting_status_set(actor=None, meeting=meeting, status="drafted")
        objs["meeting_id"][target] = meeting.pk
        objs["item_id"][target] = item.pk
        objs["decision_id"][target] = decision.pk
        objs["row_id"][target] = table.rows.get().pk
    return objs


def _unit(objs: dict[str, Any], target: str) -> str:
    return str(objs["code"][target])


BODIES: dict[tuple[str, str], Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    ("POST", "/api/v1/meetings/meetings"): lambda target, objs: {
        "unit": _unit(objs, target),
        "body": "Cell",
        "title": "Next",
        "date": "2023-05-01",
    },
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/items"): lambda t, o: {"topic": "Fund"},
    ("POST", "/api/v1/meetings/items/{item_id}/decisions"): lambda t, o: {
        "text": "Guard list",
        "deadline": "11/04/23",
    },
    ("POST", "/api/v1/meetings/items/{item_id}/targets"): lambda t, o: {
        "unit_label": "Region",
        "metric": "Savings",
        "rows": [{"name": "A", "target": "5"}],
        "total": "5",
    },
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/status"): lambda t, o: {"status": "approved"},
    ("POST", "/api/v1/meetings/meetings/{meeting_id}/amendments"): lambda t, o: {
        "target": "Item 01",
        "text": "Corrected",
    },
    ("POST", "/api/v1/meetings/decisions/{decision_id}/updates"): lambda t, o: {
        "status": "in_progress",
        "note": "Started",
    },
    ("POST", "/api/v1/meetings/targets/{row_id}/progress"): lambda t, o: {"achieved": "3"},
}
