"""Poll-day turnout of the stations (central side): the late rule, the scoped figures and totals,
and the page /station/turnout/<election>/ in bn/hi/en."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from nirvachan.core.roles import Role
from nirvachan.elections import services as es
from nirvachan.station import selectors
from nirvachan.station.models import StationKey, TurnoutReport
from nirvachan.station.nav import nav_items
from tests.factories import Geo, user
from tests.station.access import TurnoutElection, turnout_election

DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
POLL = dt.date(2024, 1, 7)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(POLL, dt.time(hour, minute), tzinfo=DHAKA)


OPENS, CLOSES = at(8), at(16)

# --- the late rule (pure) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "last", "late"),
    [
        (at(7, 30), None, False),  # before the poll opens
        (at(9, 59), None, False),  # less than two hours since opening, no report yet
        (at(10), None, True),  # two hours since opening and still no report
        (at(11), at(9, 30), False),  # reported 1.5 hours ago
        (at(11, 30), at(9, 30), True),  # exactly two hours ago
        (at(15, 59), at(9), True),
        (at(16), at(9), False),  # the poll has closed
        (at(18), None, False),
        (at(9, 30), at(7, 0), False),  # a report before opening counts as the opening
        (at(10, 30), at(7, 0), True),
    ],
)
def test_late_rule(now: dt.datetime, last: dt.datetime | None, late: bool) -> None:
    assert selectors.is_late(now=now, last_report=last, opens=OPENS, closes=CLOSES) is late


def test_late_rule_without_hours_is_never_late() -> None:
    assert selectors.is_late(now=at(12), last_report=None, opens=None, closes=None) is False


# --- figures --------------------------------------------------------------------------------


@dataclass
class Poll:
    own: TurnoutElection
    far_station_id: int


def report(station_id: int, election: TurnoutElection, when: dt.datetime, voters: int) -> None:
    key, _ = StationKey.objects.get_or_create(
        election=election.election,
        polling_station_id=station_id,
        revoked_at=None,
        defaults={"public_key": f"{station_id:064x}"},
    )
    TurnoutReport.objects.create(
        election=election.election, polling_station_id=station_id, station_key=key, at=when,
        voters=voters,
    )  # fmt: skip


def make_poll(geo: Geo) -> Poll:
    """One election: two stations in Gopalganj (4 and 6 active electors) with several reports
    each, and one station in Kishoreganj (another district) with one report."""
    own = turnout_election(geo.gopalganj, "jsn-poll", "BD-PC-215", electors=(4, 6))
    far = turnout_election(geo.kishoreganj, "jsn-far", "BD-PC-165", electors=(5,))
    # the Kishoreganj seat is contested in the same election
    es.contest_create(
        election=own.election, phase=own.contest.phase, code="BD-PC-165", name_en="Far",
        constituency=far.constituency,
    )  # fmt: skip
    a, b = own.stations
    for hour, voters in ((9, 1), (11, 2), (13, 3)):
        report(a.pk, own, at(hour), voters)
    for hour, voters in ((10, 2), (12, 3)):
        report(b.pk, own, at(hour), voters)
    report(far.stations[0].pk, own, at(9, 30), 5)
    return Poll(own, far.stations[0].pk)


@pytest.mark.django_db
def test_totals_with_two_stations_and_several_reports(geo: Geo) -> None:
    poll = make_poll(geo)
    ro = user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj)
    overview = selectors.turnout_overview(ro, election=poll.own.election, now=at(14, 30))
    a, b = poll.own.stations
    by_station = {row.station.pk: row for row in overview.stations}
    assert set(by_station) == {a.pk, b.pk}  # not the Kishoreganj station
    assert (by_station[a.pk].voters, by_station[a.pk].reports, by_station[a.pk].electors) == (
        3, 3, 4,
    )  # fmt: skip
    assert by_station[a.pk].last_at == at(13) and by_station[a.pk].share == Fraction(3, 4)
    assert (by_station[b.pk].voters, by_station[b.pk].reports, by_station[b.pk].electors) == (
        3, 2, 6,
    )  # fmt: skip
    assert not by_station[a.pk].late and by_station[b.pk].late  # b's last report: 12:00
    assert [row.station.pk for row in overview.stations] == [b.pk, a.pk]  # late first
    [total] = overview.totals
    assert (total.stations, total.reporting, total.late, total.electors, total.voters) == (
        2, 2, 1, 10, 6,
    )  # fmt: skip
    assert total.share == Fraction(6, 10)
    assert overview.series == [(at(9), 1), (at(10), 3), (at(11), 4), (at(12), 5), (at(13), 6)]
    by_turnout = selectors.turnout_overview(
        ro, election=poll.own.election, sort="-turnout", now=at(14, 30)
    )
    assert [row.station.pk for row in by_turnout.stations] == [a.pk, b.pk]


@pytest.mark.django_db
def test_a_national_holder_sees_both_districts_and_can_filter(geo: Geo) -> None:
    poll = make_poll(geo)
    admin = user("ca", Role.COMMISSION_ADMIN, geo.bd)
    overview = selectors.turnout_overview(admin, election=poll.own.election, now=at(14, 30))
    assert len(overview.stations) == 3
    assert [t.constituency.code for t in overview.totals] == ["BD-PC-165", "BD-PC-215"]
    assert overview.total is not None and overview.total.voters == 11
    assert overview.total.electors == 15
    only = selectors.turnout_overview(
        admin, election=poll.own.election, constituency="BD-PC-165", now=at(14, 30)
    )
    assert [row.station.pk for row in only.stations] == [poll.far_station_id]


@pytest.mark.django_db
def test_scoping_other_district_404_and_no_capability_403(geo: Geo) -> None:
    poll = make_poll(geo)
    lone = turnout_election(geo.gopalganj, "jsn-lone", "BD-PC-216", electors=(3,))
    other_ro = Client()
    other_ro.force_login(user("ro-k", Role.RETURNING_OFFICER, geo.kishoreganj))
    # an election with no contest in Kishoreganj is not found for the Kishoreganj RO
    assert other_ro.get("/station/turnout/jsn-lone/").status_code == 404
    assert lone.election.code == "jsn-lone"
    # in the shared election the Kishoreganj RO sees only the Kishoreganj station
    page = other_ro.get("/station/turnout/jsn-poll/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "BD-PC-165" in text and "School 1" in text and "BD-PC-215" not in text
    # a constituency of another district is not found either
    assert other_ro.get("/station/turnout/jsn-poll/?constituency=BD-PC-215").status_code == 404
    finance = Client()
    finance.force_login(user("fo", Role.FINANCE_OFFICER, geo.gopalganj))
    assert finance.get("/station/turnout/jsn-poll/").status_code == 403
    assert Client().get("/station/turnout/jsn-poll/").status_code == 302
    bad_sort = other_ro.get("/station/turnout/jsn-poll/?sort=colour")
    assert bad_sort.status_code == 422 and "sort" in bad_sort.content.decode()
    assert poll.own.election.code == "jsn-poll"


@pytest.mark.django_db
def test_page_in_bengali_shows_bengali_digits_and_the_chart(
    geo: Geo, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_poll(geo)
    monkeypatch.setattr(timezone, "now", lambda: at(14, 30))
    ro = Client()
    ro.force_login(user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj))
    bn = ro.get("/station/turnout/jsn-poll/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert "ভোটগ্রহণের দিনের ভোটদান" in bn  # "Turnout on poll day"
    totals = bn[bn.index('id="turnout-totals"') :]
    totals = totals[: totals.index("</table>")]
    cells = re.findall(r"<td>([^<]*)</td>", totals)
    assert cells == ["২", "২", "১", "১০", "৬", "৬০.০%"]
    assert "১৪:৩০" in bn  # the time of the figures, in Bengali digits
    chart = bn[bn.index('id="turnout-chart"') :]
    assert "<svg" in chart and "০৯:০০" in chart and ">৬<" in chart
    assert "<strong>বিলম্বিত</strong>" in bn  # station b is "Late"
    hi = ro.get("/station/turnout/jsn-poll/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "मतदान दिवस का मतदान" in hi and "६०.०%" in hi
    en = ro.get("/station/turnout/jsn-poll/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Turnout on poll day" in en and "60.0%" in en


@pytest.mark.django_db
def test_empty_state_before_any_report(geo: Geo) -> None:
    turnout_election(geo.gopalganj, "jsn-quiet", "BD-PC-217", electors=(2, 3))
    ro = Client()
    ro.force_login(user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj))
    page = ro.get("/station/turnout/jsn-quiet/").content.decode()
    assert 'id="turnout-empty"' in page and 'id="turnout-chart"' not in page
    assert "No report yet" in page  # both stations are listed without a report
    bn = ro.get("/station/turnout/jsn-quiet/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert "এখনও কোনো ভোটদানের প্রতিবেদন আসেনি" in bn


@pytest.mark.django_db
def test_totals_use_digit_grouping_in_the_users_digits(geo: Geo) -> None:
    big = turnout_election(geo.gopalganj, "jsn-big", "BD-PC-218", electors=(1500, 2))
    report(big.stations[0].pk, big, at(9), 1234)
    ro = Client()
    ro.force_login(user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj))
    bn = ro.get("/station/turnout/jsn-big/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    totals = bn[bn.index('id="turnout-totals"') :]
    cells = re.findall(r"<td>([^<]*)</td>", totals[: totals.index("</table>")])
    assert cells[3:] == ["১,৫০২", "১,২৩৪", "৮২.২%"]  # electors, voters, 1234/1502
    hi = ro.get("/station/turnout/jsn-big/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "१,५०२" in hi and "१,२३४" in hi


@pytest.mark.django_db
def test_nav_entry_for_holders_of_election_view(geo: Geo) -> None:
    """station/nav.py (listed once core's APPS_WITH_NAV names the station app)."""
    turnout_election(geo.gopalganj, "jsn-nav", "BD-PC-219")
    ro = user("ro-g", Role.RETURNING_OFFICER, geo.gopalganj)
    [(label, url, key)] = nav_items(SimpleNamespace(user=ro))
    assert (str(label), url, key) == ("Turnout", "/station/turnout/jsn-nav/", "turnout")
    far = user("ro-k", Role.RETURNING_OFFICER, geo.kishoreganj)
    assert nav_items(SimpleNamespace(user=far)) == []  # no election in Kishoreganj
    finance = user("fo", Role.FINANCE_OFFICER, geo.gopalganj)
    assert nav_items(SimpleNamespace(user=finance)) == []
