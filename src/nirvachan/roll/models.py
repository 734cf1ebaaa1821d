"""Roll tables: polling stations, parts, electors, Form 6/7/8 applications, lookup counters.

No logic lives here beyond constraints (DESIGN.md, convention 4): writes are in services.py,
reads in selectors.py. The elector's key is `key_kind` + `key`: an EPIC number in India
(3 letters + 7 digits), an NID number in Bangladesh; the API keeps the name `epic` for both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.fields import CodeField
from nirvachan.core.models import Constituency


class KeyKind(models.TextChoices):
    EPIC = "epic", _("EPIC number")
    NID = "nid", _("NID number")


class Relation(models.TextChoices):
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    HUSBAND = "husband", _("Husband")
    WIFE = "wife", _("Wife")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    THIRD = "third", _("Third gender")


class PollingStation(models.Model):
    constituency = models.ForeignKey(
        Constituency, on_delete=models.PROTECT, related_name="polling_stations"
    )
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    address = models.CharField(_("address"), max_length=400, blank=True)
    building = models.CharField(_("building"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    has_ramp = models.BooleanField(_("ramp"), default=False)
    has_wheelchair = models.BooleanField(_("wheelchair"), default=False)

    class Meta:
        ordering = ["constituency", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "number"], name="roll_station_number_once"
            ),
        ]
        verbose_name = _("polling station")
        verbose_name_plural = _("polling stations")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Part(models.Model):
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="parts")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    polling_station = models.ForeignKey(
        PollingStation, on_delete=models.PROTECT, related_name="parts"
    )
    # The last serial handed out: the next accepted Form 6 takes last_serial + 1 under a lock.
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["constituency", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "number"], name="roll_part_number_once"
            ),
        ]
        verbose_name = _("part")
        verbose_name_plural = _("parts")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Elector(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DELETED = "deleted", _("Deleted")
        SHIFTED = "shifted", _("Shifted")

    key_kind = models.CharField(_("key kind"), max_length=4, choices=KeyKind.choices)
    # Indexes are in Meta: each one the roll needs, none twice (a bulk import rebuilds them all).
    key = CodeField(_("EPIC or NID number"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    name_key = CodeField(max_length=200)
    relative_name = models.CharField(_("relative's name"), max_length=200, blank=True)
    relative_key = CodeField(max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    dob = models.DateField(_("date of birth"), null=True, blank=True)
    # Age on the roll's qualifying date `age_on`, when the date of birth is not known.
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    age_on = models.DateField(null=True, blank=True)
    house_no = models.CharField(_("house number"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=400, blank=True)
    constituency = models.ForeignKey(  # indexed first in roll_elector_area_*
        Constituency, on_delete=models.PROTECT, related_name="electors", db_index=False
    )
    part = models.ForeignKey(  # indexed first in roll_serial_once_per_part
        Part, on_delete=models.PROTECT, related_name="electors", db_index=False
    )
    serial = models.PositiveIntegerField(_("serial number"))
    # Defaults in the database as well, so that a bulk load's COPY need not send them.
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_default=Status.ACTIVE.value,
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True, db_default="")
    changed_by = models.ForeignKey(
        "Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # a partial index in Meta: most electors were never changed
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())

    class Meta:
        ordering = ["part", "serial"]
        indexes = [
            # EPIC lookup is the unique constraint below; the name search and the Form 6
            # duplicate check (a state's constituencies) read (constituency, key) ranges.
            models.Index(fields=["constituency", "name_key"], name="roll_elector_area_name"),
            models.Index(
                fields=["constituency", "relative_key"], name="roll_elector_area_relative"
            ),
            models.Index(
                fields=["changed_by"],
                condition=Q(changed_by__isnull=False),
                name="roll_elector_changed_by",
            ),
        ]
        constraints = [
            # Written as expressions so that both are separate unique indexes on SQLite too
            # (not inline in the table), which a bulk load can drop and re-create.
            models.UniqueConstraint(F("key"), name="roll_elector_key_unique"),
            models.UniqueConstraint(F("part"), F("serial"), name="roll_serial_once_per_part"),
            models.CheckConstraint(
                condition=Q(dob__isnull=False) | Q(age__isnull=False, age_on__isnull=False),
                name="roll_elector_dob_or_age",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="roll_elector_name_given"),
        ]
        verbose_name = _("elector")
        verbose_name_plural = _("electors")

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class Application(models.Model):
    """A Form 6 (inclusion), 7 (objection/deletion) or 8 (correction/shift) application."""

    class Form(models.TextChoices):
        INCLUSION = "6", _("Form 6 (inclusion)")
        DELETION = "7", _("Form 7 (objection or deletion)")
        CORRECTION = "8", _("Form 8 (correction or shift)")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VERIFIED = "verified", _("Field verification done")
        ACCEPTED = "accepted", pgettext_lazy("roll application status", "Accepted")
        REJECTED = "rejected", _("Rejected")

    form = models.CharField(_("form"), max_length=1, choices=Form.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    constituency = models.ForeignKey(
        Constituency, on_delete=models.PROTECT, related_name="roll_applications"
    )
    part = models.ForeignKey(
        Part, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    # Form 7 and 8: the entry concerned.
    elector = models.ForeignKey(
        Elector, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    # Who applied: an EPIC/NID number or a phone number (Form 7 limits count per applicant).
    applicant_ref = models.CharField(_("applicant"), max_length=40)
    # Form 6: the applicant's particulars.
    name = models.CharField(_("name"), max_length=200, blank=True)
    name_key = models.CharField(max_length=200, blank=True)
    relative_name = models.CharField(_("relative's name"), max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    dob = models.DateField(_("date of birth"), null=True, blank=True)
    house_no = models.CharField(_("house number"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=400, blank=True)
    qualifying_date = models.DateField(_("qualifying date"), null=True, blank=True)
    # Form 8: the corrected fields ({"name": ..., "part": <part id>, ...}).
    changes = models.JSONField(default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Form 7: the notice to the elector and the hearing.
    notice_date = models.DateField(_("notice date"), null=True, blank=True)
    hearing_date = models.DateField(_("hearing date"), null=True, blank=True)
    # Flags for the officer.
    possible_duplicate = models.ForeignKey(
        Elector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    burst_flag = models.BooleanField(_("burst of deletions"), default=False)
    field_report = models.TextField(_("field verification report"), blank=True)
    decision_reason = models.CharField(_("decision reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(db_index=True)
    # Form 7 raised by an officer (the de-duplication review), not by a member of the public:
    # outside the per-applicant daily limit and the burst count.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(form="7") | Q(notice_date__isnull=False, hearing_date__isnull=False),
                name="roll_form7_notice_and_hearing",
            ),
            models.CheckConstraint(
                condition=Q(form="6") | Q(elector__isnull=False),
                name="roll_form78_names_elector",
            ),
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"Form {self.form} #{self.pk}"


class LookupCounter(models.Model):
    """Per-client request counts in fixed windows, in the database so that every process
    of the site sees the same counts (the default cache is per process)."""

    client = models.CharField(max_length=80)
    scope = models.CharField(max_length=20)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "scope", "window"], name="roll_counter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.scope} {self.window}: {self.count}"


class LookupTrail(models.Model):
    """The last EPIC a client asked for, the length of its sequential run, and a block."""

    client = models.CharField(max_length=80, unique=True)
    last_prefix = models.CharField(max_length=10, blank=True)
    last_number = models.BigIntegerField(default=0)
    run = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.client} run {self.run}"


class DuplicatePair(models.Model):
    """Two entries that may be one person, for the officer's review: a pair from the Splink
    de-duplication output or a Form 6 flagged as a possible duplicate. `first` is the earlier
    entry, `second` the later one (a "same person" verdict raises a Form 7 notice on it); a
    "different people" verdict is kept so that the pair is never proposed again."""

    class Source(models.TextChoices):
        DEDUPE = "dedupe", _("De-duplication run")
        FORM6 = "form6", _("Form 6 duplicate flag")

    class Verdict(models.TextChoices):
        OPEN = "open", _("Not reviewed")
        SAME = "same", _("Same person")
        DIFFERENT = "different", _("Different people")

    first = models.ForeignKey(Elector, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Elector, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    verdict = models.CharField(
        _("verdict"), max_length=10, choices=Verdict.choices, default=Verdict.OPEN
    )
    notice = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="roll_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="roll_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["verdict", "second"], name="roll_pair_open")]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id} {self.verdict}"
