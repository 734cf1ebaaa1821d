"""`nirvachan station list|package|init|verify|simulate|serve` (docs/station.md).

* ``list [--election CODE] [--format json]`` — polling stations with their ids (central).
* ``package --station ID --out FILE [--election CODE]`` — commission the station and write its
  package signed by the returning officer's key (central).
* ``init FILE --data-dir DIR [--trust KEYHEX|FILE]`` — verify a package and create the station's
  database; without ``--trust`` the trusted keys are the signing keys of the central database.
* ``verify FILE [--trust KEYHEX]`` — exit 0 when a result package is intact and correctly
  signed (by one of the given station keys, when given), else exit 1 with one line naming what
  failed.
* ``simulate --data-dir DIR --voters N [--seed S]`` — a whole headless day.
* ``serve --data-dir DIR [--host H] [--port P]`` — the station's pages (station/web).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from nirvachan.core.errors import DomainError
from nirvachan.station import package


class Command(BaseCommand):
    help = "Polling-station tools: list, package, init, verify, simulate, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lst = sub.add_parser("list")
        lst.add_argument("--election")
        lst.add_argument("--format", default="text", choices=["text", "json"])
        pkg = sub.add_parser("package")
        pkg.add_argument("--station", type=int, required=True)
        pkg.add_argument("--out", required=True)
        pkg.add_argument("--election")
        ini = sub.add_parser("init")
        ini.add_argument("file")
        ini.add_argument("--data-dir", required=True)
        ini.add_argument("--trust", action="append", default=[])
        ver = sub.add_parser("verify")
        ver.add_argument("file")
        ver.add_argument("--trust", action="append", default=[], help="station public key(s)")
        sim = sub.add_parser("simulate")
        sim.add_argument("--data-dir", required=True)
        sim.add_argument("--voters", type=int, required=True)
        sim.add_argument("--seed", type=int, default=1)
        sim.add_argument("--no-pdf", action="store_true")
        srv = sub.add_parser("serve")
        srv.add_argument("--data-dir", required=True)
        srv.add_argument("--host")
        srv.add_argument("--port", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        from nirvachan.station.day import StationError

        action = options["action"]
        try:
            getattr(self, "_" + action)(options)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        except StationError as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(str(exc)) from None

    # --- central ------------------------------------------------------------------------------

    def _list(self, options: dict[str, Any]) -> None:
        from nirvachan.elections.selectors import election_get
        from nirvachan.station.selectors import station_list

        election = election_get(code=options["election"]) if options["election"] else None
        rows = [
            {
                "id": s.pk,
                "constituency": s.constituency.code,
                "parent": s.constituency.parent.code if s.constituency.parent else None,
                "number": s.number,
                "name": s.name,
                "electors": s.electors,  # type: ignore[attr-defined]
            }
            for s in station_list(election=election)
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            self.stdout.write(
                f"{r['id']:>6}  {r['constituency']:<16} {r['number']:>4}  "
                f"{r['name']}  ({r['electors']})"
            )

    def _package(self, options: dict[str, Any]) -> None:
        from nirvachan.elections.selectors import election_get
        from nirvachan.station import selectors, services

        station = selectors.station_get(station_id=options["station"])
        election = (
            election_get(code=options["election"])
            if options["election"]
            else selectors.default_election(station)
        )
        built = services.station_package_build(election=election, station=station)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(built.data)
        self.stdout.write(
            f"{out}  station {station.pk} · {election.code} · signed by "
            f"{package.fingerprint(built.signer)} · station key "
            f"{package.fingerprint(built.station_key.public_key)}"
        )

    # --- station device -------------------------------------------------------------------------

    def _trusted(self, values: list[str]) -> frozenset[str]:
        keys: set[str] = set()
        for value in values:
            path = Path(value)
            text = path.read_text(encoding="utf-8") if path.is_file() else value
            for word in text.split():
                word = word.strip().lower()
                if len(word) != 64 or any(c not in "0123456789abcdef" for c in word):
                    raise CommandError(f"--trust: {word[:20]!r} is not a 64-digit hex public key")
                keys.add(word)
        if keys:
            return frozenset(keys)
        try:
            from nirvachan.station.keys import trusted_signing_keys

            central = trusted_signing_keys()
        except DatabaseError as exc:
            raise CommandError(
                "No --trust key given and the central database is not reachable: " + str(exc)
            ) from None
        if not central:
            raise CommandError("No --trust key given and the central database holds no key.")
        return central

    def _init(self, options: dict[str, Any]) -> None:
        from nirvachan.station.day import init_station

        data = Path(options["file"]).read_bytes()
        pins = init_station(data, Path(options["data_dir"]), self._trusted(options["trust"]))
        self.stdout.write(f"Station initialised in {options['data_dir']}.")
        self.stdout.write("One-time PINs (write them down now; they are not shown again):")
        for role, pin in pins.items():
            self.stdout.write(f"  {role:<10} {pin}")

    def _verify(self, options: dict[str, Any]) -> None:
        from nirvachan.station.result import verify_result

        try:
            data = Path(options["file"]).read_bytes()
            trusted = self._trusted(options["trust"]) if options["trust"] else None
            done = verify_result(data, trusted)
        except package.PackageError as exc:
            self.stderr.write(f"REFUSED ({exc.code}): {exc.message}")
            sys.exit(1)
        except OSError as exc:
            self.stderr.write(f"REFUSED (unreadable): {exc}")
            sys.exit(1)
        manifest = done["manifest"]
        self.stdout.write(
            f"OK: {options['file']} · {manifest.get('election')} · station "
            f"{manifest.get('station', {}).get('id')} · {done['events']} events · signed by "
            f"{package.fingerprint(manifest['signer'])}"
        )

    def _simulate(self, options: dict[str, Any]) -> None:
        from nirvachan.station.simulate import simulate

        summary = simulate(
            Path(options["data_dir"]), options["voters"], options["seed"], pdf=not options["no_pdf"]
        )
        self.stdout.write(str(summary["package"]))
        form = summary["form17c"]
        self.stdout.write(
            json.dumps(
                {"form17c": form, "counts": summary["counts"], "log_ok": summary["log_ok"]},
                ensure_ascii=False,
            )
        )

    def _serve(self, options: dict[str, Any]) -> None:
        from nirvachan.station.web import serve  # the station's pages (station/web)

        code = serve.main(
            Path(options["data_dir"]),
            options["host"] or serve.DEFAULT_HOST,
            options["port"] or serve.DEFAULT_PORT,
        )
        if code:
            sys.exit(code)
