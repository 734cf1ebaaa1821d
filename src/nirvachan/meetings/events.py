"""Audit event types of the meetings app (declared once; see nirvachan.core.events)."""

from nirvachan.core.events import Severity, declare

MEETING_CREATED = declare("meetings.meeting_created", "A meeting was scheduled or recorded")
MEETING_UPDATED = declare("meetings.meeting_updated", "A meeting's header was changed")
MEETING_STATUS_CHANGED = declare(
    "meetings.status_changed", "A meeting moved on (held, minutes drafted)"
)
MINUTES_APPROVED = declare(
    "meetings.minutes_approved", "Minutes were approved and frozen", Severity.NOTICE
)
MINUTES_CIRCULATED = declare("meetings.minutes_circulated", "Approved minutes were circulated")
MINUTES_AMENDED = declare(
    "meetings.minutes_amended", "Approved minutes were corrected by an amendment", Severity.NOTICE
)
ITEM_ADDED = declare("meetings.item_added", "An agenda item was added")
DECISION_ADDED = declare("meetings.decision_added", "A decision was recorded")
DECISION_UPDATED = declare("meetings.decision_updated", "A decision's follow-up was updated")
TARGET_TABLE_ADDED = declare("meetings.target_table_added", "A target table was recorded")
PROGRESS_RECORDED = declare("meetings.progress_recorded", "Progress against a target was recorded")
REMINDERS_SENT = declare("meetings.reminders_sent", "Decision reminders were e-mailed")
IMPORT_STARTED = declare("meetings.import.started", "Import of minutes started")
IMPORT_COMPLETED = declare("meetings.import.completed", "Import of minutes ended")
