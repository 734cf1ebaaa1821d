"""`nirvachan station verify` and `simulate` on the station side (no central database needed)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from nirvachan.station import package
from nirvachan.station.result import verify_result
from nirvachan.station.simulate import simulate


@pytest.fixture(scope="module")
def result_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real result package of a small simulated day (without the PDF, to keep it small)."""
    data_dir = tmp_path_factory.mktemp("verify") / "station"
    summary = simulate(data_dir, 6, 5, pdf=False)
    return Path(summary["package"])


def _verify(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("station", "verify", str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_verify_accepts_the_intact_package(result_zip: Path) -> None:
    code, out, err = _verify(result_zip)
    assert (code, err) == (0, "") and out.startswith("OK: ") and "station 999001" in out


def test_every_single_byte_change_is_refused(result_zip: Path) -> None:
    data = result_zip.read_bytes()
    accepted = []
    for position in range(len(data)):
        for flip in (0x01, 0x80):
            changed = bytearray(data)
            changed[position] ^= flip
            try:
                verify_result(bytes(changed))
            except package.PackageError:
                continue
            accepted.append((position, flip))
    assert accepted == [], f"{len(accepted)} changed packages accepted, first {accepted[:5]}"


def test_verify_exits_1_with_one_line_naming_the_failure(result_zip: Path, tmp_path: Path) -> None:
    data = bytearray(result_zip.read_bytes())
    start = data.index(b'{"contests"')  # inside counts.json
    data[start + 20] ^= 0x01
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    code, out, err = _verify(bad)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("REFUSED (")
    code, _out, err = _verify(tmp_path / "missing.zip")
    assert code == 1 and "unreadable" in err


def test_verify_refuses_a_package_re_signed_over_a_broken_log(
    result_zip: Path, tmp_path: Path
) -> None:
    """Integrity beyond the signature: a station key holder who edits the log and re-signs."""
    pkg = package.read(result_zip.read_bytes(), package.KIND_RESULT)
    lines = pkg.members["events.jsonl"].decode().splitlines()
    event = json.loads(lines[3])
    event["data"]["officer"] = "someone else"
    lines[3] = json.dumps(event)
    members = {**pkg.members, "events.jsonl": ("\n".join(lines) + "\n").encode()}
    header = {
        k: v for k, v in pkg.manifest.items() if k not in ("kind", "format", "signer", "files")
    }
    key = package.new_key_pair()
    with pytest.raises(package.PackageError) as exc:
        verify_result(package.build(package.KIND_RESULT, header, members, key.private_hex))
    assert exc.value.code == "log_broken"


def test_verify_real_process_exit_codes(result_zip: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NIRVACHAN_DATA_DIR": str(tmp_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "nirvachan", "station", "verify", str(result_zip)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    data = bytearray(result_zip.read_bytes())
    data[-30] ^= 0x04
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    refused = subprocess.run(
        [sys.executable, "-m", "nirvachan", "station", "verify", str(bad)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("REFUSED")


def test_simulate_command_builds_a_station_and_prints_the_package(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("station", "simulate", "--data-dir", str(tmp_path / "d"), "--voters", "40",
                 "--seed", "9", stdout=out)  # fmt: skip
    first, second = out.getvalue().splitlines()[:2]
    assert first.endswith("result-999001.zip") and Path(first).exists()
    summary = json.loads(second)
    form = summary["form17c"]
    assert form["electors"] == 40 and form["voters_17a"] == 40
    assert form["votes_recorded"] + form["left_without_voting"] == 40
    assert form["test_votes_cleared"] >= 50 and summary["log_ok"] is True
    assert summary["counts"]["contests"][0]["total"] == form["votes_recorded"]
    code, _o, _e = _verify(Path(first))
    assert code == 0
    pkg = package.read(Path(first).read_bytes(), package.KIND_RESULT)
    assert pkg.members["form17c.pdf"].startswith(b"%PDF")
    # the same seed gives the same choices
    again = io.StringIO()
    call_command("station", "simulate", "--data-dir", str(tmp_path / "e"), "--voters", "40",
                 "--seed", "9", "--no-pdf", stdout=again)  # fmt: skip
    assert json.loads(again.getvalue().splitlines()[1])["counts"] == summary["counts"]


def test_a_package_re_signed_by_another_key_fails_its_checkpoints(result_zip: Path) -> None:
    pkg = package.read(result_zip.read_bytes(), package.KIND_RESULT)
    header = {
        k: v for k, v in pkg.manifest.items() if k not in ("kind", "format", "signer", "files")
    }
    other = package.new_key_pair()
    with pytest.raises(package.PackageError) as exc:
        verify_result(package.build(package.KIND_RESULT, header, pkg.members, other.private_hex))
    assert exc.value.code == "bad_checkpoint"
    trusted = frozenset({pkg.signer})
    assert verify_result(result_zip.read_bytes(), trusted)["events"] > 0
    with pytest.raises(package.PackageError) as exc:
        verify_result(result_zip.read_bytes(), frozenset({other.public_hex}))
    assert exc.value.code == "untrusted_signer"
