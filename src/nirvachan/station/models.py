"""Central tables of the polling-station app: the keys issued for an election.

The station device itself keeps its own SQLite database (``store.py``), not these tables.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nirvachan.core.models import AdminUnit, User
from nirvachan.elections.models import Election
from nirvachan.roll.models import PollingStation


class SigningKey(models.Model):
    """The returning officer's Ed25519 key for an election and unit; signs station packages.

    The private half is kept encrypted with a key derived from SECRET_KEY (``keys.py``)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    public_key = models.CharField(_("public key"), max_length=64, unique=True)
    private_key_encrypted = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "unit"], name="station_signing_key_once")
        ]
        verbose_name = _("returning officer's signing key")

    def __str__(self) -> str:
        return f"{self.election_id}/{self.unit_id}: {self.public_key[:16]}"


class StationKey(models.Model):
    """The key pair issued to one polling station for one election at commissioning.

    Only the public half is kept centrally; the private half leaves in the station package.
    Re-commissioning revokes the previous key (results signed with it are then refused)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    polling_station = models.ForeignKey(
        PollingStation, on_delete=models.PROTECT, related_name="station_keys"
    )
    public_key = models.CharField(_("public key"), max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "polling_station", "-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "polling_station"],
                condition=Q(revoked_at__isnull=True),
                name="station_key_one_current",
            )
        ]
        verbose_name = _("station key")

    def __str__(self) -> str:
        return f"{self.election_id}/{self.polling_station_id}: {self.public_key[:16]}"


class TurnoutReport(models.Model):
    """A presiding officer's turnout report as posted by the station (``POST /api/v1/turnout``),
    verified against the station's current key. Shown on poll day at /station/turnout/<election>/
    and by ``GET /api/v1/turnout`` (selectors.turnout_overview)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    polling_station = models.ForeignKey(
        PollingStation, on_delete=models.PROTECT, related_name="turnout_reports"
    )
    station_key = models.ForeignKey(StationKey, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time of the report"))
    voters = models.PositiveIntegerField(_("voters so far"))
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election", "polling_station", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "polling_station", "at"], name="station_turnout_once"
            )
        ]
        verbose_name = _("turnout report")

    def __str__(self) -> str:
        return f"{self.polling_station_id} {self.at:%H:%M}: {self.voters}"
