"""pytest plugin (loaded with `-p nirvachan.testing.pytest_plugin` from pyproject.toml).

It runs before pytest-django sets Django up, and chooses the database of the run:
- default: SQLite, in a file (so that threads and the live server share it), one per worker;
- NIRVACHAN_TEST_DB=postgresql: starts a throwaway PostgreSQL cluster on a temporary directory
  and port, points DATABASE_URL at it, and stops it when the run ends. Without the server
  binaries the run is skipped with the reason, or fails when NIRVACHAN_REQUIRE_POSTGRES=1.
xdist workers inherit the controller's environment, so only the controller starts anything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import pytest

from nirvachan.testing import pgcluster

_STATE: dict[str, Any] = {}


def _is_worker() -> bool:
    return "PYTEST_XDIST_WORKER" in os.environ


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: Any, parser: Any, args: list[str]) -> None:
    if _is_worker():
        return
    scratch = tempfile.mkdtemp(prefix="nirvachan-test-")
    _STATE["scratch"] = scratch
    os.environ["NIRVACHAN_ENV"] = "test"
    os.environ["NIRVACHAN_DATA_DIR"] = os.path.join(scratch, "data")
    os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    os.environ.pop("NIRVACHAN_TEST_SKIP_REASON", None)
    database = os.environ.get("NIRVACHAN_TEST_DB", "sqlite").lower()
    if database in ("postgres", "postgresql"):
        try:
            cluster = pgcluster.start()
        except pgcluster.PostgresUnavailable as exc:
            if os.environ.get("NIRVACHAN_REQUIRE_POSTGRES") == "1":
                raise pytest.UsageError(
                    f"NIRVACHAN_REQUIRE_POSTGRES=1 but PostgreSQL cannot start: {exc}"
                ) from exc
            os.environ["NIRVACHAN_TEST_SKIP_REASON"] = f"PostgreSQL pass skipped: {exc}"
            os.environ.pop("DATABASE_URL", None)
        else:
            _STATE["cluster"] = cluster
            os.environ["DATABASE_URL"] = cluster.url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["NIRVACHAN_TEST_SQLITE"] = os.path.join(scratch, "test.sqlite3")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    reason = os.environ.get("NIRVACHAN_TEST_SKIP_REASON")
    if reason:
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: Any) -> str:
    cluster = _STATE.get("cluster")
    if cluster is not None:
        return f"database: PostgreSQL (throwaway cluster on port {cluster.port})"
    if os.environ.get("NIRVACHAN_TEST_SKIP_REASON"):
        return os.environ["NIRVACHAN_TEST_SKIP_REASON"]
    return "database: SQLite"


def pytest_unconfigure(config: Any) -> None:
    if _is_worker():
        return
    cluster = _STATE.pop("cluster", None)
    if cluster is not None:
        cluster.stop()
    scratch = _STATE.pop("scratch", None)
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
