"""Mock poll, opening, closing, turnout reports and close of poll (presiding officer)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from nirvachan.station import package, store
from nirvachan.station.day.base import MIN_MOCK_VOTES, StationDayBase, StationError
from nirvachan.station.i18n import gettext as _


class PollMixin(StationDayBase):
    def mock_vote(self, contest: str, choice: int) -> dict[str, Any]:
        _ballot, number = self._choice(contest, choice)
        with self._tx() as c:
            phase = self._require_phase(c, "ready", "mock")
            if phase == "ready":
                c.execute("UPDATE state SET phase = 'mock' WHERE id = 1")
                self._log(c, "mock_poll_started", {})
            c.execute("INSERT INTO mock_votes (contest, choice) VALUES (?, ?)", (contest, number))
            total = self._count(c, "SELECT count(*) FROM mock_votes")
        return {"contest": contest, "choice": number, "total": total, **self._slip(contest, number)}

    def mock_result(self) -> dict[str, Any]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT contest, choice, count(*) FROM mock_votes GROUP BY contest, choice"
            ).fetchall()
        contests = []
        for ballot in self._ballots:
            counts = {n: 0 for n in range(1, len(ballot["candidates"]) + 2)}
            for contest, choice, n in rows:
                if contest == ballot["contest"]:
                    counts[choice] = n
            contests.append({"contest": ballot["contest"], "counts": counts})
        return {"total": sum(r[2] for r in rows), "contests": contests}

    def clear_and_seal(self, officer: str, seals: list[str]) -> None:
        officer = self._officer(officer)
        seals = [str(s).strip() for s in seals if str(s).strip()]
        if not seals:
            raise StationError(
                "seals_required", _("Record the numbers of the seals put on."), field="seals"
            )
        with self._tx() as c:
            self._require_phase(c, "mock")
            total = self._count(c, "SELECT count(*) FROM mock_votes")
            if total < MIN_MOCK_VOTES:
                raise StationError(
                    "mock_too_small",
                    _("The mock poll needs at least %(min)s votes; %(n)s so far.")
                    % {"min": MIN_MOCK_VOTES, "n": total},
                    minimum=MIN_MOCK_VOTES,
                    total=total,
                )
            result = self.mock_result()
            for table in store.MOCK_TABLES:
                c.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            c.execute(
                "UPDATE state SET phase = 'sealed', seals = ?, test_votes_cleared = ? WHERE id = 1",
                (store.canonical(seals), total),
            )
            self._log(
                c,
                "mock_poll_cleared",
                {"officer": officer, "votes": total, "seals": seals, "result": result["contests"]},
            )

    def _checkpoint(self, c: sqlite3.Connection, what: str) -> None:
        row = c.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        head = bytes(row[1])
        signature = package.sign(self._meta["station"]["station_key"]["private"], head)
        self._log(
            c,
            "checkpoint",
            {"at_event": row[0], "head": head.hex(), "signature": signature, "of": what},
        )

    def open_poll(self, officer: str) -> None:
        officer = self._officer(officer)
        with self._tx() as c:
            for table in store.MOCK_TABLES:
                if self._count(c, f"SELECT count(*) FROM {table}"):  # noqa: S608
                    raise StationError(
                        "mock_data_remains",
                        _("Mock poll data remains: clear and seal before opening the poll."),
                    )
            self._require_phase(c, "sealed")
            at = self._at()
            c.execute("UPDATE state SET phase = 'open', opened_at = ? WHERE id = 1", (at,))
            self._log(c, "poll_opened", {"officer": officer})
            self._checkpoint(c, "opening")

    def close_poll(self, officer: str, queue: int) -> list[int]:
        officer = self._officer(officer)
        try:
            queue = int(queue)
        except (TypeError, ValueError):
            queue = -1
        if queue < 0:
            raise StationError(
                "bad_queue", _("Give the number of voters in the queue (0 or more)."), field="queue"
            )
        with self._tx() as c:
            self._require_phase(c, "open")
            c.executemany(
                "INSERT INTO tokens (number) VALUES (?)", [(n,) for n in range(1, queue + 1)]
            )
            c.execute(
                "UPDATE state SET phase = 'closing', closing_at = ?, tokens_issued = ? "
                "WHERE id = 1",
                (self._at(), queue),
            )
            self._log(c, "poll_closing", {"officer": officer, "tokens": queue})
        return list(range(1, queue + 1))

    def end_poll(self, officer: str) -> None:
        officer = self._officer(officer)
        with self._tx() as c:
            self._require_phase(c, "closing")
            pending = self._count(
                c,
                "SELECT count(*) FROM register r WHERE r.left_note IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM ballots b WHERE b.slip = r.slip AND (b.remaining = '[]'))",
            )
            if pending:
                raise StationError(
                    "voters_pending",
                    _(
                        "%(n)s voter(s) in the register have not finished voting: let them vote "
                        "or record that they left without voting."
                    )
                    % {"n": pending},
                    pending=pending,
                )
            c.execute(
                "UPDATE state SET phase = 'closed', closed_at = ? WHERE id = 1", (self._at(),)
            )
            self._log(c, "poll_closed", {"officer": officer})
            self._checkpoint(c, "closing")

    def turnout_report(self, officer: str) -> dict[str, Any]:
        officer = self._officer(officer)
        with self._tx() as c:
            self._require_phase(c, "open", "closing", "closed")
            voters = self._count(c, "SELECT count(*) FROM ballots WHERE cast_count > 0")
            at = self._at()
            c.execute("INSERT INTO turnout (at, voters) VALUES (?, ?)", (at, voters))
            self._log(c, "turnout_report", {"voters": voters, "officer": officer})
        return {"at": at, "voters": voters}

    def turnout_reports(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT at, voters FROM turnout ORDER BY id").fetchall()
        return [{"at": at, "voters": voters} for at, voters in rows]

    def signed_turnout(self) -> dict[str, Any]:
        """The body of ``POST /api/v1/turnout``: the reports signed with the station key."""
        body = {
            "election": self.election["code"],
            "station": self.station["id"],
            "reports": self.turnout_reports(),
        }
        private = self._meta["station"]["station_key"]["private"]
        return {**body, "signature": package.sign(private, package.canonical_json(body))}

    def form17c(self) -> dict[str, Any]:
        from nirvachan.station.result import form17c

        with self._lock:
            return form17c(self._conn)

    def counts(self) -> dict[str, Any]:
        from nirvachan.station.result import counts

        with self._lock:
            return counts(self._conn, self._ballots)

    def form17c_pdf(self, language: str) -> bytes:
        from nirvachan.station.result import form17c_pdf

        return form17c_pdf(self, language)

    def close_and_package(self, out: Path, *, pdf: bool = True) -> Path:
        from nirvachan.station.result import close_and_package

        return close_and_package(self, Path(out), pdf=pdf)
