"""Navigation entries of the monitoring app for the base layout, by role."""

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
        return [(_("Report an incident"), reverse("monitoring:public_report"), "report")]
    if scope_for(user, Capability.MONITORING_VIEW) is None:
        return []
    return [(_("Monitoring"), reverse("monitoring:dashboard"), "monitoring")]
