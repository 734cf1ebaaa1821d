"""Helpers shared by the elections services: text clean-up and the scope check."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.errors import ElectionsErrorCode as Code


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def _require(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    """The role under which `actor` acts on `unit` ("" for the system), or a 403 DomainError."""
    return require_scope(actor, capability, unit)


def _country_unit(country: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(code=country, depth=0).first()
    if unit is None:
        raise DomainError(
            Code.VALIDATION,
            _("The country %(country)s is not loaded.") % {"country": country},
            field="country",
        )
    return unit
