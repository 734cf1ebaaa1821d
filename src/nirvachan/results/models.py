"""Tables of the results app: counting rounds, station returns and their vote counts (per
station, candidate or NOTA, general or postal), lots, VVPAT draws and paper checks.

No logic lives here beyond constraints (DESIGN.md, convention 4): writes are in services.py,
reads in selectors.py; tallying is the pure module tally.py.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.models import User
from nirvachan.elections.models import Contest, Election, Nomination
from nirvachan.roll.models import PollingStation
from nirvachan.station.models import StationKey


class CountingRound(models.Model):
    """One round of counting of a contest: up to `tables` stations, counted at once; its totals
    are approved and then published by the returning officer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Counting")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    tables = models.PositiveSmallIntegerField(_("tables"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="results_round_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, tables__gte=1), name="results_round_positive"
            ),
        ]
        verbose_name = _("counting round")
        verbose_name_plural = _("counting rounds")

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.number}"


class StationReturn(models.Model):
    """The result of one polling station (or paper-ballot centre) of a contest.

    Number 0 stands for imported constituency totals (`results import-csv`). Stations are
    numbered within their assembly segment (`segment`: the AC code for ingested packages)."""

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="station_returns")
    round = models.ForeignKey(CountingRound, on_delete=models.PROTECT, related_name="stations")
    number = models.PositiveIntegerField(_("station"))
    segment = models.CharField(_("assembly segment"), max_length=60, blank=True)
    voters_17a = models.PositiveIntegerField(_("voters in Form 17A"), null=True, blank=True)
    # Form 17C: voters who signed Form 17A but left without voting, and the votes the machine
    # recorded (station packages; empty for hand-entered results).
    left_without_voting = models.PositiveIntegerField(
        _("left without voting"), null=True, blank=True
    )
    votes_recorded = models.PositiveIntegerField(_("votes recorded"), null=True, blank=True)
    paper_count = models.PositiveIntegerField(_("paper records"), null=True, blank=True)
    electors = models.PositiveIntegerField(
        pgettext_lazy("number of electors", "electors"), null=True, blank=True
    )
    # sha256 of the canonical counts: the same return twice is idempotent, another conflicts.
    digest = models.CharField(max_length=64)
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contest", "number"]
        constraints = [
            # A parliamentary contest numbers stations per assembly segment.
            models.UniqueConstraint(
                fields=["contest", "segment", "number"], name="results_station_once"
            ),
        ]
        verbose_name = _("station result")
        verbose_name_plural = _("station results")

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.number}"


class VoteCount(models.Model):
    """Votes for one candidate (or NOTA, nomination empty) at one station, or postal votes of
    the constituency (station empty)."""

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="vote_counts")
    station = models.ForeignKey(
        StationReturn, on_delete=models.CASCADE, null=True, blank=True, related_name="counts"
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="vote_counts"
    )
    votes = models.PositiveIntegerField(_("votes"))
    postal = models.BooleanField(_("postal"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(postal=True, station__isnull=True)
                | Q(postal=False, station__isnull=False),
                name="results_count_postal_no_station",
            ),
            models.UniqueConstraint(
                fields=["station", "nomination"],
                condition=Q(station__isnull=False, nomination__isnull=False),
                name="results_count_station_candidate",
            ),
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(station__isnull=False, nomination__isnull=True),
                name="results_count_station_nota",
            ),
            models.UniqueConstraint(
                fields=["contest", "nomination"],
                condition=Q(postal=True, nomination__isnull=False),
                name="results_count_postal_candidate",
            ),
            models.UniqueConstraint(
                fields=["contest"],
                condition=Q(postal=True, nomination__isnull=True),
                name="results_count_postal_nota",
            ),
        ]
        verbose_name = _("vote count")
        verbose_name_plural = _("vote counts")

    def __str__(self) -> str:
        return f"{self.nomination_id or 'NOTA'}: {self.votes}"


