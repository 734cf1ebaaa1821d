"""API, pages, exports and the command-line pieces."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from nirvachan.core.roles import Role
from nirvachan.results import cli, services, vvpat
from tests.factories import Geo, user
from tests.results.factories import Count, make_count


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=10, rounds=1)
    for n, a in enumerate((100, 90, 80, 70, 60, 50), start=1):
        services.station_result_enter(contest=c.own, number=n, round_number=1, segment="S1",
                                      counts={ka: a, kb: 40, kc: 5, "NOTA": 2})  # fmt: skip
    return c


def test_api_enter_approve_publish_and_public_result(cnt: Count, geo: Geo) -> None:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    ka = str(cnt.a.pk)
    body = {"number": 7, "round": 1, "counts": {ka: 1}}
    first = client.post(f"/api/v1/results/contests/{cnt.own.pk}/stations", body,
                        content_type="application/json")  # fmt: skip
    assert first.status_code == 200 and first.json()["created"] is True
    body["counts"] = {ka: 2}
    clash = client.post(f"/api/v1/results/contests/{cnt.own.pk}/stations", body,
                        content_type="application/json")  # fmt: skip
    assert clash.status_code == 409 and clash.json()["details"] == {"station": 7}
    for action in ("approve", "publish"):
        r = client.post(f"/api/v1/results/contests/{cnt.own.pk}/rounds/1/{action}")
        assert r.status_code == 200
    data = Client().get(f"/api/v1/results/jsn-test/contests/{cnt.own.pk}").json()
    assert data["declared"] is True and data["winners"] == ["Asha"]
    assert [c["votes"] for c in data["candidates"]] == [451, 240, 30]
    assert data["nota"] == 12 and data["margin"] == 211
    national = Client().get("/api/v1/results/jsn-test").json()
    assert national["parties"][0] == {"party": "AL", "seats": 1, "votes": 451,
                                      "share": pytest.approx(451 / 733)}  # fmt: skip


def test_public_pages_charts_downloads_and_pdf(cnt: Count) -> None:
    services.round_approve(contest=cnt.own, number=1)
    services.round_publish(contest=cnt.own, number=1)
    client = Client()
    page = client.get("/results/jsn-test/")
    assert page.status_code == 200 and b"<svg" in page.content and b"AL" in page.content
    contest = client.get(f"/results/jsn-test/contests/{cnt.own.pk}/")
    assert contest.status_code == 200 and "Deposit forfeited" in contest.content.decode()
    csv_text = client.get("/results/jsn-test/results.csv").content.decode()
    assert "Dhaka,Gopalganj-3,Asha,AL,450,0,450,0.6148,1,0" in csv_text.splitlines()
    pdf = client.get(f"/results/jsn-test/contests/{cnt.own.pk}/form20.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_summary_command(cnt: Count) -> None:
    out = io.StringIO()
    call_command("results", "summary", "--election", "jsn-test", "--format", "json", stdout=out)
    rows = {r["constituency"]: r for r in json.loads(out.getvalue())}
    assert rows["BD-PC-215"] == {"constituency": "BD-PC-215", "winner": ["Asha"],
                                 "runner_up": "Bilal", "margin": 210, "nota": 12,
                                 "forfeited_deposit": ["Chandan"]}  # fmt: skip


def test_audit_draw_and_rla(cnt: Count, tmp_path: object) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    cli.add_audit_subcommands(parser.add_subparsers(dest="action"))
    seed = "11111111112222222222"
    out = io.StringIO()
    opts = vars(parser.parse_args(["draw", "--segment", f"{cnt.own.pk}:S1", "--seed", seed]))
    assert cli.handle_audit(opts, out) == 2  # round 1 is still open
    assert out.getvalue() == "refused: not every station result of the contest is in\n"
    services.round_approve(contest=cnt.own, number=1)
    out = io.StringIO()
    assert cli.handle_audit(opts, out) == 0
    assert out.getvalue() == " ".join(map(str, vvpat.draw(seed, range(1, 7)))) + "\n"
    ballots = tmp_path / "b.txt"  # type: ignore[operator]
    ballots.write_text("\n".join([str(cnt.a.pk)] * 200))
    out = io.StringIO()
    opts = vars(parser.parse_args(["rla", "--contest", str(cnt.own.pk), "--ballots", str(ballots)]))
    cli.handle_audit(opts, out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert lines[-1]["outcome"] == "confirmed" and lines[0]["expected_sample_size"] > 0
    assert lines[1]["risk"] < 1


@pytest.mark.django_db
def test_rla_refusal_on_the_command_line_is_worded(cnt: Count, tmp_path: object) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    cli.add_audit_subcommands(parser.add_subparsers(dest="action"))
    out = io.StringIO()
    opts = vars(parser.parse_args(["rla", "--contest", str(cnt.own.pk), "--risk-limit", "1.5"]))
    assert cli.handle_audit(opts, out) == 2
    assert out.getvalue() == "refused: The risk limit must lie between 0 and 1.\n"
