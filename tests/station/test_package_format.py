"""The signed package format shared by the station and the counting centre (station/package.py)."""

from __future__ import annotations

import io
import zipfile

import pytest

from nirvachan.station import package as pkg


@pytest.fixture(scope="module")
def key() -> pkg.KeyPair:
    return pkg.new_key_pair()


def _build(key: pkg.KeyPair, **members: bytes) -> bytes:
    header = {"election": "LS2019", "station": {"id": 7, "constituency": "IN-AC-1", "number": 3}}
    files = members or {"counts.json": b'{"contests":[]}', "events.jsonl": b'{"seq":1}\n' * 20}
    return pkg.build(pkg.KIND_RESULT, header, files, key.private_hex)


def test_round_trip_keeps_header_members_and_signer(key: pkg.KeyPair) -> None:
    data = _build(key)
    opened = pkg.read(data, pkg.KIND_RESULT, frozenset({key.public_hex}))
    assert opened.manifest["election"] == "LS2019"
    assert opened.manifest["station"]["number"] == 3
    assert opened.signer == key.public_hex
    assert opened.json("counts.json") == {"contests": []}
    assert opened.digest == pkg.sha256_hex(data)


def test_the_archive_is_a_function_of_its_content(key: pkg.KeyPair) -> None:
    assert _build(key) == _build(key)


def test_every_single_byte_change_is_refused(key: pkg.KeyPair) -> None:
    data = _build(key)
    accepted = []
    for i in range(len(data)):
        changed = bytearray(data)
        changed[i] ^= 0x01
        try:
            pkg.read(bytes(changed), pkg.KIND_RESULT, frozenset({key.public_hex}))
        except pkg.PackageError:
            continue
        accepted.append(i)
    assert accepted == []


def test_a_key_that_is_not_trusted_is_named(key: pkg.KeyPair) -> None:
    other = pkg.new_key_pair()
    with pytest.raises(pkg.PackageError) as caught:
        pkg.read(_build(key), pkg.KIND_RESULT, frozenset({other.public_hex}))
    assert caught.value.code == "untrusted_signer"
    assert pkg.fingerprint(key.public_hex) in caught.value.message


def test_the_wrong_kind_is_refused_before_the_content_is_used(key: pkg.KeyPair) -> None:
    with pytest.raises(pkg.PackageError) as caught:
        pkg.read(_build(key), pkg.KIND_STATION)
    assert caught.value.code == "wrong_kind"


def test_a_rebuilt_archive_with_a_changed_member_fails_its_hash(key: pkg.KeyPair) -> None:
    data = _build(key)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "counts.json":
                body = b'{"contests":[1]}'
            dst.writestr(info, body)
    with pytest.raises(pkg.PackageError) as caught:
        pkg.read(out.getvalue(), pkg.KIND_RESULT)
    assert caught.value.code == "hash_mismatch"
    assert caught.value.details == {"name": "counts.json"}


def test_a_re_signed_manifest_by_another_key_is_untrusted(key: pkg.KeyPair) -> None:
    forger = pkg.new_key_pair()
    forged = pkg.build(
        pkg.KIND_RESULT, {"election": "LS2019"}, {"counts.json": b"{}"}, forger.private_hex
    )
    assert pkg.read(forged, pkg.KIND_RESULT).signer == forger.public_hex  # intact on its own
    with pytest.raises(pkg.PackageError) as caught:
        pkg.read(forged, pkg.KIND_RESULT, frozenset({key.public_hex}))
    assert caught.value.code == "untrusted_signer"


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04" + b"\x00" * 40])
def test_garbage_is_not_a_package(data: bytes) -> None:
    with pytest.raises(pkg.PackageError) as caught:
        pkg.read(data, pkg.KIND_RESULT)
    assert caught.value.code == "not_a_package"


def test_member_names_that_could_escape_are_refused(key: pkg.KeyPair) -> None:
    with pytest.raises(pkg.PackageError):
        pkg.build(pkg.KIND_RESULT, {}, {"../x": b""}, key.private_hex)
    with pytest.raises(pkg.PackageError):
        pkg.build(pkg.KIND_RESULT, {}, {pkg.MANIFEST: b""}, key.private_hex)
