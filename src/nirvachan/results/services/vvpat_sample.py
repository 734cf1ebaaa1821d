"""The VVPAT sample: drawing stations and entering their slip counts."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.elections.models import Contest
from nirvachan.results import events, vvpat
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import CountingRound, StationReturn, VvpatCheck, VvpatDraw
from nirvachan.results.services._common import NOTA, _clean_counts, _require


def vvpat_draw(*, actor: Any = None, contest: Contest, segment: str, seed: str) -> VvpatDraw:
    """Draw 5 stations of an assembly segment (vvpat.draw). Refused until counting of the
    contest is complete: every planned round approved."""
    role = _require(actor, contest)
    segment = unicodedata.normalize("NFC", segment.strip())
    try:
        seed = vvpat.check_seed(seed)
    except vvpat.DrawError:
        raise DomainError(
            Code.VALIDATION,
            _("The seed must be at least %(n)s decimal digits.") % {"n": vvpat.MIN_SEED_DIGITS},
            field="seed",
        ) from None
    with transaction.atomic():
        Contest.objects.select_for_update().get(pk=contest.pk)
        rounds = CountingRound.objects.filter(contest=contest)
        if not rounds.exists() or rounds.filter(status=CountingRound.Status.OPEN).exists():
            raise DomainError(
                Code.NOT_ALL_IN,
                _("Not every station result of %(contest)s is in: the draw waits until every "
                  "round is approved.") % {"contest": contest.name},
            )  # fmt: skip
        numbers = list(
            StationReturn.objects.filter(contest=contest, segment=segment, number__gt=0)
            .order_by("number")
            .values_list("number", flat=True)
        )
        if not numbers:
            raise DomainError(
                Code.NOT_FOUND,
                _("Segment %(segment)s has no station results.") % {"segment": segment},
                field="segment",
            )
        if VvpatDraw.objects.filter(contest=contest, segment=segment).exists():
            raise DomainError(
                Code.CONFLICT,
                _("Segment %(segment)s was drawn already.") % {"segment": segment},
                field="segment",
            )
        drawn = list(vvpat.draw(seed, numbers))
        draw = VvpatDraw.objects.create(
            contest=contest, segment=segment, seed=seed, stations=drawn, drawn_by=actor
        )
        audit_record(
            event_type=events.VVPAT_DRAWN,
            actor=actor,
            actor_role=role,
            obj=draw,
            summary={"contest": contest.code, "segment": segment, "seed": seed,
                     "stations": drawn},
        )  # fmt: skip
    return draw


def vvpat_check_enter(
    *, actor: Any = None, draw: VvpatDraw, station_number: int, paper: Mapping[str, Any]
) -> VvpatCheck:
    """Enter the slip count of a drawn station; a mismatch marks the station and paper
    prevails there in the tally."""
    contest = draw.contest
    role = _require(actor, contest)
    if station_number not in draw.stations:
        raise DomainError(
            Code.VALIDATION,
            _("Station %(number)s was not drawn in segment %(segment)s.")
            % {"number": station_number, "segment": draw.segment},
            field="station",
        )
    clean = _clean_counts(contest, paper, what=_("Station %(number)s") % {"number": station_number})
    station = StationReturn.objects.get(
        contest=contest, segment=draw.segment, number=station_number
    )
    electronic = {
        str(c.nomination_id) if c.nomination_id else NOTA: c.votes for c in station.counts.all()
    }
    mismatch = electronic != clean
    try:
        with transaction.atomic():
            check = VvpatCheck.objects.create(
                draw=draw, station=station, paper=clean, mismatch=mismatch, entered_by=actor
            )
            audit_record(
                event_type=events.VVPAT_MISMATCH if mismatch else events.VVPAT_CHECKED,
                actor=actor,
                actor_role=role,
                obj=station,
                summary={"contest": contest.code, "station": station_number,
                         "mismatch": mismatch},
            )  # fmt: skip
    except IntegrityError:
        raise DomainError(
            Code.CONFLICT,
            _("The paper count of station %(number)s was entered already.")
            % {"number": station_number},
            field="station",
        ) from None
    return check
