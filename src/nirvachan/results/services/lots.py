"""Deciding a tie by lot."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.elections.models import Contest
from nirvachan.results import events, tally
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import Lot
from nirvachan.results.services._common import _require


def lot_record(
    *, actor: Any = None, contest: Contest, order: list[str] | None = None, seed: str = ""
) -> Lot:
    """Decide a tie by lot: an order recorded by the returning officer, or a seeded draw
    (`tally.seeded_lot`) that anyone can reproduce from the seed."""
    from nirvachan.results.selectors import contest_outcome

    role = _require(actor, contest)
    seed = seed.strip()
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        outcome = contest_outcome(contest, published_only=False, with_lot=False)
        tied = list(outcome.result.tied)
        if not tied:
            raise DomainError(
                Code.WRONG_STATE,
                _("%(contest)s has no tie to decide by lot.") % {"contest": contest.name},
            )
        if Lot.objects.filter(contest=contest).exists():
            raise DomainError(
                Code.CONFLICT,
                _("The lot of %(contest)s was recorded already.") % {"contest": contest.name},
            )
        if seed:
            decided = list(tally.seeded_lot(seed, tied))
            method = Lot.Method.SEEDED
        elif order is not None and sorted(map(str, order)) == sorted(tied):
            decided = [str(k) for k in order]
            method = Lot.Method.RECORDED
        else:
            raise DomainError(
                Code.VALIDATION,
                _("Give a seed, or the order of all tied candidates (%(keys)s).")
                % {"keys": ", ".join(tied)},
                field="order",
                tied=tied,
            )
        lot = Lot.objects.create(
            contest=contest, method=method, seed=seed, order=decided, recorded_by=actor
        )
        audit_record(
            event_type=events.LOT_RECORDED,
            actor=actor,
            actor_role=role,
            obj=contest,
            summary={"contest": contest.code, "method": method, "seed": seed, "order": decided},
        )
    return lot
