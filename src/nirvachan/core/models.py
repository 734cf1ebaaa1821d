"""Core tables: admin units, constituencies, offices, users and roles, login failures, audit log.

No logic lives here beyond constraints and small read-only helpers (DESIGN.md, convention 4):
writes are in services.py, reads in selectors.py.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nirvachan.core.roles import Role


class Country(models.TextChoices):
    BANGLADESH = "BD", _("Bangladesh")
    INDIA = "IN", _("India")


class Language(models.TextChoices):
    BENGALI = "bn", "বাংলা"
    HINDI = "hi", "हिन्दी"
    ENGLISH = "en", "English"


class Trilingual(models.Model):
    """Names in Bengali, Hindi and English; `name` picks the active language with fallbacks."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_bn = models.CharField(_("name (Bengali)"), max_length=200, blank=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        lang = (get_language() or "en")[:2]
        preferred = {"bn": (self.name_bn, self.name_en), "hi": (self.name_hi, self.name_en)}
        for candidate in preferred.get(lang, ()):
            if candidate:
                return candidate
        return self.name_en or self.name_bn or self.name_hi

    def __str__(self) -> str:
        return self.name


class AdminUnit(Trilingual):
    """One node of the administrative tree: country → division/state → district → upazila."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        DIVISION = "division", _("Division")
        STATE = "state", _("State or union territory")
        DISTRICT = "district", _("District")
        UPAZILA = "upazila", _("Upazila")

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Materialised path of codes ("BD/BD-DIV-6/BD-DIS-47/"): a subtree is one prefix query.
    path = models.CharField(max_length=255, unique=True, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth=0) | Q(parent__isnull=False, depth__gt=0),
                name="core_adminunit_root_depth",
            ),
        ]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")


class Constituency(Trilingual):
    """A parliamentary (PC) or assembly (AC) constituency; an AC may be a segment of a PC."""

    class Kind(models.TextChoices):
        PARLIAMENTARY = "pc", _("Parliamentary constituency")
        ASSEMBLY = "ac", _("Assembly constituency")

    code = models.CharField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # The unit whose holders are responsible for it (the state for an Indian PC).
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="constituencies")
    covers = models.ManyToManyField(AdminUnit, blank=True, related_name="covered_by")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="segments"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")


class Office(Trilingual):
    """An office that belongs to an admin unit, e.g. the upazila election office of Kuliarchar."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", _("Commission secretariat")
        REGIONAL = "regional", _("Regional election office")
        DISTRICT = "district", _("District election office")
        UPAZILA = "upazila", _("Upazila election office")
        RETURNING = "returning", _("Returning officer's office")
        OTHER = "other", _("Other office")

    code = models.CharField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="offices")
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path", "code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")


class User(AbstractUser):
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleAssignment(models.Model):
    """A user holds a role within one admin unit (and everything below it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="role_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="core_role_once_per_unit")
        ]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class LoginFailure(models.Model):
    """One failed login, kept for throttling (see services.login_attempt_check)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """An append-only, hash-chained event. Rows are never updated or deleted (triggers refuse)."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False
    )
    actor_name = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=40, blank=True)
    event_type = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    # Canonical JSON text exactly as hashed (sorted keys, no spaces, UTF-8).
    summary = models.TextField(default="{}")
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type}"

    @property
    def summary_data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.summary)
        return data


class AuditChainHead(models.Model):
    """One row: the last sequence number and hash. Writers lock it, so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="core_chainhead_single")]

    def __str__(self) -> str:
        return f"chain head #{self.seq}"
