"""The public name search of the roll: candidates from the area's (constituency, key) indexes,
ranked by rapidfuzz, the best ten loaded whole (re-exported by `roll.selectors`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.locale import name_key, normalise
from nirvachan.roll import rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.lookup import _public_lookup
from nirvachan.roll.models import Elector

SEARCH_LIMIT = 10
# Candidates: all electors of the area with an equal key (up to EQUAL_LIMIT), and the
# NEAR_LIMIT most similar of up to PREFIX_SCAN keys sharing the first PREFIX letters.
EQUAL_LIMIT = 20_000
PREFIX = 4
PREFIX_SCAN = 5_000
NEAR_LIMIT = 100
NEAR_SCORE = 70.0
MIN_SCORE = 55.0


# --- search --------------------------------------------------------------------------------


def _unit_by_name(name: str, kinds: tuple[str, ...], within: str = "") -> list[AdminUnit]:
    key = name_key(name)
    qs = AdminUnit.objects.filter(kind__in=kinds)
    if within:
        qs = qs.filter(path__startswith=within)
    found = [u for u in qs.filter(code__iexact=name.strip())]
    if found:
        return found
    # A name as written (the usual case) before comparing every unit's keys.
    text = normalise(name)
    found = list(qs.filter(Q(name_en__iexact=text) | Q(name_bn=text) | Q(name_hi=text)))
    if found:
        return found
    return [
        u
        for u in qs
        if key and key in {name_key(n) for n in (u.name_en, u.name_bn, u.name_hi) if n}
    ]


def search_area(*, state: str = "", district: str = "", constituency: str = "") -> Q:
    """The filter of the search's district or assembly constituency (number or name)."""
    return Q(
        constituency_id__in=search_constituencies(
            state=state, district=district, constituency=constituency
        )
    )


def search_constituencies(
    *, state: str = "", district: str = "", constituency: str = ""
) -> list[int]:
    """The ids of the assembly constituencies of the search's district, or the one named."""
    if not district and not constituency:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Give a district or an assembly constituency."),
            field="constituency",
        )
    within = ""
    if state:
        states = _unit_by_name(state, ("state", "division", "country"))
        if len(states) != 1:
            raise DomainError(
                RollErrorCode.VALIDATION, _("Unknown state %(s)s.") % {"s": state}, field="state"
            )
        within = states[0].path
    if district:
        units = _unit_by_name(district, ("district",), within)
        if not units:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Unknown district %(d)s.") % {"d": district},
                field="district",
            )
        if len(units) > 1:
            raise DomainError(
                RollErrorCode.AMBIGUOUS,
                _("Several districts are called %(d)s; name the state.") % {"d": district},
                field="state",
            )
        path = units[0].path
        return sorted(
            set(
                Constituency.objects.filter(
                    Q(unit__path__startswith=path) | Q(covers__path__startswith=path)
                ).values_list("pk", flat=True)
            )
        )
    qs = Constituency.objects.filter(kind="ac")
    if within:
        qs = qs.filter(unit__path__startswith=within)
    text = rules.to_ascii(constituency.strip())
    if text.isdigit():
        matches = list(qs.filter(number=int(text)))
    else:
        exact = normalise(text)
        matches = list(qs.filter(Q(name_en__iexact=exact) | Q(name_bn=exact) | Q(name_hi=exact)))
        if not matches:
            key = name_key(text)
            matches = [
                c
                for c in qs
                if key in {name_key(n) for n in (c.name_en, c.name_bn, c.name_hi) if n}
            ]
    if not matches:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Unknown assembly constituency %(c)s.") % {"c": constituency},
            field="constituency",
        )
    if len(matches) > 1:
        raise DomainError(
            RollErrorCode.AMBIGUOUS,
            _("Several constituencies match %(c)s; name the state.") % {"c": constituency},
            field="state",
        )
    return [matches[0].pk]


@dataclass(frozen=True)
class SearchHit:
    elector: Elector
    score: float


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b)


_CANDIDATE_COLUMNS = ("id", "name_key", "relative_key", "dob", "age", "age_on")


