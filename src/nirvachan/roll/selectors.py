"""Reads of the roll app, including every per-user access rule (DESIGN.md convention 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.locale import name_key, normalise
from nirvachan.roll import rules
from nirvachan.roll.dedupe import DedupeRecord
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, Elector, Gender, Part, Relation

SEARCH_LIMIT = 10
CANDIDATE_LIMIT = 2000
MIN_SCORE = 55.0


def poll_date_for(constituency: Constituency) -> dt.date | None:
    """The poll date of the constituency's next scheduled poll (owned by the elections app)."""
    from nirvachan.elections.selectors import next_poll_date

    return next_poll_date(constituency)


def key_parse(epic: str) -> str:
    """The cleaned EPIC/NID number, or 422 when it is neither."""
    key = rules.clean_key(epic)
    if rules.key_kind_of(key) is None:
        raise DomainError(
            RollErrorCode.MALFORMED_KEY,
            _("%(epic)s is not an EPIC number (3 letters and 7 digits) or an NID number.")
            % {"epic": epic[:40]},
            epic=epic[:40],
        )
    return key


def _public_qs() -> QuerySet[Elector]:
    return Elector.objects.select_related(
        "part__polling_station", "constituency", "constituency__unit"
    ).filter(status=Elector.Status.ACTIVE)


def elector_public(*, epic: str) -> Elector:
    key = key_parse(epic)
    elector = _public_qs().filter(key=key).first()
    if elector is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("No elector on the roll has the number %(epic)s.") % {"epic": key},
            epic=key,
        )
    return elector


def public_record(elector: Elector, today: dt.date | None = None) -> dict[str, Any]:
    """The minimal fields anyone may see: never the date of birth, house, address or phone."""
    today = today or timezone.localdate()
    station = elector.part.polling_station
    poll = poll_date_for(elector.constituency)
    return {
        "epic": elector.key,
        "name": elector.name,
        "relative_name": elector.relative_name,
        "relation": elector.relation,
        "age": rules.current_age(elector.dob, elector.age, elector.age_on, today),
        "gender": elector.gender,
        "constituency": elector.constituency.name,
        "constituency_number": elector.constituency.number,
        "part": elector.part.number,
        "part_name": elector.part.name,
        "serial": elector.serial,
        "polling_station": station.name,
        "polling_station_address": station.address,
        "poll_date": poll,
    }


# --- search --------------------------------------------------------------------------------


def _unit_by_name(name: str, kinds: tuple[str, ...], within: str = "") -> list[AdminUnit]:
    key = name_key(name)
    qs = AdminUnit.objects.filter(kind__in=kinds)
    if within:
        qs = qs.filter(path__startswith=within)
    found = [u for u in qs.filter(code__iexact=name.strip())]
    if found:
        return found
    return [
        u
        for u in qs
        if key and key in {name_key(n) for n in (u.name_en, u.name_bn, u.name_hi) if n}
    ]


def search_area(*, state: str = "", district: str = "", constituency: str = "") -> Q:
    """The filter of the search's district or assembly constituency (number or name)."""
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
        return Q(constituency__unit__path__startswith=path) | Q(
            constituency__covers__path__startswith=path
        )
    qs = Constituency.objects.filter(kind="ac")
    if within:
        qs = qs.filter(unit__path__startswith=within)
    text = rules.to_ascii(constituency.strip())
    if text.isdigit():
        matches = list(qs.filter(number=int(text)))
    else:
        key = name_key(text)
        matches = [
            c for c in qs if key in {name_key(n) for n in (c.name_en, c.name_bn, c.name_hi) if n}
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
    return Q(constituency=matches[0])


@dataclass(frozen=True)
class SearchHit:
    elector: Elector
    score: float


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


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
    """At most 10 active electors ranked by cross-script name keys (rapidfuzz)."""
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
    area = search_area(state=state, district=district, constituency=constituency)
    today = today or timezone.localdate()
    qkey = name_key(name)
    rkey = name_key(relative) if relative else ""
    tokens = [name_key(t) for t in name.split() if name_key(t)]
    wanted = Q(name_key=qkey)
    if rkey:
        wanted |= Q(relative_key=rkey)
    if tokens:
        wanted |= Q(name_key__startswith=tokens[0])
    candidates = _public_qs().filter(area).filter(wanted).distinct()[:CANDIDATE_LIMIT]
    hits: list[SearchHit] = []
    for elector in candidates:
        score = _similarity(qkey, elector.name_key) * 0.6
        if rkey:
            score += _similarity(rkey, elector.relative_key) * 0.3
        if age is not None:
            current = rules.current_age(elector.dob, elector.age, elector.age_on, today)
            gap = abs((current or 0) - age)
            score += max(0.0, 100.0 - 25.0 * gap) * (0.1 if rkey else 0.4)
        elif not rkey:
            score /= 0.6
        if score >= MIN_SCORE:
            hits.append(SearchHit(elector, round(score, 1)))
    hits.sort(key=lambda h: (-h.score, h.elector.part_id, h.elector.serial))
    return hits[:SEARCH_LIMIT]


# --- officers ------------------------------------------------------------------------------


def elector_list_for_user(user: Any) -> QuerySet[Elector]:
    return Elector.objects.select_related(
        "part__polling_station", "constituency", "constituency__unit"
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))


