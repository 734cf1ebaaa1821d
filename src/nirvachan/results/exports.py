"""Results as JSON, CSV and the NIST SP 1500-100 Election Results Common Data Format (JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from nirvachan.results.selectors import ContestOutcome, ElectionSummary

DEMO_NOTE = (
    "Demonstration figures loaded by the Nirvachan demo: not official results of this election."
)

CSV_COLUMNS = [
    "state",
    "constituency",
    "candidate",
    "party",
    "general_votes",
    "postal_votes",
    "total_votes",
    "share",
    "elected",
    "forfeits_deposit",
]


def contest_json(o: ContestOutcome) -> dict[str, Any]:
    r = o.result
    return {
        "contest": o.contest.pk,
        "code": o.contest.code,
        "name": o.contest.name or (o.contest.constituency.name if o.contest.constituency else ""),
        "declared": o.declared,
        "valid_votes": r.valid_votes,
        "nota": r.nota,
        "margin": r.margin,
        "winners": [o.candidates[k].name for k in r.winners],
        "tied": [o.candidates[k].name for k in r.tied],
        "candidates": [
            {
                k: row[k]
                for k in (
                    "key",
                    "name",
                    "abbr",
                    "general",
                    "postal",
                    "votes",
                    "share",
                    "elected",
                    "forfeits",
                )
            }
            | {"party": row["abbr"]}
            for row in o.rows
            if not row["nota"]
        ],
    }


def summary_json(s: ElectionSummary, *, demo: bool = False) -> dict[str, Any]:
    """The election's totals; `demonstration` (with a note) when the figures are demo ones."""
    n = s.national
    out: dict[str, Any] = {
        "election": s.election.code,
        "demonstration": demo,
        "contests": n.contests,
        "declared": n.declared,
        "valid_votes": n.valid_votes,
        "nota": n.nota,
        "parties": [
            {"party": p.party, "seats": p.seats, "votes": p.votes, "share": float(p.share)}
            for p in n.parties
        ],
    }
    if demo:
        out["note"] = DEMO_NOTE
    return out


