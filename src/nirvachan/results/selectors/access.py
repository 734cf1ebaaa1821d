"""Which elections and contests have results, and who may see or enter them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import _paths_q, scope_for
from nirvachan.elections.models import Contest, Election
from nirvachan.results.errors import ResultsErrorCode as Code
from nirvachan.results.models import (
    DemoResults,
)


def election_with_results_list() -> QuerySet[Election]:
    """Elections with at least one published counting round, newest first."""
    return (
        Election.objects.filter(contests__rounds__published_at__isnull=False)
        .distinct()
        .order_by("-code")
    )


DEMO_MARKERS = ("(demo)", "(নমুনা)", "(नमूना)")  # as the elections demo names its elections


def is_demo(election: Election) -> bool:
    """Whether the election's results here are demonstration figures, not official ones: the
    results demo marks the elections it counts; the elections demo names its own "(demo)"."""
    names = (election.name_en or "", election.name_bn or "", election.name_hi or "")
    if any(marker in name for name in names for marker in DEMO_MARKERS):
        return True
    return DemoResults.objects.filter(election=election).exists()


def election_get(*, code: str) -> Election:
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise DomainError(
            Code.NOT_FOUND, _("No election has the code %(code)s.") % {"code": code}, code=code
        )
    return election


def contest_get(*, election: Election, contest_id: int) -> Contest:
    contest = (
        Contest.objects.select_related("election", "constituency", "unit", "phase")
        .filter(election=election, pk=contest_id)
        .first()
    )
    if contest is None:
        raise DomainError(
            Code.NOT_FOUND,
            _("Contest %(id)s of %(election)s was not found.")
            % {"id": contest_id, "election": election.code},
            id=contest_id,
        )
    return contest


def contest_get_for_user(user: Any, contest_id: int, *, for_change: bool = False) -> Contest:
    """A contest the user may see as an officer (election.view in its unit); 403 when the role
    may not enter results there."""
    contest = (
        Contest.objects.select_related("election", "constituency", "unit", "phase")
        .filter(_paths_q(user, Capability.ELECTION_VIEW, "unit__path"), pk=contest_id)
        .first()
    )
    if contest is None:
        raise DomainError(
            Code.NOT_FOUND, _("Contest %(id)s was not found.") % {"id": contest_id}, id=contest_id
        )
    if for_change and not can_manage(user, contest):
        raise DomainError(
            Code.PERMISSION_DENIED,
            _("Your role does not allow entering results."),
            id=contest_id,
        )
    return contest


def require_results_role(user: Any) -> None:
    """403 unless the user's role may enter results somewhere."""
    if scope_for(user, Capability.RESULTS_MANAGE) is None:
        raise DomainError(Code.PERMISSION_DENIED, _("Your role does not allow entering results."))


def can_manage(user: Any, contest: Contest) -> bool:
    return scope_for(user, Capability.RESULTS_MANAGE, contest.unit.path) is not None


def contest_list_for_user(user: Any) -> QuerySet[Contest]:
    return (
        Contest.objects.select_related("election", "unit", "phase")
        .filter(_paths_q(user, Capability.ELECTION_VIEW, "unit__path"))
        .order_by("election__code", "code")
    )
