"""The counting desk: the returning officer's page of a contest, in bn/hi/en."""

from __future__ import annotations

import pytest
from django.test import Client

from nirvachan.core.models import AuditEvent
from nirvachan.core.roles import Role
from nirvachan.results import services, tally, vvpat
from nirvachan.results.models import Lot, VoteCount, VvpatCheck, VvpatDraw
from tests.factories import Geo, user
from tests.results.factories import Count, make_count

SEED = "27182818284590452353"


@pytest.fixture
def cnt(geo: Geo) -> Count:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=10, rounds=1)
    for n, a in enumerate((100, 90, 80, 70, 60, 50), start=1):
        services.station_result_enter(contest=c.own, number=n, round_number=1, segment="S1",
                                      counts={ka: a, kb: 40, kc: 5, "NOTA": 2})  # fmt: skip
    return c


@pytest.fixture
def ro(geo: Geo) -> Client:
    client = Client()
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    return client


def _desk(cnt: Count) -> str:
    return f"/results/jsn-test/contests/{cnt.own.pk}/desk/"


def test_contest_page_links_the_desk_only_for_managers(cnt: Count, ro: Client, geo: Geo) -> None:
    path = f"/results/jsn-test/contests/{cnt.own.pk}/"
    assert _desk(cnt).encode() in ro.get(path).content
    assert _desk(cnt).encode() not in Client().get(path).content
    observer = Client()
    observer.force_login(user("obs", Role.OBSERVER, geo.gopalganj))
    assert _desk(cnt).encode() not in observer.get(path).content


@pytest.mark.parametrize(
    ("lang", "title", "button"),
    [("en", "Counting desk", "Enter postal ballots"), ("bn", "গণনা ডেস্ক", "পোস্টাল ব্যালট এন্ট্রি করুন"),
     ("hi", "मतगणना डेस्क", "डाक मतपत्र दर्ज करें")],
)  # fmt: skip
def test_desk_page_in_three_languages(
    cnt: Count, ro: Client, lang: str, title: str, button: str
) -> None:
    page = ro.get(_desk(cnt), HTTP_ACCEPT_LANGUAGE=lang)
    text = page.content.decode()
    assert page.status_code == 200 and title in text and button in text
    assert 'id="form-draw"' in text and 'id="form-check"' not in text


def test_desk_postal_form(cnt: Count, ro: Client) -> None:
    ka, kb, kc = cnt.keys()
    data = {"action": "postal", f"postal-votes_{ka}": "12", f"postal-votes_{kb}": "7",
            f"postal-votes_{kc}": "0", "postal-votes_NOTA": "1"}  # fmt: skip
    r = ro.post(_desk(cnt), data)
    assert r.status_code == 302 and r["Location"] == _desk(cnt)
    postal = dict(
        VoteCount.objects.filter(contest=cnt.own, postal=True).values_list("nomination_id", "votes")
    )
    assert postal == {cnt.a.pk: 12, cnt.b.pk: 7, cnt.c.pk: 0, None: 1}
    page = ro.get(_desk(cnt)).content.decode()
    assert 'id="form-postal"' not in page and "The postal ballots were entered." in page


def test_desk_postal_negative_writes_nothing(cnt: Count, ro: Client) -> None:
    ka, kb, kc = cnt.keys()
    data = {"action": "postal", f"postal-votes_{ka}": "-3", f"postal-votes_{kb}": "7",
            f"postal-votes_{kc}": "0", "postal-votes_NOTA": "1"}  # fmt: skip
    r = ro.post(_desk(cnt), data)
    assert r.status_code == 422 and 'role="alert"' in r.content.decode()
    assert not VoteCount.objects.filter(contest=cnt.own, postal=True).exists()


def test_desk_draw_refused_before_approval_then_drawn_and_checked(cnt: Count, ro: Client) -> None:
    ka, kb, kc = cnt.keys()
    events = AuditEvent.objects.count()
    early = ro.post(_desk(cnt), {"action": "draw", "draw-segment": "S1", "draw-seed": SEED})
    assert early.status_code == 422 and "every round is approved" in early.content.decode()
    short = ro.post(_desk(cnt), {"action": "draw", "draw-segment": "S1", "draw-seed": "123"})
    assert short.status_code == 422 and "at least 20 decimal digits" in short.content.decode()
    assert not VvpatDraw.objects.exists() and AuditEvent.objects.count() == events
    services.round_approve(contest=cnt.own, number=1)
    r = ro.post(_desk(cnt), {"action": "draw", "draw-segment": "S1", "draw-seed": SEED})
    assert r.status_code == 302
    draw = VvpatDraw.objects.get()
    assert draw.stations == list(vvpat.draw(SEED, range(1, 7)))
    n = draw.stations[0]
    a = (100, 90, 80, 70, 60, 50)[n - 1]
    check = {"action": "check", "check-draw": str(draw.pk), "check-station": str(n),
             f"check-votes_{ka}": str(a + 1), f"check-votes_{kb}": "40",
             f"check-votes_{kc}": "5", "check-votes_NOTA": "2"}  # fmt: skip
    assert ro.post(_desk(cnt), check).status_code == 302
    assert VvpatCheck.objects.get().mismatch is True
    page = ro.get(_desk(cnt)).content.decode()
    assert "Mismatch: paper prevails" in page and SEED in page


def test_desk_lot(geo: Geo, ro: Client) -> None:
    c = make_count(geo)
    ka, kb, kc = c.keys()
    services.counting_plan_set(contest=c.own, tables=1, rounds=1)
    services.station_result_enter(contest=c.own, number=1, round_number=1,
                                  counts={ka: 50, kb: 50, kc: 3})  # fmt: skip
    desk = f"/results/jsn-test/contests/{c.own.pk}/desk/"
    assert 'id="form-lot"' in ro.get(desk).content.decode()
    bad = ro.post(desk, {"action": "lot", "lot-order": f"{ka}, {kc}"})
    assert bad.status_code == 422 and not Lot.objects.exists()
    r = ro.post(desk, {"action": "lot", "lot-seed": "99"})
    assert r.status_code == 302
    assert Lot.objects.get().order == list(tally.seeded_lot("99", sorted([ka, kb])))


def test_desk_of_other_district_is_not_found(cnt: Count, ro: Client) -> None:
    r = ro.get(f"/results/jsn-test/contests/{cnt.other.pk}/desk/")
    assert r.status_code == 404
