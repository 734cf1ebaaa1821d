"""Audit event types of the polling-station app, central side (declared once; see
nirvachan.core.events). The station device's own log is a separate chain (store.py)."""

from __future__ import annotations

from nirvachan.core.events import Severity, declare

SIGNING_KEY_CREATED = declare(
    "station.signing_key_created",
    "A returning officer's signing key was created for an election and unit",
    Severity.NOTICE,
)
STATION_COMMISSIONED = declare(
    "station.commissioned", "A polling station was given a new key pair", Severity.NOTICE
)
STATION_KEY_REVOKED = declare(
    "station.key_revoked",
    "A polling station's previous key was revoked by re-commissioning",
    Severity.WARNING,
)
PACKAGE_BUILT = declare("station.package_built", "A station package was built and signed")
TURNOUT_RECEIVED = declare(
    "station.turnout_received", "A station-signed turnout report was received"
)
