"""Monitoring bodies, reporting rules and obligations, reports and incidents.

No logic here beyond constraints and small read-only helpers; writes are in services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.models import AdminUnit
from nirvachan.elections.models import Election


class BodyKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    TEAM = "team", _("Vigilance and observation team")
    CELL = "cell", _("Monitoring cell")
    LAW_DISTRICT = "law_district", _("Law-and-order coordination cell (district)")
    LAW_UPAZILA = "law_upazila", _("Law-and-order coordination cell (upazila)")


class Body(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    # The district the unit lies in (the unit itself for a district body; null above districts):
    # the dashboards group by it without walking the tree.
    district = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=300)
    formed_on = models.DateField(_("formed on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election", "unit__path", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "unit", "name"], name="monitoring_body_name_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=BodyKind.values), name="monitoring_body_kind_known"
            ),
        ]
        verbose_name = _("monitoring body")
        verbose_name_plural = _("monitoring bodies")

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    office = models.CharField(_("office"), max_length=300, blank=True)
    role = models.CharField(_("role in the body"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_leader = models.BooleanField(_("leader"), default=False)

    class Meta:
        ordering = ["body", "-is_leader", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body"], condition=Q(is_leader=True), name="monitoring_one_leader"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReportingRule(models.Model):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Every k days from formation")
        WINDOW = "window", _("Every k days in a window before the poll")
        ONE_OFF = "one_off", _("Once, relative to the poll date")
        EVENT = "event", _("Immediately on an incident")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    body_kind = models.CharField(_("body type"), max_length=20, choices=BodyKind.choices)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    every_days = models.PositiveSmallIntegerField(_("every (days)"), default=0)
    window_days = models.PositiveSmallIntegerField(_("window (days before the poll)"), default=0)
    offset_days = models.SmallIntegerField(_("days from the poll"), default=0)

    class Meta:
        ordering = ["election", "body_kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "body_kind", "code"], name="monitoring_rule_once"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["periodic", "window"]) | Q(every_days__gte=1),
                name="monitoring_rule_every",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_kind}/{self.code}"


class Obligation(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="obligations")
    code = models.SlugField(_("rule"), max_length=40)
    due_on = models.DateField(_("due on"))
    due_at = models.DateTimeField(_("deadline"))
    poll_date = models.DateField(_("poll date used"))
    # Event-driven obligations (a report on one incident) name the incident; scheduled ones don't.
    incident = models.ForeignKey(
        "Incident", on_delete=models.PROTECT, null=True, blank=True, related_name="obligations"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    # The time of the report that answered it (a copy of Report.submitted_at, written in the same
    # transaction), so the dashboards count on time / late / missing without a join.
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "code", "due_on"],
                condition=Q(superseded_at__isnull=True, incident__isnull=True),
                name="monitoring_obligation_once",
            ),
            models.UniqueConstraint(
                fields=["body", "code", "incident"],
                condition=Q(incident__isnull=False),
                name="monitoring_obligation_event_once",
            ),
        ]
        indexes = [
            models.Index(fields=["due_at"], name="monitoring_obl_due_at"),
            # the dashboards' aggregates read only this (covering: superseded_at is listed so the
            # WHERE needs no table row; partial: current obligations only)
            models.Index(
                fields=["body", "due_on", "due_at", "reported_at", "superseded_at"],
                condition=Q(superseded_at__isnull=True),
                name="monitoring_obl_dash",
            ),
            # completeness by due date: the same columns in date order (PostgreSQL reads a
            # date range from it; SQLite prefers the one above)
            models.Index(
                fields=["due_on", "body", "due_at", "reported_at", "superseded_at"],
                condition=Q(superseded_at__isnull=True),
                name="monitoring_obl_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.code} · {self.due_on:%Y-%m-%d}"


class Report(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="reports")
    obligation = models.OneToOneField(
        Obligation, on_delete=models.PROTECT, null=True, blank=True, related_name="report"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    situation = models.TextField(_("situation summary"))
    law_and_order = models.TextField(_("law and order"), blank=True)
    code_of_conduct = models.TextField(_("code-of-conduct observations"), blank=True)
    expenses_observed = models.TextField(_("expenses observed"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="monitoring/reports/", blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} · {self.submitted_at:%Y-%m-%d %H:%M}"


class Incident(models.Model):
    class Kind(models.TextChoices):
        CODE_OF_CONDUCT = "code_of_conduct", _("Code-of-conduct violation")
        VIOLENCE = "violence", _("Violence or intimidation")
        MONEY = "money", _("Money or gifts")
        EXPENSE = "expense", _("Expense over the limit")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        ASSIGNED = "assigned", _("Assigned")
        VERIFIED = "verified", _("Verified in the field")
        ACTION = "action", _("Action taken")
        CLOSED = "closed", _("Closed")
        DROPPED = "dropped", _("Dropped")

    class Action(models.TextChoices):
        WARNING = "warning", _("Warning")
        FINE = "fine", _("Fine")
        CASE = "case", _("Case filed")
        COURT = "court", _("Complaint to a criminal court")
        REFERRED = "referred", _("Referred to the Commission")

    class Reporter(models.TextChoices):
        OFFICER = "officer", _("Officer")
        CITIZEN = "citizen", _("Citizen")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    location = models.CharField(_("location"), max_length=300, blank=True)
    occurred_at = models.DateTimeField(_("time"))
    reported_at = models.DateTimeField(_("reported at"))
    reporter = models.CharField(max_length=10, choices=Reporter.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("your name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("your phone"), max_length=40, blank=True)
    follow_code = models.CharField(max_length=12, unique=True)
    attachment = models.FileField(
        _("photo or video"), upload_to="monitoring/incidents/", blank=True
    )
    by_candidate = models.BooleanField(_("by a candidate or agent"), default=False)
    candidate = models.CharField(_("candidate or agent"), max_length=200, blank=True)
    team = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    deadline_at = models.DateTimeField(_("response deadline"))
    responded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REPORTED
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, blank=True)
    drop_reason = models.CharField(_("reason"), max_length=20, blank=True)
    notice = models.TextField(_("notice to the Commission"), blank=True)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["reported", "assigned", "verified", "action", "closed", "dropped"]
                ),
                name="monitoring_incident_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(anonymous=True) | Q(contact_name="", contact_phone=""),
                name="monitoring_incident_anonymous",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline_at"], name="monitoring_inc_open"),
            models.Index(fields=["election", "district"], name="monitoring_inc_district"),
        ]

    def __str__(self) -> str:
        return f"{self.follow_code} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.DROPPED)


class IncidentStep(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=10, choices=Incident.Status.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["incident", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.incident_id} → {self.status}"


class ExpenseLimit(models.Model):
    """The spending limit per candidate for one kind of election in one country."""

    country = models.CharField(_("country"), max_length=2)
    election_kind = models.CharField(_("election type"), max_length=20)
    amount = models.DecimalField(_("limit"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["country", "election_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "election_kind"], name="monitoring_limit_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="monitoring_limit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.country}/{self.election_kind}: {self.amount}"


class Expense(models.Model):
    class Source(models.TextChoices):
        STATEMENT = "statement", _("Candidate's statement")
        SHADOW = "shadow", _("Observers' shadow register")

    class Category(models.TextChoices):
        PUBLICITY = "publicity", _("Publicity and posters")
        MEETINGS = "meetings", _("Meetings and rallies")
        VEHICLES = "vehicles", _("Vehicles")
        WORKERS = "workers", _("Workers and agents")
        OTHER = "other", _("Other")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    candidate = models.CharField(_("candidate"), max_length=200)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    category = models.CharField(
        pgettext_lazy("expense category", "category"), max_length=10, choices=Category.choices
    )
    on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # A correction is a new line that `replaces` the old one; the old line is kept, marked
    # superseded (a withdrawal supersedes it without a replacement). Totals count current lines.
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    withdraw_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)

    class Meta:
        ordering = ["candidate", "on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="monitoring_expense_positive")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} {self.on:%Y-%m-%d} {self.amount}"


COPY_PURPOSE_BN = "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য"


class Circular(models.Model):
    """A circular (পরিপত্র) of the commission or an office, with its distribution and copy lists.

    `paragraphs` is a list of {"number": "১", "text": "…"} (numbers as written);
    `distribution` and `copies` are lists of strings; `heading` and `signatory_lines` too."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    memo_number = models.CharField(_("memo number"), max_length=200)
    memo_key = models.CharField(max_length=200, unique=True)
    date = models.DateField(_("date"))
    bangla_date = models.CharField(_("Bangla date"), max_length=60, blank=True)
    heading = models.JSONField(_("heading"), default=list, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    subject = models.TextField(_("subject"))
    preamble = models.TextField(_("preamble"), blank=True)
    paragraphs = models.JSONField(_("paragraphs"), default=list)
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_lines = models.JSONField(_("designation and office"), default=list, blank=True)
    distribution = models.JSONField(_("distribution"), default=list, blank=True)
    copy_purpose = models.CharField(_("purpose of the copies"), max_length=300, blank=True)
    copies = models.JSONField(_("copies"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    ack_days = models.PositiveSmallIntegerField(_("days to acknowledge"), default=0)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(memo_key=""), name="monitoring_circular_key"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "issued"]), name="monitoring_circular_status"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(issued_at__isnull=False),
                name="monitoring_circular_issued_at",
            ),
        ]
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")

    def __str__(self) -> str:
        return self.memo_number


class CircularRecipient(models.Model):
    """An office or unit the circular was sent to: its acknowledgement obligation."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="recipients")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        "core.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["circular", "unit__path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "unit"],
                condition=Q(office__isnull=True),
                name="monitoring_recipient_unit_once",
            ),
            models.UniqueConstraint(
                fields=["circular", "office"],
                condition=Q(office__isnull=False),
                name="monitoring_recipient_office_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.circular} → {self.office or self.unit}"
