"""Reads of the roll's application forms and duplicate review (selectors.py holds the search
and lookup reads; this module the ones the Form 6/7/8 pages and the review page need)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.roll import rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.lookup import not_on_roll
from nirvachan.roll.models import Application, DuplicatePair, Elector, Part


def assembly_constituencies() -> QuerySet[Constituency]:
    """The assembly constituencies an applicant may choose (those with a roll part)."""
    return (
        Constituency.objects.filter(kind="ac", parts__isnull=False)
        .select_related("unit")
        .distinct()
        .order_by("unit__path", "number", "pk")
    )


def constituency_for_form(constituency_id: int | str | None, field: str) -> Constituency:
    found = None
    if constituency_id:
        found = assembly_constituencies().filter(pk=constituency_id).first()
    if found is None:
        raise DomainError(
            RollErrorCode.VALIDATION, _("Choose an assembly constituency."), field=field
        )
    return found


def constituency_by_code(code: str, field: str) -> Constituency:
    found = assembly_constituencies().filter(code=code.strip()).first() if code.strip() else None
    if found is None:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Unknown assembly constituency %(c)s.") % {"c": code[:40]},
            field=field,
        )
    return found


def part_for_form(constituency: Constituency, number: int | None, field: str) -> Part | None:
    """The part `number` of the constituency (None when no number was given)."""
    if number is None:
        return None
    part = Part.objects.filter(constituency=constituency, number=number).first()
    if part is None:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("%(ac)s has no part %(n)s.") % {"ac": constituency.name, "n": number},
            field=field,
        )
    return part


def elector_for_form(epic: str, field: str) -> Elector:
    """The active entry an application names, or an error on the form's field."""
    key = rules.clean_key(epic)
    if rules.key_kind_of(key) is None:
        raise DomainError(
            RollErrorCode.MALFORMED_KEY,
            _("%(epic)s is not an EPIC number (3 letters and 7 digits) or an NID number.")
            % {"epic": epic[:40]},
            field=field,
        )
    elector = (
        Elector.objects.select_related("constituency__unit", "part")
        .filter(key=key, status=Elector.Status.ACTIVE)
        .first()
    )
    if elector is None:
        raise not_on_roll(key, field=field)
    return elector


def applications_about(user: Any, elector: Elector) -> QuerySet[Application]:
    """The applications that concern an entry (Form 7/8, and the Form 6 that added it), newest
    first, within the user's roll scope."""
    return (
        Application.objects.select_related("decided_by")
        .filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))
        .filter(elector=elector)
        .order_by("-submitted_at", "-pk")
    )


# --- possible duplicates ------------------------------------------------------------------


def duplicate_list_for_user(user: Any, *, verdict: str = "open") -> QuerySet[DuplicatePair]:
    """Pairs whose later entry lies in the user's roll scope, most probable first."""
    qs = DuplicatePair.objects.select_related(
        "first__part__polling_station",
        "first__constituency",
        "second__part__polling_station",
        "second__constituency__unit",
        "notice",
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "second__constituency__unit__path"))
    if verdict:
        qs = qs.filter(verdict=verdict)
    if verdict == DuplicatePair.Verdict.OPEN:  # an entry deleted since: nothing to review
        qs = qs.filter(first__status=Elector.Status.ACTIVE, second__status=Elector.Status.ACTIVE)
    return qs.order_by("-probability", "pk")


def duplicate_get_for_user(user: Any, pair_id: int, *, for_change: bool = False) -> DuplicatePair:
    pair = duplicate_list_for_user(user, verdict="").filter(pk=pair_id).first()
    if pair is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("Pair %(id)s was not found.") % {"id": pair_id},
            id=pair_id,
        )
    if for_change and (
        scope_for(user, Capability.ROLL_MANAGE, pair.second.constituency.unit.path) is None
    ):
        raise DomainError(
            RollErrorCode.PERMISSION_DENIED,
            _("Your role does not allow reviewing possible duplicates."),
            id=pair_id,
        )
    return pair
