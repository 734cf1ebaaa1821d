"""Every write of the roll app (DESIGN.md convention 1): typed, keyword-only, atomic, audited."""

from nirvachan.roll.rules import BLOCK_SECONDS, SEQUENTIAL_RUN_LIMIT
from nirvachan.roll.services._common import qualifying_dates
from nirvachan.roll.services.applications import (
    BURST_THRESHOLD,
    CORRECTABLE,
    DELETIONS_PER_APPLICANT_PER_DAY,
    HEARING_AFTER_DAYS,
    correction_submit,
    deletion_submit,
    deletion_submit_by_elector,
    inclusion_submit,
)
from nirvachan.roll.services.decisions import application_decide, application_verify
from nirvachan.roll.services.duplicates import (
    duplicate_decide,
    duplicate_pair_from_form6,
    duplicate_pairs_load,
    pairs_parse,
)
from nirvachan.roll.services.electors import elector_add
from nirvachan.roll.services.lookups import (
    lookup_count,
    lookup_counters_purge,
    lookup_trail,
)
from nirvachan.roll.services.places import constituency_ensure, part_ensure, station_ensure

__all__ = [
    "BLOCK_SECONDS",
    "BURST_THRESHOLD",
    "CORRECTABLE",
    "DELETIONS_PER_APPLICANT_PER_DAY",
    "HEARING_AFTER_DAYS",
    "SEQUENTIAL_RUN_LIMIT",
    "application_decide",
    "application_verify",
    "constituency_ensure",
    "correction_submit",
    "deletion_submit",
    "deletion_submit_by_elector",
    "duplicate_decide",
    "duplicate_pair_from_form6",
    "duplicate_pairs_load",
    "elector_add",
    "inclusion_submit",
    "lookup_count",
    "lookup_counters_purge",
    "lookup_trail",
    "pairs_parse",
    "part_ensure",
    "qualifying_dates",
    "station_ensure",
]
