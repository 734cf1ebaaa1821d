"""Central side of the station app: commissioning, the station package, keys, the CLI's central
subcommands and `POST /api/v1/turnout`."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.station import keys, package
from nirvachan.station.day import StationDay, StationError, init_station
from nirvachan.station.models import SigningKey, StationKey, TurnoutReport
from tests.factories import Geo
from tests.station.factories import Central, make_central, open_station, vote


@pytest.fixture
def central(geo: Geo) -> Central:
    return make_central(geo)


def _cli(*args: str) -> str:
    out = io.StringIO()
    call_command("station", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _package(central: Central, tmp_path: Path, name: str = "p.zip") -> Path:
    out = tmp_path / name
    _cli("package", "--station", str(central.station.pk), "--out", str(out),
         "--election", central.ls.election.code)  # fmt: skip
    return out


@pytest.mark.django_db
def test_list_shows_stations_served_by_the_election(central: Central) -> None:
    rows = json.loads(_cli("list", "--format", "json", "--election", "ls2019"))
    assert rows == [{"id": central.station.pk, "constituency": "IN-UP-AC-390",
                     "parent": "IN-UP-PC-VARANASI", "number": 17,
                     "name": "Primary School, Room 1", "electors": 12}]  # fmt: skip
    everything = json.loads(_cli("list", "--format", "json"))
    assert {r["id"] for r in everything} == {central.station.pk, central.other_station.pk}
    assert "Primary School" in _cli("list")
    with pytest.raises(CommandError, match="nope"):
        _cli("list", "--election", "nope")


@pytest.mark.django_db
def test_package_holds_roll_ballot_keys_and_is_signed_by_the_ro(
    central: Central, tmp_path: Path
) -> None:
    data = _package(central, tmp_path).read_bytes()
    signing = SigningKey.objects.get()
    pkg = package.read(data, package.KIND_STATION, frozenset({signing.public_key}))
    assert pkg.manifest["election"] == "ls2019"
    assert pkg.manifest["station"] == {"id": central.station.pk, "constituency": "IN-UP-AC-390",
                                       "number": 17, "name": "Primary School, Room 1"}  # fmt: skip
    roll = pkg.json("roll.json")
    assert [e["serial"] for e in roll] == list(range(1, 13))  # the deleted elector is not sent
    assert roll[0]["key"] == "UPV0000001" and roll[0]["age"] is not None
    (ballot,) = pkg.json("ballots.json")
    assert ballot["contest"] == "IN-UP-PC-VARANASI" and ballot["nota"] is True
    # ballot order: recognised parties by Hindi name (अजय, नरेंद्र, शालिनी), serials 1..3
    assert [c["name_en"] for c in ballot["candidates"]] == [
        "Ajay Rai", "Narendra Modi", "Shalini Yadav"]  # fmt: skip
    assert [c["serial"] for c in ballot["candidates"]] == [1, 2, 3]
    assert ballot["candidates"][1]["party"]["abbreviation"] == "BJP"
    assert ballot["candidates"][1]["symbol"]["code"] == "lotus"
    doc = pkg.json("station.json")
    assert doc["station"]["language"] == "hi" and doc["election"]["poll_date"] == "2019-05-19"
    assert doc["election"]["hours"] == {"open": "07:00", "close": "18:00"}
    assert "epic" in doc["election"]["id_documents"]
    assert doc["ro_key"]["public"] == signing.public_key == pkg.signer
    current = StationKey.objects.get(revoked_at__isnull=True)
    assert doc["station_key"]["public"] == current.public_key
    # the RO's private key is stored encrypted, never in clear
    private = keys.decrypt_private(signing.private_key_encrypted)
    assert private not in signing.private_key_encrypted
    assert package.public_hex_of(package.private_key(private)) == signing.public_key
    types = list(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"station.signing_key_created", "station.commissioned", "station.package_built"} <= set(
        types
    )


@pytest.mark.django_db
def test_recommissioning_revokes_the_old_key_and_reuses_the_ro_key(
    central: Central, tmp_path: Path
) -> None:
    first = package.read(_package(central, tmp_path, "a.zip").read_bytes(), package.KIND_STATION)
    second = package.read(_package(central, tmp_path, "b.zip").read_bytes(), package.KIND_STATION)
    assert first.signer == second.signer and SigningKey.objects.count() == 1
    old = first.json("station.json")["station_key"]["public"]
    new = second.json("station.json")["station_key"]["public"]
    assert StationKey.objects.get(public_key=old).revoked_at is not None
    assert StationKey.objects.get(public_key=new).revoked_at is None
    assert AuditEvent.objects.filter(event_type="station.key_revoked").count() == 1


@pytest.mark.django_db
def test_package_of_a_station_the_election_does_not_serve_is_refused(
    central: Central, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="no contest"):
        _cli("package", "--station", str(central.other_station.pk), "--out",
             str(tmp_path / "x.zip"), "--election", "ls2019")  # fmt: skip
    with pytest.raises(CommandError, match="123456"):
        _cli("package", "--station", "123456", "--out", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists() and not StationKey.objects.exists()


@pytest.mark.django_db
def test_init_trusts_central_keys_and_refuses_foreign_and_tampered(
    central: Central, tmp_path: Path
) -> None:
    path = _package(central, tmp_path)
    out = _cli("init", str(path), "--data-dir", str(tmp_path / "ok"))
    assert "presiding" in out and "po3" in out
    with StationDay.open(tmp_path / "ok") as day:
        assert day.info()["counts"]["electors"] == 12 and day.language == "hi"
    foreign = package.new_key_pair().public_hex
    with pytest.raises(CommandError, match="not trusted"):
        _cli("init", str(path), "--data-dir", str(tmp_path / "f"), "--trust", foreign)
    data = bytearray(path.read_bytes())
    data[200] ^= 0x20
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="refused"):
        _cli("init", str(bad), "--data-dir", str(tmp_path / "b"))
    assert not (tmp_path / "f" / "station.sqlite3").exists()
    assert not (tmp_path / "b" / "station.sqlite3").exists()
    # a package signed by an RO key made elsewhere (not in this database) is foreign
    from nirvachan.station.simulate import synthetic_package

    other, _ro = synthetic_package(3, 1)
    with pytest.raises(StationError) as exc:
        init_station(other, tmp_path / "o", keys.trusted_signing_keys())
    assert exc.value.details["reason"] == "untrusted_signer"


def _signed_turnout(central: Central, tmp_path: Path) -> tuple[dict[str, object], Path]:
    path = _package(central, tmp_path)
    init_station(path.read_bytes(), tmp_path / "st", keys.trusted_signing_keys())
    ticks = itertools.count()
    start = dt.datetime(2019, 5, 19, 7, 0, tzinfo=dt.UTC)
    clock = lambda: start + dt.timedelta(minutes=next(ticks))  # noqa: E731
    with StationDay.open(tmp_path / "st", clock=clock) as day:
        open_station(day)
        vote(day, "UPV0000001")
        day.turnout_report("PrO")
        vote(day, "UPV0000002")
        day.turnout_report("PrO")
        return day.signed_turnout(), tmp_path / "st"


@pytest.mark.django_db
def test_turnout_post_is_verified_stored_and_idempotent(central: Central, tmp_path: Path) -> None:
    body, _dir = _signed_turnout(central, tmp_path)
    client = Client()
    response = client.post("/api/v1/turnout", body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"stored": 2, "already": 0}
    assert list(TurnoutReport.objects.order_by("at").values_list("voters", flat=True)) == [1, 2]
    again = client.post("/api/v1/turnout", body, content_type="application/json")
    assert again.json() == {"stored": 0, "already": 2} and TurnoutReport.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="station.turnout_received").count() == 1


@pytest.mark.django_db
def test_turnout_with_a_bad_signature_or_revoked_key_is_403(
    central: Central, tmp_path: Path
) -> None:
    body, _dir = _signed_turnout(central, tmp_path)
    client = Client()
    changed = {**body, "reports": [{"at": "2019-05-19T09:00:00+05:30", "voters": 999}]}
    response = client.post("/api/v1/turnout", changed, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "bad_signature"
    malformed = {**body, "reports": "x"}
    assert (
        client.post("/api/v1/turnout", malformed, content_type="application/json").status_code
        == 422
    )
    _package(central, tmp_path, "again.zip")  # re-commissioning revokes the key that signed
    response = client.post("/api/v1/turnout", body, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "bad_signature"
    assert not TurnoutReport.objects.exists()
    response = client.post(
        "/api/v1/turnout", {**body, "station": central.other_station.pk},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403 and response.json()["code"] == "station_no_key"


def _sign_reports(central: Central, tmp_path: Path, reports: list[dict[str, object]]) -> dict:
    """A turnout body signed with the station's own key (taken from its package)."""
    from nirvachan.station import package

    opened = package.read((tmp_path / "p.zip").read_bytes(), package.KIND_STATION)
    private = opened.json("station.json")["station_key"]["private"]
    body = {"election": central.ls.election.code, "station": central.station.pk}
    signed = package.canonical_json({**body, "reports": reports})
    return {**body, "reports": reports, "signature": package.sign(private, signed)}


@pytest.mark.django_db
def test_turnout_refuses_impossible_dates_too_many_reports_and_a_changed_figure(
    central: Central, tmp_path: Path
) -> None:
    _signed_turnout(central, tmp_path)
    client = Client()

    def post(reports: list[dict[str, object]]) -> Any:
        body = _sign_reports(central, tmp_path, reports)
        return client.post("/api/v1/turnout", body, content_type="application/json")

    bad_date = post([{"at": "2019-02-30T09:00:00+05:30", "voters": 3}])
    assert bad_date.status_code == 422 and bad_date.json()["details"]["row"] == 1
    many = post([{"at": f"2019-05-19T09:{m:02d}:00+05:30", "voters": m} for m in range(49)])
    assert many.status_code == 422 and many.json()["details"]["field"] == "reports"
    assert not TurnoutReport.objects.exists()
    first = post([{"at": "2019-05-19T09:00:00+05:30", "voters": 40}])
    assert first.status_code == 200
    changed = post([{"at": "2019-05-19T09:00:00+05:30", "voters": 41}])
    assert changed.status_code == 409 and changed.json()["code"] == "turnout_conflict"
    assert list(TurnoutReport.objects.values_list("voters", flat=True)) == [40]
