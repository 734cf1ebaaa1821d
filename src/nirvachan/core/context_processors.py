"""What the base layout needs on every page: navigation by role and the languages."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nirvachan.core import selectors
from nirvachan.core.roles import Capability

APPS_WITH_NAV = ("elections", "roll", "results", "monitoring", "finance", "meetings", "station")


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    key: str


def navigation(request: HttpRequest) -> list[NavItem]:
    user = request.user
    items = [NavItem(_("Home"), reverse("core:home"), "home")]
    if user.is_authenticated:
        items.append(NavItem(_("Dashboard"), reverse("core:dashboard"), "dashboard"))
    items.append(NavItem(_("Geography"), reverse("core:units"), "units"))
    if selectors.scope_for(user, Capability.OFFICE_VIEW) is not None:
        items.append(NavItem(_("Offices"), reverse("core:offices"), "offices"))
    for app in APPS_WITH_NAV:
        module = importlib.import_module(f"nirvachan.{app}.nav")
        items.extend(NavItem(label, url, key) for label, url, key in module.nav_items(request))
    if selectors.scope_for(user, Capability.AUDIT_VIEW) is not None:
        items.append(NavItem(_("Audit log"), reverse("core:audit"), "audit"))
    items.append(NavItem(_("API"), reverse("api:openapi-view"), "api"))
    return items


def shell(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_items": navigation(request),
        "shell_languages": settings.LANGUAGES,
        "user_roles": selectors.user_roles(request.user),
        "nirvachan_version": settings.NIRVACHAN_VERSION,
    }
