"""Tables of the elections app: elections, phases, contests, polling hours, parties, symbols,
electoral colleges and nominations.

No logic lives here beyond constraints (DESIGN.md, convention 4): writes are in services.py,
reads in selectors.py; the ballot order is the pure module ballot_order.py.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.models import AdminUnit, Constituency, Country, Trilingual, User

MONEY = {"max_digits": 16, "decimal_places": 2}


class Election(Trilingual):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General election (Lok Sabha / Jatiya Sangsad)")
        ASSEMBLY = "assembly", _("Assembly election")
        LOCAL = "local", _("Local government election")
        BY_ELECTION = "by_election", _("By-election")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        COMPLETED = "completed", _("Completed")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Default polling hours; PollingHours rows override them by state or constituency.
    polls_open = models.TimeField(_("polls open"))
    polls_close = models.TimeField(_("polls close"))
    # Security deposit per candidate; the reduced amount applies to SC/ST candidates (India).
    deposit_general = models.DecimalField(_("security deposit"), **MONEY, default=0)
    deposit_reserved = models.DecimalField(_("security deposit (SC/ST)"), **MONEY, default=0)
    # Minimum days from the last date of withdrawal to the poll (India: 14, RP Act 1951 s.30).
    withdrawal_to_poll_days = models.PositiveSmallIntegerField(
        _("days from withdrawal to poll"), default=14
    )
    uses_paper_ballot = models.BooleanField(_("paper ballot"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(polls_open__lt=F("polls_close")), name="elections_election_hours"
            ),
            models.CheckConstraint(
                condition=Q(deposit_general__gte=0, deposit_reserved__gte=0),
                name="elections_election_deposit",
            ),
        ]
        verbose_name = _("election")
        verbose_name_plural = _("elections")


# The milestones of a phase in the order they must come (field name, label).
MILESTONES: tuple[tuple[str, Any], ...] = (
    ("notification_date", _("notification")),
    ("nomination_last_date", _("last date of nominations")),
    ("scrutiny_date", _("scrutiny")),
    ("withdrawal_last_date", _("last date of withdrawal")),
    ("poll_date", _("poll")),
    ("counting_date", _("counting")),
)


def _after(earlier: str, later: str, *, strict: bool = True) -> Q:
    lookup = "gt" if strict else "gte"
    return (
        Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__isnull": True})
        | Q(**{f"{later}__{lookup}": F(earlier)})
    )


class Phase(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    notification_date = models.DateField(_("notification"), null=True, blank=True)
    nomination_last_date = models.DateField(_("last date of nominations"), null=True, blank=True)
    scrutiny_date = models.DateField(_("scrutiny"), null=True, blank=True)
    withdrawal_last_date = models.DateField(_("last date of withdrawal"), null=True, blank=True)
    poll_date = models.DateField(_("poll date"))
    counting_date = models.DateField(_("counting"), null=True, blank=True)
    # Seats as notified for the phase (seed 004: 91, 95, …); None = count the contests.
    seats_declared = models.PositiveIntegerField(_("seats notified"), null=True, blank=True)

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="elections_phase_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="elections_phase_number_pos"),
            models.CheckConstraint(
                condition=_after("notification_date", "nomination_last_date"),
                name="elections_phase_nomination_after_notification",
            ),
            models.CheckConstraint(
                condition=_after("nomination_last_date", "scrutiny_date"),
                name="elections_phase_scrutiny_after_nomination",
            ),
            models.CheckConstraint(
                condition=_after("scrutiny_date", "withdrawal_last_date"),
                name="elections_phase_withdrawal_after_scrutiny",
            ),
            models.CheckConstraint(
                condition=_after("withdrawal_last_date", "poll_date"),
                name="elections_phase_poll_after_withdrawal",
            ),
            models.CheckConstraint(
                condition=_after("poll_date", "counting_date", strict=False),
                name="elections_phase_counting_after_poll",
            ),
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return f"{self.election.code} · {self.number}"


class Contest(Trilingual):
    """One office in one constituency or ward, filled by `seats` candidates."""

    class Reservation(models.TextChoices):
        GENERAL = "general", _("General")
        SC = "sc", _("Scheduled Castes")
        ST = "st", _("Scheduled Tribes")
        WOMEN = "women", _("Reserved women's seat")

    class Franchise(models.TextChoices):
        DIRECT = "direct", _("Direct (electors on the roll)")
        INDIRECT = "indirect", _("Indirect (electoral college)")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contests")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="contests")
    code = models.CharField(_("code"), max_length=60)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    reservation = models.CharField(
        _("reservation"), max_length=10, choices=Reservation.choices, default=Reservation.GENERAL
    )
    franchise = models.CharField(_("franchise"), max_length=10, choices=Franchise.choices)
    constituency = models.ForeignKey(
        Constituency, on_delete=models.PROTECT, null=True, blank=True, related_name="contests"
    )
    # The unit whose officers run the contest (the constituency's unit, or the district/ward).
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="contests")
    # Indirect contests: college members under these units may vote in it.
    electorate_units = models.ManyToManyField(AdminUnit, blank=True, related_name="+")
    final_list_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "phase__number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="elections_contest_code"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="elections_contest_seats"),
            models.CheckConstraint(
                condition=Q(franchise="direct", constituency__isnull=False)
                | Q(franchise="indirect", constituency__isnull=True),
                name="elections_contest_franchise",
            ),
        ]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")


class PollingHours(models.Model):
    """An override of the election's polling hours for a state (or any unit) or a constituency."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="hours")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, null=True, blank=True)
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, null=True, blank=True)
    opens = models.TimeField(_("polls open"))
    closes = models.TimeField(_("polls close"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="elections_hours_order"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True, constituency__isnull=False)
                | Q(unit__isnull=False, constituency__isnull=True),
                name="elections_hours_one_target",
            ),
            models.UniqueConstraint(fields=["election", "unit"], name="elections_hours_unit"),
            models.UniqueConstraint(
                fields=["election", "constituency"], name="elections_hours_constituency"
            ),
        ]
        verbose_name = _("polling hours")
        verbose_name_plural = _("polling hours")

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"


