"""Publication: the NIST SP 1500-100 export against a JSON Schema file (jsonschema), the
turnout charts, and demonstration figures never shown as official ones."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from django.test import Client

from nirvachan.core.models import Constituency
from nirvachan.results import services
from nirvachan.results.exports import nist_cdf
from nirvachan.results.selectors import election_summary
from tests.factories import Geo
from tests.results import packages as pk
from tests.results.factories import Count, make_count


def _schema() -> dict[str, Any]:
    text = (
        resources.files("nirvachan.results")
        .joinpath("schema/nist_1500_100_v2_subset.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=2, rounds=1)
    for n, (a, b) in enumerate(((300, 120), (150, 90)), start=1):
        services.station_result_enter(contest=c.own, number=n, round_number=1, electors=1000,
                                      counts={ka: a, kb: b, kc: 10, "NOTA": 6})  # fmt: skip
    services.round_approve(contest=c.own, number=1)
    services.round_publish(contest=c.own, number=1)
    return c


def _errors(report: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(_schema())
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.validator}"
                  for e in validator.iter_errors(report))  # fmt: skip


def test_nist_export_validates_against_the_schema_file(cnt: Count) -> None:
    jsonschema.Draft7Validator.check_schema(_schema())
    report = nist_cdf(election_summary(cnt.election))
    assert _errors(report) == []
    assert report["Status"] == "unofficial-partial"  # the Kishoreganj contest is not counted
    assert "IsTest" not in report
    # Every reference resolves.
    ids = {x["@id"] for key in ("GpUnit", "Party", "Person") for x in report[key]}
    election = report["Election"][0]
    ids |= {c["@id"] for c in election["Candidate"]}
    for contest in election["Contest"]:
        assert contest["ElectionDistrictId"] in ids
        for sel in contest["ContestSelection"]:
            assert set(sel["CandidateIds"]) <= ids
            assert {v["GpUnitId"] for v in sel["VoteCounts"]} <= ids
    for cand in election["Candidate"]:
        assert {cand["PartyId"], cand["PersonId"]} <= ids
    demo = nist_cdf(election_summary(cnt.election), demo=True)
    assert _errors(demo) == [] and demo["IsTest"] is True


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: r["Party"][0].pop("Name"), "Party/0: required"),
        (lambda r: r["GpUnit"][0].update(Type="province"), "GpUnit/0/Type: enum"),
        (lambda r: r.update(GeneratedDate=""), "GeneratedDate: pattern"),
        (lambda r: r["Election"][0].update(StartDate="07/01/2024"),
         "Election/0/StartDate: pattern"),
        (lambda r: r["Person"][0].update(Nickname="x"), "Person/0: additionalProperties"),
        (lambda r: r["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"][0]
         .update(Count=-1), "Election/0/Contest/0/ContestSelection/0/VoteCounts/0/Count: minimum"),
    ],
)  # fmt: skip
def test_the_schema_catches_a_broken_report(cnt: Count, change: Any, error: str) -> None:
    report = copy.deepcopy(nist_cdf(election_summary(cnt.election)))
    change(report)
    assert error in _errors(report)


def test_turnout_charts_on_the_public_pages(cnt: Count) -> None:
    page = Client().get("/results/jsn-test/").content.decode()
    turnout = page[page.index('id="turnout"') :]
    assert "<svg" in turnout and "34.6%" in turnout  # 692 votes (with NOTA) of 2,000 electors
    bn = Client(HTTP_ACCEPT_LANGUAGE="bn").get("/results/jsn-test/").content.decode()
    assert "৩৪.৬%" in bn[bn.index('id="turnout"') :]
    contest = Client().get(f"/results/jsn-test/contests/{cnt.own.pk}/").content.decode()
    assert 'id="turnout"' in contest and 'id="turnout-day"' not in contest  # no package


def test_turnout_through_the_day_from_packages(geo: Geo) -> None:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=2, rounds=2)
    for n in (1, 2):
        ps = pk.station(c.own, n)
        pk.issue_key(c.election, ps)
        key = pk.issue_key(c.election, ps)
        services.package_ingest(data=pk.build("jsn-test", ps, key, {c.own.code: {ka: 300, kb: 100,
                                kc: 0, "NOTA": 0}}, electors=1000))  # fmt: skip
    path = f"/results/jsn-test/contests/{c.own.pk}/"
    assert 'id="turnout-day"' not in Client().get(path).content.decode()  # round not published
    services.round_approve(contest=c.own, number=1)
    services.round_publish(contest=c.own, number=1)
    page = Client().get(path).content.decode()
    day = page[page.index('id="turnout-day"') :]
    # Both stations report 200 voters by 12:00 and 400 by 16:00, of 2,000 electors.
    assert "12:00" in day and "20.0%" in day and "16:00" in day and "40.0%" in day


def test_an_election_named_demo_is_marked(geo: Geo) -> None:
    c = make_count(geo)
    c.election.name_en = "Jatiya Sangsad test (demo)"
    c.election.save(update_fields=["name_en"])
    page = Client().get("/results/jsn-test/").content.decode()
    assert 'id="demo-notice"' in page and "not the official results" in page
    assert Client().get("/results/jsn-test/results.json").json()["demonstration"] is True
    assert "DEMO" in Client().get("/results/jsn-test/results.csv")["Content-Disposition"]


def test_official_figures_carry_no_demo_notice(cnt: Count) -> None:
    page = Client().get("/results/jsn-test/").content.decode()
    assert 'id="demo-notice"' not in page
    assert Client().get("/api/v1/results/jsn-test").json()["demonstration"] is False
    assert Constituency.objects.filter(code="BD-PC-215").exists()
