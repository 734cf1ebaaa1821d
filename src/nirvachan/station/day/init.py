"""Creating the station database from a verified station package (`station init`)."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from nirvachan.locale.name_key import name_key
from nirvachan.station import package, store
from nirvachan.station.day.base import ROLES, StationError, _hash_pin, _now
from nirvachan.station.i18n import gettext as _


def init_station(
    package_bytes: bytes,
    data_dir: Path,
    trusted_keys: frozenset[str] | None,
    expect_station: int | None = None,
    clock: Callable[[], datetime] | None = None,
) -> dict[str, str]:
    """Verify a station package and create the station's database from it.

    Returns the one-time PINs of the presiding officer and the three polling officers (only
    their salted hashes are stored). Nothing is written when the package is refused."""
    data_dir = Path(data_dir)
    try:
        pkg = package.read(package_bytes, package.KIND_STATION, trusted_keys)
        station_doc = pkg.json("station.json")
        roll = pkg.json("roll.json")
        ballots = pkg.json("ballots.json")
    except package.PackageError as exc:
        reasons = {
            "untrusted_signer": _("it is signed by a key that is not trusted here."),
            "bad_signature": _("its signature does not match."),
            "hash_mismatch": _("a file in it has been changed."),
            "corrupt": _("it is damaged."),
            "not_a_package": _("it is not a package."),
            "altered_archive": _("the archive has been altered."),
            "wrong_kind": _("it is not a station package."),
        }
        raise StationError(
            "package_refused",
            _("The station package is refused: %(reason)s")
            % {"reason": reasons.get(exc.code, exc.message)},
            reason=exc.code,
            detail=exc.message,
        ) from exc
    station_id = pkg.manifest.get("station", {}).get("id")
    if expect_station is not None and station_id != expect_station:
        raise StationError(
            "wrong_station",
            _("This package is for station %(got)s, not %(want)s.")
            % {"got": station_id, "want": expect_station},
        )
    if station_doc.get("ro_key", {}).get("public") != pkg.signer:
        raise StationError(
            "package_refused",
            _("The station package is refused: %(reason)s")
            % {"reason": _("it is not signed by the returning officer's key it names.")},
            reason="signer_mismatch",
        )
    target = store.db_path(data_dir)
    if target.exists():
        raise StationError(
            "already_initialised",
            _("%(dir)s already holds a station; use a new data directory.") % {"dir": data_dir},
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".init")
    tmp.unlink(missing_ok=True)
    pins = {role: f"{secrets.randbelow(10**6):06d}" for role in ROLES}
    at = (clock or _now)().isoformat(timespec="seconds")
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        conn.execute("BEGIN")
        store.create_schema(conn)
        meta = {
            "station": station_doc,
            "manifest": pkg.manifest,
            "package_digest": pkg.digest,
        }
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [(k, store.canonical(v)) for k, v in meta.items()],
        )
        conn.execute("INSERT INTO state (id, phase) VALUES (1, 'ready')")
        conn.executemany(
            "INSERT INTO electors (key, key_kind, name, name_key, relative_name, relation, gender,"
            " age, part, serial, status, service_voter) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    str(e["key"]).upper(),
                    e.get("key_kind", "epic"),
                    e["name"],
                    e.get("name_key") or name_key(e["name"]),
                    e.get("relative_name", ""),
                    e.get("relation", ""),
                    e.get("gender", ""),
                    e.get("age"),
                    int(e["part"]),
                    int(e["serial"]),
                    e.get("status", "active"),
                    1 if e.get("service_voter") else 0,
                )
                for e in roll
            ],
        )
        for position, ballot in enumerate(ballots, start=1):
            conn.execute(
                "INSERT INTO ballot_contests (position, contest, body) VALUES (?, ?, ?)",
                (position, ballot["contest"], store.canonical(ballot)),
            )
            digest, head = store.box_head(ballot["contest"])
            conn.execute(
                "INSERT INTO paper_box (contest, count, digest, head) VALUES (?, 0, ?, ?)",
                (ballot["contest"], digest, head),
            )
        for role, pin in pins.items():
            salt = secrets.token_bytes(16)
            conn.execute(
                "INSERT INTO pins (role, salt, hash) VALUES (?, ?, ?)",
                (role, salt, _hash_pin(pin, salt)),
            )
        store.append_event(
            conn,
            "package_loaded",
            at,
            {
                "digest": pkg.digest,
                "signer": package.fingerprint(pkg.signer),
                "electors": len(roll),
                "contests": [b["contest"] for b in ballots],
            },
        )
        conn.execute("COMMIT")
    except (KeyError, TypeError, ValueError, sqlite3.Error) as exc:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise StationError(
            "package_refused",
            _("The station package is refused: %(reason)s")
            % {"reason": _("its roll or ballot cannot be read (%(error)s).") % {"error": exc}},
            reason="bad_content",
        ) from exc
    conn.close()
    os.replace(tmp, target)
    return pins