class Party(Trilingual):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("Recognised national party")
        STATE = "state", _("Recognised state party")
        REGISTERED = "registered", _("Registered (unrecognised) party")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # A state party is recognised in these states only; elsewhere it counts as registered.
    recognised_in = models.ManyToManyField(AdminUnit, blank=True, related_name="+")

    class Meta:
        ordering = ["country", "abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "abbreviation"], name="elections_party_abbreviation"
            )
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")


class Symbol(Trilingual):
    class Kind(models.TextChoices):
        RESERVED = "reserved", _("Reserved for a recognised party")
        FREE = "free", _("Free symbol")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="symbols"
    )
    image = models.FileField(_("image"), upload_to="symbols/", blank=True)

    class Meta:
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="elections_symbol_code"),
            models.CheckConstraint(
                condition=Q(kind="reserved", party__isnull=False)
                | Q(kind="free", party__isnull=True),
                name="elections_symbol_reserved_party",
            ),
        ]
        verbose_name = _("symbol")
        verbose_name_plural = _("symbols")


class CollegeMember(Trilingual):
    """One named voter of an electoral college (indirect elections, e.g. Zila Parishad)."""

    class Body(models.TextChoices):
        UNION_PARISHAD = "union_parishad", _("Union parishad")
        UPAZILA_PARISHAD = "upazila_parishad", _("Upazila parishad")
        POURASHAVA = "pourashava", _("Pourashava")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="college")
    serial = models.PositiveIntegerField(_("serial"))
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    designation = models.CharField(_("designation"), max_length=100)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["election", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["election", "serial"], name="elections_college_serial")
        ]
        verbose_name = _("electoral college member")
        verbose_name_plural = _("electoral college members")


class Nomination(Trilingual):
    """A candidate's nomination: filed → accepted or rejected at scrutiny → (withdrawn)."""

    class Status(models.TextChoices):
        FILED = "filed", _("Filed")
        ACCEPTED = "accepted", pgettext_lazy("nomination status", "Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Category(models.TextChoices):
        GENERAL = "general", _("General")
        SC = "sc", _("Scheduled Caste")
        ST = "st", _("Scheduled Tribe")

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="nominations")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    symbol = models.ForeignKey(
        Symbol, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    category = models.CharField(
        pgettext_lazy("candidate category", "category"),
        max_length=10,
        choices=Category.choices,
        default=Category.GENERAL,
    )
    deposit = models.DecimalField(_("security deposit"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED
    )
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contest", "name_en"]
        constraints = [
            models.CheckConstraint(condition=Q(deposit__gte=0), name="elections_nom_deposit"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="elections_nom_rejection_reason",
            ),
            models.UniqueConstraint(
                fields=["contest", "party"],
                condition=Q(party__isnull=False, status__in=["filed", "accepted"]),
                name="elections_nom_one_per_party",
            ),
            models.UniqueConstraint(
                fields=["contest", "symbol"],
                condition=Q(symbol__isnull=False, status__in=["filed", "accepted"]),
                name="elections_nom_one_per_symbol",
            ),
        ]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
