"""The results demo: counted ls2019 demo contests, idempotent."""

from __future__ import annotations

import pytest

from nirvachan.core.geography import geography_load
from nirvachan.core.models import AuditEvent
from nirvachan.elections.demo import demo_load as elections_demo
from nirvachan.elections.models import Contest, Election
from nirvachan.results import selectors
from nirvachan.results.demo import DEMO, demo_load


@pytest.mark.django_db
def test_demo_counts_the_four_contests_once() -> None:
    geography_load()
    elections_demo()
    assert demo_load() == {"stations": 24}
    election = Election.objects.get(code="ls2019")
    outcomes = {o.contest.code: o for o in selectors.election_outcomes(election)}
    varanasi = outcomes["IN-UP-PC-VARANASI"]
    assert varanasi.declared and [varanasi.name(k) for k in varanasi.result.winners] == [
        "Narendra Modi"
    ]
    # BJP 6 × 610 + 9 × 21 + 610 // 12 postal; SP 6 × 180 + 4 × 21 + 15; INC 840 + 63 + 11
    assert [c.votes for c in varanasi.result.candidates] == [3899, 1179, 914]
    assert varanasi.result.nota == 30 + 6 + 1 and varanasi.result.margin == 2720
    amethi = outcomes["IN-UP-PC-AMETHI"]
    assert (
        amethi.name(amethi.result.winners[0]) == "Smriti Irani"
        and amethi.result.margin == 2985 - 2699
    )
    rounds = [len(selectors.contest_outcome(Contest.objects.get(code=c)).rounds) for c in DEMO]
    assert rounds == [2, 2, 2, 2]
    # The figures are marked as demonstration ones on every page and download.
    assert selectors.is_demo(election)
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="hi")
    page = client.get("/results/ls2019/").content.decode()
    assert 'id="demo-notice"' in page and "प्रदर्शन के आँकड़े" in page
    contest = Contest.objects.get(code="IN-UP-PC-VARANASI")
    assert (
        'id="demo-notice"' in client.get(f"/results/ls2019/contests/{contest.pk}/").content.decode()
    )
    assert client.get("/api/v1/results/ls2019").json()["demonstration"] is True
    nist = client.get("/results/ls2019/nist-1500-100.json").json()
    assert nist["IsTest"] is True and nist["TestType"] == "demonstration"
    events = AuditEvent.objects.count()
    assert demo_load() == {"stations": 0}
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_results_index_lists_published_elections_in_the_users_language() -> None:
    from django.test import Client

    empty = Client(HTTP_ACCEPT_LANGUAGE="bn").get("/results/").content.decode()
    assert "এখনও কোনো ফলাফল প্রকাশিত হয়নি।" in empty
    geography_load()
    elections_demo()
    demo_load()
    html = Client(HTTP_ACCEPT_LANGUAGE="hi").get("/results/").content.decode()
    assert 'href="/results/ls2019/"' in html and 'data-nav="results"' in html
    assert "प्रदर्शन के आँकड़े" in html  # the demo figures are labelled in the list too
    assert "परिणाम" in html
