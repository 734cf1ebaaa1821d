"""The pure schedule of reporting obligations."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nirvachan.monitoring.obligations import (
    SEED_RULES,
    Due,
    Rule,
    RuleKind,
    Status,
    due_dates,
    escalated,
    replan,
    schedule,
    status_of,
)

D = dt.date
FORMED, POLL = D(2022, 9, 20), D(2022, 10, 17)


def test_team_schedule_from_the_seed() -> None:
    dates = schedule(SEED_RULES["team"], formed=FORMED, poll=POLL)
    assert dates == [
        Due(D(2022, 9, 27), "weekly"),
        Due(D(2022, 10, 4), "weekly"),
        Due(D(2022, 10, 11), "weekly"),
        Due(D(2022, 10, 14), "daily_before_poll"),
        Due(D(2022, 10, 15), "daily_before_poll"),
        Due(D(2022, 10, 16), "daily_before_poll"),
        Due(D(2022, 10, 17), "daily_before_poll"),
    ]


def test_security_plan_four_days_before_the_poll() -> None:
    assert schedule(SEED_RULES["law_district"], formed=FORMED, poll=POLL) == [
        Due(D(2022, 10, 13), "security_plan")
    ]


def test_moving_the_poll_keeps_history_and_replaces_the_future() -> None:
    old = schedule(SEED_RULES["team"], formed=FORMED, poll=POLL)
    result = replan(
        old, SEED_RULES["team"], formed=FORMED, poll=D(2022, 10, 20), today=D(2022, 10, 5)
    )
    assert [d.on for d in result.drop] == [D(2022, 10, 14), D(2022, 10, 15), D(2022, 10, 16)]
    assert result.add == (
        Due(D(2022, 10, 18), "daily_before_poll"),
        Due(D(2022, 10, 18), "weekly"),
        Due(D(2022, 10, 19), "daily_before_poll"),
        Due(D(2022, 10, 20), "daily_before_poll"),
    )
    assert Due(D(2022, 10, 4), "weekly") in result.keep


def test_status_and_escalation() -> None:
    due = dt.datetime(2022, 10, 4, 23, 59, tzinfo=dt.UTC)
    assert status_of(due, None, due - dt.timedelta(hours=1)) is Status.DUE
    assert status_of(due, due, due) is Status.ON_TIME
    assert status_of(due, due + dt.timedelta(minutes=1), due) is Status.LATE
    assert status_of(due, None, due + dt.timedelta(hours=1)) is Status.MISSING
    assert not escalated(due, None, due + dt.timedelta(hours=24))
    assert escalated(due, None, due + dt.timedelta(hours=24, seconds=1))
    assert not escalated(due, due, due + dt.timedelta(days=3))


days = st.integers(min_value=0, max_value=120)


@given(days, days, st.integers(1, 10), st.integers(0, 10))
def test_window_dates_never_after_the_poll(before: int, gap: int, every: int, window: int) -> None:
    formed = D(2024, 1, 1)
    poll = formed + dt.timedelta(days=before)
    for kind in (RuleKind.PERIODIC, RuleKind.WINDOW):
        rule = Rule("r", kind, every_days=every, window_days=window)
        for day in due_dates(rule, formed=formed, poll=poll):
            assert formed <= day <= poll


@given(days, days, st.integers(0, 60))
def test_replan_keeps_the_past_and_reaches_the_new_schedule(
    before: int, shift: int, today_off: int
) -> None:
    formed = D(2024, 1, 1)
    poll = formed + dt.timedelta(days=before)
    new_poll = formed + dt.timedelta(days=shift)
    today = formed + dt.timedelta(days=today_off)
    rules = SEED_RULES["team"] + SEED_RULES["cell"]
    old = schedule(rules, formed=formed, poll=poll)
    result = replan(old, rules, formed=formed, poll=new_poll, today=today)
    assert {d for d in old if d.on < today} <= set(result.keep)
    assert set(result.keep) | set(result.drop) == set(old)
    future = {d for d in schedule(rules, formed=formed, poll=new_poll) if d.on >= today}
    assert {d for d in set(result.keep) | set(result.add) if d.on >= today} == future
    # idempotent: planning again changes nothing
    again = replan(
        list(result.keep) + list(result.add), rules, formed=formed, poll=new_poll, today=today
    )
    assert again.drop == () and again.add == ()
