"""Finance tables: fiscal years, economic codes, budget heads, allocation orders and lines.

No logic beyond constraints and read-only helpers (DESIGN.md convention 4); every write is in
services.py. Money is DecimalField(16, 2): taka or rupees with paisa.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nirvachan.core.models import AdminUnit, Country, Office, Trilingual
from nirvachan.finance.fiscal import fiscal_year_bounds, format_fiscal_year

MONEY = {"max_digits": 16, "decimal_places": 2}


class Currency(models.TextChoices):
    TAKA = "BDT", _("taka")
    RUPEE = "INR", _("rupees")


class FiscalYear(models.Model):
    """Bangladesh: July–June; India: April–March. Named "2021-22" after its start year."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"))

    class Meta:
        ordering = ["country", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["country", "start_year"], name="finance_fy_once"),
            models.CheckConstraint(
                condition=Q(start_year__gte=1971, start_year__lte=2200), name="finance_fy_range"
            ),
        ]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")

    @property
    def label(self) -> str:
        return format_fiscal_year(self.start_year)

    @property
    def bounds(self) -> tuple[object, object]:
        return fiscal_year_bounds(self.start_year, self.country)

    def __str__(self) -> str:
        return self.label


class EconomicCode(Trilingual):
    """A code of the economic classification: a group (32) or an item under it (3211120)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="finance_econ_code_nonempty")
        ]
        verbose_name = _("economic code")
        verbose_name_plural = _("economic codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetHead(models.Model):
    """The money an institution/office code may spend on one economic code in one year.

    `allocated` is the sum of the issued orders' lines under the head; services keep it and the
    database refuses to let it exceed `amount`.
    """

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="heads")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="budget_heads")
    institution_code = models.CharField(_("institution code"), max_length=20)
    economic_code = models.ForeignKey(EconomicCode, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), **MONEY)
    allocated = models.DecimalField(_("allocated"), default=Decimal(0), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fiscal_year__start_year", "institution_code", "economic_code__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "institution_code", "economic_code"],
                name="finance_head_once",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="finance_head_amount_gte_0"),
            models.CheckConstraint(
                condition=Q(allocated__gte=0) & Q(allocated__lte=F("amount")),
                name="finance_head_not_overdrawn",
            ),
        ]
        verbose_name = _("budget head")
        verbose_name_plural = _("budget heads")

    @property
    def balance(self) -> Decimal:
        return self.amount - self.allocated

    def __str__(self) -> str:
        return f"{self.fiscal_year} · {self.institution_code} · {self.economic_code.code}"


class AllocationOrder(models.Model):
    """An order allotting money to offices. Drafts may change; issued orders never do: they are
    amended or cancelled only by a later order that refers to them (`supersedes`)."""

    class Kind(models.TextChoices):
        ALLOCATION = "allocation", _("Allocation")
        AMENDMENT = "amendment", _("Amendment")
        CANCELLATION = "cancellation", _("Cancellation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        AMENDED = "amended", _("Amended")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ALLOCATION)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="finance_orders")
    issuing_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="orders")
    institution_code = models.CharField(_("institution code"), max_length=20)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    memo_number = models.CharField(_("memo number"), max_length=200)
    memo_key = models.CharField(max_length=200, unique=True)
    date = models.DateField(_("date"))
    subject = models.TextField(_("subject"))
    body = models.TextField(_("paragraphs"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    references = models.TextField(_("references"), blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_designation = models.CharField(_("designation"), max_length=200, blank=True)
    distribution = models.TextField(_("distribution"), blank=True)
    copies = models.TextField(_("copies"), blank=True)
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="allocation", supersedes__isnull=True)
                | Q(kind__in=["amendment", "cancellation"], supersedes__isnull=False),
                name="finance_order_supersedes_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", issued_at__isnull=True)
                | Q(status__in=["issued", "amended", "cancelled"], issued_at__isnull=False),
                name="finance_order_issued_at",
            ),
            models.CheckConstraint(condition=~Q(memo_key=""), name="finance_order_memo_key"),
        ]
        indexes = [models.Index(fields=["status", "date"], name="finance_order_status_date")]
        verbose_name = _("allocation order")
        verbose_name_plural = _("allocation orders")

    def __str__(self) -> str:
        return self.memo_number

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @staticmethod
    def split(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def paragraph_list(self) -> list[str]:
        return self.split(self.body)

    @property
    def condition_list(self) -> list[str]:
        return self.split(self.conditions)

    @property
    def reference_list(self) -> list[str]:
        return self.split(self.references)

    @property
    def distribution_list(self) -> list[str]:
        return self.split(self.distribution)

    @property
    def copy_list(self) -> list[str]:
        return self.split(self.copies)


class AllocationLine(models.Model):
    order = models.ForeignKey(AllocationOrder, on_delete=models.CASCADE, related_name="lines")
    serial = models.PositiveIntegerField(_("serial"))
    district = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district_name = models.CharField(_("district"), max_length=200)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="allocations")
    office_name = models.CharField(_("office"), max_length=300)
    economic_code = models.ForeignKey(EconomicCode, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["order", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["order", "serial"], name="finance_line_serial_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_line_amount_gt_0"),
            models.CheckConstraint(condition=Q(serial__gte=1), name="finance_line_serial_gte_1"),
        ]
        verbose_name = _("allocation line")
        verbose_name_plural = _("allocation lines")

    def __str__(self) -> str:
        return f"{self.order} #{self.serial}"
