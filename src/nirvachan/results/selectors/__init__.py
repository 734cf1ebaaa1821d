"""Reads of the results app, including per-user access (DESIGN.md convention 2).

Public pages see only published rounds (and postal ballots); officers of the contest's unit see
everything counted so far. Where a VVPAT paper count differs from the electronic count, paper
prevails for that station.

A package by subject; every public name is importable from here."""

from __future__ import annotations

from nirvachan.results.selectors.access import (
    DEMO_MARKERS,
    can_manage,
    contest_get,
    contest_get_for_user,
    contest_list_for_user,
    election_get,
    election_with_results_list,
    is_demo,
    require_results_role,
)
from nirvachan.results.selectors.officer import (
    Reconciliation,
    RoundState,
    SheetDifference,
    desk_contest_get,
    package_get_for_user,
    package_list,
    package_stations,
    postal_counts,
    reconciliation,
    round_list,
    sheet_differences,
    turnout_through_the_day,
    vvpat_draw_get,
    vvpat_draw_list,
)
from nirvachan.results.selectors.outcomes import (
    IND,
    NOTA,
    ContestOutcome,
    ElectionSummary,
    RoundRow,
    contest_outcome,
    election_outcomes,
    election_summary,
    state_of,
)

__all__ = [
    "DEMO_MARKERS",
    "IND",
    "NOTA",
    "ContestOutcome",
    "ElectionSummary",
    "Reconciliation",
    "RoundRow",
    "RoundState",
    "SheetDifference",
    "can_manage",
    "contest_get",
    "contest_get_for_user",
    "contest_list_for_user",
    "contest_outcome",
    "desk_contest_get",
    "election_get",
    "election_outcomes",
    "election_summary",
    "election_with_results_list",
    "is_demo",
    "package_get_for_user",
    "package_list",
    "package_stations",
    "postal_counts",
    "reconciliation",
    "require_results_role",
    "round_list",
    "sheet_differences",
    "state_of",
    "turnout_through_the_day",
    "vvpat_draw_get",
    "vvpat_draw_list",
]
