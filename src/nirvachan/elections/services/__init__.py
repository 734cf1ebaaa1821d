"""Every write of the elections app (DESIGN.md convention 1): typed, keyword-only, atomic,
validated and audited in the same transaction."""

from nirvachan.elections.services.contests import contest_create, polling_hours_set
from nirvachan.elections.services.elections import (
    DEPOSITS,
    WITHDRAWAL_TO_POLL_DAYS,
    election_create,
    milestones_check,
    phase_schedule,
)
from nirvachan.elections.services.nominations import (
    contest_final_list_publish,
    nomination_file,
    nomination_scrutinise,
    nomination_withdraw,
    party_recognised_for,
)
from nirvachan.elections.services.parties import (
    college_members_add,
    party_register,
    symbol_register,
)

__all__ = [
    "DEPOSITS",
    "WITHDRAWAL_TO_POLL_DAYS",
    "college_members_add",
    "contest_create",
    "contest_final_list_publish",
    "election_create",
    "milestones_check",
    "nomination_file",
    "nomination_scrutinise",
    "nomination_withdraw",
    "party_recognised_for",
    "party_register",
    "phase_schedule",
    "polling_hours_set",
    "symbol_register",
]
