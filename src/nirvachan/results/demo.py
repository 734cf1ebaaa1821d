"""Demo data of the results app (idempotent: a second run adds nothing and records no event).

Counting of the ls2019 demo contests that the elections demo creates in Uttar Pradesh
(Varanasi, Amethi, Lucknow, Gorakhpur; main candidates only). The figures are DEMO NUMBERS,
not the official 2019 results: six small polling stations per contest (two assembly
segments), counted in two rounds of three tables, with postal ballots; the leaders are those
of 2019, the votes are made up. Every write goes through the services.
"""

from __future__ import annotations

from nirvachan.elections.models import Contest, Nomination
from nirvachan.results import services
from nirvachan.results.models import CountingRound

# Per contest: votes per station for each party's candidate (station i adds i × step), NOTA.
DEMO = {
    "IN-UP-PC-VARANASI": ({"BJP": (610, 9), "SP": (180, 4), "INC": (140, 3)}, 5),
    "IN-UP-PC-AMETHI": ({"BJP": (470, 6), "INC": (430, 4)}, 4),
    "IN-UP-PC-LUCKNOW": ({"BJP": (560, 8), "SP": (260, 5), "INC": (160, 2)}, 7),
    "IN-UP-PC-GORAKHPUR": ({"BJP": (640, 7), "SP": (370, 6), "INC": (20, 1)}, 6),
}
STATIONS = 6
TABLES = 3
ELECTORS = 1600
POSTAL = 12  # postal ballots per party: base // POSTAL


def _count(contest: Contest) -> int:
    candidates = {
        n.party.abbreviation: str(n.pk)
        for n in contest.nominations.filter(status=Nomination.Status.ACCEPTED).select_related(
            "party"
        )
        if n.party
    }
    shape, nota = DEMO[contest.code]
    if CountingRound.objects.filter(contest=contest).exists() or set(shape) - set(candidates):
        return 0  # counted already, or the elections demo did not create these candidates
    services.counting_plan_set(contest=contest, tables=TABLES, rounds=STATIONS // TABLES)
    for number in range(1, STATIONS + 1):
        counts = {candidates[p]: base + number * step for p, (base, step) in shape.items()}
        counts["NOTA"] = nota + number % 3
        votes = sum(counts.values())
        services.station_result_enter(
            contest=contest, number=number, round_number=(number - 1) // TABLES + 1,
            segment="A" if number <= STATIONS // 2 else "B", counts=counts, voters_17a=votes,
            paper_count=votes, electors=ELECTORS,
        )  # fmt: skip
    postal = {candidates[p]: base // POSTAL for p, (base, _step) in shape.items()}
    services.postal_enter(contest=contest, counts=postal | {"NOTA": 1})
    for number in range(1, STATIONS // TABLES + 1):
        services.round_approve(contest=contest, number=number)
        services.round_publish(contest=contest, number=number)
    return STATIONS


NOTE = "Demo numbers, not the official 2019 results."


def demo_load() -> dict[str, int]:
    contests = list(
        Contest.objects.filter(election__code="ls2019", code__in=list(DEMO)).order_by("code")
    )
    stations = sum(_count(c) for c in contests)
    if CountingRound.objects.filter(contest__in=contests).exists():
        # Every results page and download of ls2019 then says these are demonstration figures.
        services.results_mark_demo(election=contests[0].election, note=NOTE)
    return {"stations": stations}