def results_csv(s: ElectionSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    states = {
        o.contest.pk: unit.name_en
        for unit, _t in s.states
        for o in s.outcomes
        if o.contest.unit.path.startswith(unit.path)
    }
    for o in s.outcomes:
        name = o.contest.constituency.name_en if o.contest.constituency else o.contest.name_en
        for row in o.rows:
            n = row["nomination"]
            writer.writerow(
                [
                    states.get(o.contest.pk, ""),
                    name,
                    "None of the Above" if row["nota"] else n.name_en or n.name,
                    row["abbr"],
                    row["general"],
                    row["postal"],
                    row["votes"],
                    f"{row['share']:.4f}",
                    int(row["elected"]),
                    int(row["forfeits"]),
                ]
            )
    return out.getvalue()


def nist_cdf(
    s: ElectionSummary, *, demo: bool = False, generated: dt.datetime | None = None
) -> dict[str, Any]:
    """An ElectionReport in the NIST SP 1500-100 v2 JSON format: GpUnits for the country,
    states and constituencies; a CandidateContest per contest with CandidateSelections and
    their VoteCounts (election-day and postal as separate CountItemTypes). Demonstration
    figures are marked IsTest with TestType "demonstration" and a note.

    Valid against the schema subset in ``schema/nist_1500_100_v2_subset.json`` (tested)."""
    e = s.election
    country_id = f"gpu-{e.country}"
    gp_units: list[dict[str, Any]] = [
        {
            "@type": "ElectionResults.ReportingUnit",
            "@id": country_id,
            "Type": "country",
            "Name": e.country,
            "ComposingGpUnitIds": [f"gpu-{unit.code}" for unit, _t in s.states],
        },
    ]
    for unit, _t in s.states:
        gp_units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": f"gpu-{unit.code}",
                "Type": "state",
                "Name": unit.name_en,
                "ComposingGpUnitIds": [
                    f"gpu-c{o.contest.pk}"
                    for o in s.outcomes
                    if o.contest.unit.path.startswith(unit.path)
                ],
            }
        )
    parties: dict[str, dict[str, Any]] = {}
    people: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    contests: list[dict[str, Any]] = []
    for o in s.outcomes:
        gp = f"gpu-c{o.contest.pk}"
        gp_units.append(
            {
                "@type": "ElectionResults.ReportingUnit",
                "@id": gp,
                "Type": "congressional",
                "Name": o.contest.name_en or o.contest.code,
            }
        )
        selections = []
        for row in o.rows:
            sel_id = f"cs-{o.contest.pk}-{row['key']}"
            counts = [
                {
                    "@type": "ElectionResults.VoteCounts",
                    "GpUnitId": gp,
                    "Type": "election-day",
                    "Count": row["general"],
                },
                {
                    "@type": "ElectionResults.VoteCounts",
                    "GpUnitId": gp,
                    "Type": "absentee-mail",
                    "Count": row["postal"],
                },
            ]
            if row["nota"]:
                selections.append(
                    {
                        "@type": "ElectionResults.CandidateSelection",
                        "@id": sel_id,
                        "IsWriteIn": False,
                        "CandidateIds": [],
                        "VoteCounts": counts,
                    }
                )
                continue
            n = row["nomination"]
            party_id = f"party-{row['abbr']}"
            parties.setdefault(
                party_id,
                {
                    "@type": "ElectionResults.Party",
                    "@id": party_id,
                    "Name": _text(row["party"]),
                    "Abbreviation": row["abbr"],
                },
            )
            person_id, cand_id = f"per-{n.pk}", f"can-{n.pk}"
            people.append(
                {
                    "@type": "ElectionResults.Person",
                    "@id": person_id,
                    "FullName": n.name_en or n.name,
                }
            )
            candidates.append(
                {
                    "@type": "ElectionResults.Candidate",
                    "@id": cand_id,
                    "BallotName": _text(n.name),
                    "PersonId": person_id,
                    "PartyId": party_id,
                    "IsTopTicket": True,
                }
            )
            selections.append(
                {
                    "@type": "ElectionResults.CandidateSelection",
                    "@id": sel_id,
                    "CandidateIds": [cand_id],
                    "VoteCounts": counts,
                }
            )
        contests.append(
            {
                "@type": "ElectionResults.CandidateContest",
                "@id": f"con-{o.contest.pk}",
                "Name": o.contest.name_en or o.contest.code,
                "ElectionDistrictId": gp,
                "VotesAllowed": o.contest.seats,
                "NumberElected": o.contest.seats,
                "ContestSelection": selections,
            }
        )
    polls = [p.poll_date for p in e.phases.all()]
    election = {
        "@type": "ElectionResults.Election",
        "Name": _text(e.name_en),
        "ElectionScopeId": country_id,
        "Type": "general"
        if e.kind == "general"
        else "special"
        if e.kind == "by_election"
        else "other",
        "StartDate": str(min(polls, default=e.created_at.date())),
        "EndDate": str(max(polls, default=e.created_at.date())),
        "Contest": contests,
        "Candidate": candidates,
    }
    if election["Type"] == "other":
        election["OtherType"] = e.kind
    at = (generated or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    complete = bool(s.outcomes) and all(o.declared for o in s.outcomes)
    report: dict[str, Any] = {
        "@type": "ElectionResults.ElectionReport",
        "Format": "summary-contest",
        "GeneratedDate": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Issuer": "Nirvachan",
        "IssuerAbbreviation": "NV",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "unofficial-complete" if complete else "unofficial-partial",
        "VendorApplicationId": "nirvachan",
        "Election": [election],
        "GpUnit": gp_units,
        "Party": list(parties.values()),
        "Person": people,
    }
    if demo:
        report["IsTest"] = True
        report["TestType"] = "demonstration"
        report["Notes"] = DEMO_NOTE
    return report


def _text(value: str) -> dict[str, Any]:
    """A NIST InternationalizedText."""
    return {
        "@type": "ElectionResults.InternationalizedText",
        "Text": [
            {"@type": "ElectionResults.LanguageString", "Content": str(value), "Language": "en"}
        ],
    }
