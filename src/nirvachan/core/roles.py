"""Roles and what each may do. Scoping to admin units lives in the selectors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMISSION_ADMIN = "commission_admin", _("Commission administrator")
    RETURNING_OFFICER = "returning_officer", _("Returning officer")
    ASSISTANT_RETURNING_OFFICER = "assistant_returning_officer", _("Assistant returning officer")
    PRESIDING_OFFICER = "presiding_officer", _("Presiding officer")
    POLLING_OFFICER = "polling_officer", _("Polling officer")
    OBSERVER = "observer", _("Observer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    MEETING_SECRETARY = "meeting_secretary", _("Meeting secretary")


class Capability(models.TextChoices):
    OFFICE_VIEW = "office.view", _("See offices")
    OFFICE_CHANGE = "office.change", _("Create and change offices")
    AUDIT_VIEW = "audit.view", _("See the audit log")
    USER_MANAGE = "user.manage", _("Manage users and roles")
    ELECTION_VIEW = "election.view", _("See elections, contests and nominations")
    ELECTION_MANAGE = "election.manage", _("Create elections, phases and contests")
    NOMINATION_MANAGE = "nomination.manage", _("Receive and decide nominations")
    FINANCE_VIEW = "finance.view", _("See budgets and allocation orders")
    FINANCE_CHANGE = "finance.change", _("Draft and issue allocation orders")
    ROLL_VIEW = "roll.view", _("See full elector records and part listings")
    ROLL_MANAGE = "roll.manage", _("Decide Form 6/7/8 applications and import rolls")
    MEETING_VIEW = "meeting.view", _("See meetings and minutes")
    MEETING_CHANGE = "meeting.change", _("Record meetings and minutes")


_ALL = frozenset(Capability)
CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COMMISSION_ADMIN: _ALL,
    Role.RETURNING_OFFICER: frozenset(
        {
            Capability.OFFICE_VIEW,
            Capability.OFFICE_CHANGE,
            Capability.ELECTION_VIEW,
            Capability.NOMINATION_MANAGE,
            Capability.FINANCE_VIEW,
            Capability.MEETING_VIEW,
        }
    ),
    Role.ASSISTANT_RETURNING_OFFICER: frozenset(
        {
            Capability.OFFICE_VIEW,
            Capability.ELECTION_VIEW,
            Capability.NOMINATION_MANAGE,
            Capability.MEETING_VIEW,
        }
    ),
    Role.PRESIDING_OFFICER: frozenset(
        {Capability.OFFICE_VIEW, Capability.ELECTION_VIEW, Capability.ROLL_VIEW}
    ),
    Role.POLLING_OFFICER: frozenset({Capability.ELECTION_VIEW, Capability.ROLL_VIEW}),
    Role.OBSERVER: frozenset(
        {
            Capability.OFFICE_VIEW,
            Capability.AUDIT_VIEW,
            Capability.ELECTION_VIEW,
            Capability.FINANCE_VIEW,
            Capability.MEETING_VIEW,
        }
    ),
    Role.FINANCE_OFFICER: frozenset(
        {Capability.OFFICE_VIEW, Capability.FINANCE_VIEW, Capability.FINANCE_CHANGE}
    ),
    Role.MEETING_SECRETARY: frozenset(
        {Capability.OFFICE_VIEW, Capability.MEETING_VIEW, Capability.MEETING_CHANGE}
    ),
}