def _rows(condition: str, params: list[Any], ids: list[int], limit: int) -> list[Any]:
    """(id, name_key, relative_key, dob, age, age_on) of the active electors of the
    constituencies `ids` that meet `condition`; with ids=[] the condition alone (ids the
    area's index gave already: read by primary key, not through the area's index)."""
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in _CANDIDATE_COLUMNS)
    marks = ", ".join(["%s"] * len(ids))
    area = f"{qn('constituency_id')} IN ({marks}) AND " if ids else ""
    sql = (
        f"SELECT {cols} FROM {qn(Elector._meta.db_table)} "  # noqa: S608 (names only)
        f"WHERE {area}{condition} AND {qn('status')} = %s LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *params, Elector.Status.ACTIVE.value, limit])
        return cursor.fetchall()


def _near(column: str, key: str, ids: list[int]) -> list[int]:
    """Ids of the electors of the area whose `column` starts with the key's first PREFIX
    letters and is most like it (rapidfuzz): read from the (constituency, key) index alone."""
    if len(key) < PREFIX or not ids:
        return []
    qn = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {qn('id')}, {qn(column)} FROM {qn(Elector._meta.db_table)} "  # noqa: S608
        f"WHERE {qn('constituency_id')} IN ({marks}) AND {qn(column)} >= %s "
        f"AND {qn(column)} < %s LIMIT %s"
    )
    head = key[:PREFIX]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, head, head + "\uffff", PREFIX_SCAN])
        rows = cursor.fetchall()
    best = process.extract(
        key, [r[1] for r in rows], scorer=fuzz.ratio, limit=NEAR_LIMIT, score_cutoff=NEAR_SCORE
    )
    return [rows[index][0] for _value, _score, index in best]


def elector_search(
    *,
    name: str,
    relative: str = "",
    age: int | None = None,
    state: str = "",
    district: str = "",
    constituency: str = "",
    today: dt.date | None = None,
) -> list[SearchHit]:
    """At most 10 active electors ranked by cross-script name keys (rapidfuzz).

    Candidates come from the (constituency, key) indexes of migration 0003, within the area's
    constituencies: every elector with the same name key or relative's key, and the
    `NEAR_LIMIT` electors whose name key or relative's key, among those sharing its first
    `PREFIX` letters, is most like the query's (a slip of the pen, or a spelling the key does
    not fold). Only their keys and ages are read; they are ranked by name similarity (0.6),
    relative's similarity (0.3) and closeness of age (0.1, or 0.4 without a relative), and
    only the best ten are loaded whole.
    """
    name = normalise(name)
    relative = normalise(relative)
    if not name:
        raise DomainError(RollErrorCode.VALIDATION, _("Give the name."), field="name")
    if not relative and age is None:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Give the relative's name or the age as well as the name."),
            field="relative",
        )
    ids = search_constituencies(state=state, district=district, constituency=constituency)
    if not ids:
        return []
    today = today or timezone.localdate()
    qkey = name_key(name)
    rkey = name_key(relative) if relative else ""
    qn = connection.ops.quote_name
    found: dict[int, tuple[Any, ...]] = {}
    # Equal keys (the usual case: the key is the same across scripts) ...
    routes = [(f"{qn('name_key')} = %s", [qkey])]
    if rkey:
        routes.append((f"{qn('relative_key')} = %s", [rkey]))
    for condition, params in routes:
        for row in _rows(condition, params, ids, EQUAL_LIMIT):
            found[row[0]] = row
    # ... and the nearest keys with the same beginning (a slip, a spelling the key misses).
    near = {
        pk
        for column, key in (("name_key", qkey), ("relative_key", rkey))
        for pk in _near(column, key, ids)
    }
    near -= found.keys()
    if near:
        marks = ", ".join(["%s"] * len(near))
        for row in _rows(f"{qn('id')} IN ({marks})", sorted(near), [], len(near)):
            found[row[0]] = row
    scored: list[tuple[float, int]] = []
    for pk, nkey, relkey, dob, years, age_date in found.values():
        score = _similarity(qkey, nkey) * 0.6
        if rkey:
            score += _similarity(rkey, relkey) * 0.3
        if age is not None:
            current = rules.current_age(dob, years, age_date, today)
            gap = abs((current or 0) - age)
            score += max(0.0, 100.0 - 25.0 * gap) * (0.1 if rkey else 0.4)
        elif not rkey:
            score /= 0.6
        if score >= MIN_SCORE:
            scored.append((round(score, 1), pk))
    scored.sort(key=lambda h: (-h[0], h[1]))
    best = scored[:SEARCH_LIMIT]
    electors = _public_lookup.many([pk for _score, pk in best])
    return [SearchHit(electors[pk], score) for score, pk in best if pk in electors]
