"""Command-line pieces: `nirvachan results summary` output, and the `audit draw` / `audit rla`
subcommands for core's `nirvachan audit` command (add_audit_subcommands + handle_audit)."""

from __future__ import annotations

import json
import sys
from typing import Any

from nirvachan.results import rla, selectors, vvpat
from nirvachan.results.rla_messages import rla_refusal


def summary(election_code: str) -> list[dict[str, Any]]:
    election = selectors.election_get(code=election_code)
    out = []
    for o in selectors.election_outcomes(election, published_only=False):
        r = o.result
        runner = r.runner_up
        out.append(
            {
                "constituency": o.contest.code,
                "winner": [o.candidates[k].name_en for k in r.winners],
                "runner_up": o.candidates[runner.key].name_en if runner else None,
                "margin": r.margin,
                "nota": r.nota,
                "forfeited_deposit": [o.candidates[c.key].name_en for c in r.candidates
                                      if c.forfeits],
            }
        )  # fmt: skip
    return out


def add_audit_subcommands(subparsers: Any) -> None:
    draw = subparsers.add_parser("draw", help="draw the VVPAT sample of a segment")
    draw.add_argument("--segment", required=True, help="contest id and segment: CONTEST:SEGMENT")
    draw.add_argument("--seed", required=True)
    audit = subparsers.add_parser("rla", help="BRAVO ballot-polling risk-limiting audit")
    audit.add_argument("--contest", type=int, required=True)
    audit.add_argument("--risk-limit", type=float, default=0.05)
    audit.add_argument("--ballots", default="", help="file of sampled ballots, one key a line")


def handle_audit(options: dict[str, Any], stdout: Any) -> int:
    from nirvachan.elections.models import Contest
    from nirvachan.results.models import StationReturn

    if options["action"] == "draw":
        from nirvachan.results.models import CountingRound

        contest_id, _sep, segment = str(options["segment"]).partition(":")
        rounds = CountingRound.objects.filter(contest_id=int(contest_id))
        if not rounds.exists() or rounds.filter(status=CountingRound.Status.OPEN).exists():
            stdout.write("refused: not every station result of the contest is in\n")
            return 2
        numbers = StationReturn.objects.filter(
            contest_id=int(contest_id), segment=segment, number__gt=0
        ).values_list("number", flat=True)
        try:
            drawn = vvpat.draw(options["seed"], numbers)
        except vvpat.DrawError as exc:
            stdout.write(f"refused: {exc}\n")
            return 2
        stdout.write(" ".join(str(n) for n in drawn) + "\n")
        return 0
    contest = Contest.objects.get(pk=options["contest"])
    outcome = selectors.contest_outcome(contest, published_only=False)
    reported = {c.key: c.votes for c in outcome.result.candidates}
    alpha = options["risk_limit"]
    try:
        asn = rla.expected_sample_size(reported, list(outcome.result.winners), alpha)
        state = rla.start(reported, list(outcome.result.winners), alpha)
    except rla.AuditError as exc:
        stdout.write(f"refused: {rla_refusal(exc, outcome).message}\n")
        return 2
    stdout.write(json.dumps({"expected_sample_size": asn}) + "\n")
    source = open(options["ballots"], encoding="utf-8") if options["ballots"] else sys.stdin  # noqa: SIM115
    for line in source:
        if not line.strip():
            continue
        state = rla.step(state, line.strip())
        stdout.write(json.dumps({"sampled": state.sampled, "risk": round(state.risk, 6)}) + "\n")
        if state.confirmed:
            break
    verdict = "confirmed" if state.confirmed else "full count"
    stdout.write(json.dumps({"outcome": verdict, "sampled": state.sampled}) + "\n")
    return 0