def elector_get_for_user(user: Any, epic: str) -> Elector:
    key = key_parse(epic)
    elector = elector_list_for_user(user).filter(key=key).first()
    if elector is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("No elector on the roll has the number %(epic)s.") % {"epic": key},
            epic=key,
        )
    return elector


def part_list_for_user(user: Any, *, constituency: str = "") -> QuerySet[Part]:
    qs = Part.objects.select_related("constituency", "polling_station").filter(
        _paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path")
    )
    if constituency:
        qs = qs.filter(constituency__code=constituency)
    return qs.order_by("constituency__code", "number")


def part_get_for_user(user: Any, part_id: int) -> Part:
    part = part_list_for_user(user).filter(pk=part_id).first()
    if part is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND, _("Part %(id)s was not found.") % {"id": part_id}, id=part_id
        )
    return part


PART_SORTS = {"serial": "serial", "-serial": "-serial", "name": "name", "-name": "-name"}


def part_electors(part: Part, *, sort: str = "serial") -> QuerySet[Elector]:
    return Elector.objects.filter(part=part).order_by(PART_SORTS.get(sort, "serial"), "pk")


def application_list_for_user(
    user: Any, *, status: str = "", form: str = ""
) -> QuerySet[Application]:
    qs = Application.objects.select_related(
        "constituency", "part", "elector", "possible_duplicate"
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))
    if status:
        qs = qs.filter(status=status)
    if form:
        qs = qs.filter(form=form)
    return qs.order_by("-burst_flag", "submitted_at", "pk")


def application_get_for_user(
    user: Any, application_id: int, *, for_change: bool = False
) -> Application:
    application = application_list_for_user(user).filter(pk=application_id).first()
    if application is None:
        raise DomainError(
            RollErrorCode.NOT_FOUND,
            _("Application %(id)s was not found.") % {"id": application_id},
            id=application_id,
        )
    if for_change and (
        scope_for(user, Capability.ROLL_MANAGE, application.constituency.unit.path) is None
    ):
        raise DomainError(
            RollErrorCode.PERMISSION_DENIED,
            _("Your role does not allow deciding roll applications."),
            id=application_id,
        )
    return application


def constituency_for_key(*, number: int, unit: AdminUnit) -> Constituency | None:
    return Constituency.objects.filter(kind="ac", number=number, unit=unit).first()


# --- de-duplication ------------------------------------------------------------------------


def dedupe_records(*, state: str = "") -> Iterator[DedupeRecord]:
    """The active electors (of one state or district, by code or name) as dedupe records."""
    qs = Elector.objects.filter(status=Elector.Status.ACTIVE)
    if state:
        units = [
            u
            for u in AdminUnit.objects.filter(kind__in=("state", "division", "district", "country"))
            if state.strip().casefold()
            in {(n or "").casefold() for n in (u.code, u.name_en, u.name_bn, u.name_hi)}
        ]
        if len(units) != 1:
            raise DomainError(
                RollErrorCode.VALIDATION, _("Unknown state %(s)s.") % {"s": state}, field="state"
            )
        qs = qs.filter(constituency__unit__path__startswith=units[0].path)
    cols = (
        "pk", "key", "constituency_id", "part_id", "name", "name_key", "relative_key", "dob",
        "age", "age_on", "gender", "house_no", "address",
    )  # fmt: skip
    firsts: dict[str, str] = {}
    for pk, key, ac, part, name, nkey, rkey, dob, age, age_date, gender, house, addr in (
        qs.order_by("pk").values_list(*cols).iterator(chunk_size=10_000)
    ):
        first = name.split(" ", 1)[0]
        fkey = firsts.get(first)
        if fkey is None:
            fkey = firsts[first] = name_key(first)
        year = rules.birth_year(dob, age, age_date) or 0
        yield DedupeRecord(
            unique_id=pk,
            key=key,
            constituency_id=ac,
            part_id=part,
            name_key=nkey,
            first_key=fkey,
            relative_key=rkey,
            birth_year=year,
            dob=dob.isoformat() if dob else str(year),
            gender=gender,
            house_no=house,
            address=addr,
        )


def part_roll_rows(part: Part, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The printable part roll: active electors by serial with their age on `on`."""
    on = on or timezone.localdate()
    relations, genders = dict(Relation.choices), dict(Gender.choices)  # lazy: PDF's language
    rows = []
    for e in Elector.objects.filter(part=part, status=Elector.Status.ACTIVE).order_by("serial"):
        rows.append(
            {
                "serial": e.serial,
                "name": e.name,
                "relative_name": e.relative_name,
                "relation": relations[e.relation],
                "age": rules.current_age(e.dob, e.age, e.age_on, on),
                "gender": genders[e.gender],
                "house_no": e.house_no,
            }
        )
    return rows
