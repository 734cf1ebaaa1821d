"""The Django admin shows core records read-only: every change goes through the services (and
so through validation and the audit log) — the pages, the API or `nirvachan users`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nirvachan.core.models import (
    AdminUnit,
    AuditEvent,
    Constituency,
    Office,
    RoleAssignment,
    User,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AdminUnit)
class AdminUnitAdmin(ReadOnly):
    list_display = ("code", "kind", "name_en", "name_bn", "name_hi")
    list_filter = ("country", "kind")
    search_fields = ("code", "name_en", "name_bn", "name_hi")


@admin.register(Constituency)
class ConstituencyAdmin(ReadOnly):
    list_display = ("code", "kind", "name_en", "unit")
    list_filter = ("country", "kind")
    search_fields = ("code", "name_en", "name_bn", "name_hi")


@admin.register(Office)
class OfficeAdmin(ReadOnly):
    list_display = ("code", "kind", "name_en", "name_bn", "unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name_en", "name_bn", "name_hi")


@admin.register(User)
class UserAdmin(ReadOnly):
    list_display = ("username", "first_name", "last_name", "preferred_language", "is_active")
    search_fields = ("username", "first_name", "last_name")
    exclude = ("password",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnly):
    list_display = ("user", "role", "unit", "created_at")
    list_filter = ("role",)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnly):
    list_display = (
        "seq",
        "at",
        "actor_name",
        "actor_role",
        "event_type",
        "object_type",
        "object_id",
    )
    list_filter = ("event_type",)
    search_fields = ("object_id", "actor_name")
