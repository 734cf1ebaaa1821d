"""Officer pages: counting plan, rounds (approve, publish), station entry, sheet double entry
with the difference shown and resolved, reconciliation list, package upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.results import services
from nirvachan.results.models import CountingRound, ResultPackage, StationReturn
from tests.factories import Geo, user
from tests.results import packages as pk
from tests.results.factories import Count, make_count


@pytest.fixture
def cnt(geo: Geo) -> Count:
    return make_count(geo)


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


def _desk(cnt: Count) -> str:
    return f"/results/jsn-test/contests/{cnt.own.pk}/desk/"


def _votes(cnt: Count, prefix: str, a: int, b: int, c: int, nota: int) -> dict[str, str]:
    ka, kb, kc = cnt.keys()
    return {f"{prefix}-votes_{ka}": str(a), f"{prefix}-votes_{kb}": str(b),
            f"{prefix}-votes_{kc}": str(c), f"{prefix}-votes_NOTA": str(nota)}  # fmt: skip


def test_plan_station_entry_approve_publish(cnt: Count, ro: Client) -> None:
    page = ro.get(_desk(cnt)).content.decode()
    assert "No counting plan yet" in page
    bad = ro.post(_desk(cnt), {"action": "plan", "plan-tables": "0", "plan-rounds": "2"})
    assert bad.status_code == 422 and not CountingRound.objects.exists()
    done = ro.post(_desk(cnt), {"action": "plan", "plan-tables": "2", "plan-rounds": "2"})
    assert done.status_code == 302
    assert list(CountingRound.objects.values_list("number", "tables")) == [(1, 2), (2, 2)]
    entry = {"action": "station", "station-number": "4", "station-round": "1",
             "station-voters_17a": "61", "station-paper_count": "60",
             **_votes(cnt, "station", 30, 20, 8, 2)}  # fmt: skip
    assert ro.post(_desk(cnt), entry).status_code == 302
    station = StationReturn.objects.get()
    assert (station.number, station.voters_17a, station.paper_count) == (4, 61, 60)
    # The mismatch (61 voters in 17A, 60 votes) is listed on the desk.
    page = ro.get(_desk(cnt)).content.decode()
    assert 'id="mismatches"' in page and "Mismatch" in page
    # Publishing before approval is refused on the page, with the reason.
    early = ro.post(_desk(cnt), {"action": "publish", "round-round": "1"})
    assert early.status_code == 422 and "approved before" in early.content.decode()
    assert ro.post(_desk(cnt), {"action": "approve", "round-round": "1"}).status_code == 302
    assert ro.post(_desk(cnt), {"action": "publish", "round-round": "1"}).status_code == 302
    assert CountingRound.objects.get(number=1).status == "published"
    public = Client().get(f"/results/jsn-test/contests/{cnt.own.pk}/").content.decode()
    assert "Asha" in public and ">30<" in public


def test_sheet_double_entry_shows_the_difference_until_resolved(
    cnt: Count, ro: Client, geo: Geo
) -> None:
    cnt.election.uses_paper_ballot = True
    cnt.election.save(update_fields=["uses_paper_ballot"])
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    second = Client()
    second.force_login(user("op2", Role.RETURNING_OFFICER, geo.gopalganj))
    first = {"action": "sheet", "sheet-centre": "9", "sheet-round": "1",
             **_votes(cnt, "sheet", 100, 50, 10, 1)}  # fmt: skip
    assert ro.post(_desk(cnt), first).status_code == 302
    same_operator = ro.post(_desk(cnt), first)
    assert same_operator.status_code == 422 and "another operator" in same_operator.content.decode()
    differing = dict(first, **_votes(cnt, "sheet", 100, 56, 10, 1))
    assert second.post(_desk(cnt), differing).status_code == 302
    assert not StationReturn.objects.exists()  # does not count until resolved
    page = ro.get(_desk(cnt)).content.decode()
    table = page[
        page.index('id="differences"') : page.index("</table>", page.index('id="differences"'))
    ]
    assert "Bilal" in table and ">50<" in table and ">56<" in table and "Asha" not in table
    resolve = {"action": "resolve", "resolve-centre": "9", "resolve-round": "1",
               **_votes(cnt, "resolve", 100, 56, 10, 1)}  # fmt: skip
    assert ro.post(_desk(cnt), resolve).status_code == 302
    assert StationReturn.objects.get().number == 9
    assert 'id="differences"' not in ro.get(_desk(cnt)).content.decode()


def test_package_upload_page_counts_and_refuses_by_name(cnt: Count, ro: Client) -> None:
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    ka, kb, kc = cnt.keys()
    ps = pk.station(cnt.own, 3, "Model school")
    key = pk.issue_key(cnt.election, ps)
    good = pk.build("jsn-test", ps, key, {cnt.own.code: {ka: 10, kb: 5, kc: 1, "NOTA": 1}})
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 1
    response = ro.post("/results/jsn-test/packages/", {"files": [
        SimpleUploadedFile("ps3.zip", good, "application/zip"),
        SimpleUploadedFile("ps3-damaged.zip", bytes(damaged), "application/zip"),
    ]}, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    text = response.content.decode()
    assert response.status_code == 422  # one file was refused
    rows = text[text.index('id="outcomes"') :]
    assert "ps3.zip" in rows and "Counted" in rows and "round" in rows
    assert "ps3-damaged.zip" in rows and "changed since the station signed it" in rows
    assert ResultPackage.objects.get().status == "accepted"
    assert StationReturn.objects.get().round.number == 1
    listing = ro.get("/results/jsn-test/packages/").content.decode()
    assert "Model school" in listing and 'id="packages"' in listing
    assert ro.post("/results/jsn-test/packages/", {}).status_code == 422


def test_package_page_in_bengali_and_hindi(cnt: Count, ro: Client) -> None:
    bn = ro.get("/results/jsn-test/packages/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    hi = ro.get("/results/jsn-test/packages/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "স্টেশনের ফলাফল প্যাকেজ" in bn and "मतदान केंद्र परिणाम पैकेज" in hi


def test_conflict_decided_on_the_package_page(cnt: Count, ro: Client) -> None:
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    ka, _kb, _kc = cnt.keys()
    ps = pk.station(cnt.own, 3, "Model school")
    key = pk.issue_key(cnt.election, ps)
    services.package_ingest(data=pk.build("jsn-test", ps, key, {cnt.own.code: {ka: 10}}))
    other = pk.build("jsn-test", ps, key, {cnt.own.code: {ka: 11}})
    assert ro.post("/results/jsn-test/packages/", {"files": [
        SimpleUploadedFile("again.zip", other, "application/zip")]}).status_code == 422  # fmt: skip
    offered = ResultPackage.objects.get(status="conflict")
    page = ro.get("/results/jsn-test/packages/").content.decode()
    assert f'id="resolve-{offered.pk}"' in page
    form = {"action": "resolve", "package": str(offered.pk), "decision": "keep"}
    missing = ro.post("/results/jsn-test/packages/", form | {"reason": ""})
    assert missing.status_code == 422 and "Give the reason" in missing.content.decode()
    done = ro.post("/results/jsn-test/packages/", form | {"reason": "Copy misread"})
    assert done.status_code == 302
    assert ResultPackage.objects.get(pk=offered.pk).status == "dismissed"
    assert (
        f'id="resolve-{offered.pk}"' not in ro.get("/results/jsn-test/packages/").content.decode()
    )


def test_reconciliation_shows_every_station_on_request_with_htmx(cnt: Count, ro: Client) -> None:
    ka, kb, kc = cnt.keys()
    services.counting_plan_set(contest=cnt.own, tables=5, rounds=1)
    services.station_result_enter(contest=cnt.own, number=2, round_number=1, voters_17a=22,
                                  counts={ka: 10, kb: 10, kc: 1, "NOTA": 1})  # fmt: skip
    page = ro.get(_desk(cnt)).content.decode()
    assert "Every station reconciles." in page and "Show every station" in page
    partial = ro.get(_desk(cnt) + "?reconcile=all", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="reconciliation-rows">') and "<html" not in partial
    assert "Reconciles" in partial and "Show only the stations" in partial
    full = ro.get(_desk(cnt) + "?reconcile=all").content.decode()  # without JavaScript
    assert 'id="mismatches"' in full and "<html" in full
