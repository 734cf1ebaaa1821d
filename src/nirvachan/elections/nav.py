"""Navigation entries of the elections app for the base layout, by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nirvachan.core.roles import Capability
from nirvachan.core.selectors import scope_for


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key) entries the user may see."""
    items: list[tuple[Any, str, str]] = [(_("Elections"), reverse("elections:list"), "elections")]
    if scope_for(request.user, Capability.ELECTION_VIEW) is not None:
        items.append((_("Nominations"), reverse("elections:officer"), "nominations"))
    return items
