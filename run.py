#!/usr/bin/env python3
"""The two commands of the README, for a fresh clone on a machine with only Python 3.11+.

    python3 run.py demo [--port N]   set up (.venv, dependencies) and start the demo on SQLite
    python3 run.py test [PYTEST ARGS] set up and run every check: ruff, mypy, pytest on SQLite
                                      and again on a throwaway PostgreSQL cluster

Each command creates or refreshes the virtual environment in .venv when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Nirvachan needs Python 3.11 or newer")
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PY.exists():
        return
    if not PY.exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing dependencies (first run only)")
    target = f".[{extras}]" if extras else "."
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(digest)


def demo(args: list[str]) -> int:
    ensure_venv("")
    return subprocess.call([str(BIN / "nirvachan"), "demo", *args], cwd=ROOT)


def _count(junit: Path) -> tuple[int, int, int]:
    if not junit.exists():
        return 0, 0, 0
    passed = failed = skipped = 0
    for case in ET.parse(junit).getroot().iter("testcase"):
        tags = {child.tag for child in case}
        if tags & {"failure", "error"}:
            failed += 1
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def test(args: list[str]) -> int:
    ensure_venv("dev")
    results: list[tuple[str, int, float]] = []
    totals = [0, 0, 0]
    tmp = VENV / "test-reports"
    tmp.mkdir(exist_ok=True)

    def step(name: str, cmd: list[str], env: dict[str, str] | None = None) -> int:
        say(name)
        started = time.monotonic()
        code = subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})
        results.append((name, code, time.monotonic() - started))
        return code

    step("ruff check", [str(PY), "-m", "ruff", "check", "."])
    step("ruff format --check", [str(PY), "-m", "ruff", "format", "--check", "."])
    step("mypy --strict (locale and pure modules)", [str(PY), "-m", "mypy"])
    workers = os.environ.get("NIRVACHAN_TEST_WORKERS", "auto")
    for database in ("sqlite", "postgresql"):
        junit = tmp / f"{database}.xml"
        junit.unlink(missing_ok=True)
        step(
            f"pytest on {database}",
            [str(PY), "-m", "pytest", "-n", workers, f"--junitxml={junit}", "-q", *args],
            {"NIRVACHAN_TEST_DB": database},
        )
        for i, value in enumerate(_count(junit)):
            totals[i] += value

    print()
    for name, code, seconds in results:
        print(f"  {'ok  ' if code == 0 else 'FAIL'} {name} ({seconds:.0f} s)")
    failed_steps = [name for name, code, _ in results if code != 0]
    # One plain closing line for CI: both database passes together.
    print(f"nirvachan: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    if failed_steps:
        print(f"failed steps: {', '.join(failed_steps)}")
        return 1
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test"}:
        print(__doc__)
        return 2
    command, args = sys.argv[1], sys.argv[2:]
    return demo(args) if command == "demo" else test(args)


if __name__ == "__main__":
    sys.exit(main())
