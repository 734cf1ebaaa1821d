"""The polling-station day on the station device (issue 6): the API the station's pages call.

Every method is one ``BEGIN IMMEDIATE … COMMIT`` on the station's own SQLite database
(``store.py``) that also appends its event to the hash-chained log, so a crash leaves either the
whole action or none of it. Each :class:`StationDay` holds its own connection: open one per
thread or per request. The contract is /tmp/station-day-api.md (docs/station.md).

Phases: ready → mock → sealed → open → closing → closed → packaged.

An *acknowledged vote* is a call to :meth:`StationDay.cast` that returned its paper slip: its
transaction (vote, paper slip, box digest, ballot counter, log event) has committed with
``synchronous=FULL`` before the method returns, so it survives a kill or a power cut. A ballot
enabled but not yet cast when the station dies stays enabled after the restart (the voter may
still press), or the presiding officer records the voter as having left without voting.
"""

from __future__ import annotations

from nirvachan.station.day.base import (
    ID_DOCUMENTS,
    MIN_MOCK_VOTES,
    NOTA,
    ROLES,
    StationError,
)
from nirvachan.station.day.init import init_station
from nirvachan.station.day.poll import PollMixin
from nirvachan.station.day.records import RecordsMixin
from nirvachan.station.day.voters import VotersMixin

__all__ = [
    "ID_DOCUMENTS",
    "MIN_MOCK_VOTES",
    "NOTA",
    "ROLES",
    "StationDay",
    "StationError",
    "init_station",
]


class StationDay(VotersMixin, RecordsMixin, PollMixin):
    """One connection to the station database; every method is one transaction."""
