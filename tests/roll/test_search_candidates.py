"""The name search's candidates and ranking (`selectors.elector_search`): equal keys, the
nearest keys sharing a beginning, the area, and the lean loading of the best ten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nirvachan.roll import selectors
from nirvachan.roll.models import Elector
from tests.factories import Geo
from tests.roll.factories import Roll, elector, make_roll

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


def _keys(hits: list[selectors.SearchHit]) -> list[str]:
    return [h.elector.key for h in hits]


@pytest.mark.django_db
def test_a_slip_in_the_name_is_found_through_the_relative_and_the_near_keys(roll: Roll) -> None:
    target = elector(roll.g1, name="রোকেয়া বেগম", relative_name="প্রদীপ আলী", dob=dt.date(1990, 3, 1))
    elector(roll.g1, name="রেখা বেগম", relative_name="প্রদীপ শেখ", dob=dt.date(1990, 3, 1))
    # "Roeya" (a letter lost) and the relative in Latin letters.
    hits = selectors.elector_search(
        name="Roeya Begum", relative="Pradip Ali", age=36, district="Gopalganj", today=TODAY
    )
    assert _keys(hits)[0] == target.key
    # Age only: the name's near keys carry the search.
    hits = selectors.elector_search(name="Rokeya Begam", age=36, district="Gopalganj", today=TODAY)
    assert target.key in _keys(hits)


@pytest.mark.django_db
def test_a_relative_spelled_beyond_the_key_is_found_by_its_beginning(roll: Roll) -> None:
    # The key folds most spellings, not all: তিওয়ারি and Tiwari differ after "t".
    target = elector(roll.u1, name="हसन तिवारी", relative_name="হারুন তিওয়ারি")
    assert target.relative_key != selectors.name_key("Harun Tiwari")
    hits = selectors.elector_search(
        name="Hasan Tiwari", relative="Harun Tiwari", constituency="390", today=TODAY
    )
    assert _keys(hits) == [target.key]


@pytest.mark.django_db
def test_only_the_area_is_searched_and_only_active_electors(roll: Roll) -> None:
    here = elector(roll.g1, name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
    elector(roll.k1, name="আব্দুল করিম", relative_name="রহিম উদ্দিন")  # Kishoreganj
    gone = elector(roll.g1, name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
    Elector.objects.filter(pk=gone.pk).update(status=Elector.Status.DELETED)
    hits = selectors.elector_search(
        name="Abdul Karim", relative="Rahim Uddin", district="Gopalganj", today=TODAY
    )
    assert _keys(hits) == [here.key]


@pytest.mark.django_db
def test_at_most_ten_ranked_by_name_relative_and_age(roll: Roll) -> None:
    exact = elector(roll.g1, name="জামাল সাহা", relative_name="সুভাষ সাহা", dob=dt.date(1970, 1, 1))
    older = elector(roll.g1, name="জামাল সাহা", relative_name="সুভাষ সাহা", dob=dt.date(1950, 1, 1))
    for i in range(12):
        elector(roll.g1, name="কামাল সাহা", relative_name="সুভাষ সাহা", dob=dt.date(1971, 1, 1 + i))
    hits = selectors.elector_search(
        name="Jamal Saha", relative="Subhas Saha", age=56, district="Gopalganj", today=TODAY
    )
    assert len(hits) == 10
    assert _keys(hits)[:2] == [exact.key, older.key]
    assert hits[0].score > hits[1].score > hits[2].score


@pytest.mark.django_db
def test_the_hits_are_whole_public_records_in_one_query(roll: Roll) -> None:
    for _ in range(3):
        elector(roll.g1, name="আব্দুল করিম", relative_name="রহিম উদ্দিন")
    with CaptureQueriesContext(connection) as queries:
        hits = selectors.elector_search(
            name="Abdul Karim", relative="Rahim Uddin", district="Gopalganj", today=TODAY
        )
        records = [selectors.public_record(h.elector, today=TODAY) for h in hits]
    assert len(records) == 3 and records[0]["polling_station"] == "Kotalipara school"
    elector_reads = [q for q in queries if "roll_polling" in q["sql"]]
    assert len(elector_reads) == 1  # the best ten with part, station and constituency


@pytest.mark.django_db
def test_the_search_reads_keys_from_the_area_indexes(roll: Roll) -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "roll_elector")
    columns = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert ("constituency_id", "name_key") in columns
    assert ("constituency_id", "relative_key") in columns
