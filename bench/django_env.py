"""Set Django up for a benchmark on a scratch SQLite file or a throwaway PostgreSQL cluster."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def django_database(database: str) -> Iterator[dict[str, Any]]:
    scratch = tempfile.mkdtemp(prefix="nirvachan-bench-")
    cluster = None
    os.environ["NIRVACHAN_DATA_DIR"] = scratch
    os.environ["NIRVACHAN_ENV"] = "development"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nirvachan.settings")
    try:
        if database == "postgresql":
            from nirvachan.testing import pgcluster

            cluster = pgcluster.start()
            os.environ["DATABASE_URL"] = cluster.url
        else:
            os.environ.pop("DATABASE_URL", None)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        yield {"database": database, "machine": machine()}
    finally:
        from django.db import connections

        connections.close_all()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
