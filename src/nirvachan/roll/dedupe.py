"""De-duplication of the roll with Splink on its DuckDB backend (pure: no Django).

Input: one record per active elector (`DedupeRecord`), with cross-script name keys
(`nirvachan.locale.name_key`), so a Latin entry and a Bengali or Devanagari entry of the same
person compare equal. Blocking (any rule): same constituency and name key; same constituency,
relative's key and birth year; same part, birth year and gender; same constituency, first name
token and relative's key. Comparisons: name key and relative's key (Jaro-Winkler), date of
birth (edit distance on the ISO date, so a shifted day or year is close), gender, house number
and address. The model's u values come from random sampling, its m values from EM on two
blocking passes; pairs at or above the threshold are written with their match probability and
connected into clusters.
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


def _settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("constituency_id", "name_key"),
            block_on("constituency_id", "relative_key", "birth_year"),
            block_on("part_id", "birth_year", "gender"),
            block_on("constituency_id", "first_key", "relative_key"),
        ],
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


def find_duplicates(records: Iterable[DedupeRecord], *, threshold: float = 0.9) -> list[Pair]:
    """Candidate duplicate pairs at or above `threshold`, each with its cluster id."""
    import duckdb
    import pyarrow as pa  # type: ignore[import-untyped]
    from splink import DuckDBAPI, Linker, block_on

    columns: dict[str, list[Any]] = {f: [] for f in FIELDS}
    for r in records:
        for f in FIELDS:
            columns[f].append(getattr(r, f))
    if len(columns["unique_id"]) < 2:
        return []
    table = pa.table(columns)
    con = duckdb.connect()
    con.register("electors_in", table)
    con.execute("CREATE TABLE electors AS SELECT * FROM electors_in")
    db_api = DuckDBAPI(connection=con)
    df = db_api.register("electors")
    logging.getLogger("splink").setLevel(logging.WARNING)
    linker = Linker(df, _settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("constituency_id", "name_key", "relative_key", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("constituency_id", "relative_key", "birth_year")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("constituency_id", "name_key")
    )
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
