"""Moving a phase's poll date (elections) regenerates the monitoring obligations."""

from __future__ import annotations

import datetime as dt

import pytest

from nirvachan.elections import services as election_services
from nirvachan.monitoring import services
from nirvachan.monitoring.models import Obligation
from nirvachan.monitoring.services import MemberData
from tests.factories import Geo


@pytest.mark.django_db
def test_moving_the_poll_moves_future_obligations_and_keeps_history(geo: Geo) -> None:
    today = dt.date.today()
    poll = today + dt.timedelta(days=30)
    e = election_services.election_create(
        code="zp-future",
        kind="local",
        country="BD",
        name_en="Zila Parishad (future)",
        polls_open=dt.time(9),
        polls_close=dt.time(14),
    )
    election_services.phase_schedule(election=e, number=1, poll_date=poll)
    body = services.body_form(
        actor=None,
        election=e,
        unit=geo.kotalipara,
        kind="team",
        name="Team 1",
        formed_on=today,
        members=[MemberData("Md. Karim", "UNO", "Magistrate", "017", True)],
        today=today,
    )

    def daily() -> list[dt.date]:
        return sorted(
            body.obligations.filter(
                superseded_at__isnull=True, code__startswith="daily"
            ).values_list("due_on", flat=True)
        )

    assert daily()[-1] == poll
    before = Obligation.objects.count()
    election_services.phase_schedule(election=e, number=1, poll_date=poll + dt.timedelta(days=7))
    assert daily()[-1] == poll + dt.timedelta(days=7)
    assert daily()[0] == poll + dt.timedelta(days=4)
    assert Obligation.objects.filter(superseded_at__isnull=False).count() > 0  # history kept
    assert Obligation.objects.count() > before
