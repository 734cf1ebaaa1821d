"""Paper-ballot result sheets (double entry)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.elections.models import Contest
from nirvachan.results import events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import SheetEntry, StationReturn
from nirvachan.results.services._common import _clean_counts, _require
from nirvachan.results.services.counting import station_result_enter


def sheet_entry_submit(
    *,
    actor: Any = None,
    contest: Contest,
    centre: int,
    round_number: int,
    counts: Mapping[str, Any],
) -> dict[str, Any]:
    """One operator's entry of a centre's sheet. The second entry must come from another
    operator; when both agree the centre's result is entered, otherwise the difference is
    returned and stays open until the returning officer resolves it."""
    role = _require(actor, contest)
    clean = _clean_counts(contest, counts, what=_("Centre %(number)s") % {"number": centre})
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        entries = list(SheetEntry.objects.filter(contest=contest, centre=centre))
        if len(entries) >= 2:
            raise DomainError(
                Code.CONFLICT,
                _("Centre %(number)s has two entries already.") % {"number": centre},
                field="centre",
            )
        if entries and actor is not None and entries[0].entered_by_id == actor.pk:
            raise DomainError(
                Code.CONFLICT,
                _("The second entry of centre %(number)s must be made by another operator.")
                % {"number": centre},
                field="centre",
            )
        SheetEntry.objects.create(
            contest=contest, centre=centre, slot=len(entries) + 1, counts=clean, entered_by=actor
        )
        audit_record(
            event_type=events.SHEET_ENTERED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "centre": centre, "entry": len(entries) + 1},
        )
        if not entries:
            return {"status": "awaiting_second_entry", "differences": {}}
        first = entries[0].counts
        differences = {k: [first.get(k), v] for k, v in clean.items() if first.get(k) != v}
        if differences:
            return {"status": "different", "differences": differences}
        station_result_enter(
            actor=actor, contest=contest, number=centre, round_number=round_number, counts=clean
        )
        return {"status": "counted", "differences": {}}


def sheet_resolve(
    *,
    actor: Any = None,
    contest: Contest,
    centre: int,
    round_number: int,
    counts: Mapping[str, Any],
) -> StationReturn:
    """The returning officer settles a difference between the two entries of a sheet."""
    role = _require(actor, contest)
    clean = _clean_counts(contest, counts, what=_("Centre %(number)s") % {"number": centre})
    with transaction.atomic():
        entries = list(SheetEntry.objects.filter(contest=contest, centre=centre))
        if len(entries) != 2 or entries[0].counts == entries[1].counts:
            raise DomainError(
                Code.WRONG_STATE,
                _("Centre %(number)s has no difference to resolve.") % {"number": centre},
                field="centre",
            )
        station, _created = station_result_enter(
            actor=actor, contest=contest, number=centre, round_number=round_number, counts=clean
        )
        audit_record(
            event_type=events.SHEET_RESOLVED,
            actor=actor,
            actor_role=role,
            obj=station,
            summary={"contest": contest.code, "centre": centre},
        )
    return station
