"""Reporting obligations derived from the poll date: pure, no Django.

A rule says when a body must report: every k days from its formation (periodic), every k days
in a window of w days before the poll up to polling day (window), once at a day relative to the
poll (one-off; negative = before), or on each incident (event: no scheduled date). `schedule`
turns rules into due dates; `replan` says which planned dates to keep, drop and add when the
poll date moves (dates already past are history and are kept); `status_of` classifies one
obligation against its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

ESCALATE_AFTER = dt.timedelta(hours=24)


class RuleKind(StrEnum):
    PERIODIC = "periodic"
    WINDOW = "window"
    ONE_OFF = "one_off"
    EVENT = "event"


class Status(StrEnum):
    DUE = "due"
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


@dataclass(frozen=True)
class Rule:
    code: str
    kind: RuleKind
    every_days: int = 0
    window_days: int = 0
    offset_days: int = 0


@dataclass(frozen=True, order=True)
class Due:
    on: dt.date
    code: str


class RuleError(ValueError):
    """A rule that cannot produce dates (e.g. every 0 days)."""


def check_rule(rule: Rule) -> None:
    if rule.kind in (RuleKind.PERIODIC, RuleKind.WINDOW) and rule.every_days < 1:
        raise RuleError(f"{rule.code}: every_days must be at least 1")
    if rule.kind is RuleKind.WINDOW and rule.window_days < 0:
        raise RuleError(f"{rule.code}: window_days must not be negative")


def due_dates(rule: Rule, *, formed: dt.date, poll: dt.date) -> list[dt.date]:
    """The due dates of one rule for a body formed on `formed`, for a poll on `poll`."""
    check_rule(rule)
    if rule.kind is RuleKind.EVENT:
        return []
    if rule.kind is RuleKind.ONE_OFF:
        return [poll + dt.timedelta(days=rule.offset_days)]
    step = dt.timedelta(days=rule.every_days)
    dates: list[dt.date] = []
    if rule.kind is RuleKind.PERIODIC:
        day = formed + step
        while day <= poll:
            dates.append(day)
            day += step
        return dates
    # window: from P - window_days to P, every `every_days`, never before formation
    day = poll - dt.timedelta(days=rule.window_days)
    while day <= poll:
        if day >= formed:
            dates.append(day)
        day += step
    return dates


def schedule(rules: Iterable[Rule], *, formed: dt.date, poll: dt.date) -> list[Due]:
    """Every due date of the rules, sorted by date then rule code, without duplicates."""
    found = {Due(on, r.code) for r in rules for on in due_dates(r, formed=formed, poll=poll)}
    return sorted(found)


@dataclass(frozen=True)
class Plan:
    keep: tuple[Due, ...]
    drop: tuple[Due, ...]
    add: tuple[Due, ...]


def replan(
    planned: Sequence[Due],
    rules: Iterable[Rule],
    *,
    formed: dt.date,
    poll: dt.date,
    today: dt.date,
    done: frozenset[Due] = frozenset(),
) -> Plan:
    """What changes when the schedule is computed again (new poll date or rules).

    Planned dates before `today`, and those already reported (`done`), are history and kept;
    future ones not in the new schedule are dropped; new future dates are added.
    """
    wanted = {d for d in schedule(rules, formed=formed, poll=poll) if d.on >= today}
    keep, drop = [], []
    for d in planned:
        if d.on < today or d in done or d in wanted:
            keep.append(d)
        else:
            drop.append(d)
    kept = set(keep)
    add = sorted(d for d in wanted if d not in kept)
    return Plan(tuple(sorted(keep)), tuple(sorted(drop)), tuple(add))


def status_of(due_at: dt.datetime, submitted_at: dt.datetime | None, now: dt.datetime) -> Status:
    """Due (not yet past), on time, late (submitted after the deadline) or missing."""
    if submitted_at is not None:
        return Status.ON_TIME if submitted_at <= due_at else Status.LATE
    return Status.DUE if now <= due_at else Status.MISSING


def escalated(due_at: dt.datetime, submitted_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Not reported more than 24 hours after the deadline: the commission must see it."""
    return submitted_at is None and now - due_at > ESCALATE_AFTER


# The seed's rules (BEC circular 6, 13 Oct 2022) for a Zila Parishad election, by body kind.
SEED_RULES: dict[str, tuple[Rule, ...]] = {
    "team": (
        Rule("weekly", RuleKind.PERIODIC, every_days=7),
        Rule("daily_before_poll", RuleKind.WINDOW, every_days=1, window_days=3),
        Rule("violation", RuleKind.EVENT),
    ),
    "cell": (
        Rule("weekly", RuleKind.PERIODIC, every_days=7),
        Rule("two_daily_before_poll", RuleKind.WINDOW, every_days=2, window_days=6),
        Rule("incident", RuleKind.EVENT),
    ),
    "law_district": (Rule("security_plan", RuleKind.ONE_OFF, offset_days=-4),),
    "law_upazila": (),
    "committee": (),
}
