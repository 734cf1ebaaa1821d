"""The polling day on the station device (station/day.py) on a synthetic station."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from django.utils import translation

from nirvachan.station import package, store
from nirvachan.station.day import StationDay, StationError, init_station
from nirvachan.station.simulate import synthetic_package
from tests.station.factories import Synthetic, make_station, open_station, vote


@pytest.fixture
def st(tmp_path: Path) -> Synthetic:
    return make_station(tmp_path, voters=30)


@pytest.fixture
def day(st: Synthetic) -> StationDay:
    d = StationDay.open(st.data_dir)
    yield d  # type: ignore[misc]
    d.close()


def _code(exc: pytest.ExceptionInfo[StationError]) -> str:
    return exc.value.code


# --- initialisation ---------------------------------------------------------------------------


def test_init_creates_wal_full_database_with_roll_ballot_pins_and_first_event(
    st: Synthetic, day: StationDay
) -> None:
    conn = sqlite3.connect(store.db_path(st.data_dir))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert day._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    info = day.info()
    assert info["phase"] == "ready" and info["counts"]["electors"] == 30
    assert [c["candidates"][0]["serial"] for c in day.ballots()] == [1]
    assert day.events()[0]["kind"] == "package_loaded"
    assert not day.verify_pin("po1", "000000x")


def test_pins_are_returned_once_and_stored_hashed(tmp_path: Path) -> None:
    data, ro = synthetic_package(5, 1)
    pins = init_station(data, tmp_path / "s", frozenset({ro}))
    assert set(pins) == {"presiding", "po1", "po2", "po3"}
    with StationDay.open(tmp_path / "s") as d:
        assert d.verify_pin("po2", pins["po2"]) and not d.verify_pin("po2", pins["po1"])
    raw = store.db_path(tmp_path / "s").read_bytes()
    assert pins["presiding"].encode() not in raw


def test_foreign_tampered_and_repeated_init_are_refused_and_write_nothing(tmp_path: Path) -> None:
    data, ro = synthetic_package(5, 1)
    other = package.new_key_pair().public_hex
    with pytest.raises(StationError) as exc:
        init_station(data, tmp_path / "a", frozenset({other}))
    assert exc.value.code == "package_refused" and exc.value.details["reason"] == "untrusted_signer"
    assert not (tmp_path / "a" / store.DB_NAME).exists()
    changed = bytearray(data)
    changed[len(data) // 2] ^= 0x01
    with pytest.raises(StationError) as exc:
        init_station(bytes(changed), tmp_path / "b", frozenset({ro}))
    assert exc.value.code == "package_refused"
    assert not (tmp_path / "b" / store.DB_NAME).exists()
    init_station(data, tmp_path / "c", frozenset({ro}))
    with pytest.raises(StationError) as exc:
        init_station(data, tmp_path / "c", frozenset({ro}))
    assert exc.value.code == "already_initialised"
    with pytest.raises(StationError) as exc:
        init_station(data, tmp_path / "d", frozenset({ro}), expect_station=1)
    assert exc.value.code == "wrong_station"


# --- mock poll and opening --------------------------------------------------------------------


def test_mock_poll_of_at_least_50_then_clear_and_seal(day: StationDay) -> None:
    contest = day.ballots()[0]["contest"]
    for i in range(49):
        day.mock_vote(contest, 1 + i % 5)
    with pytest.raises(StationError) as exc:
        day.clear_and_seal("PrO", ["S1"])
    assert exc.value.code == "mock_too_small"
    day.mock_vote(contest, 5)
    result = day.mock_result()
    assert result["total"] == 50
    assert result["contests"][0]["counts"] == {1: 10, 2: 10, 3: 10, 4: 10, 5: 10}
    with pytest.raises(StationError) as exc:
        day.clear_and_seal("PrO", [])
    assert exc.value.code == "seals_required"
    day.clear_and_seal("PrO", ["S1", "S2"])
    assert day.phase == "sealed" and day.mock_result()["total"] == 0
    assert day.info()["counts"]["mock_votes"] == 0
    with pytest.raises(StationError) as exc:
        day.mock_vote(contest, 1)
    assert exc.value.code == "wrong_phase"
    day.open_poll("PrO")
    assert day.form17c()["test_votes_cleared"] == 50


def test_open_is_refused_while_mock_data_remains(day: StationDay) -> None:
    contest = day.ballots()[0]["contest"]
    for _ in range(50):
        day.mock_vote(contest, 2)
    with pytest.raises(StationError) as exc:
        day.open_poll("PrO")
    assert exc.value.code == "mock_data_remains"
    # even if the phase were forced to "sealed", remaining mock rows block the opening
    day._conn.execute("UPDATE state SET phase = 'sealed'")
    with pytest.raises(StationError) as exc:
        day.open_poll("PrO")
    assert exc.value.code == "mock_data_remains"
    assert day.phase == "sealed" and day.form17c()["opened_at"] is None


def test_no_check_in_or_vote_before_opening(day: StationDay) -> None:
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000001", "epic", "SIM0000001")
    assert exc.value.code == "not_open"
    contest = day.ballots()[0]["contest"]
    with pytest.raises(StationError) as exc:
        day.cast(1, contest, 1)
    assert exc.value.code == "not_open"
    assert day.info()["counts"]["votes"] == 0 and day.info()["counts"]["checked_in"] == 0


def test_opening_and_closing_write_signed_checkpoints(day: StationDay) -> None:
    open_station(day)
    vote(day, "SIM0000001")
    day.close_poll("PrO", 0)
    day.end_poll("PrO")
    checkpoints = [e for e in day.events(0, 1000) if e["kind"] == "checkpoint"]
    assert [c["data"]["of"] for c in checkpoints] == ["opening", "closing"]
    public = day._meta["station"]["station_key"]["public"]
    for cp in checkpoints:
        assert package.signature_valid(
            public, bytes.fromhex(cp["data"]["head"]), cp["data"]["signature"]
        )
        signed = day.events(cp["data"]["at_event"] - 1, 1)[0]
        assert signed["hash"] == cp["data"]["head"]


# --- check-in and the three officers ----------------------------------------------------------


def test_find_by_epic_part_serial_serial_and_name(day: StationDay) -> None:
    first = day.find_electors("sim0000007")
    assert [r["serial"] for r in first] == [7] and first[0]["state"] == "not_seen"
    assert [r["key"] for r in day.find_electors("1/7")] == ["SIM0000007"]
    assert [r["key"] for r in day.find_electors("7")] == ["SIM0000007"]
    name = first[0]["name"]
    by_name = day.find_electors(name.split()[0].upper())
    assert "SIM0000007" in [r["key"] for r in by_name]
    assert all(name.split()[0] in r["name"] for r in by_name)
    # cross-script: a Bengali or Hindi spelling finds the Latin name (locale.name_key)
    latin = {r["key"] for r in day.find_electors("Karim", 200)}
    assert latin and all("Karim" in r["name"] for r in day.find_electors("Karim", 200))
    assert {r["key"] for r in day.find_electors("করিম", 200)} == latin
    assert {r["key"] for r in day.find_electors("करीम", 200)} == latin
    assert day.find_electors("") == [] and day.find_electors("zzqqxx") == []


def test_check_in_register_enable_cast_and_states(day: StationDay) -> None:
    open_station(day)
    key = "SIM0000003"
    checkin = day.check_in("PO1", key, "aadhaar", "1234 5678 9012")
    assert day.find_electors(key)[0]["state"] == "checked_in"
    assert day.pending_checkins()[0]["checkin_id"] == checkin
    with pytest.raises(StationError) as exc:
        day.register("PO2", checkin, False, "signature")
    assert exc.value.code == "ink_required" and exc.value.details["field"] == "ink"
    entry = day.register("PO2", checkin, True, "thumb")
    assert entry == {"serial_17a": 1, "slip": 1, "part": 1, "part_serial": 3,
                     "document": "aadhaar", "document_last4": "9012"}  # fmt: skip
    assert day.pending_checkins() == [] and day.pending_slips()[0]["slip"] == 1
    assert day.find_electors(key)[0]["state"] == "registered"
    assert day.pending_ballot() is None
    ballot = day.enable_ballot("PO3", 1, True)
    assert day.find_electors(key)[0]["state"] == "enabled"
    pending = day.pending_ballot()
    assert pending == {"ballot": ballot, "contests": ["SIM-1"]}
    slip = day.cast(ballot, "SIM-1", 5)
    assert slip == {"contest": "SIM-1", "serial": 5, "name": "উপরের কাউকে নয় (নোটা)", "symbol": ""}
    with pytest.raises(StationError) as exc:
        day.cast(ballot, "SIM-1", 1)
    assert exc.value.code == "already_cast"
    assert day.find_electors(key)[0]["state"] == "voted"
    assert day.counts()["contests"][0]["nota"] == 1
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", key, "epic", key)
    assert exc.value.code == "already_checked_in"


def test_bad_check_in_input_names_the_field(day: StationDay) -> None:
    open_station(day)
    cases = [
        (("PO1", "NOPE", "epic", "NOPE"), "not_on_roll", "key"),
        (("PO1", "SIM0000001", "ration_card", "1234"), "bad_document", "document"),
        (("PO1", "SIM0000001", "aadhaar", "12"), "document_number_required", "document_number"),
        (("PO1", "SIM0000001", "epic", "SIM0000002"), "document_mismatch", "document_number"),
        (("", "SIM0000001", "epic", "SIM0000001"), "officer_required", "officer"),
    ]
    for args, code, field in cases:
        with pytest.raises(StationError) as exc:
            day.check_in(*args)
        assert (exc.value.code, exc.value.details.get("field")) == (code, field)
    assert day.info()["counts"]["checked_in"] == 0


def test_error_messages_follow_the_active_language(day: StationDay) -> None:
    with translation.override("bn"), pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000001", "epic", "SIM0000001")
    bn = exc.value.message
    with translation.override("hi"), pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000001", "epic", "SIM0000001")
    hi = exc.value.message
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000001", "epic", "SIM0000001")
    assert exc.value.message == "The mock poll has not been held yet."
    assert bn != exc.value.message and hi != exc.value.message and bn != hi
    assert any("\u0980" <= ch <= "\u09ff" for ch in bn)
    assert any("\u0900" <= ch <= "\u097f" for ch in hi)


def test_tokens_at_closing_only_token_holders_vote(day: StationDay) -> None:
    open_station(day)
    vote(day, "SIM0000001")
    assert day.close_poll("PrO", 2) == [1, 2]
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000002", "epic", "SIM0000002")
    assert exc.value.code == "token_required" and exc.value.details["field"] == "token"
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000002", "epic", "SIM0000002", token=3)
    assert exc.value.code == "bad_token"
    vote(day, "SIM0000002", token=1)
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000003", "epic", "SIM0000003", token=1)
    assert exc.value.code == "token_used"
    vote(day, "SIM0000003", token=2)
    day.end_poll("PrO")
    with pytest.raises(StationError) as exc:
        day.check_in("PO1", "SIM0000004", "epic", "SIM0000004", token=2)
    assert exc.value.code == "wrong_phase"
    assert day.form17c()["tokens_issued"] == 2 and day.form17c()["votes_recorded"] == 3


def test_left_without_voting_tendered_challenged_companion_proxy(day: StationDay) -> None:
    open_station(day)
    # left without voting after signing, with the ballot already enabled: the unit is reset
    checkin = day.check_in("PO1", "SIM0000001", "epic", "SIM0000001")
    entry = day.register("PO2", checkin, True, "signature")
    ballot = day.enable_ballot("PO3", entry["slip"], True)
    day.left_without_voting("PrO", entry["serial_17a"], "went home")
    assert day.pending_ballot() is None
    with pytest.raises(StationError) as exc:
        day.cast(ballot, "SIM-1", 1)
    assert exc.value.code == "no_ballot"
    assert day.find_electors("SIM0000001")[0]["state"] == "left"
    with pytest.raises(StationError) as exc:
        day.enable_ballot("PO3", entry["slip"], True)
    assert exc.value.code == "already_enabled"
    # tendered: only when someone has voted in the elector's name
    with pytest.raises(StationError) as exc:
        day.tendered_vote("PrO", "SIM0000002", "Real Person", "passport", "Z1234567")
    assert exc.value.code == "not_voted_yet"
    serial = vote(day, "SIM0000002", choice=2)
    assert day.tendered_vote("PrO", "SIM0000002", "Real Person", "passport", "Z1234567") == 1
    assert day.find_electors("SIM0000002")[0]["state"] == "tendered"
    with pytest.raises(StationError) as exc:
        day.tendered_vote("PrO", "SIM0000002", "Again", "passport", "Z1234567")
    assert exc.value.code == "already_tendered"
    # challenge
    assert day.challenge("PrO", "SIM0000003", "Agent of party X", "rejected", "identity ok") == 1
    with pytest.raises(StationError) as exc:
        day.challenge("PrO", "SIM0000003", "Agent", "maybe", "")
    assert exc.value.details["field"] == "outcome"
    # companion with declaration, one voter per companion
    with pytest.raises(StationError) as exc:
        day.companion("PrO", serial, "Hari Ram", False)
    assert exc.value.code == "declaration_required"
    day.companion("PrO", serial, "Hari Ram", True)
    other = vote(day, "SIM0000004")
    with pytest.raises(StationError) as exc:
        day.companion("PrO", other, "Hari Ram", True)
    assert exc.value.code == "companion_used"
    # proxy only for classified service voters (every 97th synthetic elector is one)
    with pytest.raises(StationError) as exc:
        day.proxy("PrO", "SIM0000005", "Brother")
    assert exc.value.code == "not_service_voter"
    form = day.form17c()
    assert (form["left_without_voting"], form["tendered"], form["challenged"], form["companions"],
            form["proxy"]) == (1, 1, 1, 1, 0)  # fmt: skip
    counts = day.counts()["contests"][0]
    assert counts["total"] == 2 and counts["candidates"][1]["votes"] == 1  # tendered not counted


def test_proxy_for_a_service_voter(tmp_path: Path) -> None:
    st = make_station(tmp_path, voters=100)
    with StationDay.open(st.data_dir) as day:
        open_station(day)
        day.proxy("PrO", "SIM0000097", "Brother of the soldier")
        with pytest.raises(StationError) as exc:
            day.proxy("PrO", "SIM0000097", "Someone else")
        assert exc.value.code == "proxy_exists"
        vote(day, "SIM0000097")
        assert day.form17c()["proxy"] == 1


def test_one_ballot_at_a_time_on_the_unit(day: StationDay) -> None:
    open_station(day)
    slips = []
    for key in ("SIM0000001", "SIM0000002"):
        slips.append(day.register("PO2", day.check_in("PO1", key, "epic", key), True, "signature"))
    ballot = day.enable_ballot("PO3", slips[0]["slip"], True)
    with pytest.raises(StationError) as exc:
        day.enable_ballot("PO3", slips[1]["slip"], True)
    assert exc.value.code == "ballot_unit_busy"
    day.cast(ballot, "SIM-1", 1)
    day.enable_ballot("PO3", slips[1]["slip"], True)


def test_end_poll_waits_for_registered_voters(day: StationDay) -> None:
    open_station(day)
    entry = day.register(
        "PO2", day.check_in("PO1", "SIM0000001", "epic", "SIM0000001"), True, "thumb"
    )
    day.close_poll("PrO", 0)
    with pytest.raises(StationError) as exc:
        day.end_poll("PrO")
    assert exc.value.code == "voters_pending"
    day.left_without_voting("PrO", entry["serial_17a"], "")
    day.end_poll("PrO")
    assert day.phase == "closed"


# --- one elector, one ballot ------------------------------------------------------------------


def test_fifty_simultaneous_enables_for_one_elector_exactly_one_succeeds(st: Synthetic) -> None:
    with StationDay.open(st.data_dir) as day:
        open_station(day)
        entry = day.register("PO2", day.check_in("PO1", "SIM0000009", "epic", "SIM0000009"),
                             True, "signature")  # fmt: skip
    barrier = threading.Barrier(50)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        d = StationDay.open(st.data_dir)
        try:
            barrier.wait()
            try:
                d.enable_ballot("PO3", entry["slip"], True)
                result = "ok"
            except StationError as exc:
                result = exc.code
        finally:
            d.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "already_enabled"}
    with StationDay.open(st.data_dir) as day:
        assert day._conn.execute("SELECT count(*) FROM ballots").fetchone()[0] == 1
        assert sum(1 for e in day.events(0, 10_000) if e["kind"] == "ballot_enabled") == 1


def test_the_database_itself_refuses_a_second_ballot_for_an_elector(day: StationDay) -> None:
    open_station(day)
    vote(day, "SIM0000001")
    with pytest.raises(sqlite3.IntegrityError):
        day._conn.execute(
            "INSERT INTO ballots (slip, elector, officer, enabled_at, remaining) "
            "VALUES (1, 'SIM0000001', 'x', 'now', '[]')"
        )


# --- close of poll ----------------------------------------------------------------------------


def test_form17c_adds_up_and_result_package_verifies(st: Synthetic, tmp_path: Path) -> None:
    from nirvachan.station.result import verify_result
    from nirvachan.station.simulate import run_day

    with StationDay.open(st.data_dir) as day:
        summary = run_day(day, seed=4, out=tmp_path / "r.zip", pdf=True)
        form = summary["form17c"]
        assert form["electors"] == 30 and form["voters_17a"] == 30
        assert form["voters_17a"] == form["votes_recorded"] + form["left_without_voting"]
        assert form["pending"] == 0 and form["test_votes_cleared"] >= 50
        total = summary["counts"]["contests"][0]
        assert total["total"] == form["votes_recorded"]
        assert total["total"] == total["nota"] + sum(c["votes"] for c in total["candidates"])
        assert day.phase == "packaged"
    data = (tmp_path / "r.zip").read_bytes()
    done = verify_result(data)
    pkg = package.read(data, package.KIND_RESULT)
    assert set(pkg.members) == {"counts.json", "form17c.json", "paper.json", "events.jsonl",
                                "turnout.json", "form17c.pdf"}  # fmt: skip
    assert pkg.members["form17c.pdf"].startswith(b"%PDF")
    assert pkg.manifest["closed_on"] == form["closed_at"][:10]
    assert pkg.json("form17c.json")["votes_recorded"] == form["votes_recorded"]
    paper = pkg.json("paper.json")["contests"][0]
    assert paper["count"] == total["total"] and len(paper["chain_head"]) == 64
    assert len(pkg.json("turnout.json")) == 4
    events = [json.loads(line) for line in pkg.members["events.jsonl"].splitlines()]
    assert events[-1]["kind"] == "exported" and done["events"] == len(events)
    assert not any("choice" in e["data"] for e in events if e["kind"] == "vote_recorded")


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated (object streams hold the font names)."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"[^d]stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


@pytest.mark.parametrize(
    ("lang", "title", "font"),
    [("bn", "রেকর্ড করা ভোটের হিসাব", b"Hind-Siliguri"),
     ("hi", "दर्ज मतों का लेखा", b"Noto-Sans-Devanagari"),
     ("en", "account of votes recorded", None)],
)  # fmt: skip
def test_form17c_pdf_in_each_language(
    day: StationDay, lang: str, title: str, font: bytes | None
) -> None:
    from django.template.loader import render_to_string

    open_station(day)
    vote(day, "SIM0000001")
    pdf = day.form17c_pdf(lang)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    if font is not None:  # the text is set in the script's font (no PDF text extractor here)
        assert font in _pdf_objects(pdf)
    with translation.override(lang):
        html = render_to_string(
            "station/form17c_print.html",
            {"form": day.form17c(), "station": day.station, "election_name": "E", "lang": lang},
        )
    assert title in html
    from nirvachan.core.templatetags.nirvachan import lakh

    with translation.override(lang):
        number = lakh(30)  # electors, written the language's way
    assert number != "30" or lang != "bn"
    assert f'<td class="num">{number}</td>' in html


def test_log_verifies_and_names_the_first_changed_event(st: Synthetic) -> None:
    with StationDay.open(st.data_dir) as day:
        open_station(day)
        vote(day, "SIM0000001")
        assert day.verify_log() == (True, None)
        body = day._conn.execute("SELECT body FROM events WHERE seq = 5").fetchone()[0]
        day._conn.execute("UPDATE events SET body = ? WHERE seq = 5", (body.replace("5", "6", 1),))
        assert day.verify_log() == (False, 5)
        day._conn.execute("UPDATE events SET body = ? WHERE seq = 5", (body,))
        day._conn.execute("DELETE FROM events WHERE seq = 7")
        assert day.verify_log() == (False, 7)


def test_turnout_reports_are_kept_and_signed(day: StationDay) -> None:
    open_station(day)
    vote(day, "SIM0000001")
    report = day.turnout_report("PrO")
    assert report["voters"] == 1
    assert day.turnout_reports() == [report]
    body = day.signed_turnout()
    signed = {k: body[k] for k in ("election", "station", "reports")}
    public = day._meta["station"]["station_key"]["public"]
    assert package.signature_valid(public, package.canonical_json(signed), body["signature"])


def test_simultaneous_presses_on_the_ballot_unit_record_one_vote(st: Synthetic) -> None:
    with StationDay.open(st.data_dir) as day:
        open_station(day)
        checkin = day.check_in("PO1", "SIM0000004", "epic", "SIM0000004")
        ballot = day.enable_ballot("PO3", day.register("PO2", checkin, True, "thumb")["slip"], True)
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def press(choice: int) -> None:
        with StationDay.open(st.data_dir) as d:
            barrier.wait()
            try:
                d.cast(ballot, "SIM-1", choice)
                outcomes.append("ok")
            except StationError as exc:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=press, args=(1 + i % 5,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already_cast"] * 9 + ["ok"]
    with StationDay.open(st.data_dir) as day:
        assert day.counts()["contests"][0]["total"] == 1
        assert day.info()["counts"]["paper"] == 1 and day.pending_ballot() is None


def test_info_and_event_pages(day: StationDay) -> None:
    open_station(day)
    vote(day, "SIM0000001")
    info = day.info()
    assert info["phase"] == "open" and info["station"]["id"] == 999001
    assert info["counts"] == {"electors": 30, "checked_in": 1, "voters_17a": 1, "votes": 1,
                              "left": 0, "tendered": 0, "mock_votes": 0, "paper": 1}  # fmt: skip
    assert [d["code"] for d in info["id_documents"]] == ["epic", "aadhaar", "passport", "pan"]
    first = day.events(0, 3)
    assert [e["seq"] for e in first] == [1, 2, 3]
    assert [e["seq"] for e in day.events(3, 2)] == [4, 5]
    kinds = [e["kind"] for e in day.events(0, 1000)]
    assert kinds[:3] == ["package_loaded", "mock_poll_started", "mock_poll_cleared"]
    assert kinds[-6:] == ["poll_opened", "checkpoint", "checked_in", "registered",
                          "ballot_enabled", "vote_recorded"]  # fmt: skip
