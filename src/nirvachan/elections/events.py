"""Audit event types of the elections app (declared once; see nirvachan.core.events)."""

from __future__ import annotations

from nirvachan.core.events import Severity, declare

ELECTION_CREATED = declare("election.created", "An election was created", Severity.NOTICE)
ELECTION_STATUS_CHANGED = declare("election.status_changed", "An election changed status")
PHASE_SCHEDULED = declare("election.phase_scheduled", "A phase and its milestones were set")
CONTEST_CREATED = declare("election.contest_created", "A contest was created")
POLLING_HOURS_SET = declare("election.polling_hours_set", "Polling hours were set")
PARTY_REGISTERED = declare("election.party_registered", "A party was registered")
SYMBOL_REGISTERED = declare("election.symbol_registered", "A symbol was registered")
COLLEGE_MEMBERS_ADDED = declare(
    "election.college_members_added", "Members were added to an electoral college"
)
NOMINATION_FILED = declare("nomination.filed", "A nomination was filed")
NOMINATION_ACCEPTED = declare("nomination.accepted", "A nomination was accepted at scrutiny")
NOMINATION_REJECTED = declare(
    "nomination.rejected", "A nomination was rejected at scrutiny", Severity.NOTICE
)
NOMINATION_WITHDRAWN = declare("nomination.withdrawn", "A candidate withdrew", Severity.NOTICE)
FINAL_LIST_PUBLISHED = declare(
    "election.final_list_published",
    "The list of contesting candidates was published",
    Severity.NOTICE,
)
SEED_IMPORT_STARTED = declare("election.seed_import.started", "Import of a schedule started")
SEED_IMPORT_COMPLETED = declare("election.seed_import.completed", "Import of a schedule ended")
