"""Navigation entries of the results app for the base layout, by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def nav_items(request: Any) -> list[tuple[Any, str, str]]:
    """(label, url, key) entries the user may see: the public results for everyone."""
    return [(_("Results"), reverse("results:index"), "results")]
