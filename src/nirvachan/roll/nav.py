"""Navigation entries of the roll app for the base layout, by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key) entries the user may see."""
    items: list[tuple[Any, str, str]] = [
        (_("Find your name"), reverse("roll:find"), "roll_find"),
        (_("Apply: Form 6, 7, 8"), reverse("roll:apply"), "roll_apply"),
    ]
    user = getattr(request, "user", None)
    if user is not None and scope_for(user, Capability.ROLL_VIEW) is not None:
        items.append((_("Roll parts"), reverse("roll:parts"), "roll_parts"))
        items.append((_("Roll applications"), reverse("roll:applications"), "roll_applications"))
        items.append((_("Possible duplicates"), reverse("roll:duplicates"), "roll_duplicates"))
    return items
