"""Meetings and their minutes: agenda items, decisions with follow-up, target tables.

No logic here beyond constraints and small read-only helpers; writes are in services.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.models import AdminUnit
from nirvachan.meetings.deadlines import Deadline

MONEY = {"max_digits": 16, "decimal_places": 2}


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        DRAFTED = "drafted", _("Minutes drafted")
        APPROVED = "approved", _("Approved")
        CIRCULATED = "circulated", _("Approved and circulated")

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="meetings")
    body = models.CharField(_("body or committee"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    chair = models.CharField(_("chair"), max_length=300, blank=True)
    secretary = models.CharField(_("secretary"), max_length=300, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    opening = models.TextField(_("opening"), blank=True)
    chair_signature = models.TextField(blank=True)
    secretary_signature = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_meetings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "held", "drafted", "approved", "circulated"]),
                name="meetings_meeting_status_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "held", "drafted"])
                | Q(approved_at__isnull=False),
                name="meetings_meeting_approved_dated",
            ),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.CIRCULATED)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    serial = models.PositiveIntegerField(_("serial"))
    label = models.CharField(_("label"), max_length=20, blank=True)
    topic = models.CharField(_("topic"), max_length=300)
    discussion = models.TextField(_("discussion"), blank=True)
    is_review = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "serial"], name="meetings_item_serial_once")
        ]

    def __str__(self) -> str:
        return f"{self.serial}. {self.topic}"


class Decision(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("decision status", "Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    class DeadlineKind(models.TextChoices):
        DATE = "date", _("Date")
        MONTH = "month", _("Month")
        ONGOING = "ongoing", _("Ongoing")
        NONE = "none", pgettext_lazy("no deadline", "None")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    serial = models.PositiveIntegerField()
    text = models.TextField(_("decision"))
    implementer = models.CharField(_("implementer"), max_length=300, blank=True)
    implementer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_decisions",
    )
    implementer_unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    deadline_kind = models.CharField(max_length=10, choices=DeadlineKind.choices, default="none")
    deadline = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True, db_index=True)
    deadline_text = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["item__meeting", "item__serial", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "serial"], name="meetings_decision_serial_once"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        deadline_kind__in=["date", "month"],
                        deadline__isnull=False,
                        due__isnull=False,
                    )
                    | Q(
                        deadline_kind__in=["ongoing", "none"],
                        deadline__isnull=True,
                        due__isnull=True,
                    )
                ),
                name="meetings_decision_deadline_kind",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "done"]),
                name="meetings_decision_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def deadline_value(self) -> Deadline:
        return Deadline(self.deadline_kind, self.deadline)  # type: ignore[arg-type]

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != self.Status.DONE and self.due is not None and self.due < today


class DecisionUpdate(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Decision.Status.choices)
    note = models.TextField(blank=True)
    evidence = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["decision", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.status}"


class TargetTable(models.Model):
    class ValueUnit(models.TextChoices):
        TAKA = "taka", _("taka")
        PERCENT = "percent", _("%")
        COUNT = "count", _("count")

    class Scale(models.TextChoices):
        ONE = "one", _("as written")
        LAKH = "lakh", _("lakh")
        CRORE = "crore", _("crore")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="tables")
    serial = models.PositiveIntegerField(default=1)
    title = models.CharField(_("title"), max_length=300, blank=True)
    unit_label = models.CharField(_("unit"), max_length=100)
    metric = models.CharField(_("metric"), max_length=200)
    value_unit = models.CharField(max_length=10, choices=ValueUnit.choices, default="count")
    scale = models.CharField(max_length=10, choices=Scale.choices, default="one")
    total = models.DecimalField(**MONEY, null=True, blank=True)
    total_label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["item", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["item", "serial"], name="meetings_table_serial_once")
        ]

    def __str__(self) -> str:
        return self.title or f"{self.unit_label} × {self.metric}"

    @property
    def divisor(self) -> Decimal:
        return {"lakh": Decimal(100_000), "crore": Decimal(10_000_000)}.get(self.scale, Decimal(1))


class TargetRow(models.Model):
    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="rows")
    serial = models.PositiveIntegerField()
    name = models.CharField(_("unit"), max_length=200)
    target = models.DecimalField(**MONEY)
    remark = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["table", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["table", "serial"], name="meetings_row_serial_once"),
            models.UniqueConstraint(fields=["table", "name"], name="meetings_row_name_once"),
            models.CheckConstraint(condition=Q(target__gte=0), name="meetings_row_target_gte0"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.target}"


class Progress(models.Model):
    row = models.ForeignKey(TargetRow, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField()
    achieved = models.DecimalField(**MONEY)
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["row", "on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(achieved__gte=0), name="meetings_progress_gte0")
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.achieved}"


class Amendment(models.Model):
    """A correction to approved minutes: the original text stays, the amendment is added."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    serial = models.PositiveIntegerField()
    target = models.CharField(_("what is corrected"), max_length=200)
    text = models.TextField(_("correction"))
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "serial"], name="meetings_amendment_once")
        ]

    def __str__(self) -> str:
        return f"{self.serial}. {self.target}"
