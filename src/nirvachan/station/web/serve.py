"""``nirvachan station serve``: the station's pages on a threaded WSGI server.

The ``nirvachan`` command has already configured the central settings in its process, so
:func:`main` starts a fresh Python process (``python -m nirvachan.station.web``) with
``DJANGO_SETTINGS_MODULE=nirvachan.station.web.settings``. No production WSGI server (gunicorn,
waitress) is installed in the venv, so the server is the standard library's wsgiref made
threaded (one thread per request, daemon threads), behind WhiteNoise for the static files;
each request opens its own connection to the station's SQLite file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socketserver
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8100


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("NIRVACHAN_STATION_ACCESS_LOG") == "1":
            super().log_message(format, *args)


def environment(data_dir: Path, host: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "nirvachan.station.web.settings"
    env["NIRVACHAN_STATION_DATA_DIR"] = str(Path(data_dir).resolve())
    env["NIRVACHAN_STATION_BIND"] = host
    return env


def command(data_dir: Path, host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "nirvachan.station.web",
        "--data-dir",
        str(Path(data_dir).resolve()),
        "--host",
        host,
        "--port",
        str(port),
    ]


def main(data_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Serve the station in a fresh process until it stops; returns its exit code.

    Ctrl-C, SIGTERM and SIGHUP are passed on to the server, so stopping ``nirvachan station
    serve`` never leaves the server behind."""
    if not (Path(data_dir) / "station.sqlite3").is_file():
        print(f"{data_dir} is not a station data directory (run `nirvachan station init`).")
        return 2
    # Our own interpreter and module, with arguments we built: no shell, no outside input.
    process = subprocess.Popen(command(data_dir, host, port), env=environment(data_dir, host))  # noqa: S603

    def forward(signum: int, _frame: object) -> None:
        process.send_signal(signum)

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, forward)
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                process.send_signal(signal.SIGINT)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run(data_dir: Path, host: str, port: int) -> int:
    """In this process, with the station settings already chosen (``python -m …web``)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "nirvachan.station.web.settings"
    os.environ["NIRVACHAN_STATION_DATA_DIR"] = str(Path(data_dir).resolve())
    os.environ["NIRVACHAN_STATION_BIND"] = host
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    application = get_wsgi_application()
    with make_server(
        host, port, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    ) as server:
        print(f"Polling station served at http://{host}:{server.server_port}/", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
