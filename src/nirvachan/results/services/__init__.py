"""Every write of the results app (DESIGN.md convention 1): typed keyword-only functions that
validate, write and record an audit event in one transaction."""

from nirvachan.results.services._common import MAX_ROUNDS, MAX_TABLES, NOTA
from nirvachan.results.services.counting import (
    counting_plan_set,
    postal_enter,
    results_mark_demo,
    station_result_enter,
)
from nirvachan.results.services.imports import results_import_csv
from nirvachan.results.services.lots import lot_record
from nirvachan.results.services.package_checks import Ingested, package_verify, verify_many
from nirvachan.results.services.packages import (
    package_conflict_resolve,
    package_ingest,
    packages_ingest,
)
from nirvachan.results.services.rounds import round_approve, round_publish
from nirvachan.results.services.sheets import sheet_entry_submit, sheet_resolve
from nirvachan.results.services.vvpat_sample import vvpat_check_enter, vvpat_draw

__all__ = [
    "MAX_ROUNDS",
    "MAX_TABLES",
    "NOTA",
    "Ingested",
    "counting_plan_set",
    "lot_record",
    "package_conflict_resolve",
    "package_ingest",
    "package_verify",
    "packages_ingest",
    "postal_enter",
    "results_import_csv",
    "results_mark_demo",
    "round_approve",
    "round_publish",
    "sheet_entry_submit",
    "sheet_resolve",
    "station_result_enter",
    "verify_many",
    "vvpat_check_enter",
    "vvpat_draw",
]
