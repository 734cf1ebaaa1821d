"""Reports of the bodies, answering their obligations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core.audit import audit_record
from nirvachan.core.errors import DomainError
from nirvachan.core.roles import Capability
from nirvachan.core.selectors import require_scope
from nirvachan.monitoring import events
from nirvachan.monitoring.errors import MonitoringErrorCode as Code
from nirvachan.monitoring.models import Body, Obligation, Report
from nirvachan.monitoring.services._common import _nfc, _required


def report_submit(
    *,
    actor: Any,
    body: Body,
    situation: str,
    obligation: Obligation | None = None,
    law_and_order: str = "",
    code_of_conduct: str = "",
    expenses_observed: str = "",
    attachment: Any = None,
    at: dt.datetime | None = None,
) -> Report:
    """A report of the body, answering one obligation (or none: an event report)."""
    actor_role = require_scope(actor, Capability.MONITORING_CHANGE, body.unit)
    situation = _required(situation, "situation", _("Situation summary"))
    with transaction.atomic():
        if obligation is not None:
            obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
            if obligation.body_id != body.pk or obligation.superseded_at is not None:
                raise DomainError(
                    Code.VALIDATION,
                    _("Obligation %(id)s is not open for %(body)s.")
                    % {"id": obligation.pk, "body": body.name},
                    field="obligation",
                )
            if Report.objects.filter(obligation=obligation).exists():
                raise DomainError(
                    Code.ALREADY_REPORTED,
                    _("The report due on %(date)s was already submitted.")
                    % {"date": obligation.due_on.isoformat()},
                    obligation=obligation.pk,
                )
        report = Report.objects.create(
            body=body,
            obligation=obligation,
            submitted_at=at or timezone.now(),
            submitted_by=actor,
            situation=situation,
            law_and_order=_nfc(law_and_order),
            code_of_conduct=_nfc(code_of_conduct),
            expenses_observed=_nfc(expenses_observed),
            attachment=attachment or "",
        )
        if obligation is not None:
            Obligation.objects.filter(pk=obligation.pk).update(reported_at=report.submitted_at)
        audit_record(
            event_type=events.REPORT_SUBMITTED,
            actor=actor,
            actor_role=actor_role,
            obj=report,
            summary={
                "body": body.pk,
                "obligation": obligation.pk if obligation else None,
                "late": bool(obligation and report.submitted_at > obligation.due_at),
            },
        )
    return report
