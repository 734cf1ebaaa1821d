"""Reads, including every per-user access rule (DESIGN.md convention 2).

A role holder sees what lies in the subtree of the unit their role is assigned to. Records
outside the user's scope are reported as not found (404), so that their existence is not
revealed; records inside the scope that the role may not change give 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency, Office, RoleAssignment
from nirvachan.core.roles import CAPABILITIES, Capability, Role

MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Scope:
    role: str
    unit_path: str
    unit_code: str


def user_scopes(user: Any) -> list[Scope]:
    """The (role, unit) pairs a user holds; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Scope] | None = getattr(user, "_nirvachan_scopes", None)
    if cached is None:
        cached = [
            Scope(role, path, code)
            for role, path, code in RoleAssignment.objects.filter(user=user).values_list(
                "role", "unit__path", "unit__code"
            )
        ]
        user._nirvachan_scopes = cached
    return cached


def user_roles(user: Any) -> list[str]:
    return sorted({scope.role for scope in user_scopes(user)})


def scope_for(user: Any, capability: Capability, unit_path: str | None = None) -> Scope | None:
    """The first scope that grants `capability` (over `unit_path`, when given)."""
    for scope in user_scopes(user):
        if capability not in CAPABILITIES.get(scope.role, frozenset()):
            continue
        if unit_path is None or unit_path.startswith(scope.unit_path):
            return scope
    return None


def require_scope(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    """The role under which `actor` may act on `unit`, or a 403 DomainError naming the unit.

    `actor=None` is the system itself (imports, demo loading): allowed, with an empty role."""
    if actor is None:
        return ""
    scope = scope_for(actor, capability, unit.path)
    if scope is None:
        raise DomainError(
            CoreErrorCode.OUT_OF_SCOPE,
            _("You may not do this in %(unit)s.") % {"unit": unit.name},
            unit=unit.code,
            capability=str(capability),
        )
    return scope.role


def paths_q(user: Any, capability: Capability, field: str) -> Q:
    """A filter for records whose unit path (`field`) lies in a scope granting `capability`."""
    return _paths_q(user, capability, field)


def _paths_q(user: Any, capability: Capability, field: str) -> Q:
    """A filter matching records whose unit lies in a scope granting `capability`."""
    paths = [
        s.unit_path
        for s in user_scopes(user)
        if capability in CAPABILITIES.get(s.role, frozenset())
    ]
    if not paths:
        return Q(pk__in=[])
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def paginate(queryset: QuerySet[Any], page: int | str | None, size: int = 50) -> Page[Any]:
    size = max(1, min(int(size), MAX_PAGE_SIZE))
    try:
        number = max(1, int(page or 1))
    except (TypeError, ValueError):
        raise DomainError(
            CoreErrorCode.VALIDATION, _("Page must be a whole number."), field="page"
        ) from None
    paginator = Paginator(queryset, size)
    return paginator.get_page(min(number, paginator.num_pages))


# --- admin units (public reference data) --------------------------------------------------


def unit_get(*, code: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(code=code).select_related("parent").first()
    if unit is None:
        raise DomainError(
            CoreErrorCode.NOT_FOUND,
            _("No administrative unit has the code %(code)s.") % {"code": code},
            code=code,
        )
    return unit


def unit_children(*, parent: AdminUnit | None, country: str | None = None) -> QuerySet[AdminUnit]:
    qs = AdminUnit.objects.filter(parent=parent)
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("name_en")


def unit_ancestors(unit: AdminUnit) -> list[AdminUnit]:
    codes = [part for part in unit.path.split("/") if part]
    by_code = {u.code: u for u in AdminUnit.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def constituency_list(
    *, unit: AdminUnit | None = None, kind: str | None = None
) -> QuerySet[Constituency]:
    qs = Constituency.objects.select_related("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("unit__name_en", "name_en")


# --- offices -------------------------------------------------------------------------------


def office_list_for_user(
    user: Any, *, search: str = "", unit_code: str = "", kind: str = ""
) -> QuerySet[Office]:
    qs = Office.objects.select_related("unit").filter(
        _paths_q(user, Capability.OFFICE_VIEW, "unit__path")
    )
    if unit_code:
        qs = qs.filter(unit__path__startswith=unit_get(code=unit_code).path)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(
            Q(name_en__icontains=search)
            | Q(name_bn__icontains=search)
            | Q(name_hi__icontains=search)
            | Q(code__icontains=search)
        )
    return qs.order_by("unit__path", "code")


def office_get_for_user(user: Any, office_id: int, *, for_change: bool = False) -> Office:
    office = (
        Office.objects.select_related("unit")
        .filter(_paths_q(user, Capability.OFFICE_VIEW, "unit__path"), pk=office_id)
        .first()
    )
    if office is None:
        raise DomainError(
            CoreErrorCode.NOT_FOUND,
            _("Office %(id)s was not found.") % {"id": office_id},
            id=office_id,
        )
    if for_change and scope_for(user, Capability.OFFICE_CHANGE, office.unit.path) is None:
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Your role does not allow changing this office."),
            id=office_id,
        )
    return office


# --- audit log -----------------------------------------------------------------------------


def audit_event_list_for_user(user: Any, *, event_type: str = "") -> QuerySet[AuditEvent]:
    """The log is visible to holders of audit.view at the national level (a country root)."""
    if not any(
        Capability.AUDIT_VIEW in CAPABILITIES.get(s.role, frozenset())
        and s.unit_path.count("/") == 1
        for s in user_scopes(user)
    ):
        raise DomainError(
            CoreErrorCode.PERMISSION_DENIED,
            _("Only national officers may read the whole audit log."),
        )
    qs = AuditEvent.objects.all()
    if event_type:
        qs = qs.filter(event_type=event_type)
    return qs.order_by("-seq")


def dashboard_for_user(user: Any) -> dict[str, Any]:
    """Figures for the role dashboards; empty states where a later issue adds the data."""
    roles = user_roles(user)
    data: dict[str, Any] = {"roles": roles, "scopes": user_scopes(user)}
    if scope_for(user, Capability.OFFICE_VIEW) is not None:
        data["office_count"] = office_list_for_user(user).count()
    if Role.COMMISSION_ADMIN in roles:
        data["audit_event_count"] = AuditEvent.objects.count()
    return data
