"""Approving and publishing counting rounds."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.elections.models import Contest
from nirvachan.results import events
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound
from nirvachan.results.services._common import _require, _round


def round_approve(*, actor: Any = None, contest: Contest, number: int) -> CountingRound:
    role = _require(actor, contest)
    with transaction.atomic():
        rnd = _round(contest, number, lock=True)
        if rnd.status != CountingRound.Status.OPEN:
            return rnd
        if not rnd.stations.exists():
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s has no station counted yet.") % {"round": number},
                field="round",
            )
        rnd.status = CountingRound.Status.APPROVED
        rnd.approved_at = timezone.now()
        rnd.save(update_fields=["status", "approved_at"])
        audit_record(
            event_type=events.ROUND_APPROVED,
            actor=actor,
            actor_role=role,
            obj=rnd,
            summary={"contest": contest.code, "round": number, "stations": rnd.stations.count()},
        )
    return rnd


def round_publish(*, actor: Any = None, contest: Contest, number: int) -> CountingRound:
    role = _require(actor, contest)
    with transaction.atomic():
        rnd = _round(contest, number, lock=True)
        if rnd.status == CountingRound.Status.PUBLISHED:
            return rnd
        if rnd.status != CountingRound.Status.APPROVED:
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s must be approved before it is published.") % {"round": number},
                field="round",
            )
        earlier = CountingRound.objects.filter(contest=contest, number__lt=number).exclude(
            status=CountingRound.Status.PUBLISHED
        )
        if earlier.exists():
            raise DomainError(
                Code.WRONG_STATE,
                _("Round %(round)s must be published first.")
                % {"round": earlier.order_by("number").first().number},  # type: ignore[union-attr]
                field="round",
            )
        rnd.status = CountingRound.Status.PUBLISHED
        rnd.published_at = timezone.now()
        rnd.save(update_fields=["status", "published_at"])
        audit_record(
            event_type=events.ROUND_PUBLISHED,
            actor=actor,
            actor_role=role,
            obj=rnd,
            summary={"contest": contest.code, "round": number},
        )
    return rnd
