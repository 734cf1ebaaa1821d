"""Audit event types of the roll app (declared once; see nirvachan.core.events)."""

from nirvachan.core.events import Severity, declare

APPLICATION_SUBMITTED = declare("roll.application_submitted", "A Form 6/7/8 application arrived")
APPLICATION_VERIFIED = declare(
    "roll.application_verified", "The booth-level officer reported on an application"
)
APPLICATION_ACCEPTED = declare(
    "roll.application_accepted", "The registration officer accepted an application", Severity.NOTICE
)
APPLICATION_REJECTED = declare(
    "roll.application_rejected", "The registration officer rejected an application", Severity.NOTICE
)
DELETION_REFUSED = declare(
    "roll.deletion_refused", "A Form 7 beyond the daily limit was refused", Severity.WARNING
)
DELETION_BURST = declare(
    "roll.deletion_burst", "Many Form 7 applications against one part in an hour", Severity.WARNING
)
ELECTOR_ADDED = declare("roll.elector_added", "An elector was added to a part", Severity.NOTICE)
ELECTOR_CHANGED = declare("roll.elector_changed", "An elector's entry was changed", Severity.NOTICE)
ELECTOR_DELETED = declare(
    "roll.elector_deleted", "An elector was deleted or shifted", Severity.NOTICE
)
LOOKUP_BLOCKED = declare(
    "roll.lookup_blocked", "A client was blocked for walking EPIC numbers", Severity.WARNING
)
IMPORT_STARTED = declare("roll.import.started", "A roll import started")
IMPORT_COMPLETED = declare("roll.import.completed", "A roll import ended", Severity.NOTICE)
CONSTITUENCY_CREATED = declare("roll.constituency_created", "An assembly constituency was created")
DUPLICATES_LOADED = declare(
    "roll.duplicates_loaded", "Possible duplicate pairs were loaded for review", Severity.NOTICE
)
DUPLICATE_CONFIRMED = declare(
    "roll.duplicate_confirmed",
    "An officer found two entries to be one person (a Form 7 notice follows)",
    Severity.NOTICE,
)
DUPLICATE_DISMISSED = declare(
    "roll.duplicate_dismissed", "An officer found two similar entries to be different people"
)
COUNTERS_PURGED = declare("roll.counters_purged", "Old lookup counters were deleted")
