"""Pages of the polling-station app (central side), mounted at /station/. Thin: parse, call one
selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nirvachan.core.errors import DomainError
from nirvachan.core.selectors import paginate
from nirvachan.core.views import error_page
from nirvachan.locale import to_native_digits
from nirvachan.results.charts import bar_chart
from nirvachan.station import selectors


def _clock(at: dt.datetime, zone: dt.tzinfo) -> str:
    """A time of day in the election's country and the active language's digits (০৯:০০ / ०९:००
    / 09:00)."""
    script = {"bn": "beng", "hi": "deva"}.get((get_language() or "en")[:2], "latn")
    return to_native_digits(timezone.localtime(at, zone).strftime("%H:%M"), script)


def _hourly(series: list[tuple[dt.datetime, int]], zone: dt.tzinfo) -> list[tuple[str, int]]:
    """The total at the end of each hour that had a report (the last figure of the hour),
    labelled with the hour's end (a report of 09:40 is the 10:00 figure)."""
    bars: dict[str, int] = {}
    for at, total in series:
        local = timezone.localtime(at, zone)
        hour = local.replace(minute=0, second=0, microsecond=0)
        if hour != local:
            hour += dt.timedelta(hours=1)
        bars[_clock(hour, zone)] = total
    return list(bars.items())


@login_required
@require_GET
def turnout(request: HttpRequest, st_election: str) -> HttpResponse:
    """Poll-day turnout of the stations of an election in the user's units: late stations first
    (or by turnout), totals per constituency and the total voters over time."""
    constituency = request.GET.get("constituency", "").strip()
    sort = request.GET.get("sort", "late")
    try:
        election = selectors.turnout_election_get(request.user, st_election)
        overview = selectors.turnout_overview(
            request.user, election=election, constituency=constituency, sort=sort
        )
        page = paginate(overview.stations, request.GET.get("page"), 50)  # type: ignore[arg-type]
    except DomainError as exc:
        return error_page(request, exc)
    zone = selectors.election_zone(election)
    chart = (
        bar_chart(_("Voters so far, by hour"), _hourly(overview.series, zone))
        if overview.series
        else None
    )
    query = urlencode({k: v for k, v in (("constituency", constituency), ("sort", sort)) if v})
    context = {
        "active": "turnout",
        "election": election,
        "overview": overview,
        "page": page,
        "rows": [(row, _clock(row.last_at, zone) if row.last_at else "") for row in page],
        "chart": chart,
        "sort": sort,
        "constituency": constituency,
        "query": query,
        "sorts": [
            ("late", _("Late first")),
            ("-turnout", _("Highest turnout")),
            ("turnout", _("Lowest turnout")),
            ("station", _("Station number")),
        ],
        "as_of": _clock(overview.now, zone),
    }
    return render(request, "station/turnout.html", context)
