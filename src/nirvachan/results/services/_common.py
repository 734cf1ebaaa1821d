"""Helpers shared by the results services: the scope check, clean counts, rounds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.elections.models import Contest, Nomination
from nirvachan.results import tally
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, VoteCount

NOTA = tally.NOTA
MAX_TABLES = 100
MAX_ROUNDS = 500


def _require(actor: Any, contest: Contest) -> str:
    return require_scope(actor, Capability.RESULTS_MANAGE, contest.unit)


def _keys(contest: Contest) -> dict[str, Nomination]:
    """Contesting candidates (accepted, not withdrawn) by key."""
    return {str(n.pk): n for n in contest.nominations.filter(status=Nomination.Status.ACCEPTED)}


def _clean_counts(
    contest: Contest,
    counts: Mapping[str, Any],
    *,
    what: str,
    keys: Mapping[str, Nomination] | None = None,
) -> dict[str, int]:
    """Validated {key: votes} with every contesting candidate and NOTA (missing = 0).
    `keys`: the contest's `_keys`, when the caller has them already."""
    keys = _keys(contest) if keys is None else keys
    clean = {key: 0 for key in keys} | {NOTA: 0}
    for raw_key, raw in counts.items():
        key = str(raw_key).strip().upper() if str(raw_key).strip().upper() == NOTA else str(raw_key)
        if key not in clean:
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: %(key)s is not a contesting candidate of %(contest)s.")
                % {"what": what, "key": raw_key, "contest": contest.name},
                field="counts",
                key=str(raw_key),
            )
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise DomainError(
                Code.VALIDATION,
                _("%(what)s: the votes for %(key)s must be a whole number, 0 or more.")
                % {"what": what, "key": raw_key},
                field="counts",
                key=str(raw_key),
            )
        clean[key] = raw
    return clean


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _station_digest(
    counts: dict[str, int],
    segment: str,
    voters_17a: int | None,
    paper_count: int | None,
    electors: int | None,
    votes_recorded: int | None = None,
    left_without_voting: int | None = None,
) -> str:
    """The digest of a station result: the same result twice is idempotent, another conflicts.
    Form 17C figures join it only when given, so hand-entered digests are unchanged."""
    payload: dict[str, Any] = {
        "counts": counts,
        "segment": segment,
        "voters_17a": voters_17a,
        "paper_count": paper_count,
        "electors": electors,
    }
    if votes_recorded is not None or left_without_voting is not None:
        payload["17c"] = [votes_recorded, left_without_voting]
    return _digest(payload)


def _write_counts(
    contest: Contest, counts: dict[str, int], keys: dict[str, Nomination], **where: Any
) -> None:
    VoteCount.objects.bulk_create(
        VoteCount(
            contest=contest,
            nomination=None if key == NOTA else keys[key],
            votes=votes,
            **where,
        )
        for key, votes in counts.items()
    )


def _round(contest: Contest, number: int, *, lock: bool = False) -> CountingRound:
    qs = CountingRound.objects.filter(contest=contest, number=number)
    found = (qs.select_for_update() if lock else qs).first()
    if found is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Round %(round)s of %(contest)s is not planned.")
            % {"round": number, "contest": contest.name},
            field="round",
        )
    return found
