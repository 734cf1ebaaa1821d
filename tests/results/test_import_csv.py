"""`nirvachan results import-csv` and the summary it feeds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AuditEvent, Constituency
from nirvachan.elections.models import Contest, Nomination, Party
from nirvachan.results import services
from nirvachan.results.models import CountingRound, StationReturn, VoteCount
from tests.factories import Geo
from tests.results.factories import Count, make_count

HEADER = "state,constituency,candidate,party,general_votes,postal_votes,electors\n"
VALID = HEADER + (
    'Dhaka,Gopalganj-3,Asha,AL,"1,000",10,5000\n'
    "Dhaka,Gopalganj-3,Bilal,BNP,৪০০,5,\n"
    "Dhaka,Gopalganj-3,Chandan,IND,100,0,\n"
    "Dhaka,Gopalganj-3,None of the Above,NOTA,20,1,\n"
    "Dhaka,Kuliarchar-1,Dipa,JP,300,0,900\n"
    "Dhaka,Kuliarchar-1,Emon,AL,310,2,\n"
    "Dhaka,Kuliarchar-1,None of the Above,NOTA,4,0,\n"
)


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    Constituency.objects.create(code="BD-PC-999", kind="pc", country="BD", unit=geo.kuliarchar,
                                name_en="Kuliarchar-1", name_bn="কুলিয়ারচর-১")  # fmt: skip
    return c


def _state() -> tuple[int, int, int, int, int, int]:
    return (
        AuditEvent.objects.count(),
        Contest.objects.count(),
        Nomination.objects.count(),
        StationReturn.objects.count(),
        VoteCount.objects.count(),
        Party.objects.count(),
    )


def _summary() -> dict[str, dict[str, object]]:
    out = io.StringIO()
    call_command("results", "summary", "--election", "jsn-test", "--format", "json", stdout=out)
    return {r["constituency"]: r for r in json.loads(out.getvalue())}


def test_import_then_summary_and_a_second_run_adds_nothing(cnt: Count, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(VALID, encoding="utf-8")
    out = io.StringIO()
    call_command("results", "import-csv", str(path), "--election", "jsn-test", stdout=out)
    assert json.loads(out.getvalue()) == {
        "election": "jsn-test", "constituencies": 2, "rows": 7, "contests_created": 1,
        "candidates_created": 2, "results_entered": 2, "unchanged": 0, "votes": 2152,
    }  # fmt: skip
    rows = _summary()
    assert rows["BD-PC-215"] == {"constituency": "BD-PC-215", "winner": ["Asha"],
                                 "runner_up": "Bilal", "margin": 605, "nota": 21,
                                 "forfeited_deposit": ["Chandan"]}  # fmt: skip
    assert rows["BD-PC-999"] == {"constituency": "BD-PC-999", "winner": ["Emon"],
                                 "runner_up": "Dipa", "margin": 12, "nota": 4,
                                 "forfeited_deposit": []}  # fmt: skip
    new = Contest.objects.get(code="BD-PC-999")
    assert new.final_list_published_at is not None
    assert Nomination.objects.get(contest=new, name_en="Dipa").party.kind == "registered"
    assert Nomination.objects.get(contest=new, name_en="Emon").party == cnt.al
    station = StationReturn.objects.get(contest=cnt.own)
    assert (station.number, station.electors) == (0, 5000)
    assert CountingRound.objects.get(contest=cnt.own).status == "published"
    before = _state()
    again = io.StringIO()
    call_command("results", "import-csv", str(path), "--election", "jsn-test", stdout=again)
    assert json.loads(again.getvalue())["unchanged"] == 2
    assert _state() == before


def test_bad_rows_are_all_named_and_nothing_is_written(cnt: Count) -> None:
    before = _state()
    text = HEADER + (
        "Dhaka,Gopalganj-3,Asha,AL,many,0,\n"
        "Dhaka,Gopalganj-3,,BNP,10,0,\n"
        "Dhaka,Gopalganj-3,Chandan,IND,-5,0,\n"
        "Dhaka,Gopalganj-3,None of the Above,AL,1,0,\n"
        "Dhaka,Kuliarchar-1,Dipa,JP,300,0,900\n"
    )
    with pytest.raises(DomainError) as err:
        services.results_import_csv(election=cnt.election, text=text)
    assert err.value.code.value == "import_error"
    assert err.value.details["errors"] == [
        {"line": 2, "message": "Line 2: general_votes must be a whole number, 0 or more."},
        {"line": 3, "message": "Line 3: candidate is empty."},
        {"line": 4, "message": "Line 4: general_votes must be a whole number, 0 or more."},
        {"line": 5, "message": 'Line 5: the NOTA row has candidate "None of the Above" and '
                               'party "NOTA".'},
    ]  # fmt: skip
    assert _state() == before


def test_missing_columns(cnt: Count) -> None:
    with pytest.raises(DomainError) as err:
        services.results_import_csv(election=cnt.election, text="state,constituency\nDhaka,X\n")
    assert err.value.message == (
        "Line 1: missing columns: candidate, party, general_votes, postal_votes."
    )


def test_unknown_constituency_is_refused_by_the_command(cnt: Count, tmp_path: Path) -> None:
    before = _state()
    path = tmp_path / "r.csv"
    path.write_text(VALID + "Dhaka,Nowhere-9,Farid,AL,1,0,\nMars,Gopalganj-3,X,AL,1,0,\n")
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("results", "import-csv", str(path), "--election", "jsn-test", stderr=err)
    assert err.getvalue().splitlines() == [
        "Line 9: no constituency Nowhere-9 in that state.",
        "Line 10: unknown state Mars.",
    ]
    assert str(exc.value).startswith("2 rows have errors; nothing was imported.")
    assert _state() == before


def test_duplicate_candidate(cnt: Count) -> None:
    before = _state()
    text = VALID + "Dhaka,Gopalganj-3,ASHA,AL,5,0,\nDhaka,Gopalganj-3,None of the Above,NOTA,1,0,\n"
    with pytest.raises(DomainError) as err:
        services.results_import_csv(election=cnt.election, text=text)
    assert [e["message"] for e in err.value.details["errors"]] == [
        "Line 9: ASHA appears twice in the constituency.",
        "Line 10: None of the Above appears twice in the constituency.",
    ]
    assert _state() == before


def test_a_contest_with_counted_stations_is_not_overwritten(cnt: Count) -> None:
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    services.station_result_enter(contest=cnt.own, number=1, round_number=1,
                                  counts={str(cnt.a.pk): 5})  # fmt: skip
    before = _state()
    with pytest.raises(DomainError) as err:
        services.results_import_csv(election=cnt.election, text=VALID)
    assert err.value.message == "Line 2: Gopalganj-3 has station results counted already."
    assert _state() == before


def test_public_pages_use_the_users_digits(cnt: Count) -> None:
    from fractions import Fraction

    from django.test import Client
    from django.utils import translation

    from nirvachan.results.templatetags.results_tags import percent

    services.results_import_csv(election=cnt.election, text=VALID)
    with translation.override("bn"):
        assert percent(Fraction(1010, 1536)) == "৬৫.৭৬%"
        assert percent(0.5) == "৫০.০০%"
    with translation.override("hi"):
        assert percent(0.125) == "१२.५०%"
    assert percent(Fraction(1, 3)) == "33.33%"
    page = Client().get(f"/results/jsn-test/contests/{cnt.own.pk}/", HTTP_ACCEPT_LANGUAGE="bn")
    html = page.content.decode()
    assert page.status_code == 200
    assert "১,০১০" in html and "৬৫.৭৬%" in html and "1,010" not in html
    assert "জামানত বাজেয়াপ্ত" in html and "রাউন্ডভিত্তিক অগ্রগতি" in html
    national = Client().get("/results/jsn-test/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "दलवार सीटें और मत" in national
    assert "१,३२२" in national  # AL: 1,010 + 312 votes, in the chart and the table
