"""Navigation entries of the meetings app for the base layout, by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key) entries the user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[tuple[Any, str, str]] = []
    if scope_for(user, Capability.MEETING_VIEW) is not None:
        items.append((_("Meetings"), reverse("meetings:list"), "meetings"))
    items.append((_("My decisions"), reverse("meetings:decisions") + "?mine=1", "decisions"))
    return items
