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
    ELECTORAL_REGISTRATION_OFFICER = (
        "electoral_registration_officer",
        _("Electoral registration officer"),
    )
    BOOTH_LEVEL_OFFICER = "booth_level_officer", _("Booth-level officer")


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
    ROLL_VERIFY = "roll.verify", _("Record field verification reports on roll applications")
    ROLL_MANAGE = "roll.manage", _("Decide Form 6/7/8 applications and import rolls")
    MONITORING_VIEW = "monitoring.view", _("See monitoring bodies, reports and incidents")
    MONITORING_CHANGE = "monitoring.change", _("Form bodies, file reports, handle incidents")
    MONITORING_OBSERVE = (
        "monitoring.observe",
        _("Keep the shadow expense register and report incidents"),
    )
    RESULTS_MANAGE = "results.manage", _("Enter counts, run audits and publish results")
    MEETING_VIEW = "meeting.view", _("See meetings and minutes")
    MEETING_CHANGE = "meeting.change", _("Record meetings and minutes")


_ALL = frozenset(Capability)
C = Capability
CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COMMISSION_ADMIN: _ALL,
    Role.RETURNING_OFFICER: frozenset(
        {
            C.OFFICE_VIEW,
            C.OFFICE_CHANGE,
            C.ELECTION_VIEW,
            C.NOMINATION_MANAGE,
            C.ROLL_VIEW,
            C.ROLL_VERIFY,
            C.ROLL_MANAGE,
            C.MONITORING_VIEW,
            C.MONITORING_CHANGE,
            C.RESULTS_MANAGE,
            C.FINANCE_VIEW,
            C.MEETING_VIEW,
        }
    ),
    Role.ASSISTANT_RETURNING_OFFICER: frozenset(
        {
            C.OFFICE_VIEW,
            C.ELECTION_VIEW,
            C.NOMINATION_MANAGE,
            C.ROLL_VIEW,
            C.ROLL_VERIFY,
            C.ROLL_MANAGE,
            C.MONITORING_VIEW,
            C.MONITORING_CHANGE,
            C.MEETING_VIEW,
        }
    ),
    Role.PRESIDING_OFFICER: frozenset({C.OFFICE_VIEW, C.ELECTION_VIEW, C.ROLL_VIEW}),
    Role.POLLING_OFFICER: frozenset({C.ELECTION_VIEW, C.ROLL_VIEW}),
    Role.OBSERVER: frozenset(
        {
            C.OFFICE_VIEW,
            C.AUDIT_VIEW,
            C.ELECTION_VIEW,
            C.ROLL_VIEW,
            C.MONITORING_VIEW,
            # Observers watch: they keep the shadow register and report incidents, but do not
            # form bodies, move incidents or issue circulars (MONITORING_CHANGE).
            C.MONITORING_OBSERVE,
            C.FINANCE_VIEW,
            C.MEETING_VIEW,
        }
    ),
    Role.FINANCE_OFFICER: frozenset({C.OFFICE_VIEW, C.FINANCE_VIEW, C.FINANCE_CHANGE}),
    Role.MEETING_SECRETARY: frozenset({C.OFFICE_VIEW, C.MEETING_VIEW, C.MEETING_CHANGE}),
    # The roll's own officers (India: ERO per assembly constituency, BLO per part).
    Role.ELECTORAL_REGISTRATION_OFFICER: frozenset(
        {C.OFFICE_VIEW, C.ROLL_VIEW, C.ROLL_VERIFY, C.ROLL_MANAGE}
    ),
    Role.BOOTH_LEVEL_OFFICER: frozenset({C.ROLL_VIEW, C.ROLL_VERIFY}),
}