class SheetEntry(models.Model):
    """Paper-ballot elections: one operator's entry of a centre's result sheet. Two operators
    enter each sheet; it counts only when both agree or the returning officer resolves it."""

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="sheet_entries")
    centre = models.PositiveIntegerField(_("centre"))
    slot = models.PositiveSmallIntegerField(_("entry"))
    counts = models.JSONField(_("counts"))
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contest", "centre", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "centre", "slot"], name="results_sheet_slot"
            ),
            models.CheckConstraint(condition=Q(slot__in=[1, 2]), name="results_sheet_slot_12"),
        ]
        verbose_name = _("result sheet entry")
        verbose_name_plural = _("result sheet entries")

    def __str__(self) -> str:
        return f"{self.centre} · {self.slot}"


class Lot(models.Model):
    """The order of precedence decided by lot among tied candidates of a contest."""

    class Method(models.TextChoices):
        RECORDED = "recorded", _("Lot drawn and recorded by the returning officer")
        SEEDED = "seeded", _("Seeded draw (reproducible)")

    contest = models.OneToOneField(Contest, on_delete=models.PROTECT, related_name="lot")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    order = models.JSONField(_("order"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(method="recorded") | ~Q(seed=""), name="results_lot_seeded_seed"
            )
        ]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.method}"


class VvpatDraw(models.Model):
    """The 5 stations of an assembly segment drawn for the VVPAT slip count."""

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="vvpat_draws")
    segment = models.CharField(_("assembly segment"), max_length=60)
    seed = models.CharField(_("seed"), max_length=200)
    stations = models.JSONField(_("stations drawn"))
    drawn_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contest", "segment"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "segment"], name="results_vvpat_once")
        ]
        verbose_name = _("VVPAT draw")
        verbose_name_plural = _("VVPAT draws")

    def __str__(self) -> str:
        return f"{self.contest_id} · {self.segment}"


class VvpatCheck(models.Model):
    """The paper (VVPAT slip) count of a drawn station; where it differs, paper prevails."""

    draw = models.ForeignKey(VvpatDraw, on_delete=models.PROTECT, related_name="checks")
    station = models.OneToOneField(
        StationReturn, on_delete=models.PROTECT, related_name="vvpat_check"
    )
    paper = models.JSONField(_("paper counts"))
    mismatch = models.BooleanField(_("mismatch"))
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("VVPAT check")
        verbose_name_plural = _("VVPAT checks")

    def __str__(self) -> str:
        return f"{self.station_id} · {self.mismatch}"


class ResultPackage(models.Model):
    """A signed station-result package received at the counting centre (`results ingest`).

    One package per station and election is accepted; a different package offered for a
    station already counted is kept as a conflict for the returning officer, never applied."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Counted")
        CONFLICT = "conflict", _("Conflict: differs from the package counted")
        # The returning officer's decision on a conflict (`package_conflict_resolve`).
        DISMISSED = "dismissed", _("Conflict dismissed: the count stands")
        SUPERSEDED = "superseded", _("Replaced by the returning officer's decision")

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    polling_station = models.ForeignKey(
        PollingStation, on_delete=models.PROTECT, related_name="result_packages"
    )
    station_key = models.ForeignKey(StationKey, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    digest = models.CharField(_("package digest"), max_length=64, unique=True)
    manifest = models.JSONField(_("manifest"))
    form17c = models.JSONField(_("Form 17C"), default=dict)
    paper = models.JSONField(_("paper records"), default=dict)
    turnout = models.JSONField(_("turnout"), default=list)
    data = models.BinaryField(_("package"))
    received_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    resolution = models.CharField(_("reason for the decision"), max_length=500, blank=True)

    class Meta:
        ordering = ["election", "polling_station", "received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "polling_station"],
                condition=Q(status="accepted"),
                name="results_package_one_counted",
            )
        ]
        verbose_name = _("station result package")
        verbose_name_plural = _("station result packages")

    def __str__(self) -> str:
        return f"{self.election_id}/{self.polling_station_id}: {self.digest[:16]}"


class DemoResults(models.Model):
    """Marks an election whose results in this system are demonstration figures (loaded by
    `nirvachan demo`), so that every results page and download says so. Elections whose own
    name carries the elections app's "(demo)" marker are treated the same way."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demonstration results")
        verbose_name_plural = _("demonstration results")

    def __str__(self) -> str:
        return f"{self.election_id}: demo"
