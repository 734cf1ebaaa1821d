"""De-duplication of the roll with Splink on its DuckDB backend (pure: no Django).

Input: one record per active elector (`DedupeRecord`, or an Arrow table of the same columns,
which `selectors.dedupe_table` builds without a Python object per elector), with cross-script
name keys (`nirvachan.locale.name_key`), so a Latin entry and a Bengali or Devanagari entry of
the same person compare equal. Blocking: BLOCKING below. Comparisons: name key and relative's
key (Jaro-Winkler), date of birth (edit distance on the ISO date, so a shifted day or year is
close), gender, house number and address. The model's u values come from random sampling, its
m values from EM on three tight blocking passes (TRAINING); pairs at or above the threshold are
written with their match probability and connected into clusters.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

FIELDS = (
    "unique_id",
    "key",
    "constituency_id",
    "part_id",
    "name_key",
    "first_key",
    "relative_key",
    "birth_year",
    "dob",
    "gender",
    "house_no",
    "address",
)


@dataclass(frozen=True, slots=True)
class DedupeRecord:
    unique_id: int
    key: str
    constituency_id: int
    part_id: int
    name_key: str
    first_key: str
    relative_key: str
    birth_year: int
    dob: str  # ISO date, or the birth year alone when only the age is known
    gender: str
    house_no: str
    address: str


@dataclass(frozen=True, slots=True)
class Pair:
    key_a: str
    key_b: str
    probability: float
    cluster: str


# Blocking (any rule): chosen on a generated 1,000,000-elector roll with 50,000 planted pairs
# (bench.gen_roll) by candidate pairs against planted pairs kept. The former first rule,
# constituency + name key, alone made 101 million pairs (a common name in a constituency of
# 300,000); these seven make about 8 million and keep 99.5% of the planted pairs.
BLOCKING = (
    ("constituency_id", "name_key", "relative_key"),  # same keys: spelling, a moved part
    ("constituency_id", "name_key", "birth_year"),  # a slip in the relative's name
    ("constituency_id", "relative_key", "birth_year"),  # a slip in the name
    ("constituency_id", "first_key", "relative_key"),  # a slip in a later word, a new birth year
    ("constituency_id", "first_key", "dob"),  # both keys spelt apart, the same birth date
    ("part_id", "relative_key", "gender"),  # the same part, another birth date
)
# Training: m values by EM on three tight blockings (few pairs, most of them matches), each
# leaving the comparisons it does not block on to be estimated.
TRAINING = (
    ("constituency_id", "name_key", "relative_key"),
    ("constituency_id", "relative_key", "dob"),
    ("constituency_id", "name_key", "dob"),
)


def _settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING],
        comparisons=[
            cl.JaroWinklerAtThresholds("name_key", [0.95, 0.85]),
            cl.JaroWinklerAtThresholds("relative_key", [0.95, 0.85]),
            cl.LevenshteinAtThresholds("dob", [1, 2]),
            cl.ExactMatch("gender"),
            cl.ExactMatch("house_no"),
            cl.JaroWinklerAtThresholds("address", [0.9]),
        ],
        retain_intermediate_calculation_columns=False,
    )


def _table(records: Any) -> Any:
    """An Arrow table of FIELDS from an Arrow table or from DedupeRecords."""
    import pyarrow as pa  # type: ignore[import-untyped]

    if isinstance(records, pa.Table):
        return records.select(list(FIELDS))
    columns: dict[str, list[Any]] = {f: [] for f in FIELDS}
    for r in records:
        for f in FIELDS:
            columns[f].append(getattr(r, f))
    return pa.table(columns)


def find_duplicates(records: Any, *, threshold: float = 0.9) -> list[Pair]:
    """Candidate duplicate pairs at or above `threshold`, each with its cluster id.

    `records`: DedupeRecords, or (faster) an Arrow table with the FIELDS columns."""
    import duckdb
    from splink import DuckDBAPI, Linker, block_on

    table = _table(records)
    if table.num_rows < 2:
        return []
    con = duckdb.connect()
    con.register("electors_in", table)
    con.execute("CREATE TABLE electors AS SELECT * FROM electors_in")
    con.unregister("electors_in")
    db_api = DuckDBAPI(connection=con)
    df = db_api.register("electors")
    logging.getLogger("splink").setLevel(logging.WARNING)
    linker = Linker(df, _settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("constituency_id", "name_key", "relative_key", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1_000_000, seed=1)
    for rule in TRAINING:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    rows = con.execute(
        f"""
        SELECT l.key, r.key, p.match_probability, c.cluster_id
        FROM {predictions.physical_name} p
        JOIN electors l ON l.unique_id = p.unique_id_l
        JOIN electors r ON r.unique_id = p.unique_id_r
        JOIN {clusters.physical_name} c ON c.unique_id = p.unique_id_l
        ORDER BY c.cluster_id, l.key, r.key
        """  # noqa: S608 (table names are Splink's own)
    ).fetchall()
    con.close()
    return [Pair(a, b, round(float(p), 6), str(c)) for a, b, p, c in rows]


def score(found: Iterable[tuple[str, str]], truth: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Precision and recall of found pairs against true pairs (order within a pair ignored)."""
    got = {frozenset(p) for p in found}
    want = {frozenset(p) for p in truth}
    hit = len(got & want)
    return {
        "pairs": len(got),
        "true_pairs": len(want),
        "precision": round(hit / len(got), 4) if got else 1.0,
        "recall": round(hit / len(want), 4) if want else 1.0,
    }
