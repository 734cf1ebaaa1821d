"""Every write of the meetings app: typed, keyword-only, atomic, audited."""

from nirvachan.meetings.services._common import S, deadline_from_text
from nirvachan.meetings.services.decisions import agenda_item_add, decision_add, decision_follow_up
from nirvachan.meetings.services.imports import minutes_import
from nirvachan.meetings.services.meetings import (
    MEETING_FIELDS,
    TRANSITIONS,
    meeting_amend,
    meeting_create,
    meeting_status_set,
    meeting_update,
)
from nirvachan.meetings.services.reminders import reminders_send
from nirvachan.meetings.services.targets import progress_record, target_table_add

__all__ = [
    "MEETING_FIELDS",
    "TRANSITIONS",
    "S",
    "agenda_item_add",
    "deadline_from_text",
    "decision_add",
    "decision_follow_up",
    "meeting_amend",
    "meeting_create",
    "meeting_status_set",
    "meeting_update",
    "minutes_import",
    "progress_record",
    "reminders_send",
    "target_table_add",
]
