"""Possible duplicates: loading the de-duplication output for review, and the officer's verdict.

"Same person" raises a Form 7 notice (with its hearing) on the later entry; "different people"
is kept on the pair, so that neither a reload of the same output nor a Form 6 flag proposes the
pair again. Every step is audited.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope, scope_for
from nirvachan.roll import events, rules
from nirvachan.roll.errors import RollErrorCode
from nirvachan.roll.models import Application, DuplicatePair, Elector
from nirvachan.roll.services.applications import HEARING_AFTER_DAYS, deletion_notice_create

PAIRS_COLUMNS = ("epic_a", "epic_b", "match_probability")
MAX_PAIR_ROWS = 200_000


@dataclass(frozen=True)
class PairRow:
    line: int
    key_a: str
    key_b: str
    probability: float


def pairs_parse(data: bytes) -> list[PairRow]:
    """The rows of a `nirvachan roll dedupe` output (epic_a, epic_b, match_probability[,
    cluster]); the first bad line is reported with its number and nothing is kept."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            RollErrorCode.VALIDATION, _("The file is not UTF-8 text."), field="file"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in PAIRS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError(
            RollErrorCode.VALIDATION,
            _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
            field="file",
        )
    rows: list[PairRow] = []
    for row in reader:
        line = reader.line_num
        if len(rows) >= MAX_PAIR_ROWS:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("At most %(n)s pairs can be loaded at once.") % {"n": MAX_PAIR_ROWS},
                field="file",
            )
        key_a = rules.clean_key(row.get("epic_a") or "")
        key_b = rules.clean_key(row.get("epic_b") or "")
        try:
            probability = float(rules.to_ascii((row.get("match_probability") or "").strip()))
        except ValueError:
            probability = -1.0
        if rules.key_kind_of(key_a) is None or rules.key_kind_of(key_b) is None or key_a == key_b:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Line %(line)s: epic_a and epic_b must be two EPIC or NID numbers.")
                % {"line": line},
                field="file",
                line=line,
            )
        if not 0.0 <= probability <= 1.0:
            raise DomainError(
                RollErrorCode.VALIDATION,
                _("Line %(line)s: match_probability must be a number from 0 to 1.")
                % {"line": line},
                field="file",
                line=line,
            )
        rows.append(PairRow(line, key_a, key_b, probability))
    return rows


def _ordered(a: Elector, b: Elector) -> tuple[Elector, Elector]:
    return (a, b) if a.pk < b.pk else (b, a)


def duplicate_pairs_load(*, actor: Any, rows: Iterable[PairRow]) -> dict[str, int]:
    """Keep the pairs for review whose later entry lies in the actor's scope. Pairs already
    known (open, or decided either way) are skipped, as are unknown or inactive entries."""
    rows = list(rows)
    if actor is not None and scope_for(actor, Capability.ROLL_MANAGE) is None:
        raise DomainError(
            RollErrorCode.PERMISSION_DENIED,
            _("Your role does not allow reviewing possible duplicates."),
        )
    keys = {k for r in rows for k in (r.key_a, r.key_b)}
    electors: dict[str, Elector] = {}
    key_list = sorted(keys)
    for start in range(0, len(key_list), 500):
        for e in Elector.objects.select_related("constituency__unit").filter(
            key__in=key_list[start : start + 500], status=Elector.Status.ACTIVE
        ):
            electors[e.key] = e
    counts = {"rows": len(rows), "created": 0, "known": 0, "unknown": 0, "out_of_scope": 0}
    with transaction.atomic():
        for row in rows:
            a, b = electors.get(row.key_a), electors.get(row.key_b)
            if a is None or b is None:
                counts["unknown"] += 1
                continue
            first, second = _ordered(a, b)
            if actor is not None and (
                scope_for(actor, Capability.ROLL_MANAGE, second.constituency.unit.path) is None
            ):
                counts["out_of_scope"] += 1
                continue
            _pair, created = DuplicatePair.objects.get_or_create(
                first=first,
                second=second,
                defaults={"probability": row.probability, "source": DuplicatePair.Source.DEDUPE},
            )
            counts["created" if created else "known"] += 1
        audit_record(event_type=events.DUPLICATES_LOADED, actor=actor, summary=counts)
    return counts


def duplicate_pair_from_form6(*, existing: Elector, new: Elector) -> DuplicatePair | None:
    """An accepted Form 6 that was flagged: the new entry and the flagged one go to review,
    unless an officer already found them different (called inside the decision's
    transaction, which audits the acceptance)."""
    if existing.pk == new.pk:
        return None
    first, second = _ordered(existing, new)
    pair, _created = DuplicatePair.objects.get_or_create(
        first=first, second=second, defaults={"source": DuplicatePair.Source.FORM6}
    )
    return pair


def duplicate_decide(*, actor: Any, pair: DuplicatePair, same: bool) -> DuplicatePair:
    """The officer's verdict. Same person: a Form 7 notice on the later entry, hearing in 7
    days (or the Form 7 already pending on it). Different people: remembered."""
    second = pair.second
    actor_role = require_scope(actor, Capability.ROLL_MANAGE, second.constituency.unit)
    now = timezone.now()
    with transaction.atomic():
        locked = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
        if locked.verdict != DuplicatePair.Verdict.OPEN:
            raise DomainError(
                RollErrorCode.WRONG_STATE,
                _("This pair was already reviewed."),
                id=locked.pk,
            )
        later = Elector.objects.select_related("constituency", "part").get(pk=locked.second_id)
        earlier = Elector.objects.only("key", "status").get(pk=locked.first_id)
        if same:
            for entry in (earlier, later):  # one of them gone: nothing left to de-duplicate
                if entry.status != Elector.Status.ACTIVE:
                    raise DomainError(
                        RollErrorCode.WRONG_STATE,
                        _("%(epic)s is no longer an active entry.") % {"epic": entry.key},
                        id=locked.pk,
                    )
            pending = Application.objects.filter(
                form=Application.Form.DELETION,
                elector=later,
                status__in=(Application.Status.SUBMITTED, Application.Status.VERIFIED),
            ).first()
            locked.notice = pending or deletion_notice_create(
                elector=later,
                applicant_ref=f"ERO:{actor.get_username()}"[:40] if actor else "ERO",
                reason=f"Duplicate of {earlier.key}",
                hearing_date=timezone.localdate(now) + dt.timedelta(days=HEARING_AFTER_DAYS),
                now=now,
                raised_by=actor if getattr(actor, "is_authenticated", False) else None,
                actor_role=actor_role,
            )
        locked.verdict = DuplicatePair.Verdict.SAME if same else DuplicatePair.Verdict.DIFFERENT
        locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.decided_at = now
        locked.save(update_fields=["verdict", "notice", "decided_by", "decided_at"])
        audit_record(
            event_type=events.DUPLICATE_CONFIRMED if same else events.DUPLICATE_DISMISSED,
            actor=actor,
            actor_role=actor_role,
            obj=locked,
            summary={
                "earlier": earlier.key,
                "later": later.key,
                "source": locked.source,
                "notice": locked.notice_id,
            },
        )
    return locked
