"""Reads of the roll app, including every per-user access rule (DESIGN.md convention 2). The
public lookup and name search live in `roll.lookup` and `roll.search` and are re-exported here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, Constituency
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.locale import name_key
from nirvachan.roll import rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.lookup import elector_public as elector_public
from nirvachan.roll.lookup import key_parse as key_parse
from nirvachan.roll.lookup import not_on_roll
from nirvachan.roll.lookup import poll_date_for as poll_date_for
from nirvachan.roll.lookup import public_record as public_record
from nirvachan.roll.models import Application, Elector, Gender, Part, Relation
from nirvachan.roll.search import SearchHit as SearchHit
from nirvachan.roll.search import elector_search as elector_search
from nirvachan.roll.search import search_area as search_area
from nirvachan.roll.search import search_constituencies as search_constituencies

# --- officers ------------------------------------------------------------------------------


def elector_list_for_user(user: Any) -> QuerySet[Elector]:
    return Elector.objects.select_related(
        "part__polling_station", "constituency", "constituency__unit"
    ).filter(_paths_q(user, Capability.ROLL_VIEW, "constituency__unit__path"))


def elector_get_for_user(user: Any, epic: str) -> Elector:
    key = key_parse(epic)
    elector = elector_list_for_user(user).filter(key=key).first()
    if elector is None:
        raise not_on_roll(key)
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


def _dedupe_qs(state: str) -> QuerySet[Elector]:
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
    return qs


def dedupe_table(*, state: str = "") -> Any:
    """The active electors (of one state or district) as an Arrow table of the dedupe's
    FIELDS, read in chunks straight from the cursor and computed column-wise: a million
    DedupeRecord objects took 16 s, this a few."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from nirvachan.roll.dedupe import FIELDS

    cols = (
        "id", "key", "constituency_id", "part_id", "name", "name_key", "relative_key", "dob",
        "age", "age_on", "gender", "house_no", "address",
    )  # fmt: skip
    types = (
        pa.int64(), pa.string(), pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string(),
        pa.string(), pa.int64(), pa.string(), pa.string(), pa.string(), pa.string(),
    )  # fmt: skip
    # Dates as text (CAST): no per-value date objects on the way out of the driver.
    qs = _dedupe_qs(state).annotate(
        dob_text=Cast("dob", TextField()), age_on_text=Cast("age_on", TextField())
    )
    fetched = [{"dob": "dob_text", "age_on": "age_on_text"}.get(c, c) for c in cols]
    sql, params = qs.order_by("pk").values_list(*fetched).query.sql_with_params()
    batches = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(50_000):
            columns = list(zip(*rows, strict=True))
            batches.append(
                pa.record_batch(
                    [pa.array(c, t) for c, t in zip(columns, types, strict=True)], names=cols
                )
            )
    schema = pa.schema(list(zip(cols, types, strict=True)))
    t = pa.Table.from_batches(batches, schema=schema)
    for name in ("dob", "age_on"):
        t = t.set_column(t.column_names.index(name), name, pc.cast(t[name], pa.date32()))
    # Birth year: of the date of birth, else of the qualifying date less the age; 0 unknown.
    year = pc.coalesce(
        pc.year(t["dob"]), pc.subtract(pc.year(t["age_on"]), t["age"]), pa.scalar(0, pa.int64())
    )
    dob = pc.coalesce(pc.cast(t["dob"], pa.string()), pc.cast(year, pa.string()))
    first = pc.list_element(pc.split_pattern(t["name"], " ", max_splits=1), 0)
    encoded = pc.dictionary_encode(first).combine_chunks()
    keys = pa.array([name_key(n) for n in encoded.dictionary.to_pylist()], pa.string())
    out = {
        "unique_id": t["id"],
        "key": t["key"],
        "constituency_id": t["constituency_id"],
        "part_id": t["part_id"],
        "name_key": t["name_key"],
        "first_key": pc.take(keys, encoded.indices),
        "relative_key": t["relative_key"],
        "birth_year": pc.cast(year, pa.int64()),
        "dob": dob,
        "gender": t["gender"],
        "house_no": t["house_no"],
        "address": t["address"],
    }
    return pa.table({f: out[f] for f in FIELDS})


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
