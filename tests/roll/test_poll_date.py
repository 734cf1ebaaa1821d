"""The public lookup names the poll date of the elector's constituency when a poll is
scheduled there (the elections app owns polls)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nirvachan.elections import services as elections
from tests.factories import Geo
from tests.roll.factories import elector, make_roll


@pytest.mark.django_db
def test_lookup_gives_the_next_scheduled_poll_date(geo: Geo) -> None:
    roll = make_roll(geo)
    e = elector(roll.u1, "ABC1234567", name="राम कुमार")
    assert Client().get(f"/api/v1/roll/electors/{e.key}").json()["poll_date"] is None

    election = elections.election_create(
        code="up-by",
        kind="by_election",
        country="IN",
        name_en="By-election",
        polls_open=dt.time(7),
        polls_close=dt.time(18),
    )
    soon = dt.date.today() + dt.timedelta(days=40)
    past = elections.phase_schedule(election=election, number=1, poll_date=dt.date(2019, 5, 19))
    elections.contest_create(
        election=election, phase=past, code="old", name_en="Old", constituency=roll.up_ac
    )
    assert Client().get(f"/api/v1/roll/electors/{e.key}").json()["poll_date"] is None
    phase = elections.phase_schedule(election=election, number=2, poll_date=soon)
    elections.contest_create(
        election=election, phase=phase, code="new", name_en="New", constituency=roll.up_ac
    )
    assert Client().get(f"/api/v1/roll/electors/{e.key}").json()["poll_date"] == soon.isoformat()
