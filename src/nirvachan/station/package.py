"""Signed packages that travel between the returning officer and a polling station.

Pure (no Django): used by the central side (`station package`, `results ingest`) and by the
station device (`station init`, close of poll, `station verify`).

A package is a zip archive holding named member files, a ``manifest.json`` that lists every
other member with its SHA-256 and says what the package is, and ``manifest.sig``: the Ed25519
signature (hex) of the exact bytes of ``manifest.json``. Verification checks, in this order:
the archive reads, the manifest parses and has the expected kind, every listed member is present
with its hash and no member is unlisted, and the signature is valid for the public key the
caller trusts. Each failure raises :class:`PackageError` with a code saying which.

Two kinds exist (``manifest["kind"]``):

``station-package``  built by the returning officer, signed with the RO key:
    ``roll.json``, ``ballots.json``, ``station.json`` (identity, election, station key pair).
``station-result``   built by the station at close of poll, signed with the station key:
    ``form17c.json``, ``counts.json``, ``paper.json``, ``events.jsonl``, ``turnout.json``
    and optionally ``form17c.pdf``.

Both manifests carry ``election`` (the election code) and ``station`` (an object with the
central polling-station ``id``, ``constituency`` code and ``number``) so that a package of another
election or station is refused by name, before any content is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

FORMAT: Final = 1
MANIFEST: Final = "manifest.json"
SIGNATURE: Final = "manifest.sig"
KIND_STATION: Final = "station-package"
KIND_RESULT: Final = "station-result"
# A station package of a large part roll is a few MB; refuse anything absurd before unzipping.
MAX_MEMBER_BYTES: Final = 256 * 1024 * 1024
# What zipfile raises on damaged input: a flipped flag bit claims encryption (RuntimeError), a
# flipped method byte an unknown compression (NotImplementedError), bad deflate data zlib.error.
_READ_ERRORS: Final = (
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
)


class PackageError(Exception):
    """A package that must be refused. ``code`` is stable; ``message`` names what failed."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True, slots=True)
class KeyPair:
    private_hex: str
    public_hex: str


def new_key_pair() -> KeyPair:
    key = Ed25519PrivateKey.generate()
    return KeyPair(private_hex=_private_hex(key), public_hex=public_hex_of(key))


