"""E-mail reminders of overdue and due-this-week decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.meetings import events
from nirvachan.meetings.models import Decision

# --- reminders -----------------------------------------------------------------------------


def reminders_send(*, actor: Any = None, today: dt.date | None = None) -> dict[str, int]:
    """E-mail every implementer with an address their overdue and due-this-week decisions."""
    today = today or timezone.localdate()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    pending = (
        Decision.objects.exclude(status=Decision.Status.DONE)
        .filter(implementer_user__isnull=False, due__isnull=False, due__lte=week_end)
        .exclude(implementer_user__email="")
        .select_related("implementer_user", "item__meeting")
        .order_by("implementer_user_id", "due", "pk")
    )
    by_user: dict[int, list[Decision]] = {}
    for decision in pending:
        by_user.setdefault(decision.implementer_user_id or 0, []).append(decision)
    sent = 0
    for decisions in by_user.values():
        user = decisions[0].implementer_user
        assert user is not None
        lines = []
        for d in decisions:
            state = _("overdue") if d.due and d.due < today else _("due this week")
            lines.append(f"- [{state}, {d.due}] {d.item.meeting.title}: {d.text[:300]}")
        sent += send_mail(
            _("Decisions awaiting you: %(count)s") % {"count": len(decisions)},
            "\n".join(lines),
            None,
            [user.email],
        )
    with transaction.atomic():
        audit_record(
            event_type=events.REMINDERS_SENT,
            actor=actor,
            summary={"on": today.isoformat(), "mails": sent, "decisions": len(pending)},
        )
    return {"mails": sent, "decisions": sum(len(v) for v in by_user.values())}
