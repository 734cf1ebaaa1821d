"""A throwaway PostgreSQL cluster on a temporary directory and a free port.

Uses the server binaries on the machine (`initdb`, `pg_ctl`); as root, the cluster runs as the
`postgres` (or `nobody`) user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path | None:
    for candidate in (
        shutil.which("pg_ctl"),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")),
    ):
        if candidate and Path(candidate).exists():
            return Path(os.path.realpath(candidate)).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        return [runuser, "-u", name, "--"]
    raise PostgresUnavailable(
        "running as root and no 'postgres' or 'nobody' user to run the server"
    )


@dataclass
class Cluster:
    directory: Path
    port: int
    bin_dir: Path
    prefix: list[str]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/nirvachan"

    def _pg(self, tool: str, *args: str, timeout: float = 60) -> None:
        cmd = [*self.prefix, str(self.bin_dir / tool), *args]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            output = result.stderr.strip() or result.stdout.strip()
            raise PostgresUnavailable(f"{tool} failed ({result.returncode}): {output}")

    def stop(self) -> None:
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            data = str(self.directory / "data")
            self._pg("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


def start(*, max_connections: int = 200) -> Cluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) were not found")
    prefix = _run_as()
    directory = Path(tempfile.mkdtemp(prefix="nirvachan-pg-"))
    if prefix:
        user = prefix[2]
        entry = pwd.getpwnam(user)
        os.chown(directory, entry.pw_uid, entry.pw_gid)
    os.chmod(directory, 0o700)
    cluster = Cluster(directory, _free_port(), bin_dir, prefix)
    data = directory / "data"
    try:
        cluster._pg(
            "initdb",
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-c port={cluster.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off "
            f"-c full_page_writes=off -c max_connections={max_connections} "
            "-c shared_buffers=256MB"
        )
        cluster._pg(
            "pg_ctl",
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(directory / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        cluster._pg(
            "createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "nirvachan"
        )
    except BaseException:
        cluster.stop()
        raise
    return cluster
