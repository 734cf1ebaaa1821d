"""Audit event types of the results app (declared once; see nirvachan.core.events)."""

from __future__ import annotations

from nirvachan.core.events import Severity, declare

COUNTING_PLANNED = declare("results.counting_planned", "Counting tables and rounds were set")
STATION_ENTERED = declare("results.station_entered", "A station's result was entered")
STATION_CONFLICT = declare(
    "results.station_conflict",
    "A different result was offered for a station already counted",
    Severity.WARNING,
)
POSTAL_ENTERED = declare("results.postal_entered", "Postal ballots of a contest were entered")
SHEET_ENTERED = declare("results.sheet_entered", "An operator entered a centre's result sheet")
SHEET_RESOLVED = declare(
    "results.sheet_resolved", "A difference between two sheet entries was resolved", Severity.NOTICE
)
ROUND_APPROVED = declare("results.round_approved", "A counting round's totals were approved")
ROUND_PUBLISHED = declare(
    "results.round_published", "A counting round was published", Severity.NOTICE
)
LOT_RECORDED = declare("results.lot_recorded", "A tie was decided by lot", Severity.NOTICE)
VVPAT_DRAWN = declare("results.vvpat_drawn", "Stations were drawn for the VVPAT count")
VVPAT_CHECKED = declare("results.vvpat_checked", "A drawn station's paper count was entered")
VVPAT_MISMATCH = declare(
    "results.vvpat_mismatch", "Paper and electronic counts of a station differ", Severity.WARNING
)
IMPORT_STARTED = declare("results.import.started", "Import of finished results started")
IMPORT_COMPLETED = declare("results.import.completed", "Import of finished results ended")
PACKAGE_INGESTED = declare(
    "results.package_ingested", "A signed station result package was verified and counted"
)
PACKAGE_CONFLICT = declare(
    "results.package_conflict",
    "A different package was offered for a station already counted",
    Severity.WARNING,
)
DEMO_MARKED = declare(
    "results.demo_marked", "An election's results were marked as demonstration figures"
)
PACKAGE_RESOLVED = declare(
    "results.package_resolved",
    "The returning officer resolved a package conflict (kept the count or replaced it)",
    Severity.NOTICE,
)
