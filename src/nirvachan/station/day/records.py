"""The presiding officer's records: left without voting, tendered, challenged, companion, proxy."""

from __future__ import annotations

from nirvachan.locale.name_key import name_key
from nirvachan.station.day.base import StationDayBase, StationError, _int
from nirvachan.station.i18n import gettext as _


class RecordsMixin(StationDayBase):
    def left_without_voting(self, officer: str, serial_17a: int, note: str) -> None:
        officer = self._officer(officer)
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            row = c.execute(
                "SELECT slip, left_note FROM register WHERE serial = ?", (_int(serial_17a),)
            ).fetchone()
            if row is None:
                raise StationError(
                    "no_register_entry",
                    _("No entry %(n)s in the register (Form 17A).") % {"n": serial_17a},
                    field="serial_17a",
                )
            if row[1] is not None:
                raise StationError(
                    "already_left",
                    _("This voter is already recorded as having left."),
                    field="serial_17a",
                )
            ballot = c.execute(
                "SELECT id, cast_count FROM ballots WHERE slip = ?", (row[0],)
            ).fetchone()
            if ballot is not None and ballot[1] > 0:
                raise StationError(
                    "already_voted", _("This voter has already voted."), field="serial_17a"
                )
            if ballot is not None:  # enabled but nothing pressed: the unit is reset
                c.execute(
                    "UPDATE ballots SET cancelled = 1, remaining = '[]' WHERE id = ?", (ballot[0],)
                )
            c.execute(
                "UPDATE register SET left_note = ?, left_by = ? WHERE serial = ?",
                ((note or "").strip(), officer, serial_17a),
            )
            self._log(
                c,
                "left_without_voting",
                {
                    "serial_17a": _int(serial_17a),
                    "officer": officer,
                    "ballot_reset": ballot is not None,
                },
            )

    def tendered_vote(
        self, officer: str, key: str, name: str, document: str, document_number: str
    ) -> int:
        officer = self._officer(officer)
        name = (name or "").strip()
        if not name:
            raise StationError("name_required", _("Enter the voter's name."), field="name")
        last4 = self._document(document, document_number)
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            elector = self._elector(c, key)[0]
            if not c.execute(
                "SELECT 1 FROM ballots WHERE elector = ? AND cast_count > 0", (elector,)
            ).fetchone():
                raise StationError(
                    "not_voted_yet",
                    _("Nobody has voted in this elector's name: the elector votes normally."),
                    field="key",
                )
            if c.execute("SELECT 1 FROM tendered WHERE elector = ?", (elector,)).fetchone():
                raise StationError(
                    "already_tendered",
                    _("A tendered ballot has already been given for this elector."),
                    field="key",
                )
            cur = c.execute(
                "INSERT INTO tendered (elector, name, document, document_last4, officer, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (elector, name, document, last4, officer, self._at()),
            )
            number = int(cur.lastrowid or 0)
            self._log(c, "tendered_vote", {"number": number, "officer": officer})
        return number

    def challenge(self, officer: str, key: str, challenger: str, outcome: str, note: str) -> int:
        officer = self._officer(officer)
        challenger = (challenger or "").strip()
        if not challenger:
            raise StationError(
                "challenger_required", _("Name who challenges the identity."), field="challenger"
            )
        if outcome not in ("upheld", "rejected"):
            raise StationError(
                "bad_outcome",
                _("Record the outcome: the challenge is upheld or rejected."),
                field="outcome",
            )
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            elector = self._elector(c, key)[0]
            cur = c.execute(
                "INSERT INTO challenges (elector, challenger, outcome, note, officer, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (elector, challenger, outcome, (note or "").strip(), officer, self._at()),
            )
            number = int(cur.lastrowid or 0)
            self._log(
                c, "challenged", {"challenge": number, "outcome": outcome, "officer": officer}
            )
        return number

    def companion(
        self, officer: str, serial_17a: int, companion_name: str, declaration: bool
    ) -> None:
        officer = self._officer(officer)
        companion_name = (companion_name or "").strip()
        if not companion_name:
            raise StationError(
                "companion_name_required", _("Enter the companion's name."), field="companion_name"
            )
        if not declaration:
            raise StationError(
                "declaration_required",
                _("The companion must make the declaration (not to reveal the vote, and to "
                  "accompany no other voter today)."),
                field="declaration",
            )  # fmt: skip
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            if not c.execute(
                "SELECT 1 FROM register WHERE serial = ?", (_int(serial_17a),)
            ).fetchone():
                raise StationError(
                    "no_register_entry",
                    _("No entry %(n)s in the register (Form 17A).") % {"n": serial_17a},
                    field="serial_17a",
                )
            if c.execute(
                "SELECT 1 FROM companions WHERE serial_17a = ?", (_int(serial_17a),)
            ).fetchone():
                raise StationError(
                    "companion_exists",
                    _("A companion is already recorded for this voter."),
                    field="serial_17a",
                )
            key = name_key(companion_name) or companion_name.lower()
            if c.execute("SELECT 1 FROM companions WHERE name_key = ?", (key,)).fetchone():
                raise StationError(
                    "companion_used",
                    _("This companion has already accompanied another voter today."),
                    field="companion_name",
                )
            c.execute(
                "INSERT INTO companions (serial_17a, name, name_key, declaration, officer, at) "
                "VALUES (?, ?, ?, 1, ?, ?)",
                (_int(serial_17a), companion_name, key, officer, self._at()),
            )
            self._log(c, "companion", {"serial_17a": _int(serial_17a), "officer": officer})

    def proxy(self, officer: str, key: str, proxy_name: str) -> None:
        officer = self._officer(officer)
        proxy_name = (proxy_name or "").strip()
        if not proxy_name:
            raise StationError(
                "proxy_name_required", _("Enter the proxy's name."), field="proxy_name"
            )
        with self._tx() as c:
            self._require_phase(c, "open", "closing")
            elector, _part, _serial, _status, service, _name = self._elector(c, key)
            if not service:
                raise StationError(
                    "not_service_voter",
                    _("Only a classified service voter may vote by proxy."),
                    field="key",
                )
            if c.execute("SELECT 1 FROM proxies WHERE elector = ?", (elector,)).fetchone():
                raise StationError(
                    "proxy_exists", _("A proxy is already recorded for this elector."), field="key"
                )
            c.execute(
                "INSERT INTO proxies (elector, proxy_name, officer, at) VALUES (?, ?, ?, ?)",
                (elector, proxy_name, officer, self._at()),
            )
            self._log(c, "proxy", {"officer": officer})
