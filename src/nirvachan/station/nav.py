"""Navigation entries of the polling-station app for the base layout, by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nirvachan.core.roles import Capability
from nirvachan.core.selectors import paths_q, scope_for
from nirvachan.elections.models import Contest, Election


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key): the turnout of the latest election with a contest in the user's units,
    for the holders of election.view."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if scope_for(user, Capability.ELECTION_VIEW) is None:
        return []
    election = (
        Election.objects.filter(
            contests__in=Contest.objects.filter(
                paths_q(user, Capability.ELECTION_VIEW, "unit__path")
            )
        )
        .order_by("-created_at")
        .values_list("code", flat=True)
        .first()
    )
    if election is None:
        return []
    return [(_("Turnout"), reverse("station:turnout", args=[election]), "turnout")]
