"""The risk-limiting audit's refusals in the user's language (the pure `results.rla` gives a
reason code; the API and `nirvachan results audit rla` word it here)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.results import rla, selectors
from nirvachan.results.errors import ResultsErrorCode as Code


def rla_refusal(exc: rla.AuditError, outcome: selectors.ContestOutcome) -> DomainError:
    """The audit module's refusal code as a DomainError in the request's language."""
    details: dict[str, Any] = {"reason": str(exc.reason)}
    if exc.reason is rla.Refusal.RISK_LIMIT_RANGE:
        message = _("The risk limit must lie between 0 and 1.")
        details["field"] = "risk_limit"
    elif exc.reason is rla.Refusal.NO_WINNER:
        message = _("%(contest)s has no reported winner yet, so there is no outcome to audit.") % {
            "contest": outcome.contest.name
        }
    else:
        message = _(
            "A ballot-polling audit cannot check this outcome: %(winner)s, a reported winner, "
            "does not have more votes than %(loser)s."
        ) % {"winner": outcome.name(exc.winner), "loser": outcome.name(exc.loser)}
        details.update(winner=exc.winner, loser=exc.loser)
    return DomainError(Code.VALIDATION, message, **details)
