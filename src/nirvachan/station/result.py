"""Close of poll on the station device: Form 17C Part I, the counts, and the signed result package
(``station-result``, /tmp/station-contract.md, docs/station.md)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nirvachan.station import package, store
from nirvachan.station.i18n import gettext as _

if TYPE_CHECKING:
    from nirvachan.station.day.poll import PollMixin


def _one(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def form17c(conn: sqlite3.Connection) -> dict[str, Any]:
    """Part I of Form 17C: the account of votes recorded.

    ``voters_17a = votes_recorded + left_without_voting + pending`` where ``pending`` (in the
    register, ballot not yet cast) is 0 once the poll has ended (``end_poll`` refuses otherwise).
    """
    state = conn.execute(
        "SELECT seals, test_votes_cleared, opened_at, closed_at, tokens_issued FROM state"
    ).fetchone()
    voters = _one(conn, "SELECT count(*) FROM register")
    voted = _one(conn, "SELECT count(*) FROM ballots WHERE cast_count > 0")
    left = _one(conn, "SELECT count(*) FROM register WHERE left_note IS NOT NULL")
    return {
        "electors": _one(conn, "SELECT count(*) FROM electors"),
        "voters_17a": voters,
        "left_without_voting": left,
        "votes_recorded": voted,
        "pending": voters - voted - left,
        "tendered": _one(conn, "SELECT count(*) FROM tendered"),
        "test_votes_cleared": int(state[1]),
        "challenged": _one(conn, "SELECT count(*) FROM challenges"),
        "proxy": _one(conn, "SELECT count(*) FROM proxies"),
        "companions": _one(conn, "SELECT count(*) FROM companions"),
        "seals": json.loads(state[0]),
        "opened_at": state[2],
        "closed_at": state[3],
        "tokens_issued": int(state[4]),
    }


def counts(conn: sqlite3.Connection, ballots: list[dict[str, Any]]) -> dict[str, Any]:
    rows = conn.execute("SELECT contest, choice, count(*) FROM votes GROUP BY contest, choice")
    tally: dict[tuple[str, int], int] = {(c, n): v for c, n, v in rows}
    contests = []
    for ballot in ballots:
        code = ballot["contest"]
        candidates = [
            {
                "serial": cand["serial"],
                "nomination": cand.get("nomination"),
                "votes": tally.get((code, cand["serial"]), 0),
            }
            for cand in ballot["candidates"]
        ]
        nota = tally.get((code, len(ballot["candidates"]) + 1), 0)
        contests.append(
            {
                "contest": code,
                "candidates": candidates,
                "nota": nota,
                "total": nota + sum(c["votes"] for c in candidates),
            }
        )
    return {"contests": contests}


def paper(conn: sqlite3.Connection) -> dict[str, Any]:
    """The sealed box per contest: count, digest recomputed from the slips, running chain head.
    Refuses (ValueError) when the slips do not match the box record kept beside the votes."""
    recomputed = store.box_digest(
        conn.execute("SELECT contest, serial, name, symbol, nonce FROM paper")
    )
    out = []
    for contest, count, digest, head in conn.execute(
        "SELECT contest, count, digest, head FROM paper_box ORDER BY contest"
    ):
        if recomputed.get(contest, (0, "0" * 64)) != (count, digest):
            raise ValueError(f"paper box of {contest} does not match its slips")
        out.append({"contest": contest, "count": count, "digest": digest, "chain_head": head})
    return {"contests": out}


def form17c_pdf(day: PollMixin, language: str) -> bytes:
    from nirvachan.core.pdf import render_pdf

    if language not in ("bn", "hi", "en"):
        language = "en"
    data = day.form17c()
    election = day.election
    station = day.station
    context = {
        "form": data,
        "election_name": election.get(f"name_{language}") or election.get("name_en", ""),
        "election": election,
        "station": station,
        "counts": day.counts(),
    }
    return render_pdf("station/form17c_print.html", context, lang=language)


def close_and_package(day: PollMixin, out: Path, *, pdf: bool = True) -> Path:
    """Write the signed ``station-result`` zip to ``out`` (atomically) and mark the day packaged.

    Allowed once the poll is closed; packaging again (e.g. to another file) is allowed and logs
    another export event."""
    from nirvachan.station.day import StationError

    pdf_bytes = day.form17c_pdf(day.language) if pdf else None
    with day._tx() as c:
        phase = day._require_phase(c, "closed", "packaged")
        if phase == "closed":
            c.execute("UPDATE state SET phase = 'packaged' WHERE id = 1")
        day._log(c, "exported", {"file": out.name})
        try:
            paper_doc = paper(c)
        except ValueError as exc:
            raise StationError(
                "paper_mismatch", _("The paper-record box does not match its slips.")
            ) from exc
        ok, bad = store.verify_log(c)
        if not ok:
            raise StationError(
                "log_broken",
                _("The station log is broken at event %(seq)s.") % {"seq": bad},
            )
        events = c.execute("SELECT seq, body, prev, hash FROM events ORDER BY seq").fetchall()
        closed_at = c.execute("SELECT closed_at FROM state").fetchone()[0]
        members = {
            "counts.json": package.canonical_json(counts(c, day._ballots)),
            "form17c.json": package.canonical_json(form17c(c)),
            "paper.json": package.canonical_json(paper_doc),
            "events.jsonl": store.events_jsonl(events),
            "turnout.json": package.canonical_json(
                [{"at": a, "voters": v} for a, v in c.execute("SELECT at, voters FROM turnout")]
            ),
        }
        if pdf_bytes is not None:
            members["form17c.pdf"] = pdf_bytes
        station = day.station
        header = {
            "election": day.election["code"],
            "station": {k: station.get(k) for k in ("id", "constituency", "number", "name")},
            "closed_on": (closed_at or "")[:10],
        }
        data = package.build(
            package.KIND_RESULT,
            header,
            members,
            day._meta["station"]["station_key"]["private"],
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    return out


def verify_result(data: bytes, trusted_keys: frozenset[str] | None = None) -> dict[str, Any]:
    """Full check of a result package: signature and hashes (package.read), the log chain, the
    paper box against the counts, and the 17C arithmetic. Raises PackageError naming the check."""
    pkg = package.read(data, package.KIND_RESULT, trusted_keys)
    ok, bad, n = store.verify_jsonl(pkg.members.get("events.jsonl", b""))
    if not ok:
        raise package.PackageError("log_broken", f"events.jsonl breaks its chain at event {bad}.")
    _check_checkpoints(pkg)
    counts_doc = pkg.json("counts.json")
    paper_doc = pkg.json("paper.json")
    form = pkg.json("form17c.json")
    paper_counts = {p["contest"]: p["count"] for p in paper_doc["contests"]}
    for contest in counts_doc["contests"]:
        if paper_counts.get(contest["contest"]) != contest["total"]:
            raise package.PackageError(
                "paper_mismatch", f"Paper count of {contest['contest']} differs from its votes."
            )
    if form["voters_17a"] != form["votes_recorded"] + form["left_without_voting"] + form.get(
        "pending", 0
    ):
        raise package.PackageError("form17c_mismatch", "Form 17C does not add up.")
    return {"manifest": pkg.manifest, "events": n, "digest": pkg.digest}


def _check_checkpoints(pkg: package.Package) -> None:
    """The checkpoints at opening and closing name an earlier event's hash and sign it with the
    key that signed the package."""
    hashes: dict[int, str] = {}
    kinds: list[str] = []
    for line in pkg.members["events.jsonl"].splitlines():
        event = json.loads(line)
        hashes[event["seq"]] = event["hash"]
        if event["kind"] != "checkpoint":
            continue
        data = event["data"]
        head = str(data.get("head", ""))
        if hashes.get(data.get("at_event")) != head or not package.signature_valid(
            pkg.signer, bytes.fromhex(head), str(data.get("signature", ""))
        ):
            raise package.PackageError(
                "bad_checkpoint", f"The checkpoint at event {event['seq']} does not verify."
            )
        kinds.append(str(data.get("of")))
    if kinds != ["opening", "closing"]:
        raise package.PackageError(
            "missing_checkpoint", "The log lacks its signed opening and closing checkpoints."
        )
