"""The ballot unit: a kiosk page with no sign-in. It acts only when officer 3 has enabled a
ballot; one press records one vote (``StationDay.cast``); the paper slip is shown for
``SLIP_SECONDS`` and then drops into the box, during which the unit records nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _g
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from nirvachan.station.day import StationError
from nirvachan.station.web.middleware import station_language
from nirvachan.station.web.views import ballot_options, day

SLIP_SECONDS = 7.0
POLL_SECONDS = 1

clock: Callable[[], float] = time.monotonic
_slip_until: dict[Path, float] = {}
_lock = threading.Lock()


def slip_showing() -> bool:
    return clock() < _slip_until.get(Path(settings.STATION_DATA_DIR), 0.0)


def reset() -> None:
    with _lock:
        _slip_until.clear()


def _contest(the_day: Any, code: str) -> dict[str, Any] | None:
    for contest in ballot_options(the_day.ballots()):
        if contest["contest"] == code:
            return contest
    return None


def _state(request: HttpRequest) -> dict[str, Any]:
    """What the unit shows now: the waiting screen or the ballot of the next contest to vote."""
    if slip_showing():
        return {"mode": "waiting"}
    the_day = day(request)
    pending = the_day.pending_ballot()
    if not pending or not pending.get("contests"):
        return {"mode": "waiting"}
    contest = _contest(the_day, pending["contests"][0])
    if contest is None:
        return {"mode": "waiting"}
    return {"mode": "ballot", "ballot": pending["ballot"], "contest": contest}


def _render(
    request: HttpRequest, context: dict[str, Any], status: int = 200, *, fragment: bool = False
) -> HttpResponse:
    context = {"poll_seconds": POLL_SECONDS, "slip_ms": int(SLIP_SECONDS * 1000), **context}
    if fragment or request.headers.get("HX-Request"):
        template = "station_web/_kiosk_unit.html"
    else:
        template = "station_web/kiosk.html"
    return render(request, template, context, status=status)


def in_station_language(view: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """The unit always speaks the station's language, whatever a browser cookie says."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        with translation.override(station_language(request)):
            return view(request)

    return wrapper


@never_cache
@require_GET
@in_station_language
def kiosk(request: HttpRequest) -> HttpResponse:
    return _render(request, _state(request))


@never_cache
@require_GET
@in_station_language
def state(request: HttpRequest) -> HttpResponse:
    return _render(request, _state(request), fragment=True)


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return _render(request, {"mode": "refused", "message": message}, status)


@never_cache
@require_POST
@in_station_language
def cast(request: HttpRequest) -> HttpResponse:
    try:
        ballot = int(request.POST.get("ballot", ""))
        choice = int(request.POST.get("choice", ""))
    except ValueError:
        return _refused(request, _g("This press was not understood; nothing was recorded."), 400)
    contest = request.POST.get("contest", "")
    with _lock:  # one press at a time on this unit
        if slip_showing():
            return _refused(
                request, _g("Please wait: the paper slip is still shown. Nothing recorded."), 409
            )
        the_day = day(request)
        pending = the_day.pending_ballot()
        if not pending or pending.get("ballot") != ballot or contest not in pending["contests"]:
            return _refused(
                request,
                _g("The ballot unit is not enabled for this vote. Nothing was recorded."),
                409,
            )
        try:
            slip = the_day.cast(ballot, contest, choice)
        except StationError as exc:
            return _refused(request, exc.message, 409)
        _slip_until[Path(settings.STATION_DATA_DIR)] = clock() + SLIP_SECONDS
    info = _contest(the_day, contest) or {"contest": contest}
    return _render(request, {"mode": "slip", "slip": slip, "contest": info})