def public_hex_of(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return raw.hex()


def _private_hex(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return raw.hex()


def private_key(private_hex: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    except ValueError as exc:
        raise PackageError("bad_key", "The private key is not a 32-byte Ed25519 key.") from exc


def public_key(public_hex: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except ValueError as exc:
        raise PackageError("bad_key", "The public key is not a 32-byte Ed25519 key.") from exc


def fingerprint(public_hex: str) -> str:
    """Short, speakable identity of a public key (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]


def sign(private_hex: str, data: bytes) -> str:
    return private_key(private_hex).sign(data).hex()


def signature_valid(public_hex: str, data: bytes, signature_hex: str) -> bool:
    try:
        public_key(public_hex).verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def canonical_json(value: Any) -> bytes:
    """The one JSON spelling that is hashed and signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(
    kind: str,
    header: Mapping[str, Any],
    members: Mapping[str, bytes],
    signing_key_hex: str,
) -> bytes:
    """The bytes of a signed package zip. ``header`` goes into the manifest beside ``kind``,
    ``format``, ``files`` and ``signer`` (the public key of ``signing_key_hex``)."""
    for name in members:
        if name in (MANIFEST, SIGNATURE) or "/" in name or name.startswith("."):
            raise PackageError("bad_member", f"Member name {name!r} is not allowed.", name=name)
    signer = public_hex_of(private_key(signing_key_hex))
    manifest = {
        **header,
        "kind": kind,
        "format": FORMAT,
        "signer": signer,
        "files": {name: sha256_hex(data) for name, data in sorted(members.items())},
    }
    manifest_bytes = canonical_json(manifest)
    signature = sign(signing_key_hex, manifest_bytes).encode()
    return _archive(manifest_bytes, members, signature)


def _archive(manifest_bytes: bytes, members: Mapping[str, bytes], signature: bytes) -> bytes:
    """The one byte layout of a package: stored (uncompressed) members in a fixed order with
    fixed timestamps, so the archive is a function of its content and any other byte is a change
    that :func:`read` detects by rebuilding it."""
    out = io.BytesIO()
    entries = [(MANIFEST, manifest_bytes), *sorted(members.items()), (SIGNATURE, signature)]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Package:
    manifest: dict[str, Any]
    members: dict[str, bytes]
    digest: str  # SHA-256 of the whole archive: the same package twice has the same digest

    @property
    def signer(self) -> str:
        return str(self.manifest["signer"])

    def json(self, name: str) -> Any:
        try:
            return json.loads(self.members[name])
        except KeyError as exc:
            raise PackageError("missing_member", f"The package has no {name}.", name=name) from exc
        except ValueError as exc:
            raise PackageError("bad_member", f"{name} is not valid JSON.", name=name) from exc


def read(data: bytes, kind: str, trusted_keys: frozenset[str] | None = None) -> Package:
    """Open and verify a package.

    ``trusted_keys``: public keys (hex) allowed to have signed it; ``None`` accepts the signer the
    manifest names (integrity only: the caller must then check that key itself, as ingest does
    against the key issued to the station).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except _READ_ERRORS as exc:
        message = "The file is not a package (not a readable zip)."
        raise PackageError("not_a_package", message) from exc
    if len(set(names)) != len(names):
        raise PackageError("duplicate_member", "The package holds a file twice.")
    for required in (MANIFEST, SIGNATURE):
        if required not in names:
            raise PackageError("missing_member", f"The package has no {required}.", name=required)
    members: dict[str, bytes] = {}
    try:
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES:
                name = info.filename
                raise PackageError("too_large", f"{name} is too large.", name=name)
            members[info.filename] = archive.read(info)
    except _READ_ERRORS as exc:
        # A changed byte inside a member fails its CRC here.
        message = "The package is damaged (a file fails its checksum)."
        raise PackageError("corrupt", message) from exc
    manifest_bytes = members.pop(MANIFEST)
    signature = members.pop(SIGNATURE)
    signature_hex = signature.decode("ascii", "replace").strip()
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise PackageError("bad_manifest", "manifest.json is not valid JSON.") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise PackageError("bad_manifest", "manifest.json does not list the package's files.")
    if manifest.get("format") != FORMAT:
        raise PackageError("bad_format", f"Unknown package format {manifest.get('format')!r}.")
    if manifest.get("kind") != kind:
        raise PackageError(
            "wrong_kind", f"This is a {manifest.get('kind')!r}, not a {kind!r}.", kind=kind
        )
    listed: dict[str, Any] = manifest["files"]
    for name in sorted(set(members) - set(listed)):
        raise PackageError("unlisted_member", f"{name} is not in the manifest.", name=name)
    for name, expected in sorted(listed.items()):
        if name not in members:
            raise PackageError("missing_member", f"The package has no {name}.", name=name)
        if sha256_hex(members[name]) != expected:
            raise PackageError("hash_mismatch", f"{name} does not match its hash.", name=name)
    signer = manifest.get("signer")
    if not isinstance(signer, str):
        raise PackageError("bad_manifest", "manifest.json does not name its signer.")
    if not signature_valid(signer, manifest_bytes, signature_hex):
        raise PackageError("bad_signature", "The signature does not match the manifest.")
    if trusted_keys is not None and signer not in trusted_keys:
        raise PackageError(
            "untrusted_signer",
            f"The package is signed by key {fingerprint(signer)}, which is not trusted here.",
            fingerprint=fingerprint(signer),
        )
    if _archive(manifest_bytes, members, signature) != data:
        raise PackageError(
            "altered_archive",
            "The archive has been altered outside its files (its layout is not the one signed).",
        )
    return Package(manifest=manifest, members=members, digest=sha256_hex(data))
