"""Nominations: filing, scrutiny, withdrawal and the final list of a contest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.elections import events
from nirvachan.elections.ballot_order import MAX_ENTRIES
from nirvachan.elections.errors import ElectionsErrorCode as Code
from nirvachan.elections.models import Contest, Nomination, Party, Phase, Symbol
from nirvachan.elections.services._common import _require, _text

# --- nominations ----------------------------------------------------------------------------


def _not_final(contest: Contest) -> None:
    if contest.final_list_published_at is not None:
        raise DomainError(
            Code.FINAL_LIST_PUBLISHED,
            _("The list of contesting candidates of %(contest)s is published already.")
            % {"contest": contest.name},
        )


def _deadline(phase: Phase, field: str, label: str, on: dt.date) -> None:
    last: dt.date | None = getattr(phase, field)
    if last is not None and on > last:
        raise DomainError(
            Code.DEADLINE_PASSED,
            _("The %(milestone)s was %(day)s.") % {"milestone": label, "day": last.isoformat()},
            field=field,
        )


def party_recognised_for(party: Party, contest: Contest) -> bool:
    """National parties everywhere; state parties in their states (elsewhere: registered)."""
    if party.kind == Party.Kind.NATIONAL:
        return True
    if party.kind == Party.Kind.STATE:
        return any(contest.unit.path.startswith(u.path) for u in party.recognised_in.all())
    return False


def nomination_file(
    *,
    actor: Any = None,
    contest: Contest,
    name_en: str = "",
    name_bn: str = "",
    name_hi: str = "",
    party: Party | None = None,
    symbol: Symbol | None = None,
    category: str = Nomination.Category.GENERAL,
    on: dt.date | None = None,
) -> Nomination:
    on = on or timezone.localdate()
    if not (_text(name_en) or _text(name_bn) or _text(name_hi)):
        raise DomainError(Code.VALIDATION, _("The candidate's name is required."), field="name_en")
    if category not in Nomination.Category.values:
        raise DomainError(
            Code.VALIDATION, pgettext("candidate category", "Unknown category."), field="category"
        )
    if contest.reservation in (Contest.Reservation.SC, Contest.Reservation.ST) and (
        category != contest.reservation
    ):
        raise DomainError(
            Code.VALIDATION,
            _("%(contest)s is reserved; the candidate must belong to the reserved category.")
            % {"contest": contest.name},
            field="category",
        )
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, contest.unit)
    _not_final(contest)
    _deadline(contest.phase, "nomination_last_date", _("last date of nominations"), on)
    if party is not None and party_recognised_for(party, contest):
        reserved = party.symbols.filter(kind=Symbol.Kind.RESERVED).first()
        if symbol is None:
            symbol = reserved
        elif symbol != reserved:
            raise DomainError(
                Code.VALIDATION,
                _("A candidate of %(abbr)s stands on the party's reserved symbol.")
                % {"abbr": party.abbreviation},
                field="symbol",
            )
    elif symbol is not None and symbol.kind != Symbol.Kind.FREE:
        raise DomainError(
            Code.VALIDATION,
            _("The symbol %(symbol)s is reserved for another party.") % {"symbol": symbol.name},
            field="symbol",
        )
    election = contest.election
    deposit = (
        election.deposit_reserved
        if category in (Nomination.Category.SC, Nomination.Category.ST)
        else election.deposit_general
    )
    nomination = Nomination(
        contest=contest,
        name_en=_text(name_en),
        name_bn=_text(name_bn),
        name_hi=_text(name_hi),
        party=party,
        symbol=symbol,
        category=category,
        deposit=deposit,
        filed_on=on,
        filed_by=actor,
    )
    try:
        with transaction.atomic():
            if (
                Nomination.objects.filter(contest=contest)
                .exclude(status__in=[Nomination.Status.REJECTED, Nomination.Status.WITHDRAWN])
                .count()
                + 2
                > MAX_ENTRIES
            ):
                raise DomainError(
                    Code.BALLOT_TOO_LONG,
                    _("The ballot of %(contest)s cannot take more than %(max)s entries.")
                    % {"contest": contest.name, "max": MAX_ENTRIES},
                )
            nomination.save()
            audit_record(
                event_type=events.NOMINATION_FILED,
                actor=actor,
                actor_role=actor_role,
                obj=nomination,
                summary={
                    "contest": contest.code,
                    "name": nomination.name_en or nomination.name_bn or nomination.name_hi,
                    "party": party.abbreviation if party else "",
                    "deposit": str(deposit),
                },
            )
    except IntegrityError:
        raise DomainError(
            Code.DUPLICATE,
            _("%(contest)s has a nomination of this party or on this symbol already.")
            % {"contest": contest.name},
            field="party",
        ) from None
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().select_related("contest").get(pk=nomination.pk)


def nomination_scrutinise(
    *, actor: Any = None, nomination: Nomination, accept: bool, reason: str = ""
) -> Nomination:
    """Accept, or reject with a reason, a filed nomination."""
    reason = _text(reason)
    if not accept and not reason:
        raise DomainError(
            Code.VALIDATION, _("A rejection needs a reason."), field="rejection_reason"
        )
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, nomination.contest.unit)
    with transaction.atomic():
        current = _locked(nomination)
        _not_final(current.contest)
        if current.status != Nomination.Status.FILED:
            raise DomainError(
                Code.WRONG_STATE,
                _("The nomination of %(name)s was decided already (%(status)s).")
                % {"name": current.name, "status": current.get_status_display()},
                status=current.status,
            )
        current.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.REJECTED
        current.rejection_reason = "" if accept else reason
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "rejection_reason", "decided_at"])
        audit_record(
            event_type=events.NOMINATION_ACCEPTED if accept else events.NOMINATION_REJECTED,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.contest.code, "reason": current.rejection_reason},
        )
    return current


def nomination_withdraw(
    *, actor: Any = None, nomination: Nomination, on: dt.date | None = None
) -> Nomination:
    on = on or timezone.localdate()
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, nomination.contest.unit)
    with transaction.atomic():
        current = _locked(nomination)
        _not_final(current.contest)
        _deadline(current.contest.phase, "withdrawal_last_date", _("last date of withdrawal"), on)
        if current.status != Nomination.Status.ACCEPTED:
            raise DomainError(
                Code.WRONG_STATE,
                _("Only an accepted nomination can be withdrawn; %(name)s's is %(status)s.")
                % {"name": current.name, "status": current.get_status_display()},
                status=current.status,
            )
        current.status = Nomination.Status.WITHDRAWN
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["status", "withdrawn_at"])
        audit_record(
            event_type=events.NOMINATION_WITHDRAWN,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.contest.code},
        )
    return current


def contest_final_list_publish(*, actor: Any = None, contest: Contest) -> Contest:
    """Freeze the contesting candidates (accepted, not withdrawn); no filed nomination may be
    left undecided."""
    actor_role = _require(actor, Capability.NOMINATION_MANAGE, contest.unit)
    with transaction.atomic():
        current = Contest.objects.select_for_update().get(pk=contest.pk)
        _not_final(current)
        pending = current.nominations.filter(status=Nomination.Status.FILED).count()
        if pending:
            raise DomainError(
                Code.WRONG_STATE,
                _("%(count)s nominations of %(contest)s still await scrutiny.")
                % {"count": pending, "contest": current.name},
                pending=pending,
            )
        current.final_list_published_at = timezone.now()
        current.save(update_fields=["final_list_published_at"])
        contesting = current.nominations.filter(status=Nomination.Status.ACCEPTED).count()
        audit_record(
            event_type=events.FINAL_LIST_PUBLISHED,
            actor=actor,
            actor_role=actor_role,
            obj=current,
            summary={"contest": current.code, "contesting": contesting},
        )
    return current
