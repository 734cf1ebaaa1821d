"""Central keys of the polling-station app.

* The returning officer's Ed25519 signing key (``SigningKey``), one per election and unit,
  created on first use. Its private half is stored encrypted with Fernet under a key derived
  from ``SECRET_KEY`` by HKDF-SHA256, so a copy of the database alone cannot sign packages.
* The station key (``StationKey``) issued at commissioning: a fresh key pair whose public half is
  kept here and whose private half leaves only inside the station package. Commissioning again
  revokes the current key (results signed with it are then refused at ingest). Both audited.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from nirvachan.core.audit import audit_record
from nirvachan.core.models import AdminUnit, User
from nirvachan.elections.models import Election
from nirvachan.roll.models import PollingStation
from nirvachan.station import events, package
from nirvachan.station.models import SigningKey, StationKey


@cache
def _fernet(secret: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"nirvachan-station",
        info=b"returning officer signing keys v1",
    ).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt_private(private_hex: str) -> str:
    return _fernet(settings.SECRET_KEY).encrypt(private_hex.encode()).decode()


def decrypt_private(token: str) -> str:
    try:
        return _fernet(settings.SECRET_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise RuntimeError(
            "The returning officer's signing key cannot be decrypted with this SECRET_KEY."
        ) from exc


def signing_key_for(
    *, election: Election, unit: AdminUnit, actor: User | None = None
) -> tuple[SigningKey, str]:
    """(the SigningKey row, its private key hex), creating the key on first use."""
    existing = SigningKey.objects.filter(election=election, unit=unit).first()
    if existing is not None:
        return existing, decrypt_private(existing.private_key_encrypted)
    pair = package.new_key_pair()
    try:
        with transaction.atomic():
            row = SigningKey.objects.create(
                election=election,
                unit=unit,
                public_key=pair.public_hex,
                private_key_encrypted=encrypt_private(pair.private_hex),
                created_by=actor,
            )
            audit_record(
                event_type=events.SIGNING_KEY_CREATED,
                actor=actor,
                obj=row,
                summary={
                    "election": election.code,
                    "unit": unit.code,
                    "fingerprint": package.fingerprint(pair.public_hex),
                },
            )
    except IntegrityError:  # created concurrently: use the one that won
        row = SigningKey.objects.get(election=election, unit=unit)
        return row, decrypt_private(row.private_key_encrypted)
    return row, pair.private_hex


def trusted_signing_keys() -> frozenset[str]:
    return frozenset(SigningKey.objects.values_list("public_key", flat=True))


def station_commission(
    *, election: Election, station: PollingStation, actor: User | None = None
) -> tuple[StationKey, package.KeyPair]:
    """Issue a new key pair to the station, revoking its current key. Call inside a transaction
    (the package builder does)."""
    now = timezone.now()
    current = list(
        StationKey.objects.select_for_update().filter(
            election=election, polling_station=station, revoked_at__isnull=True
        )
    )
    for old in current:
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
        audit_record(
            event_type=events.STATION_KEY_REVOKED,
            actor=actor,
            obj=old,
            summary={"station": station.pk, "fingerprint": package.fingerprint(old.public_key)},
        )
    pair = package.new_key_pair()
    key = StationKey.objects.create(
        election=election, polling_station=station, public_key=pair.public_hex, issued_by=actor
    )
    audit_record(
        event_type=events.STATION_COMMISSIONED,
        actor=actor,
        obj=key,
        summary={
            "election": election.code,
            "station": station.pk,
            "fingerprint": package.fingerprint(pair.public_hex),
            "revoked": len(current),
        },
    )
    return key, pair


def current_station_key(*, election: Election, station: PollingStation) -> StationKey | None:
    return StationKey.objects.filter(
        election=election, polling_station=station, revoked_at__isnull=True
    ).first()
